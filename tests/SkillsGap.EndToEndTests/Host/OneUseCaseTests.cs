using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// One use case per operation, whichever door: training through the API's job and through the CLI stores the same model;
/// background imports started at once each report their own <c>imports</c> ledger rows.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OneUseCaseTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Training_through_the_api_and_through_the_cli_on_the_same_database_stores_the_same_model()
    {
        // The samples' last award day: a door that learned only from the awards strictly before the as-of day, or that
        // did not cap the cases, would store another window and other case counts.
        var asOf = File.ReadLines(Path.Combine(CliRunner.SamplesFolder, "awards.csv")).Skip(1)
            .Select(line => DateOnly.ParseExact(line.Split(',')[2], "yyyy-MM-dd", CultureInfo.InvariantCulture)).Max();
        var day = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Post, $"/api/models/train?asOf={day}", Host.Token("hr")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var job = await PollAsync(response.Headers.Location!.ToString(), TimeSpan.FromMinutes(10));
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        var apiModel = job.GetProperty("result").GetProperty("modelId").GetInt64();

        using var cli = new CliRunner { DatabaseFile = Path.Combine(Host.Folder, "skillsgap.db") };
        var trained = await cli.RunAsync("train", "--as-of", day, "--format", "json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var cliModel = JsonDocument.Parse(trained.StdOut).RootElement.GetProperty("id").GetInt64();

        var models = await Host.WithDbAsync(db => db.Models.AsNoTracking().Where(m => m.Id == apiModel || m.Id == cliModel).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, models.Count);
        var (api, viaCli) = (models.Single(m => m.Id == apiModel), models.Single(m => m.Id == cliModel));
        Assert.Equal((api.DataFrom, api.DataUntil, api.TrainingCases, api.Trainer, api.Version),
            (viaCli.DataFrom, viaCli.DataUntil, viaCli.TrainingCases, viaCli.Trainer, viaCli.Version));
        // The window ends on the as-of day itself, and the metadata (validation metrics, blend, features) is the same text.
        Assert.Equal(asOf, api.DataUntil);
        Assert.Equal(api.MetadataJson, viaCli.MetadataJson);
        Assert.Equal(asOf.AddDays(1), job.GetProperty("result").GetProperty("trainUntil").GetString() is { } until
            ? DateOnly.ParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture) : default);
    }

    [Fact]
    public async Task Two_background_imports_started_at_once_each_report_their_own_ledger_rows()
    {
        // Each over the host's 2000-byte threshold: both become background jobs, running on the two workers together.
        string Csv(string prefix) => "skill_code,skill_name\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"{prefix}-{i:000},Skill {prefix} number {i:000} of this upload\n"));
        Assert.True(Csv("LEFT").Length > 2000);
        async Task<string> UploadAsync(string name, string csv)
        {
            using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
            request.Content = Uploads.Csv(name, csv);
            using var response = await Host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            return response.Headers.Location!.ToString();
        }

        var locations = await Task.WhenAll(UploadAsync("left.csv", Csv("LEFT")), UploadAsync("right.csv", Csv("RIGHT")));
        var statuses = await Task.WhenAll(locations.Select(l => PollAsync(l, TimeSpan.FromMinutes(2))));

        foreach (var (status, file) in statuses.Zip(["left.csv", "right.csv"]))
        {
            Assert.True(status.GetProperty("status").GetString() == "succeeded", status.ToString());
            var id = status.GetProperty("importRecordId").GetInt64();
            Assert.Equal([id], status.GetProperty("importRecordIds").EnumerateArray().Select(e => e.GetInt64()));
            var row = await Host.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == id));
            Assert.Equal((file, "imported", 60), (row.FileName, row.Status, row.Inserted));
        }
    }

    private async Task<JsonElement> PollAsync(string location, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            using var status = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, location, Host.Token("hr")));
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.Clone();
            if (json.GetProperty("status").GetString() is "succeeded" or "rejected" or "failed") return json;
            Assert.True(DateTime.UtcNow < until, $"{location} did not finish: {json}");
            await Task.Delay(200);
        }
    }
}
