using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>The API's documents, uploads, status resources, ProblemDetails and /health, on the sample organisation (OpenAPI: <see cref="OpenApiTests"/>).</summary>
[Collection(HostCollection.Name)]
public sealed class ApiTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    [Theory]
    [InlineData("/api/employees/E-0009/gaps?asOf=2026-06-30", "gaps", "--employee", "E-0009", "--as-of", "2026-06-30")]
    [InlineData("/api/employees/E-0009/gaps?asOf=2026-06-30&targetRole=SR-DEV", "gaps", "--employee", "E-0009", "--as-of", "2026-06-30", "--target-role", "SR-DEV")]
    [InlineData("/api/employees/E-0009/pathway?asOf=2026-06-30&targetRole=SR-DEV", "pathway", "--employee", "E-0009", "--as-of", "2026-06-30", "--target-role", "SR-DEV")]
    [InlineData("/api/teams/E-0008/gaps?asOf=2026-06-30", "gaps", "--manager", "E-0008", "--as-of", "2026-06-30")]
    [InlineData("/api/org/gaps?asOf=2026-06-30", "gaps", "--org", "--as-of", "2026-06-30")]
    public async Task A_get_returns_the_same_document_as_the_cli_json(string path, params string[] cli)
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, Host.Token("hr")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var api = await response.Content.ReadAsStringAsync();

        using var runner = new CliRunner();
        // The CLI reads a copy of the host's database, taken with SQLite's online backup.
        using (var source = new SqliteConnection($"Data Source={Path.Combine(Host.Folder, "skillsgap.db")};Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={runner.DatabaseFile};Pooling=False"))
        {
            source.Open();
            source.BackupDatabase(target);
        }
        var result = await runner.RunAsync([.. cli, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(result.StdOut.Trim(), api.Trim());
    }

    [Fact]
    public async Task Recommendations_take_top_and_as_of_from_the_query()
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/employees/E-0009/recommendations?top=2&asOf=2026-06-30", Host.Token("employee", "E-0009")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("E-0009", json.RootElement.GetProperty("employee").GetString());
        Assert.Equal("2026-06-30", json.RootElement.GetProperty("asOf").GetString());
        Assert.True(json.RootElement.GetProperty("recommendations").GetArrayLength() <= 2);
    }

    [Theory]
    [InlineData("/api/employees/E-9999/gaps", 404)]
    [InlineData("/api/employees/E-0009/gaps?targetRole=NO-SUCH-ROLE", 404)]
    [InlineData("/api/teams/E-9999/gaps", 404)]
    [InlineData("/api/employees/E-0009/gaps?asOf=31.01.2026", 400)]
    [InlineData("/api/employees/E-0009/recommendations?top=0", 400)]
    [InlineData("/api/imports/999999", 404)]
    public async Task Errors_are_problem_details_with_their_status(string path, int status)
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, Host.Token("hr")));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_bad_csv_is_rejected_with_file_row_column_and_reason_and_nothing_is_stored()
    {
        var skillsBefore = await Host.WithDbAsync(db => db.Skills.CountAsync());
        // Row 2 is fine, row 3 has no skill_name: the whole file is refused.
        var csv = "skill_code,skill_name\nBAD-OK,A good row\nBAD-MISSING,\n";
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        request.Content = Uploads.Csv("bad-skills.csv", csv);
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("bad-skills.csv", error.GetProperty("file").GetString());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("skill_name", error.GetProperty("column").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));
        Assert.Equal(skillsBefore, await Host.WithDbAsync(db => db.Skills.CountAsync()));
        Assert.False(await Host.WithDbAsync(db => db.Skills.AnyAsync(s => s.Code == "BAD-OK")));

        // The rejection has a status resource too, with the same row errors.
        var id = json.RootElement.GetProperty("importId").GetInt64();
        using var status = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, $"/api/imports/{id}", Host.Token("hr")));
        using var statusJson = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("rejected", statusJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, statusJson.RootElement.GetProperty("errors")[0].GetProperty("row").GetInt32());
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills?dryRun=true", Host.Token("hr"));
        request.Content = Uploads.Csv("dry.csv", "skill_code,skill_name\nDRY-1,Dry one\nDRY-2,Dry two\n");
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        // Two new codes: two would be inserted.
        Assert.Equal(2, json.RootElement.GetProperty("result").GetProperty("total").GetProperty("inserted").GetInt32());
        Assert.False(await Host.WithDbAsync(db => db.Skills.AnyAsync(s => s.Code == "DRY-1")));
    }

    [Fact]
    public async Task A_small_import_is_done_in_the_request_and_its_status_resource_has_the_counts()
    {
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        request.Content = Uploads.Csv("small.csv", "skill_code,skill_name\nSMALL-1,Small one\n");
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        Assert.True(await Host.WithDbAsync(db => db.Skills.AnyAsync(s => s.Code == "SMALL-1")));

        using var status = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, $"/api/imports/{id}", Host.Token("hr")));
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("small.csv", json.RootElement.GetProperty("files")[0].GetString());
        Assert.Equal(1, json.RootElement.GetProperty("result").GetProperty("total").GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task A_large_import_answers_202_and_its_status_resource_finishes_with_the_counts()
    {
        // 60 new skills, about 2.5 KB: over the fixture's 2000-byte threshold for background imports.
        var csv = "skill_code,skill_name\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"LARGE-{i:000},Large skill number {i:000}\n"));
        Assert.True(csv.Length > 2000);
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        request.Content = Uploads.Csv("large.csv", csv);
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var location = response.Headers.Location?.ToString();
        Assert.NotNull(location);
        Assert.Matches("^(http://localhost)?/api/imports/[0-9]+$", location);

        var json = await PollAsync(location!, s => s is "succeeded" or "rejected" or "failed");
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Equal(60, json.GetProperty("result").GetProperty("total").GetProperty("inserted").GetInt32());
        Assert.Equal(60, await Host.WithDbAsync(db => db.Skills.CountAsync(s => s.Code.StartsWith("LARGE-"))));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_problem_details()
    {
        // The fixture allows 50 000 bytes.
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        request.Content = Uploads.File("huge.csv", new byte[60_000]);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_import_kind_or_a_missing_file_field_is_400()
    {
        using var kind = Host.Request(HttpMethod.Post, "/api/imports/planets", Host.Token("hr"));
        kind.Content = Uploads.Csv("x.csv", "a\n1\n");
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.SendAsync(kind)).StatusCode);

        using var missing = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        missing.Content = form;
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Client.SendAsync(missing)).StatusCode);
    }

    [Fact]
    public async Task Health_is_anonymous_and_covers_the_database_and_the_job_server()
    {
        using var response = await Host.Client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("hangfire").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("figures").GetProperty("status").GetString());
        // Statuses only: each check is {"status": …} and nothing else (no counts, no server names, no errors).
        foreach (var check in json.RootElement.GetProperty("checks").EnumerateObject())
            Assert.Equal(["status"], check.Value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Training_answers_202_and_the_job_stores_a_model()
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Post, "/api/models/train", Host.Token("hr")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var json = await PollAsync(response.Headers.Location!.ToString(), s => s is "succeeded" or "failed", TimeSpan.FromMinutes(10));
        Assert.True(json.GetProperty("status").GetString() == "succeeded", json.ToString());
        var modelId = json.GetProperty("result").GetProperty("modelId").GetInt64();
        Assert.True(await Host.WithDbAsync(db => db.Models.AnyAsync(m => m.Id == modelId)));
    }

    private async Task<JsonElement> PollAsync(string location, Func<string?, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            using var status = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, location, Host.Token("hr")));
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.Clone();
            if (done(json.GetProperty("status").GetString())) return json;
            Assert.True(DateTime.UtcNow < until, $"{location} did not finish: {json}");
            await Task.Delay(200);
        }
    }
}
