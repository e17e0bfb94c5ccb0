using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Imports;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.App.Reports;

/// <summary>
/// The weekly report built from a real database, read back with the Open XML SDK. The organisation:
/// <code>
/// Role AN: PY 3 (weight 4, critical), SQL 2 (weight 1)          Σ w·req = 4·3 + 1·2 = 14
/// M (manager) ← A "=HYPERLINK(…)" (+Sales) ← B "@Ben"           M's team is A and B
/// A: PY-1 2025-01-01, PY-3 2025-03-01, SQL-2 2025-06-01 (12 months)  → PY 3, SQL 2: 14/14 = 1, ready
/// B: SQL-2 2026-02-01                                                  → 2/14 = 1/7 from 2026-02-01, 0 before; critical PY gap
/// Week 2026-W05 ends Sunday 2026-02-01: mean (1 + 1/7) / 2 = 4/7; the week before (2026-01-25): (1 + 0) / 2 = 1/2.
/// </code>
/// </summary>
public sealed class WeeklyReportBuilderTests : IDisposable
{
    private const string HostileName = "=HYPERLINK(\"http://evil.example\",\"x\")";
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    private async Task<WeeklyReportBuilder> LoadAsync(TestDatabase database)
    {
        await using (var app = AppServices.Create(database))
            await ImportAsync(app.Get<ImportData>());
        var factory = database.Factory();
        return new WeeklyReportBuilder(new FiguresCache(factory, Options.Create(new FiguresOptions())), new NextBadgeModelStore(factory, TimeProvider.System));
    }

