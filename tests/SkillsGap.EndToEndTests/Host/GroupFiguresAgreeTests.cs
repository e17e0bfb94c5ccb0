using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>A clock stopped at one moment.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// The group concepts are defined once (Analytics: department key, top gaps, per-skill totals), so the overview page, the
/// organisation workbook and the API / CLI documents give the same figures for the samples: the top gaps of the
/// organisation, and each department's people, readiness, ready count and top gap. The host's clock stands on Sunday
/// 2026-11-29, so that the page's "today" is the day the workbook of ISO week 2026-W48 is computed for.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class GroupFiguresAgreeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Sunday = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private const string AsOf = "2026-11-29";
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["SkillsGap:TimeZone"] = "UTC" },
            configure: b => b.Services.AddSingleton<TimeProvider>(new FixedTime(Sunday)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed record Department(string Name, int People, double MeanReadiness, int Ready, double ReadyShare, string? TopGap);

    private sealed record Gap(string Skill, long WeightedGap, int PeopleWithGap, int PeopleRequired);

    [Fact]
    public async Task The_overview_page_the_organisation_workbook_and_the_api_and_cli_give_the_same_group_figures()
    {
        // The page, as hr signed in with the cookie.
        var cookie = await _host.SignInCookieAsync(new() { ["role"] = "hr" });
        using var page = await _host.GetWithCookieAsync("/overview", cookie);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains($"datetime=\"{AsOf}\"", html, StringComparison.Ordinal);
        var pageDepartments = Rows(Section(html, "departments-heading")).Select(r =>
            (Name: WebUtility.HtmlDecode(r[0]), People: int.Parse(r[1], CultureInfo.InvariantCulture), Mean: r[2], Ready: int.Parse(r[3], CultureInfo.InvariantCulture), Share: r[4])).ToList();
        // The page names each skill ("Pivot tables (EXCEL-PIVOT)"): compare by the code in the brackets.
        var pageGaps = Rows(Section(html, "gaps-heading")).Select(r => new Gap(CodeOf(WebUtility.HtmlDecode(r[0])), long.Parse(r[1], CultureInfo.InvariantCulture),
            int.Parse(r[2], CultureInfo.InvariantCulture), int.Parse(r[3], CultureInfo.InvariantCulture))).ToList();

        // The workbook HR gets for the week that ends on that Sunday.
        WeeklyReport report;
        await using (var scope = _host.App.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<IWeeklyReportBuilder>()
                .BuildAsync(ReportRequest.ForOrganisation(IsoWeek.Of(DateOnly.FromDateTime(Sunday.UtcDateTime))));
        var (bookGaps, bookDepartments) = ReadWorkbook(report.Workbook);

        // The API's organisation document, and the CLI's department documents on a copy of the same database.
        using var response = await _host.Client.SendAsync(_host.Request(HttpMethod.Get, $"/api/org/gaps?asOf={AsOf}",
            _host.Token("hr", lifetime: TimeSpan.FromDays(30), issuedAt: Sunday)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var apiGaps = TopGapsOf(JsonDocument.Parse(body).RootElement);
        using var cli = new CliRunner();
        using (var source = new SqliteConnection($"Data Source={Path.Combine(_host.Folder, "skillsgap.db")};Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={cli.DatabaseFile};Pooling=False"))
        {
            source.Open();
            source.BackupDatabase(target);
        }
        var cliDepartments = new List<Department>();
        foreach (var name in bookDepartments.Select(d => d.Name))
        {
            var result = await cli.RunAsync("gaps", "--department", name, "--as-of", AsOf, "--format", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var document = JsonDocument.Parse(result.StdOut).RootElement;
            var summary = document.GetProperty("summary");
            cliDepartments.Add(new Department(name, summary.GetProperty("people").GetInt32(), summary.GetProperty("meanReadiness").GetDouble(),
                summary.GetProperty("ready").GetInt32(), summary.GetProperty("readyShare").GetDouble(), TopGapsOf(document).FirstOrDefault()?.Skill));
        }

        // The page lists departments by need and the workbook in its own order: compare them by name.
        bookDepartments = [.. bookDepartments.OrderBy(d => d.Name, StringComparer.Ordinal)];
        pageDepartments = [.. pageDepartments.OrderBy(d => d.Name, StringComparer.Ordinal)];
        cliDepartments = [.. cliDepartments.OrderBy(d => d.Name, StringComparer.Ordinal)];
        // The samples' five departments (data-samples/README.md), every one of the 400 people in one of them.
        Assert.Equal(["Business Operations", "Data & Analytics", "Engineering", "Executive Office", "Finance"], bookDepartments.Select(d => d.Name));
        Assert.Equal(400, bookDepartments.Sum(d => d.People));
        Assert.Equal(bookDepartments.Select(d => d.Name), pageDepartments.Select(d => d.Name));
        Assert.Equal(bookDepartments.Select(d => d.Name), cliDepartments.Select(d => d.Name));
        for (var i = 0; i < bookDepartments.Count; i++)
        {
            var (book, cliLine, pageLine) = (bookDepartments[i], cliDepartments[i], pageDepartments[i]);
            Assert.Equal((book.People, book.Ready, book.TopGap), (cliLine.People, cliLine.Ready, cliLine.TopGap));
            Assert.Equal(Math.Round(book.MeanReadiness, 4, MidpointRounding.AwayFromZero), cliLine.MeanReadiness, 10);
            Assert.Equal(Math.Round(book.ReadyShare, 4, MidpointRounding.AwayFromZero), cliLine.ReadyShare, 10);
            Assert.Equal((book.People, book.Ready), (pageLine.People, pageLine.Ready));
            Assert.Equal(Percent(cliLine.MeanReadiness), pageLine.Mean);
            Assert.Equal(Percent(cliLine.ReadyShare), pageLine.Share);
        }

        // The organisation's top gaps: ten, in the same order with the same figures on the page, in the workbook and in the API.
        Assert.Equal(10, apiGaps.Count);
        Assert.Equal(apiGaps, pageGaps);
        // The workbook's Summary names each skill ("Python (PY)") and gives people with a gap and the weighted gap.
        Assert.Equal(apiGaps.Select(g => (g.Skill, g.WeightedGap, g.PeopleWithGap)), bookGaps.Select(g => (g.Skill, g.WeightedGap, g.PeopleWithGap)));
    }

    private static List<Gap> TopGapsOf(JsonElement document) =>
        [.. document.GetProperty("skills").EnumerateArray()
            .Where(k => k.GetProperty("weightedGap").GetInt64() > 0).Take(10)
            .Select(k => new Gap(k.GetProperty("skill").GetString()!, k.GetProperty("weightedGap").GetInt64(),
                k.GetProperty("peopleWithGap").GetInt32(), k.GetProperty("peopleRequired").GetInt32()))];

    private static string CodeOf(string label) => label.EndsWith(')') ? label[(label.LastIndexOf('(') + 1)..^1] : label;

    private static string Percent(double share) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(share * 100, MidpointRounding.AwayFromZero):0}%");

    /// <summary>The HTML of the section a heading id labels.</summary>
    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf($"aria-labelledby=\"{headingId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {headingId}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The body rows of the first table of a section, each as the text of its cells.</summary>
    private static List<string[]> Rows(string section)
    {
        var body = section[section.IndexOf("<tbody>", StringComparison.Ordinal)..section.IndexOf("</tbody>", StringComparison.Ordinal)];
        return [.. RowPattern().Matches(body).Select(m => CellPattern().Matches(m.Value)
            .Select(c => TagPattern().Replace(c.Groups[1].Value, "").Trim()).ToArray())];
    }

    private static (List<Gap> TopGaps, List<Department> Departments) ReadWorkbook(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
        var book = document.WorkbookPart!;
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        Dictionary<string, string?> Cells(string sheet)
        {
            var part = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!);
            return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.CellValue is null ? null
                : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue.Text, CultureInfo.InvariantCulture)] : c.CellValue.Text);
        }
        static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

        var summary = Cells("Summary");
        // Top gaps: the rows under the header whose C column says "People with a gap"; the skill label "Name (CODE)" in A.
        var header = summary.Single(c => c.Value == "People with a gap" && c.Key.StartsWith('C')).Key;
        var row = int.Parse(header[1..], CultureInfo.InvariantCulture) + 1;
        var gaps = new List<Gap>();
        static string Code(string label) => label[(label.LastIndexOf('(') + 1)..^1];
        for (; summary.TryGetValue($"A{row}", out var skill) && skill is not null && summary.ContainsKey($"E{row}"); row++)
            gaps.Add(new Gap(Code(skill), (long)Number(summary[$"E{row}"]), (int)Number(summary[$"C{row}"]), 0));

        // Departments (the most in need first): Department, People, Mean readiness, Change, Ready, Ready share, People with a
        // critical gap, Awards expiring soon, Largest gaps ("Name (CODE); …").
        var sheet = Cells("Departments");
        var departments = new List<Department>();
        for (row = 2; sheet.TryGetValue($"A{row}", out var name) && name is not null; row++)
            departments.Add(new Department(name, (int)Number(sheet[$"B{row}"]), Number(sheet[$"C{row}"]), (int)Number(sheet[$"E{row}"]),
                Number(sheet[$"F{row}"]), sheet.GetValueOrDefault($"I{row}") is { Length: > 0 } largest ? Code(largest.Split("; ")[0]) : null));
        departments.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return (gaps, departments);
    }

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
