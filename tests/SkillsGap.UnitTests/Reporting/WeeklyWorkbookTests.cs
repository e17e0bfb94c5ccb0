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
    public void The_team_workbook_puts_the_summary_then_the_sheets_to_act_on()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        Assert.Equal(["Summary", "Attention", "Heatmap", "Succession", "Expiry", "Gaps", "Recommendations", "Trend"], book.SheetNames);
    }

    [Fact]
    public void The_organisation_workbook_puts_departments_right_after_the_summary()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model(WorkbookKind.Organisation)));

        Assert.Equal(["Summary", "Departments", "Attention", "Succession", "Expiry", "Heatmap", "Gaps", "Recommendations", "Trend"], book.SheetNames);
        Assert.Equal(2, book.Number("Departments", "B2"));
    }

    [Fact]
    public void Summary_shows_readiness_and_its_change_in_percentage_points()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        // Mean readiness (1 + 0.5 + 0.25) / 3 = 0.58333…; a week earlier 0.5: up 8.333… points, written 8.3 in "pp".
        Assert.Equal(1.75 / 3, book.Number("Summary", "C5"), 12);
        Assert.Equal("0.0%", book.NumberFormat(book.Cell("Summary", "C5")!));
        Assert.Equal(8.3, book.Number("Summary", "D5"), 12);
        Assert.Equal(WeeklyWorkbook.PointsFormat, book.NumberFormat(book.Cell("Summary", "D5")!));
        Assert.DoesNotContain("%", book.NumberFormat(book.Cell("Summary", "D5")!), StringComparison.Ordinal);
        // Ready share 1/3 both weeks: 0 points, which the format says as "no change".
        Assert.Equal(0, book.Number("Summary", "D6"));
        Assert.EndsWith(";\"no change\"", WeeklyWorkbook.PointsFormat, StringComparison.Ordinal);
        Assert.Equal(3, book.Number("Summary", "C8")); // people
        Assert.Equal(2, book.Number("Summary", "C9")); // with a critical gap
        Assert.Equal(1, book.Number("Summary", "C11")); // awards expiring that would open a gap
    }

    [Fact]
    public void Summary_names_who_needs_attention_with_the_reason_and_the_next_step()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        Assert.Single(book.CellsWithText("Summary", "Who needs attention"));
        Assert.Single(book.CellsWithText("Summary", "2 of 3 people need attention: 2 with a critical gap."));
        // The most urgent first: Tabbed (25%), then the hostile name (50%), each on a row with the reason, the step and its hours.
        var first = book.CellsWithText("Summary", ReportFixture.TabName).Single().CellReference!.Value!;
        var row = first[1..];
        Assert.Equal("A", first[..1]);
        Assert.Equal(0.25, book.Number("Summary", "C" + row));
        Assert.Equal("Critical gap in Python (PY)", book.Text("Summary", "D" + row));
        Assert.Equal("Earn Py 1 (PY-1): 5 hours; it raises Python (PY) from 0 none to 1 awareness.", book.Text("Summary", "E" + row));
        Assert.Equal(5, book.Number("Summary", "F" + row));
        var second = (int.Parse(row, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ReportFixture.HostileName, book.Text("Summary", "A" + second));
        Assert.Equal(22.5, book.Number("Summary", "F" + second));
        // And no word meant for developers.
        foreach (var word in new[] { "gap-greedy", "fallback", "Σ", "heuristic", "blend" })
            Assert.DoesNotContain(book.Part("Summary").Worksheet.Descendants<Cell>(), c => book.Text(c)?.Contains(word, StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void The_heatmap_shows_names_gaps_on_the_gap_scale_critical_gaps_marked_and_not_required_apart_from_no_gap()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));
        var sheet = book.Part("Heatmap").Worksheet;

        Assert.Equal(["Name", "Role", "Readiness", "Python (PY)", ReportFixture.HostileSkillName + " (SQL)"],
            new[] { "A1", "B1", "C1", "D1", "E1" }.Select(c => book.Text("Heatmap", c)));
        Assert.Equal(["Ann", ReportFixture.HostileName, ReportFixture.TabName], new[] { "A2", "A3", "A4" }.Select(c => book.Text("Heatmap", c)));
        // The name columns and the header row are frozen.
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((3.0, 1.0, "D2"), (pane.HorizontalSplit!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        // A critical gap of 2 reads "2!"; a gap in a requirement that is not critical reads as the number.
        Assert.Equal(2, book.Number("Heatmap", "D3"));
        Assert.Equal("0\"!\"", book.NumberFormat(book.Cell("Heatmap", "D3")!));
        Assert.Equal("0", book.NumberFormat(book.Cell("Heatmap", "E3")!));
        // Not required: "–" on grey; no gap: 0 on the scale's pale green; a gap of 1 is not that green.
        Assert.Equal("–", book.Text("Heatmap", "E2"));
        Assert.Equal("FF" + GapScale.NotRequired[1..], Fill(book, "E2"));
        Assert.Equal(0, book.Number("Heatmap", "D2"));
        Assert.Equal("FF" + GapScale.NoGap[1..], Fill(book, "D2"));
        Assert.Equal("FF" + GapScale.Hex(1)[1..], Fill(book, "E3"));
        Assert.NotEqual(Fill(book, "D2"), Fill(book, "E3"));
        Assert.Equal("FF" + GapScale.Hex(3)[1..], Fill(book, "D4"));
        // The critical-gap skill's heading stands out from the other.
        Assert.NotEqual(Fill(book, "D1"), Fill(book, "E1"));
    }

    /// <summary>The solid fill colour (ARGB) of a cell.</summary>
    internal static string? Fill(WorkbookReader book, string reference)
    {
        var format = book.Format(book.Cell("Heatmap", reference)!);
        var fill = book.Book.WorkbookStylesPart!.Stylesheet.Fills!.Elements<Fill>().ElementAt((int)(format.FillId?.Value ?? 0));
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
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
        // Heatmap: name, role, tab name (3); Summary's attention rows: tab name, name, role (3); Attention: the same and the
        // department (4); Gaps: 2 names, 2 departments, tab name (5); Departments: department (1); Succession: tab name (1).
        Assert.Equal(17, found);
        // A plain name gets no quote prefix.
        Assert.NotEqual(true, book.Format(book.CellsWithText("Heatmap", "Ann").Single()).QuotePrefix?.Value);
    }

    [Fact]
    public void The_four_charts_are_embedded_in_the_summary_at_their_own_aspect_ratio_on_pages_of_their_own()
    {
        var model = ReportFixture.Model();
        var charts = ReportCharts.Render(model);
        using var book = new WorkbookReader(Write(model, charts));

        var summary = book.Part("Summary");
        Assert.NotNull(summary.Worksheet.Elements<Drawing>().SingleOrDefault());
        var drawings = summary.DrawingsPart!;
        // One-cell anchors: the picture's size is its own extent, whatever the heights of the rows it lies over.
        var anchors = drawings.WorksheetDrawing.Elements<Xdr.OneCellAnchor>().ToArray();
        Assert.Empty(drawings.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>());
        Assert.Equal(["top-gaps", "readiness-distribution", "trend", "heatmap"],
            anchors.Select(a => a.Descendants<Xdr.NonVisualDrawingProperties>().Single().Name!.Value!));
        for (var i = 0; i < anchors.Length; i++)
        {
            // The picture's width : height is the SVG's (the same chart drawn as a vector).
            var svg = XDocument.Parse(charts[i].Svg).Root!;
            var svgRatio = double.Parse(svg.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)
                           / double.Parse(svg.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var extent = anchors[i].Extent!;
            Assert.Equal(svgRatio, (double)extent.Cx!.Value / extent.Cy!.Value, 6);
            var shape = anchors[i].Descendants<DocumentFormat.OpenXml.Drawing.Extents>().Single();
            Assert.Equal((extent.Cx.Value, extent.Cy.Value), (shape.Cx!.Value, shape.Cy!.Value));
        }
        using var first = drawings.GetPartById(anchors[0].Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value!).GetStream();
        using var copy = new MemoryStream();
        first.CopyTo(copy);
        Assert.Equal(charts[0].Png, copy.ToArray());
        // Two charts side by side (500 + 16 + 500 px fit the Summary's page), each pair after a page break of its own.
        int Row(Xdr.OneCellAnchor a) => int.Parse(a.FromMarker!.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Row(anchors[0]), Row(anchors[1]));
        Assert.Equal(Row(anchors[2]), Row(anchors[3]));
        var breaks = summary.Worksheet.Elements<RowBreaks>().Single().Elements<Break>().Select(b => (int)b.Id!.Value).ToArray();
        Assert.Equal([Row(anchors[0]), Row(anchors[2])], breaks);
    }

    [Fact]
    public void Every_sheet_prints_on_a4_landscape_with_no_text_under_8_points_and_one_page_wide_where_it_fits()
    {
        foreach (var kind in new[] { WorkbookKind.Team, WorkbookKind.Organisation })
        {
            using var book = new WorkbookReader(Write(ReportFixture.Model(kind)));
            var smallestFont = book.Book.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().Min(f => f.FontSize!.Val!.Value);
            foreach (var name in book.SheetNames)
            {
                var sheet = book.Part(name).Worksheet;
                var setup = sheet.Elements<PageSetup>().Single();
                Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
                Assert.Equal(9u, setup.PaperSize!.Value); // A4
                // An explicit scale, never "fit to page" (which shrinks the text to whatever it takes).
                Assert.NotEqual(true, sheet.SheetProperties?.PageSetupProperties?.FitToPage?.Value);
                var scale = setup.Scale!.Value / 100.0;
                Assert.True(scale * smallestFont >= 8, $"{name}: {smallestFont} pt at {scale:P0} prints under 8 pt");
                // One page wide: the print area's columns fit between the margins at that scale.
                var width = PrintedWidthPoints(book, name) * scale * PrintLayout.WidthSlack;
                Assert.True(width <= PrintLayout.PrintableWidthPoints, $"{name} is {width:0} pt wide on paper");
            }
        }
    }

    /// <summary>The width of a sheet's print area in points, from its saved column widths (Excel: 7 px per character + 5 px).</summary>
    private static double PrintedWidthPoints(WorkbookReader book, string sheet)
    {
        var area = book.Book.Workbook.DefinedNames!.Elements<DefinedName>()
            .Single(n => n.Name == "_xlnm.Print_Area" && n.LocalSheetId!.Value == Array.IndexOf(book.SheetNames, sheet)).Text;
        var last = area.Split(':')[1].Trim('$').TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => (n * 26) + ch - 'A' + 1);
        var columns = book.Part(sheet).Worksheet.Descendants<Column>().ToArray();
        return Enumerable.Range(1, last).Sum(c =>
        {
            var saved = columns.FirstOrDefault(x => x.Min!.Value <= c && c <= x.Max!.Value)?.Width?.Value ?? 9.140625;
            return Math.Floor((7 * saved) + 0.5) * 0.75;
        });
    }

    [Fact]
    public void A_heatmap_too_wide_for_a_legible_page_prints_in_column_blocks_with_the_names_on_every_page()
    {
        const int skills = 40;
        var model = ReportFixture.Model();
        var values = new double?[3, skills];
        for (var r = 0; r < 3; r++)
            for (var s = 0; s < skills; s++) values[r, s] = (r + s) % 4;
        model = model with
        {
            Heatmap = model.Heatmap with
            {
                SkillCodes = [.. Enumerable.Range(0, skills).Select(i => $"S{i}")],
                SkillNames = [.. Enumerable.Range(0, skills).Select(i => $"Skill number {i}")],
                Values = values,
                Critical = new bool[3, skills],
                CriticalSkills = new bool[skills],
            },
        };

        using var book = new WorkbookReader(Write(model));
        var sheet = book.Part("Heatmap").Worksheet;

        var scale = sheet.Elements<PageSetup>().Single().Scale!.Value;
        Assert.True(scale >= PrintLayout.MinimumScale);
        var breaks = sheet.Elements<ColumnBreaks>().Single().Elements<Break>().Select(b => (int)b.Id!.Value).ToArray();
        Assert.NotEmpty(breaks);
        // Every block (the three name columns, repeated, and its skill columns) fits the page at the sheet's scale.
        var titles = book.Book.Workbook.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId!.Value == 2).Text;
        Assert.Equal("'Heatmap'!$A:$C,'Heatmap'!$1:$1", titles);
        var columns = sheet.Descendants<Column>().ToArray();
        double Points(int c) => Math.Floor((7 * columns.First(x => x.Min!.Value <= c && c <= x.Max!.Value).Width!.Value) + 0.5) * 0.75;
        var names = Points(1) + Points(2) + Points(3);
        var starts = new[] { 3 }.Concat(breaks).ToArray();
        var ends = breaks.Append(3 + skills).ToArray();
        for (var i = 0; i < starts.Length; i++)
        {
            var block = names + Enumerable.Range(starts[i] + 1, ends[i] - starts[i]).Sum(Points);
            Assert.True(block * scale / 100 * PrintLayout.WidthSlack <= PrintLayout.PrintableWidthPoints, $"block {i} is too wide");
        }
    }

    [Fact]
    public void Text_columns_get_the_widths_set_for_them_and_longer_text_wraps_in_them()
    {
        using var book = new WorkbookReader(Write(ReportFixture.Model()));

        var columns = book.Part("Gaps").Worksheet.Descendants<Column>().ToArray();
        double Width(uint index) => columns.Single(c => c.Min!.Value <= index && index <= c.Max!.Value).Width!.Value;
        // "E2" → 2 · 1.05 + 2 = 4.1, but the header's word "Employee" (8) + 2 = 10; the department "+cmd|' /C calc'!A0" (18) →
        // 18 · 1.05 + 2 = 20.9; the hostile name (43 characters) is capped at 40. ClosedXML adds 0.710625 to a width it saves.
        Assert.Equal(10 + 0.710625, Width(1), 6);
        Assert.Equal(40 + 0.710625, Width(2), 6);
        Assert.Equal(20.9 + 0.710625, Width(3), 6);
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
        Assert.Equal((ReportCharts.Width, ReportCharts.Height), (charts[0].Width, charts[0].Height));
        // The heatmap of three people is as wide as the others and no taller than it needs.
        Assert.Equal((ReportCharts.Width, ReportCharts.Height), (charts[3].Width, charts[3].Height));
    }

    [Fact]
    public void Chart_labels_with_markup_characters_still_give_well_formed_svg()
    {
        var model = ReportFixture.Model();
        model = model with
        {
            TopGaps = [new TopGapLine("R&D <b>", "x", 1, 0, 1, 1, 5)],
            Heatmap = model.Heatmap with { RowLabels = [["R&D <Lab> \"q\"", "a"], ["E2", "b"], ["E3", "c"]] },
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
    public void The_readiness_histogram_counts_whole_people()
    {
        // One person in each of three bands: the people axis shows 0, 1, 2, … and nothing between two people.
        var chart = ReportCharts.Distribution(ReportFixture.Model());

        var labels = XDocument.Parse(chart.Svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())
            .Where(t => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)).ToArray();
        Assert.NotEmpty(labels);
        Assert.All(labels, t => Assert.True(int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _), $"tick '{t}' is not a whole number"));
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