    private async Task ImportAsync(ImportData import)
    {
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nPY,Python\nSQL,SQL querying\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical\nAN,Analyst,PY,3,4,true\nAN,Analyst,SQL,2,1,false\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv",
            "badge_id,badge_name,skills,hours,prerequisites,valid_months\nPY-1,Py 1,PY:1,5,,\nPY-3,Py 3,PY:3,20,PY-1,\nSQL-2,Sql 2,SQL:2,8,,12\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv",
            "employee_id,name,email,role_code,manager_id,department\nM,Manager,m@x.org,AN,,\n" +
            "A,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",a@x.org,AN,M,+Sales\nB,@Ben,b@x.org,AN,A,\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("awards.csv",
            "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\nA,PY-3,2025-03-01\nA,SQL-2,2025-06-01\nB,SQL-2,2026-02-01\n")]));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_team_workbook_holds_the_hand_computed_figures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var builder = await LoadAsync(database);

        var report = await builder.BuildAsync(ReportRequest.ForManager(new EmployeeId("M"), new IsoWeek(2026, 5)));

        Assert.Equal("skills-report-M-2026-W05.xlsx", report.FileName);
        Assert.Equal(["top-gaps", "readiness-distribution", "trend", "heatmap"], report.Charts.Select(c => c.Name));
        using var book = new Book(report.Workbook);
        Assert.Equal(["Summary", "Attention", "Heatmap", "Succession", "Expiry", "Gaps", "Recommendations", "Trend"], book.SheetNames);
        Assert.Equal(4.0 / 7, book.Number("Summary", "C5"), 12);           // mean readiness
        Assert.Equal(7.1, book.Number("Summary", "D5"), 12);               // change since last week: 1/14 = 7.14… percentage points
        Assert.Equal(0.5, book.Number("Summary", "C6"), 12);               // ready share: A only
        Assert.Equal(2, book.Number("Summary", "C8"));                     // people: A and B, not M
        Assert.Equal(1, book.Number("Summary", "C9"));                     // B has a critical gap
        // Who needs attention: B only (critical PY gap, 0 of 3); A is ready and her SQL-2 expires on 2026-06-01, after the
        // 90 days. B's one next step is the first badge of her pathway towards PY: PY-1 (5 h), the prerequisite of PY-3.
        Assert.Equal("1 of 2 people needs attention: 1 with a critical gap.", book.Text("Summary", "A14"));
        Assert.Equal(["@Ben", "Analyst", "Critical gap in Python (PY)", "Earn Py 1 (PY-1): 5 hours; it raises Python (PY) from 0 none to 1 awareness."],
            new[] { "A16", "B16", "D16", "E16" }.Select(c => book.Text("Summary", c)!));
        Assert.Equal(1.0 / 7, book.Number("Summary", "C16"), 4); // attention gives readiness to 4 places
        Assert.Equal(5, book.Number("Summary", "F16"));
        Assert.Null(book.Text("Summary", "A17"));
        // Top gaps: only PY has one (B: 3 − 0, weight 4 → 12); 1 person with a gap, mean gap 3/2.
        var top = book.Row("Summary", "Python (PY)");
        Assert.Equal((1, 1.5, 12), (book.Number("Summary", "C" + top), book.Number("Summary", "D" + top), book.Number("Summary", "E" + top)));
        // Heatmap rows by name, the least ready first: B then A; columns: PY only (the one skill with a gap), critical.
        Assert.Equal(["Name", "Role", "Readiness", "Python (PY)"], new[] { "A1", "B1", "C1", "D1" }.Select(c => book.Text("Heatmap", c)!));
        Assert.Null(book.Text("Heatmap", "E1"));
        Assert.Equal(["@Ben", HostileName], new[] { "A2", "A3" }.Select(c => book.Text("Heatmap", c)!));
        Assert.Equal((3, 0), (book.Number("Heatmap", "D2"), book.Number("Heatmap", "D3")));
        // Gaps: one row, B's PY, by name.
        Assert.Equal(["@Ben", "Analyst", "Python (PY)"], new[] { "A2", "B2", "C2" }.Select(c => book.Text("Gaps", c)!));
        Assert.Equal((3, 0, 3, 4), (book.Number("Gaps", "D2"), book.Number("Gaps", "E2"), book.Number("Gaps", "F2"), book.Number("Gaps", "G2")));
        Assert.Equal("yes", book.Text("Gaps", "H2"));
        Assert.Null(book.Text("Gaps", "A3"));
        // Succession within the team: its one role, AN, is held by both A and B, so nobody else in the team could step in.
        Assert.Equal(("Analyst", 2, 0, "Nobody"), (book.Text("Succession", "A2"), book.Number("Succession", "B2"), book.Number("Succession", "C2"),
            book.Text("Succession", "D2")));
        // Recommendations: B's pathway is PY-1 (5 h) then PY-3 (20 h) = 25 h, to readiness 1; A needs nothing.
        Assert.Equal("B", book.Text("Recommendations", "A3"));
        Assert.Equal((2, 25, 1), (book.Number("Recommendations", "I3"), book.Number("Recommendations", "J3"), book.Number("Recommendations", "K3")));
        Assert.Equal((0, 0), (book.Number("Recommendations", "I2"), book.Number("Recommendations", "J2")));

        // Trend: 12 weeks, 2025-W46 … 2026-W05; only the last has B's SQL-2.
        Assert.Equal("2025-W46", book.Text("Trend", "A2"));
        Assert.Equal("2026-W05", book.Text("Trend", "A13"));
        Assert.Equal(0.5, book.Number("Trend", "D12"), 12);
        Assert.Equal(4.0 / 7, book.Number("Trend", "D13"), 12);
        Assert.Equal(7.1, book.Number("Trend", "E13"), 12);
        Assert.Equal(new DateOnly(2026, 2, 1), DateOnly.FromDateTime(DateTime.FromOADate(book.Number("Trend", "B13"))));
    }

    [Theory, SqliteData]
    public async Task The_organisation_workbook_sums_its_departments_and_stores_hostile_names_as_text_that_never_runs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var builder = await LoadAsync(database);

        var report = await builder.BuildAsync(ReportRequest.ForOrganisation(new IsoWeek(2026, 5)));

        using var book = new Book(report.Workbook);
        Assert.Equal(["Summary", "Departments", "Attention", "Succession", "Expiry", "Heatmap", "Gaps", "Recommendations", "Trend"], book.SheetNames);
        // The organisation is M, A and B (all AN); M holds nothing. PY: M and B lack 3 at weight 4 → 24, 2 people, mean gap 6/3;
        // SQL: M lacks 2 at weight 1 → 2, 1 person, mean gap 2/3.
        var py = book.Row("Summary", "Python (PY)");
        Assert.Equal((2, 2, 24), (book.Number("Summary", "C" + py), book.Number("Summary", "D" + py), book.Number("Summary", "E" + py)));
        var sql = book.Row("Summary", "SQL querying (SQL)");
        Assert.Equal(int.Parse(py, CultureInfo.InvariantCulture) + 1, int.Parse(sql, CultureInfo.InvariantCulture));
        Assert.Equal((1, 2), (book.Number("Summary", "C" + sql), book.Number("Summary", "E" + sql)));
        Assert.Equal(2.0 / 3, book.Number("Summary", "D" + sql), 12); // the workbook keeps 15 significant digits
        Assert.Equal(3, book.Number("Summary", "C8"));
        // Attention: M (0 of 14, critical PY gap) before B (2 of 14): the least ready first.
        Assert.Equal(["Manager", "@Ben"], new[] { "A2", "A3" }.Select(c => book.Text("Attention", c)!));
        // Departments, the most in need first: M and B have none (mean (0 + 1/7) / 2 = 1/14), then +Sales (A, 1).
        Assert.Equal(2, book.Number("Departments", "B2"));
        Assert.Equal(1.0 / 14, book.Number("Departments", "C2"), 12);
        Assert.Equal(("+Sales", 1), (book.Text("Departments", "A3"), book.Number("Departments", "C3")));
        var hostile = 0;
        foreach (var sheet in book.SheetNames)
        {
            Assert.Empty(book.Part(sheet).Worksheet.Descendants<CellFormula>());
            Assert.Empty(book.Part(sheet).HyperlinkRelationships);
            foreach (var cell in book.Part(sheet).Worksheet.Descendants<Cell>())
            {
                var text = book.Text(cell);
                if (text is not (HostileName or "+Sales" or "@Ben")) continue;
                hostile++;
                Assert.Equal(CellValues.SharedString, cell.DataType?.Value);
                Assert.True(book.QuotePrefix(cell), $"{sheet}!{cell.CellReference} '{text}' has no quote prefix");
            }
        }
        Assert.True(hostile >= 4, $"only {hostile} hostile cells found");
    }

    [Theory, SqliteData]
    public async Task The_e_mail_lines_name_who_needs_attention_with_the_next_step_in_plain_words(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var builder = await LoadAsync(database);

        var report = await builder.BuildAsync(ReportRequest.ForManager(new EmployeeId("M"), new IsoWeek(2026, 5)));

        // Mean (1 + 1/7) / 2 = 57.1% → "57%", up 1/14 = 7.1 points; A is ready.
        Assert.Equal(
        [
            "Your team: 2 people, mean readiness 57%, up 7.1 percentage points since last week; 1 of them is ready (50%).",
            "1 of 2 people needs attention: 1 with a critical gap.",
            "@Ben (Analyst, 14% ready): Critical gap in Python (PY). Next step: Earn Py 1 (PY-1): 5 hours; it raises Python (PY) from 0 none to 1 awareness.",
            "Largest gaps: Python (PY).",
        ], report.SummaryLines);
    }

    [Theory, SqliteData]
    public async Task An_unknown_manager_is_not_found(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var builder = await LoadAsync(database);

        await Assert.ThrowsAsync<NotFoundException>(() => builder.BuildAsync(ReportRequest.ForManager(new EmployeeId("ZZ"), new IsoWeek(2026, 5))));
    }

    /// <summary>A workbook read back with the Open XML SDK.</summary>
    private sealed class Book : IDisposable
    {
        private readonly SpreadsheetDocument _document;
        private readonly string[] _shared;

        public Book(byte[] bytes)
        {
            _document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
            _shared = [.. _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText)];
        }

        /// <summary>The 1-based row of the first cell of a sheet whose text is <paramref name="text"/>.</summary>
        public string Row(string sheet, string text) =>
            new(Part(sheet).Worksheet.Descendants<Cell>().First(c => Text(c) == text).CellReference!.Value!.SkipWhile(char.IsLetter).ToArray());

        public string[] SheetNames => [.. _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

        public WorksheetPart Part(string sheet) => (WorksheetPart)_document.WorkbookPart!.GetPartById(
            _document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!);

        private Cell? Cell(string sheet, string reference) => Part(sheet).Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

        public string? Text(string sheet, string reference) => Text(Cell(sheet, reference));

        public string? Text(Cell? cell) => cell?.CellValue is null ? null
            : cell.DataType?.Value == CellValues.SharedString ? _shared[int.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture)] : cell.CellValue.Text;

        public double Number(string sheet, string reference) => double.Parse(Cell(sheet, reference)!.CellValue!.Text, CultureInfo.InvariantCulture);

        public bool QuotePrefix(Cell cell) => _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)(cell.StyleIndex?.Value ?? 0)).QuotePrefix?.Value ?? false;

        public void Dispose() => _document.Dispose();
    }
}
