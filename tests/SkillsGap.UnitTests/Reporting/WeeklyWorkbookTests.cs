using System.Buffers.Binary;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SkillsGap.Reporting;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SkillsGap.UnitTests.Reporting;

public sealed class WeeklyWorkbookTests
{
    internal static byte[] Write(WeeklyReportModel model, IReadOnlyList<ChartImage>? charts = null)
    {
        using var output = new MemoryStream();
        WeeklyWorkbook.Write(model, charts ?? ReportCharts.Render(model), output);
        return output.ToArray();
    }

    [Fact]
    public void The_team_workbook_has_the_five_sheets_in_order()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        Assert.Equal(["Summary", "Heatmap", "Gaps", "Recommendations", "Trend"], book.SheetNames);
    }

    [Fact]
    public void The_organisation_workbook_adds_the_departments_sheet()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model(WorkbookKind.Organisation)));

        Assert.Equal(["Summary", "Heatmap", "Gaps", "Recommendations", "Trend", "Departments"], book.SheetNames);
        Assert.Equal(2, book.Number("Departments", "B2"));
    }

    [Fact]
    public void Summary_shows_readiness_its_change_and_the_top_gaps_as_numbers_with_formats()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        // Mean readiness (1 + 0.5 + 0.25) / 3 = 0.58333…; a week earlier 0.5, so the change is +0.08333….
        Assert.Equal(1.75 / 3, book.Number("Summary", "B5"), 12);
        Assert.Equal("0.0%", book.NumberFormat(book.Cell("Summary", "B5")!));
        Assert.Equal(1.75 / 3 - 0.5, book.Number("Summary", "C5"), 12);
        Assert.Equal(1.0 / 3, book.Number("Summary", "B6"), 12); // ready share
        Assert.Equal(0, book.Number("Summary", "C6"), 12);
        Assert.Equal(3, book.Number("Summary", "B8")); // people
        Assert.Equal(2, book.Number("Summary", "B9")); // with a critical gap
        // Top gaps from row 14: PY first with Σ weight·gap 20.
        Assert.Equal("PY", book.Text("Summary", "A14"));
        Assert.Equal(20, book.Number("Summary", "G14"));
        Assert.Equal(ReportFixture.HostileSkillName, book.Text("Summary", "B15"));
    }

    [Fact]
    public void The_heatmap_freezes_the_header_row_and_name_columns_and_has_a_colour_scale()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));
        var sheet = book.Part("Heatmap").Worksheet;

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Contains(pane.State!.Value, new[] { PaneStateValues.Frozen, PaneStateValues.FrozenSplit });
        Assert.Equal(3, pane.HorizontalSplit!.Value); // Employee, Name, Role
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("D2", pane.TopLeftCell!.Value);
        var format = sheet.Descendants<ConditionalFormatting>().Single();
        Assert.Equal("D2:E4", format.SequenceOfReferences!.InnerText);
        Assert.NotNull(format.Descendants<ColorScale>().SingleOrDefault());
        // E2's PY gap 2 in D3; E1's SQL is not required, so E2 (row 2, column E) is empty.
        Assert.Equal(2, book.Number("Heatmap", "D3"));
        Assert.Null(book.Cell("Heatmap", "E2")?.CellValue);
    }

    [Fact]
    public void The_gaps_sheet_has_an_auto_filter_over_the_whole_table_and_typed_cells()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        var filter = book.Part("Gaps").Worksheet.Elements<AutoFilter>().Single();
        Assert.Equal("A1:G4", filter.Reference!.Value);
        Assert.Equal(2, book.Number("Gaps", "E2"));
        Assert.Equal("yes", book.Text("Gaps", "F2"));
        Assert.Equal("no", book.Text("Gaps", "F3"));
        // 2026-01-05 is serial 46027 (days since 1899-12-30), shown ISO 8601.
        Assert.Equal(46027, book.Number("Gaps", "G2"));
        Assert.Equal("yyyy-mm-dd", book.NumberFormat(book.Cell("Gaps", "G2")!));
        Assert.Equal(22.5, book.Number("Recommendations", "D3"));
        Assert.Equal("0.0%", book.NumberFormat(book.Cell("Recommendations", "B3")!));
    }

    [Fact]
    public void Text_that_starts_like_a_formula_is_stored_as_quote_prefixed_text_and_never_as_a_formula_or_link()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model(WorkbookKind.Organisation)));

        string[] hostile = [ReportFixture.HostileName, ReportFixture.HostileDepartment, ReportFixture.HostileRole, ReportFixture.HostileSkillName, ReportFixture.TabName];
        foreach (var name in book.SheetNames)
        {
            var part = book.Part(name);
            Assert.Empty(part.Worksheet.Descendants<CellFormula>());
            Assert.Empty(part.Worksheet.Descendants<Hyperlinks>());
            Assert.Empty(part.HyperlinkRelationships);
        }
        var found = 0;
        foreach (var name in book.SheetNames)
            foreach (var text in hostile)
                foreach (var cell in book.CellsWithText(name, text))
                {
                    found++;
                    Assert.True(cell.DataType?.Value is CellValues.SharedString or CellValues.InlineString, $"{name}!{cell.CellReference} is not a string cell");
                    Assert.True(book.Format(cell).QuotePrefix?.Value, $"{name}!{cell.CellReference} has no quote prefix");
                }
        // Heatmap: name, role, tab name; Gaps: 2 names, 2 departments, tab name; Summary: skill name; Departments: department.
        Assert.Equal(10, found);
        // A plain name gets no quote prefix.
        Assert.NotEqual(true, book.Format(book.CellsWithText("Heatmap", "Ann").Single()).QuotePrefix?.Value);
    }

    [Fact]
    public void The_four_charts_are_embedded_in_the_summary_as_pictures()
    {
        var model = ReportFixture.Model();
        var charts = ReportCharts.Render(model);
        using var book = new WorkbookReader(Write(model, charts));

        var summary = book.Part("Summary");
        Assert.NotNull(summary.Worksheet.Elements<Drawing>().SingleOrDefault());
        var drawings = summary.DrawingsPart!;
        var anchors = drawings.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>().ToArray();
        Assert.Equal(4, anchors.Length);
        Assert.Equal(["top-gaps", "readiness-distribution", "trend", "heatmap"],
            anchors.Select(a => a.Descendants<Xdr.NonVisualDrawingProperties>().Single().Name!.Value!));
        var images = drawings.ImageParts.ToArray();
        Assert.Equal(4, images.Length);
        Assert.All(images, i => Assert.Equal("image/png", i.ContentType));
        using var first = drawings.GetPartById(anchors[0].Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value!).GetStream();
        using var copy = new MemoryStream();
        first.CopyTo(copy);
        Assert.Equal(charts[0].Png, copy.ToArray());
        // Below the tables (the note is on row 17, 1-based) and a blank row, two per row: top gaps at A19 (zero-based 18), the
        // distribution beside it, the trend and heatmap one slot (480 + 16 px = 24.8 rows of 20 px) lower.
        int Column(Xdr.TwoCellAnchor a) => int.Parse(a.FromMarker!.ColumnId!.Text, System.Globalization.CultureInfo.InvariantCulture);
        int Row(Xdr.TwoCellAnchor a) => int.Parse(a.FromMarker!.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((0, 18), (Column(anchors[0]), Row(anchors[0])));
        Assert.True(Column(anchors[1]) > 0);
        Assert.Equal(18, Row(anchors[1]));
        Assert.Equal((0, 18 + 24), (Column(anchors[2]), Row(anchors[2])));
        var breaks = summary.Worksheet.Elements<RowBreaks>().Single().Elements<Break>().Single();
        Assert.Equal(18u, breaks.Id!.Value); // a page break after row 18, so the charts print on a page of their own
    }

    [Fact]
    public void Every_sheet_prints_landscape_one_page_wide_with_a_print_area()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        foreach (var name in book.SheetNames)
        {
            var sheet = book.Part(name).Worksheet;
            var setup = sheet.Elements<PageSetup>().Single();
            Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u); // 1 is the schema default, so it may be left out
            Assert.Equal(0u, setup.FitToHeight!.Value);
            Assert.True(sheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value);
        }
        var names = book.Book.Workbook.DefinedNames!.Elements<DefinedName>().ToArray();
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Area" && n.LocalSheetId?.Value == 2);
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == 2 && n.Text.EndsWith("1:1", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_are_sized_from_their_content()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        var columns = book.Part("Gaps").Worksheet.Descendants<Column>().ToArray();
        double Width(uint index) => columns.Single(c => c.Min!.Value <= index && index <= c.Max!.Value).Width!.Value;
        // "Employee" (8) and "E2" → 8 · 1.1 + 2 = 10.8; the department "+cmd|' /C calc'!A0" (18) → 18 · 1.1 + 2 = 21.8. The hostile name
        // (43 characters) would need 49.3, so it is capped at 40 and wraps. ClosedXML adds 0.710625 to a width it saves.
        Assert.Equal(10.8 + 0.710625, Width(1), 6);
        Assert.Equal(40 + 0.710625, Width(2), 6);
        Assert.Equal(21.8 + 0.710625, Width(3), 6);
        Assert.True(book.Format(book.Cell("Gaps", "B2")!).Alignment?.WrapText?.Value);
    }

    [Fact]
    public void Charts_are_png_images_of_the_stated_size_and_svg_documents()
    {
        var charts = ReportCharts.Render(ReportFixture.Model());

        Assert.Equal(["top-gaps", "readiness-distribution", "trend", "heatmap"], charts.Select(c => c.Name));
        foreach (var chart in charts)
        {
            // PNG signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, chart.Png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(chart.Png, 12, 4));
            Assert.Equal(chart.Width, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(16)));
            Assert.Equal(chart.Height, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(20)));
            var svg = XDocument.Parse(chart.Svg);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.True(chart.Png.Length > 5_000, $"{chart.Name} is a suspiciously small image");
        }
        Assert.Equal((640, 400), (charts[0].Width, charts[0].Height));
        Assert.Equal((800, 600), (charts[3].Width, charts[3].Height));
    }

    [Fact]
    public void Chart_labels_with_markup_characters_still_give_well_formed_svg()
    {
        var model = ReportFixture.Model();
        model = model with
        {
            TopGaps = [new TopGapLine("R&D <b>", "x", 1, 0, 1, 1, 5)],
            Heatmap = model.Heatmap with { RowLabels = [["R&D <Lab> \"q\"", "a", "b"], ["E2", "b", "c"], ["E3", "c", "d"]] },
        };

        foreach (var chart in ReportCharts.Render(model))
            XDocument.Parse(chart.Svg);
    }

    [Fact]
    public void A_trend_whose_first_weeks_had_nobody_leaves_them_blank()
    {
        var model = ReportFixture.Model();
        var empty = new ReadinessFigure(0, 0, 0, 0, new int[10]);
        model = model with { Trend = [.. model.Trend.Select((w, i) => i < 5 ? w with { Figure = empty } : w)] };

        var trend = ReportCharts.Trend(model);
        using var book = new WorkbookReader(Write(model));

        Assert.Equal("trend", trend.Name);
        Assert.Equal(0, book.Number("Trend", "C2"));
        Assert.Null(book.Cell("Trend", "D2")?.CellValue);
        Assert.Equal(0.5, book.Number("Trend", "D7"));
    }

    [Fact]
    public void Charts_of_an_empty_team_still_render()
    {
        var model = ReportFixture.Model() with
        {
            Current = new ReadinessFigure(0, 0, 0, 0, new int[10]),
            TopGaps = [],
            Heatmap = new HeatmapModel(["Employee"], [], [], [], new double?[0, 0], "0", ""),
        };

        var charts = ReportCharts.Render(model);

        Assert.Equal(4, charts.Count);
        Assert.All(charts, c => XDocument.Parse(c.Svg));
    }

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("+44 20", true)]
    [InlineData("-x", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("\tx", true)]
    [InlineData("\rx", true)]
    [InlineData("Ann", false)]
    [InlineData("", false)]
    [InlineData("a=b", false)]
    public void Formula_like_text_is_recognised_by_its_first_character(string text, bool expected) =>
        Assert.Equal(expected, SafeText.LooksLikeFormula(text));
}
