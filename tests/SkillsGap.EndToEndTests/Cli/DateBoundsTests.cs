using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsGap.EndToEndTests.Host;

namespace SkillsGap.EndToEndTests.Cli;

/// <summary>Dates and weeks outside the business dates 1900-01-01 to 2200-12-31 are refused at the edge: exit 2 at the command line.</summary>
public sealed class DateBoundsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("gaps --org --as-of 0001-01-01", "--as-of '0001-01-01' is outside the business dates 1900-01-01 to 2200-12-31.")]
    [InlineData("gaps --org --as-of 9999-12-31", "--as-of '9999-12-31' is outside the business dates 1900-01-01 to 2200-12-31.")]
    [InlineData("gaps --org --as-of 1899-12-31", "--as-of '1899-12-31' is outside the business dates")]
    [InlineData("train --as-of 2201-01-01", "--as-of '2201-01-01' is outside the business dates")]
    [InlineData("report --org --week 0001-W01", "--week '0001-W01' is outside the business dates 1900-01-01 to 2200-12-31.")]
    [InlineData("report --org --week 2201-W01", "--week '2201-W01' is outside the business dates")]
    public async Task A_date_or_week_outside_the_business_dates_exits_2_with_the_reason(string args, string message)
    {
        var result = await _cli.RunAsync(args.Split(' '));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_and_last_business_dates_are_accepted()
    {
        var demo = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder, "--out", Path.Combine(_cli.WorkFolder, "demo"));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        foreach (var date in new[] { "1900-01-01", "2200-12-31" })
        {
            var result = await _cli.RunAsync("gaps", "--org", "--as-of", date, "--format", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }
}

/// <summary>The same bounds through the API: 400 with the reason, and no report run is queued.</summary>
[Collection(HostCollection.Name)]
public sealed class DateBoundsApiTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    [Theory]
    [InlineData("/api/employees/E-0009/gaps?asOf=0001-01-01")]
    [InlineData("/api/org/gaps?asOf=9999-12-31")]
    [InlineData("/api/employees/E-0009/pathway?asOf=1899-12-31")]
    [InlineData("/api/employees/E-0009/recommendations?asOf=2201-01-01")]
    public async Task A_date_outside_the_business_dates_is_400(string path)
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, Host.Token("hr")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains("is outside the business dates 1900-01-01 to 2200-12-31", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-W01")]
    [InlineData("2201-W01")]
    [InlineData("1899-W52")]
    public async Task A_report_run_for_a_week_outside_the_business_dates_is_400_and_nothing_is_queued(string week)
    {
        var before = await Host.WithDbAsync(db => Task.FromResult(db.ReportRuns.Count()));
        using var request = Host.Request(HttpMethod.Post, "/api/reports/runs", Host.Token("hr"));
        request.Content = JsonContent.Create(new { scope = "org", week });
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        using var json = JsonDocument.Parse(body);
        Assert.Contains("outside the business dates", json.RootElement.GetProperty("errors").GetProperty("week")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Host.WithDbAsync(db => Task.FromResult(db.ReportRuns.Count())));
    }
}
