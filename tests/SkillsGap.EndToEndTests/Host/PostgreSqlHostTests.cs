using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.Host.Security;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>A fact that is skipped, saying why, when no PostgreSQL is available (unless SKILLSGAP_REQUIRE_POSTGRES=1).</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason && !PostgresServer.Required) Skip = reason;
    }
}

/// <summary>The scale-out storage: two hosts on one PostgreSQL database, Hangfire.PostgreSql as their job storage.</summary>
[Collection(HostCollection.Name)]
public sealed class PostgreSqlHostTests
{
    [PostgreSqlFact]
    public async Task Two_hosts_on_postgresql_share_the_signing_key_and_run_a_background_import()
    {
        var name = "skillsgap_host_" + Guid.NewGuid().ToString("N")[..12];
        var connection = await PostgresServer.CreateDatabaseAsync(name);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:SkillsGap"] = connection,
            };
            var folder = Directory.CreateTempSubdirectory("skillsgap-pg-host-").FullName;
            await using var first = await TestHost.StartAsync(folder, settings);
            await using var second = await TestHost.StartAsync(folder, settings);
            Assert.Equal(first.App.Services.GetRequiredService<SigningKeyStore>().Current.Key,
                second.App.Services.GetRequiredService<SigningKeyStore>().Current.Key);

            using var health = await second.Client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // Over the 2000-byte threshold: a Hangfire job in PostgreSQL, run by whichever host's server takes it.
            var csv = "skill_code,skill_name\n" + string.Concat(Enumerable.Range(1, 80).Select(i => $"PG-{i:000},PostgreSQL skill number {i:000}\n"));
            using var request = first.Request(HttpMethod.Post, "/api/imports/skills", second.Token("hr"));
            request.Content = Uploads.Csv("pg.csv", csv);
            using var accepted = await first.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

            var until = DateTime.UtcNow.AddMinutes(2);
            JsonElement status;
            do
            {
                await Task.Delay(300);
                using var poll = await second.Client.SendAsync(second.Request(HttpMethod.Get, accepted.Headers.Location!.ToString(), first.Token("hr")));
                status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.Clone();
                Assert.True(DateTime.UtcNow < until, status.ToString());
            }
            while (status.GetProperty("status").GetString() is "queued" or "running");
            Assert.Equal("succeeded", status.GetProperty("status").GetString());
            Assert.Equal(80, status.GetProperty("result").GetProperty("total").GetProperty("inserted").GetInt32());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }
}
