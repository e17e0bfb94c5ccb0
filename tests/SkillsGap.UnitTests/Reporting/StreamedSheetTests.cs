using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SkillsGap.Reporting;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>
/// The Heatmap, Gaps, Recommendations and Departments sheets' data rows are streamed with OpenXmlWriter into the
/// workbook ClosedXML saved: these read them back with the Open XML SDK.
/// </summary>
public sealed class StreamedSheetTests
{
    private static byte[] Write(WeeklyReportModel model)
    {
        using var output = new MemoryStream();
        WeeklyWorkbook.Write(model, ReportCharts.Render(model), output);
        return output.ToArray();
    }

    /// <summary>The fixture with <paramref name="people"/> people of 4 gaps each on the Gaps sheet.</summary>
    private static WeeklyReportModel ManyGaps(int people)
    {
        var rows = new List<object?[]>();
        for (var p = 1; p <= people; p++)
            for (var k = 1; k <= 4; k++)
                rows.Add([string.Create(CultureInfo.InvariantCulture, $"E{p}"), p == 7 ? "=1+2" : "Person", "Data", "S" + k, k, k % 2 == 0, new DateOnly(2026, 1, k)]);
        var model = ReportFixture.Model();
        return model with { Gaps = model.Gaps with { Rows = rows } };
    }

