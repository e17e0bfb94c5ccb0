using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.EndToEndTests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Report_writes_the_team_workbook_and_its_charts_for_the_samples()
    {
        var demo = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder, "--out", Path.Combine(_cli.WorkFolder, "demo"));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var outDir = Path.Combine(_cli.WorkFolder, "reports");

        var result = await _cli.RunAsync("report", "--manager", "E-0003", "--week", "2026-W48", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stem = Path.Combine(outDir, "skills-report-E-0003-2026-W48");
        foreach (var chart in new[] { "top-gaps", "readiness-distribution", "trend", "heatmap" })
        {
            var png = await File.ReadAllBytesAsync($"{stem}-{chart}.png");
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            Assert.True(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) >= 500, chart);
            Assert.Equal("svg", XDocument.Load($"{stem}-{chart}.svg").Root!.Name.LocalName);
        }
        // The team is E-0003's whole reporting tree in employees.csv (nobody in the samples has left).
        var managerOf = File.ReadLines(Path.Combine(CliRunner.SamplesFolder, "employees.csv")).Skip(1)
            .Select(line => line.Split(',')).ToDictionary(f => f[0], f => f[4]);
        bool Reports(string id) => managerOf[id] is { Length: > 0 } m && (m == "E-0003" || Reports(m));
        var team = managerOf.Keys.Count(Reports);
        Assert.True(team > 1);
        using var document = SpreadsheetDocument.Open($"{stem}.xlsx", false);
        var book = document.WorkbookPart!;
        Assert.Equal(["Summary", "Attention", "Heatmap", "Succession", "Expiry", "Gaps", "Recommendations", "Trend"],
            book.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var summary = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
        var people = summary.Worksheet.Descendants<Cell>().Single(c => c.CellReference == "C8");
        Assert.Equal(team, int.Parse(people.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(4, summary.DrawingsPart!.ImageParts.Count());
        var heatmap = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Heatmap").Id!.Value!);
        Assert.Equal(team + 1, heatmap.Worksheet.Descendants<Row>().Count(r => r.RowIndex!.Value <= team + 1));
    }

    [Fact]
    public async Task Report_rejects_a_bad_week_an_unknown_manager_and_a_missing_scope()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var badWeek = await _cli.RunAsync("report", "--org", "--week", "2026-W60");
        var unknown = await _cli.RunAsync("report", "--manager", "NOBODY", "--week", "2026-W05");
        var neither = await _cli.RunAsync("report", "--week", "2026-W05");

        Assert.True(badWeek.ExitCode == 2, badWeek.ToString());
        Assert.Contains("2026-W60", badWeek.StdErr, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("NOBODY", unknown.StdErr, StringComparison.Ordinal);
        Assert.True(neither.ExitCode == 2, neither.ToString());
        Assert.Empty(Directory.EnumerateFiles(_cli.WorkFolder, "*.xlsx"));
    }

    [Fact]
    public async Task Report_for_the_organisation_defaults_to_this_week_and_the_current_folder()
    {
        await TinyOrganisation.LoadAsync(_cli);
        // "This week" is the week of today in the business time zone (SkillsGap:TimeZone), not in UTC: a zone 14 hours
        // ahead of UTC is already in next week for the last 14 hours of every UTC Sunday.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        _cli.Environment["SKILLSGAP_SkillsGap__TimeZone"] = zone.Id;
        string WeekSuffix()
        {
            var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime.Date;
            return string.Create(CultureInfo.InvariantCulture, $"-{ISOWeek.GetYear(today):0000}-W{ISOWeek.GetWeekOfYear(today):00}.xlsx");
        }

        var before = WeekSuffix();
        var result = await _cli.RunAsync("report", "--org");
        var after = WeekSuffix();

        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Assert.Single(Directory.EnumerateFiles(_cli.WorkFolder, "skills-report-organisation-*.xlsx"));
        // A run that crosses midnight in that zone may name either day's week.
        Assert.True(file.EndsWith(before, StringComparison.Ordinal) || file.EndsWith(after, StringComparison.Ordinal), $"{file}: expected {before} or {after}");
        Assert.Equal(8, Directory.EnumerateFiles(_cli.WorkFolder, "skills-report-organisation-*").Count(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)));
    }
}
