using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.EndToEndTests.Cli;
using SkillsGap.Host.Security;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>The embedded signing key lives in the database: every host on it, and <c>skillsgap token</c>, share it.</summary>
[Collection(HostCollection.Name)]
public sealed class SharedKeyTests
{
    [Fact]
    public async Task Two_hosts_on_one_database_accept_each_others_tokens()
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-two-hosts-").FullName;
        await using var first = await TestHost.StartAsync(folder);
        await using var second = await TestHost.StartAsync(folder);
        Assert.Equal(first.App.Services.GetRequiredService<SigningKeyStore>().Current.Key,
            second.App.Services.GetRequiredService<SigningKeyStore>().Current.Key);

        using var response = await second.Client.SendAsync(second.Request(HttpMethod.Get, "/api/org/gaps", first.Token("hr")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_the_cli_is_accepted_by_a_host_on_the_same_database()
    {
        using var cli = new CliRunner();
        var init = await cli.RunAsync("token", "--role", "hr", "--days", "1");
        Assert.True(init.ExitCode == 0, init.ToString());
        var token = init.StdOut.Trim();

        // The CLI created the key on a fresh database; the host, started later on that file, loads the same one.
        await using var host = await TestHost.StartAsync(cli.WorkFolder);
        using var response = await host.Client.SendAsync(host.Request(HttpMethod.Get, "/api/org/gaps", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_cli_refuses_a_manager_token_for_someone_not_on_the_roster()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("token", "--role", "manager", "--employee", "E-0001");
        // The database is empty: E-0001 is on no roster.
        Assert.Equal(2, result.ExitCode);
        var missing = await cli.RunAsync("token", "--role", "employee");
        Assert.Equal(2, missing.ExitCode);
    }
}