    [Fact]
    public void A_table_longer_than_the_row_limit_shows_its_first_rows_and_says_how_many_there_are()
    {
        // 25,002 people × 4 gaps = 100,008 data rows: the sheet keeps rows 2–100,001 and the note says 100,008.
        using var book = new WorkbookReader(Write(ManyGaps(25_002)));
        var sheet = book.Part("Gaps").Worksheet;

        var rows = sheet.Descendants<Row>().Select(r => r.RowIndex!.Value).ToArray();
        Assert.Equal(100_000, rows.Count(r => r is >= 2 and <= 100_001));
        Assert.True(rows.Max() <= 100_003, $"last row {rows.Max()}");
        var text = sheet.InnerText + string.Join("\n", book.Book.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText));
        Assert.Contains("Showing the first 100,000 of 100,008 rows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_of_a_long_gaps_table_is_written_in_order_with_typed_and_formatted_cells()
    {
        // 1,500 people × 4 gaps = 6,000 data rows: rows 2–6001, the caption two rows below at 6003.
        using var book = new WorkbookReader(Write(ManyGaps(1_500)));
        var sheet = book.Part("Gaps").Worksheet;

        var rows = sheet.Descendants<Row>().Select(r => r.RowIndex!.Value).ToArray();
        Assert.Equal([1u, .. Enumerable.Range(2, 6_000).Select(r => (uint)r), 6_003u], rows);
        Assert.Equal("A1:G6001", sheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal("Gaps as of 2026-11-29.", book.Text("Gaps", "A6003"));
        // Row 6001 is person 1,500's 4th gap: gap 4, critical (4 is even), since 2026-01-04 = serial 46026.
        Assert.Equal("E1500", book.Text("Gaps", "A6001"));
        Assert.Equal("S4", book.Text("Gaps", "D6001"));
        Assert.Equal(4, book.Number("Gaps", "E6001"));
        Assert.Equal("0", book.NumberFormat(book.Cell("Gaps", "E6001")!));
        Assert.Equal("yes", book.Text("Gaps", "F6001"));
        Assert.Equal(HorizontalAlignmentValues.Center, book.Format(book.Cell("Gaps", "F6001")!).Alignment!.Horizontal!.Value);
        Assert.Equal(46026, book.Number("Gaps", "G6001"));
        Assert.Equal("yyyy-mm-dd", book.NumberFormat(book.Cell("Gaps", "G6001")!));
        Assert.Null(book.Cell("Gaps", "E6001")!.DataType); // a number, not text
        // Person 7's name "=1+2" (rows 26–29) is quote-prefixed text; "Person" elsewhere is not.
        var hostile = book.Cell("Gaps", "B26")!;
        Assert.Equal(CellValues.SharedString, hostile.DataType!.Value);
        Assert.Equal("=1+2", book.Text(hostile));
        Assert.True(book.Format(hostile).QuotePrefix?.Value);
        Assert.NotEqual(true, book.Format(book.Cell("Gaps", "B25")!).QuotePrefix?.Value);
        Assert.Empty(sheet.Descendants<CellFormula>());
    }

    [Fact]
    public void Repeated_text_is_stored_once_in_the_shared_string_table()
    {
        using var book = new WorkbookReader(Write(ManyGaps(1_500)));

        var items = book.Book.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray();
        Assert.Single(items, t => t == "Person");
        Assert.Single(items, t => t == "E1500");
        Assert.Equal((uint)items.Length, book.Book.SharedStringTablePart.SharedStringTable.UniqueCount!.Value);
    }

    [Fact]
    public void Heatmap_values_are_centred_numbers_in_the_heatmap_format_and_labels_are_text()
    {
        using var team = new WorkbookReader(Write(ReportFixture.Model()));
        using var organisation = new WorkbookReader(Write(ReportFixture.Model(WorkbookKind.Organisation) with
        {
            Heatmap = new HeatmapModel(["Department", "People"], [["Data", "2"]], ["PY"], ["Python"], new double?[1, 1] { { 1.25 } }, "0.00", "legend"),
        }));

        var gap = team.Cell("Heatmap", "D4")!; // Tabbed's critical PY gap 3
        Assert.Equal(3, team.Number("Heatmap", "D4"));
        Assert.Equal("0\"!\"", team.NumberFormat(gap));
        Assert.Equal(HorizontalAlignmentValues.Center, team.Format(gap).Alignment!.Horizontal!.Value);
        Assert.Equal(ReportFixture.TabName, team.Text("Heatmap", "A4"));
        Assert.StartsWith("gap legend", team.Text("Heatmap", "A6"), StringComparison.Ordinal); // three people in rows 2–4, the legend two rows below
        Assert.Equal(1.25, organisation.Number("Heatmap", "C2"));
        Assert.Equal("0.00", organisation.NumberFormat(organisation.Cell("Heatmap", "C2")!));
        Assert.Equal(CellValues.SharedString, organisation.Cell("Heatmap", "B2")!.DataType!.Value); // the people count label is text
    }

    [Fact]
    public void Rows_whose_text_wraps_get_the_height_of_their_lines()
    {
        // Twenty 4-letter words (99 characters) in a column capped at 40: about (40 − 1) / 0.85 = 45.9 characters a line, so
        // 9 words (44 characters) a line → 3 lines of 13.5 points; "\tTabbed" keeps one line and the default height.
        var words = string.Join(' ', Enumerable.Repeat("word", 20));
        var model = ReportFixture.Model();
        model = model with { Gaps = model.Gaps with { Rows = [["E2", words, "Data", "PY", 2, true, null], ["E3", ReportFixture.TabName, "Data", "PY", 3, true, null]] } };

        using var book = new WorkbookReader(Write(model));

        Row Row(uint index) => book.Part("Gaps").Worksheet.Descendants<Row>().Single(r => r.RowIndex!.Value == index);
        Assert.Equal(40.5, Row(2).Height!.Value);
        Assert.True(Row(2).CustomHeight!.Value);
        Assert.Null(Row(3).Height);
        Assert.True(book.Format(book.Cell("Gaps", "B3")!).Alignment!.WrapText!.Value); // every text cell may wrap
        Assert.Equal(VerticalAlignmentValues.Top, book.Format(book.Cell("Gaps", "E2")!).Alignment!.Vertical!.Value);
    }

    [Fact]
    public void Text_that_looks_like_an_escape_or_holds_a_control_character_is_stored_escaped()
    {
        var model = ReportFixture.Model();
        model = model with { Gaps = model.Gaps with { Rows = [["E9", "_x0041_", "a\u0001b", "PY", 1, false, null]] } };

        using var book = new WorkbookReader(Write(model));

        // ECMA-376 ST_Xstring: "_x0041_" read back must stay "_x0041_", so its underscore is escaped as _x005F_;
        // U+0001 cannot appear in XML and is stored as _x0001_.
        Assert.Equal("_x005F_x0041_", book.Text("Gaps", "B2"));
        Assert.Equal("a_x0001_b", book.Text("Gaps", "C2"));
    }

    [Fact]
    public void An_empty_team_gets_headers_and_captions_without_data_rows()
    {
        var model = ReportFixture.Model() with
        {
            Heatmap = new HeatmapModel(["Employee", "Name", "Role"], [], ["PY"], ["Python"], new double?[0, 1], "0", "legend"),
        };
        model = model with { Gaps = model.Gaps with { Rows = [], Note = "Nobody in the team has a gap." } };

        using var book = new WorkbookReader(Write(model));

        Assert.Equal([1u, 3u], book.Part("Gaps").Worksheet.Descendants<Row>().Select(r => r.RowIndex!.Value));
        Assert.Equal("Nobody in the team has a gap.", book.Text("Gaps", "A3"));
        Assert.Equal([1u, 3u], book.Part("Heatmap").Worksheet.Descendants<Row>().Select(r => r.RowIndex!.Value));
    }

    [Fact]
    public void The_streamed_sheets_shared_strings_and_styles_are_valid_open_xml()
    {
        using var stream = new MemoryStream(Write(ManyGaps(20)), writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(document)
            .Where(e => e.Part is WorksheetPart or SharedStringTablePart or WorkbookStylesPart)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToArray();

        Assert.Empty(errors);
    }
}
