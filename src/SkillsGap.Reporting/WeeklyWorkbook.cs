using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;

namespace SkillsGap.Reporting;

/// <summary>
/// Writes the weekly workbook (DESIGN §7) with ClosedXML for a busy manager or HR: Summary first (the figures, who needs
/// attention and the one next step for each, the top gaps, then the charts), then the sheets to act on. The team
/// workbook: Summary, Attention, Heatmap, Succession, Expiry, Gaps, Recommendations, Trend; the organisation workbook
/// puts Departments right after Summary. The charts are embedded at their own size with the Open XML SDK
/// (<see cref="WorkbookPictures"/>), since ClosedXML 0.95 needs libgdiplus for pictures. Every sheet prints on A4
/// landscape with no text under 8 points (<see cref="PrintLayout"/>).
/// </summary>
public static class WeeklyWorkbook
{
    /// <summary>Sheet names.</summary>
    public const string Summary = "Summary", Attention = "Attention", Heatmap = "Heatmap", Succession = "Succession", Expiry = "Expiry",
        Gaps = "Gaps", Recommendations = "Recommendations", Trend = "Trend", Departments = "Departments";

    /// <summary>People listed with their next step on the Summary (all of them on the Attention sheet).</summary>
    public const int SummaryAttentionRows = 10;

    /// <summary>The number format of a change in percentage points (the cell holds points rounded to one place: 3.2 for +3.2 pp).</summary>
    public const string PointsFormat = "+0.0\" pp\";-0.0\" pp\";\"no change\"";

    /// <summary>The number format of a change of a count.</summary>
    public const string CountChangeFormat = "+0;-0;\"no change\"";

    private const string PercentFormat = "0.0%";
    private const string DateFormat = "yyyy-mm-dd";
    private const double MaxTextWidth = 40, MinWrappedWidth = 16, SkillColumnWidth = 6.3, LinePoints = 13.5;
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private static readonly XLColor CriticalHeaderFill = XLColor.FromHtml("#F8CFC9");

    /// <summary>The sheets of a workbook of <paramref name="model"/>, in order.</summary>
    public static IReadOnlyList<string> SheetsOf(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sheets = new List<string> { Summary };
        if (model.Departments is not null) sheets.Add(Departments);
        if (model.Attention is not null) sheets.Add(Attention);
        if (model.Kind == WorkbookKind.Team) sheets.Add(Heatmap);
        if (model.Succession is not null) sheets.Add(Succession);
        if (model.Expiry is not null) sheets.Add(Expiry);
        if (model.Kind == WorkbookKind.Organisation) sheets.Add(Heatmap);
        sheets.AddRange([Gaps, Recommendations, Trend]);
        return sheets;
    }

    /// <summary>Writes the workbook for <paramref name="model"/>, with <paramref name="charts"/> embedded, to <paramref name="output"/>.</summary>
    public static void Write(WeeklyReportModel model, IReadOnlyList<ChartImage> charts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            // Arial 10: Excel has it and LibreOffice prints it as Liberation Sans, of the same widths, so that the columns
            // sized here print the same in both (Calibri becomes a wider font where it is missing, and spills off the page).
            workbook.Style.Font.FontName = PrintLayout.FontName;
            workbook.Style.Font.FontSize = PrintLayout.BodyFontPoints;
            workbook.Properties.Title = model.Title;
            workbook.Properties.Subject = model.Subject;
            List<(ChartImage Chart, int Row, int X)> placed = [];
            Func<int, int> columnPixels = _ => 0;
            // ClosedXML writes the big sheets' headers, footers and sheet settings; their data rows are streamed into the
            // saved package (SheetStreamer), since ClosedXML 0.95 is slow on many cells.
            List<StreamedRows> streamed = [];
            foreach (var name in SheetsOf(model))
            {
                var ws = workbook.Worksheets.Add(name);
                switch (name)
                {
                    case Summary:
                        (placed, columnPixels) = WriteSummary(ws, model, charts);
                        break;
                    case Departments:
                        streamed.Add(WriteTable(ws, model.Departments!, $"Departments as of {Iso(model.AsOf)}, the most in need first."));
                        break;
                    case Attention:
                        streamed.Add(WriteTable(ws, AttentionTable(model.Attention!), model.Attention!.Sentence));
                        break;
                    case Heatmap:
                        streamed.Add(WriteHeatmap(ws, model.Heatmap));
                        break;
                    case Succession:
                        streamed.Add(WriteTable(ws, model.Succession!, $"Succession and bench as of {Iso(model.AsOf)}."));
                        break;
                    case Expiry:
                        streamed.Add(WriteTable(ws, model.Expiry!, $"Awards expiring soon as of {Iso(model.AsOf)}."));
                        break;
                    case Gaps:
                        streamed.Add(WriteTable(ws, model.Gaps, $"Gaps as of {Iso(model.AsOf)}."));
                        break;
                    case Recommendations:
                        streamed.Add(WriteTable(ws, model.Recommendations, $"Next badges and pathways as of {Iso(model.AsOf)}."));
                        break;
                    case Trend:
                        WriteTrend(ws, model);
                        break;
                }
            }
            workbook.SaveAs(buffer);
            buffer.Position = 0;
            using var document = SpreadsheetDocument.Open(buffer, true);
            NormalFont(document);
            AbsolutePrintTitles(document);
            SheetStreamer.Fill(document, streamed);
            if (placed.Count > 0) WorkbookPictures.Place(document, Summary, placed, columnPixels);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// Makes the workbook's first font (the Normal style's, which spreadsheets measure column widths in, and which the
    /// streamed cells use) <see cref="PrintLayout.FontName"/> at <see cref="PrintLayout.BodyFontPoints"/>: ClosedXML 0.95
    /// always writes Calibri 11 there.
    /// </summary>
    private static void NormalFont(SpreadsheetDocument document)
    {
        var stylesheet = document.WorkbookPart?.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.Fonts?.Elements<DocumentFormat.OpenXml.Spreadsheet.Font>().FirstOrDefault() is not { } font) return;
        font.FontSize = new DocumentFormat.OpenXml.Spreadsheet.FontSize { Val = PrintLayout.BodyFontPoints };
        font.FontName = new DocumentFormat.OpenXml.Spreadsheet.FontName { Val = PrintLayout.FontName };
        stylesheet.Save();
    }

    /// <summary>
    /// Writes the print titles (rows and columns repeated on every printed page) as absolute references,
    /// <c>'Heatmap'!$A:$C,'Heatmap'!$1:$1</c>: ClosedXML 0.95 writes <c>Heatmap!A:C,Heatmap!1:1</c>, which LibreOffice ignores.
    /// </summary>
    private static void AbsolutePrintTitles(SpreadsheetDocument document)
    {
        var names = document.WorkbookPart?.Workbook.DefinedNames;
        if (names is null) return;
        foreach (var name in names.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>().Where(n => n.Name?.Value == "_xlnm.Print_Titles"))
            name.Text = string.Join(",", name.Text.Split(',').Select(part =>
            {
                var bang = part.LastIndexOf('!');
                var sheet = part[..bang].Trim('\'');
                var range = string.Join(":", part[(bang + 1)..].Split(':').Select(x => x.StartsWith('$') ? x : "$" + x));
                return $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!{range}";
            }));
        document.WorkbookPart!.Workbook.Save();
    }

    // ----- Summary -----

    private static readonly double[] SummaryWidths = [24, 20, 10, 42, 42, 7];

    /// <summary>Writes the Summary; returns where each chart goes and the columns' widths in pixels.</summary>
    private static (List<(ChartImage, int, int)> Charts, Func<int, int> ColumnPixels) WriteSummary(IXLWorksheet ws, WeeklyReportModel model,
        IReadOnlyList<ChartImage> charts)
    {
        for (var c = 0; c < SummaryWidths.Length; c++) ws.Column(c + 1).Width = SummaryWidths[c];
        var last = SummaryWidths.Length;
        Text(ws.Cell(1, 1), model.Title).Style.Font.SetBold().Font.SetFontSize(14);
        Text(ws.Cell(2, 1), string.Create(CultureInfo.InvariantCulture,
            $"Week {model.Week}, figures as of {Iso(model.AsOf)}, compared with {Iso(model.PreviousAsOf)}. " +
            $"Ready means readiness of at least {model.ReadyThreshold:0%} and no critical gap."));

        var row = 4;
        Header(ws, row, ["This week", "", "Now", "Change since last week"]);
        ws.Range(row, 1, row, 2).Merge();
        row++;
        var group = model.Kind == WorkbookKind.Organisation ? "Organisation" : "Team";
        KeyFigure(ws, row++, $"{group} readiness (mean)", model.Current.MeanReadiness, PercentFormat, model.ReadinessChange * 100, PointsFormat);
        KeyFigure(ws, row++, "Ready (share of people)", model.Current.ReadyShare, PercentFormat, model.ReadyShareChange * 100, PointsFormat);
        KeyFigure(ws, row++, "Ready (people)", model.Current.Ready, "0", model.Previous is null ? null : model.Current.Ready - model.Previous.Ready, CountChangeFormat);
        KeyFigure(ws, row++, "People", model.Current.People, "0", model.Previous is null ? null : model.Current.People - model.Previous.People, CountChangeFormat);
        KeyFigure(ws, row++, "People with a critical gap", model.PeopleWithCriticalGap, "0", null, "");
        KeyFigure(ws, row++, "Critical requirements with a gap", model.CriticalGaps, "0", null, "");
        if (model.ExpiringAwards is int expiring)
            KeyFigure(ws, row++, "Awards expiring soon that would open a gap", expiring, "0", null, "");
        ws.Range(4, 1, row - 1, 4).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin);

        if (model.Attention is { } attention)
        {
            row++;
            Text(ws.Cell(row++, 1), "Who needs attention").Style.Font.SetBold().Font.SetFontSize(12);
            Paragraph(ws, row++, 1, last, attention.Sentence);
            if (attention.People.Count > 0)
            {
                var first = row;
                Header(ws, row++, ["Name", "Role", "Readiness", "Why", "Next step", "Hours"]);
                ws.Cell(first, 3).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
                ws.Cell(first, 6).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
                foreach (var p in attention.People.Take(SummaryAttentionRows))
                {
                    Text(ws.Cell(row, 1), p.Name).Style.Alignment.SetWrapText(true);
                    Text(ws.Cell(row, 2), p.Role).Style.Alignment.SetWrapText(true);
                    ws.Cell(row, 3).SetValue(p.Readiness).Style.NumberFormat.Format = PercentFormat;
                    Text(ws.Cell(row, 4), p.Reason).Style.Alignment.SetWrapText(true);
                    Text(ws.Cell(row, 5), p.NextStep).Style.Alignment.SetWrapText(true);
                    if (p.Hours is decimal h) ws.Cell(row, 6).SetValue((double)h).Style.NumberFormat.Format = "0.#";
                    ws.Range(row, 1, row, last).Style.Alignment.SetVertical(XLAlignmentVerticalValues.Top);
                    ws.Row(row).Height = LinePoints * Math.Max(Lines(p.Name, SummaryWidths[0]), Math.Max(Lines(p.Role, SummaryWidths[1]),
                        Math.Max(Lines(p.Reason, SummaryWidths[3]), Lines(p.NextStep, SummaryWidths[4]))));
                    row++;
                }
                ws.Range(first, 1, row - 1, last).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin)
                    .Border.SetInsideBorder(XLBorderStyleValues.Hair);
                if (attention.NeedingAttention > Math.Min(SummaryAttentionRows, attention.People.Count))
                    Paragraph(ws, row++, 1, last, string.Create(CultureInfo.InvariantCulture,
                        $"The {Math.Min(SummaryAttentionRows, attention.People.Count)} most urgent of {attention.NeedingAttention} are listed here; the sheet “{Attention}” lists {attention.People.Count}."))
                        .Style.Font.SetItalic();
            }
        }

        row++;
        Text(ws.Cell(row++, 1), "Top gaps").Style.Font.SetBold().Font.SetFontSize(12);
        var headerRow = row;
        row++;
        ws.Row(headerRow).Height = 2 * LinePoints;
        foreach (var g in model.TopGaps)
        {
            Text(ws.Cell(row, 1), Named(g.SkillName, g.Skill)).Style.Alignment.SetWrapText(true);
            ws.Range(row, 1, row, 2).Merge();
            // The merged label takes columns A and B: the numbers move one to the right.
            ws.Row(row).Height = LinePoints * Lines(Named(g.SkillName, g.Skill), SummaryWidths[0] + SummaryWidths[1]);
            ws.Cell(row, 3).SetValue(g.PeopleWithGap).Style.NumberFormat.Format = "0";
            ws.Cell(row, 4).SetValue(g.MeanGap).Style.NumberFormat.Format = "0.00";
            ws.Cell(row, 5).SetValue(g.WeightedGap).Style.NumberFormat.Format = "0";
            row++;
        }
        // The header follows the merged label.
        Header(ws, headerRow, ["Skill", "", "People with a gap", "Mean gap", "Weighted gap (weight × levels missing, summed over people)"]);
        ws.Range(headerRow, 1, headerRow, 2).Merge();
        ws.Range(headerRow, 3, headerRow, 5).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right).Alignment.SetWrapText(true);
        if (model.TopGaps.Count == 0) Text(ws.Cell(row++, 1), "No gaps this week.");
        ws.Range(headerRow, 1, Math.Max(headerRow, row - 1), 5).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin);

        foreach (var note in model.Notes)
            Paragraph(ws, ++row, 1, last, note).Style.Font.SetItalic();

        var widthPoints = SummaryWidths.Sum(PrintLayout.ColumnPoints);
        var scale = Math.Max(PrintLayout.MinimumScale, PrintLayout.ScaleToFit(widthPoints));
        int ColumnPixels(int zeroBased) => WorkbookPictures.ColumnPixels(zeroBased < SummaryWidths.Length ? SummaryWidths[zeroBased] : ws.ColumnWidth);

        // The charts: each row of them on a page of its own after the tables, side by side when two fit the page width,
        // each at its own size (its aspect ratio and its text size kept).
        var placed = new List<(ChartImage, int, int)>();
        var pagePixels = (int)(widthPoints / 0.75);
        var chartRow = row + 1;
        var lastRow = row;
        for (var i = 0; i < charts.Count;)
        {
            var pair = i + 1 < charts.Count && charts[i].Width + WorkbookPictures.Spacing + charts[i + 1].Width <= pagePixels ? 2 : 1;
            ws.PageSetup.AddHorizontalPageBreak(chartRow);
            var height = 0;
            for (int k = 0, x = 0; k < pair; k++)
            {
                placed.Add((charts[i + k], chartRow, x));
                x += charts[i + k].Width + WorkbookPictures.Spacing;
                height = Math.Max(height, charts[i + k].Height);
            }
            i += pair;
            lastRow = chartRow + (int)Math.Ceiling((double)height / WorkbookPictures.RowPixels) + 1;
            chartRow = lastRow;
        }
        PrintSetup(ws, ws.Range(1, 1, Math.Max(1, lastRow), last), scale, repeatRows: 0);
        return (placed, ColumnPixels);
    }

    private static void KeyFigure(IXLWorksheet ws, int row, string label, double value, string format, double? change, string changeFormat)
    {
        Text(ws.Cell(row, 1), label);
        ws.Range(row, 1, row, 2).Merge();
        ws.Cell(row, 3).SetValue(value).Style.NumberFormat.Format = format;
        if (change is double c && changeFormat.Length > 0)
            ws.Cell(row, 4).SetValue(Math.Round(c, 1)).Style.NumberFormat.Format = changeFormat;
        else Text(ws.Cell(row, 4), change is null && changeFormat.Length > 0 ? "no figures for last week" : "");
        ws.Cell(row, 4).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
    }

    /// <summary>A sentence over merged columns, wrapped, its row as tall as its lines.</summary>
    private static IXLCell Paragraph(IXLWorksheet ws, int row, int first, int last, string text)
    {
        var cell = Text(ws.Cell(row, first), text);
        var range = ws.Range(row, first, row, last);
        range.Merge();
        range.Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
        var width = Enumerable.Range(first, last - first + 1).Sum(c => ws.Column(c).Width);
        ws.Row(row).Height = LinePoints * Lines(text, width);
        return cell;
    }

    private static ReportTable AttentionTable(AttentionSummary attention) => new(
        [
            new("Name", ColumnKind.Text, 24), new("Role", ColumnKind.Text, 22), new("Team or department", ColumnKind.Text, 20),
            new("Readiness", ColumnKind.Percent), new("Why", ColumnKind.Text, 40), new("Next step", ColumnKind.Text, 40),
            new("Hours", ColumnKind.Hours),
        ],
        [.. attention.People.Select(p => new object?[] { p.Name, p.Role, p.Group, p.Readiness, p.Reason, p.NextStep, p.Hours })],
        attention.Sentence);

    // ----- Heatmap -----

    private static StreamedRows WriteHeatmap(IXLWorksheet ws, HeatmapModel h)
    {
        var labels = h.RowHeaders.Count;
        var fixedColumns = labels + (h.RowReadiness is null ? 0 : 1);
        for (var c = 0; c < labels; c++)
        {
            Header(ws.Cell(1, c + 1), h.RowHeaders[c]);
            var longest = Math.Max(h.RowHeaders[c].Length, Enumerable.Range(0, h.Rows).Select(r => h.RowLabels[r][c]?.Length ?? 0).DefaultIfEmpty(0).Max());
            ws.Column(c + 1).Width = Math.Clamp(longest * 1.05 + 2, 8, 26);
        }
        if (h.RowReadiness is not null)
        {
            Header(ws.Cell(1, labels + 1), "Readiness").Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
            ws.Column(labels + 1).Width = 10;
        }
        var lastRow = h.Rows + 1;
        var lastColumn = fixedColumns + h.Skills;
        var longestLabel = 0;
        for (var s = 0; s < h.Skills; s++)
        {
            var label = Named(h.SkillNames[s], h.SkillCodes[s]);
            longestLabel = Math.Max(longestLabel, label.Length);
            var cell = Header(ws.Cell(1, fixedColumns + s + 1), label);
            if (h.CriticalSkills is { } critical && critical[s]) cell.Style.Fill.SetBackgroundColor(CriticalHeaderFill);
            ws.Column(fixedColumns + s + 1).Width = SkillColumnWidth;
        }
        var header = ws.Range(1, 1, 1, Math.Max(1, lastColumn));
        header.Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Bottom);
        if (h.Skills > 0)
        {
            var skills = ws.Range(1, fixedColumns + 1, 1, lastColumn);
            skills.Style.Alignment.SetTextRotation(90).Font.SetFontSize(PrintLayout.SmallestFontPoints)
                .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            // A rotated label wraps on two lines across its column: about 5.5 points per character of 10-point text.
            ws.Row(1).Height = Math.Clamp(Math.Ceiling(longestLabel / 2.0) * 5.5 + 14, 40, 200);
        }

        // The legend under the table, over the name columns (which print on every page).
        var legendRow = lastRow + 2;
        var labelWidth = Enumerable.Range(1, fixedColumns).Sum(c => ws.Column(c).Width);
        var legend = h.Legend + (h.CriticalSkills is { } cs && cs.Any(x => x) ? " A pink skill heading: someone shown has a critical gap in it." : "");
        Paragraph(ws, legendRow, 1, fixedColumns, legend).Style.Font.SetItalic().Font.SetFontSize(PrintLayout.SmallestFontPoints);
        ws.Row(legendRow).Height = LinePoints * Lines(legend, labelWidth * 1.1);
        ws.SheetView.Freeze(1, fixedColumns);

        // One page wide when the scale allows; otherwise column blocks at the smallest legible scale, the names repeated.
        var fixedPoints = Enumerable.Range(1, fixedColumns).Sum(c => PrintLayout.ColumnPoints(ws.Column(c).Width));
        var skillPoints = PrintLayout.ColumnPoints(SkillColumnWidth);
        var scale = PrintLayout.ScaleToFit(fixedPoints + (h.Skills * skillPoints));
        if (scale < PrintLayout.MinimumScale)
        {
            scale = PrintLayout.MinimumScale + 5;
            var perPage = Math.Max(1, (int)Math.Floor(((PrintLayout.PrintableWidthPoints * 100 / scale / PrintLayout.WidthSlack) - fixedPoints) / skillPoints));
            for (var end = fixedColumns + perPage; end < lastColumn; end += perPage) ws.PageSetup.AddVerticalPageBreak(end);
        }
        PrintSetup(ws, ws.Range(1, 1, legendRow, Math.Max(lastColumn, fixedColumns)), scale, repeatRows: 1, repeatColumns: fixedColumns);

        // One row per person or department: the labels as text, each gap on its colour of the gap scale ("3!" for a
        // critical requirement), "–" on grey where the skill is not required.
        var labelStyle = new CellStyle(Wrap: true, Border: true);
        var readinessStyle = new CellStyle(PercentFormat, Border: true);
        var notRequired = new CellStyle(Centred: true, Fill: GapScale.NotRequired, Border: true);
        var criticalFormat = h.NumberFormat + "\"!\"";
        return new StreamedRows(Heatmap, 2, lastRow, rows =>
        {
            for (var r = 0; r < h.Rows; r++)
            {
                var texts = h.RowLabels[r];
                var lines = Enumerable.Range(0, labels).Max(c => Lines(texts[c], ws.Column(c + 1).Width));
                rows.StartRow(r + 2, lines > 1 ? LinePoints * lines : null);
                for (var c = 0; c < labels; c++) rows.Text(c + 1, texts[c], labelStyle);
                if (h.RowReadiness is { } readiness) rows.Number(labels + 1, readiness[r], readinessStyle);
                for (var s = 0; s < h.Skills; s++)
                {
                    var column = fixedColumns + s + 1;
                    if (h.Values[r, s] is double v)
                    {
                        var critical = h.Critical is { } cr && cr[r, s];
                        rows.Number(column, v, new CellStyle(critical ? criticalFormat : h.NumberFormat, Centred: true,
                            Fill: GapScale.Hex(Math.Round(v, 1)), Border: true));
                    }
                    else rows.Text(column, "–", notRequired);
                }
            }
        });
    }

    // ----- Tables -----

    /// <summary>
    /// The most data rows a table sheet shows (Excel's limit is 1,048,576 rows a sheet): a longer table shows its first
    /// rows and says so in plain words below them; the full list is the JSON of the command line or the API.
    /// </summary>
    public const int MaxTableRows = 100_000;

    private static StreamedRows WriteTable(IXLWorksheet ws, ReportTable table, string caption)
    {
        if (table.Rows.Count > MaxTableRows)
        {
            var total = table.Rows.Count;
            table = table with { Rows = [.. table.Rows.Take(MaxTableRows)] };
            caption = string.Create(CultureInfo.InvariantCulture,
                $"Showing the first {MaxTableRows:N0} of {total:N0} rows; the full list: the same figures as JSON from the command line (--format json) or the API. {table.Note ?? caption}");
            table = table with { Note = caption };
        }
        var columns = table.Columns;
        var count = Math.Max(1, columns.Count);
        var widths = new double[columns.Count];
        var longest = new int[columns.Count];
        var text = new bool[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var kind = columns[c].Kind;
            text[c] = kind == ColumnKind.Text;
            foreach (var values in table.Rows)
                if (c < values.Length && values[c] is { } value)
                    longest[c] = Math.Max(longest[c], kind switch
                    {
                        ColumnKind.Text => Convert.ToString(value, CultureInfo.InvariantCulture)?.Length ?? 0,
                        ColumnKind.Flag => 3,
                        ColumnKind.Date => 10,
                        _ => 7,
                    });
            // A header wraps on words: its longest word sets the least width.
            var word = columns[c].Header.Split(' ').Max(w => w.Length);
            widths[c] = columns[c].Width ?? (text[c]
                ? Math.Clamp(longest[c] * 1.05 + 2, word + 2, MaxTextWidth)
                : Math.Max(word + 2, kind switch { ColumnKind.Date => 11, ColumnKind.Flag => 6, _ => 9 }));
        }
        // Narrow the widest text columns (their text wraps) until the sheet prints one page wide at a legible scale.
        var scale = PrintLayout.ScaleToFit(widths.Sum(PrintLayout.ColumnPoints));
        while (scale < PrintLayout.MinimumScale)
        {
            var widest = Enumerable.Range(0, columns.Count).Where(c => text[c] && widths[c] > MinWrappedWidth)
                .OrderByDescending(c => widths[c]).DefaultIfEmpty(-1).First();
            if (widest < 0) break;
            widths[widest] = Math.Max(MinWrappedWidth, widths[widest] - 2);
            scale = PrintLayout.ScaleToFit(widths.Sum(PrintLayout.ColumnPoints));
        }
        var repeatColumns = 0;
        if (scale < PrintLayout.MinimumScale)
        {
            // Still too wide: print at the smallest legible scale, across pages, the first column on each.
            scale = PrintLayout.MinimumScale;
            repeatColumns = 1;
        }

        var headerLines = 1;
        for (var c = 0; c < columns.Count; c++)
        {
            ws.Column(c + 1).Width = widths[c];
            var header = Header(ws.Cell(1, c + 1), columns[c].Header);
            header.Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Bottom);
            // Bold headers are a little wider than body text.
            headerLines = Math.Max(headerLines, Lines(columns[c].Header, widths[c] * 0.95));
            var kind = columns[c].Kind;
            // Headers line up with their values: numbers to the right, yes/no centred.
            if (kind == ColumnKind.Flag) header.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            else if (kind != ColumnKind.Text) header.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
        if (headerLines > 1) ws.Row(1).Height = LinePoints * headerLines;
        var lastRow = Math.Max(1, table.Rows.Count + 1);
        if (columns.Count > 0) ws.Range(1, 1, lastRow, count).SetAutoFilter();
        var footer = lastRow + 2;
        Paragraph(ws, footer, 1, Math.Min(count, 4), table.Note ?? caption).Style.Font.SetItalic();
        ws.SheetView.Freeze(1, 0);
        PrintSetup(ws, ws.Range(1, 1, footer, count), scale, repeatRows: 1, repeatColumns: repeatColumns);

        // One number format per column, yes/no centred, text wrapped where it is longer than its column.
        var wraps = Enumerable.Range(0, columns.Count).Select(c => text[c] && longest[c] * 1.05 + 2 > widths[c]).ToArray();
        // Every text cell may wrap (never cut off by the next cell); each row's height counts the lines of the longest.
        var styles = Enumerable.Range(0, columns.Count)
            .Select(c => new CellStyle(FormatOf(columns[c].Kind), columns[c].Kind == ColumnKind.Flag, text[c])).ToArray();
        return new StreamedRows(ws.Name, 2, table.Rows.Count + 1, rows =>
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var values = table.Rows[r];
                var lines = 1;
                for (var c = 0; c < columns.Count && c < values.Length; c++)
                    if (wraps[c] && values[c] is string s) lines = Math.Max(lines, Lines(s, widths[c]));
                rows.StartRow(r + 2, lines > 1 ? LinePoints * lines : null);
                for (var c = 0; c < columns.Count && c < values.Length; c++)
                    if (values[c] is { } value) Cell(rows, c + 1, columns[c].Kind, value, styles[c]);
            }
        });
    }

    /// <summary>Lines that <paramref name="text"/> takes wrapped in a column <paramref name="width"/> characters wide (words kept whole).</summary>
    internal static int Lines(string? text, double width)
    {
        if (string.IsNullOrEmpty(text)) return 1;
        // Text of 10-point Arial averages about 0.85 of the width unit (a digit's width), as measured on LibreOffice's pages.
        var room = Math.Max(1, (width - 1) / 0.85);
        int lines = 1, used = 0;
        foreach (var word in text.Split(' '))
        {
            var needed = used == 0 ? word.Length : used + 1 + word.Length;
            if (needed <= room) used = needed;
            else
            {
                lines += used == 0 ? 0 : 1;
                used = word.Length;
                while (used > room)
                {
                    lines++;
                    used -= (int)room;
                }
            }
        }
        return lines;
    }

    // ----- Trend -----

    private static void WriteTrend(IXLWorksheet ws, WeeklyReportModel model)
    {
        string[] headers = ["Week", "As of", "People", "Mean readiness", "Change", "Ready", "Ready share"];
        double[] widths = [11, 12, 9, 11, 12, 9, 9];
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
        Header(ws, 1, headers);
        ws.Range(1, 3, 1, headers.Length).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right).Alignment.SetWrapText(true);
        ws.Row(1).Height = 2 * LinePoints;
        var row = 2;
        TrendWeek? before = null;
        foreach (var w in model.Trend)
        {
            Text(ws.Cell(row, 1), w.Week);
            ws.Cell(row, 2).SetValue(w.AsOf.ToDateTime(TimeOnly.MinValue)).Style.NumberFormat.Format = DateFormat;
            ws.Cell(row, 3).SetValue(w.Figure.People).Style.NumberFormat.Format = "0";
            if (w.Figure.People > 0)
            {
                ws.Cell(row, 4).SetValue(w.Figure.MeanReadiness).Style.NumberFormat.Format = PercentFormat;
                if (before is { Figure.People: > 0 } b)
                    ws.Cell(row, 5).SetValue(Math.Round((w.Figure.MeanReadiness - b.Figure.MeanReadiness) * 100, 1)).Style.NumberFormat.Format = PointsFormat;
                ws.Cell(row, 6).SetValue(w.Figure.Ready).Style.NumberFormat.Format = "0";
                ws.Cell(row, 7).SetValue(w.Figure.ReadyShare).Style.NumberFormat.Format = PercentFormat;
            }
            before = w;
            row++;
        }
        ws.SheetView.Freeze(1, 0);
        PrintSetup(ws, ws.Range(1, 1, Math.Max(1, row - 1), headers.Length), PrintLayout.ScaleToFit(widths.Sum(PrintLayout.ColumnPoints)), repeatRows: 1);
    }

    // ----- Cells -----

    private static void Cell(SheetRowWriter rows, int column, ColumnKind kind, object value, CellStyle style)
    {
        switch (kind)
        {
            case ColumnKind.Text:
                rows.Text(column, Convert.ToString(value, CultureInfo.InvariantCulture), style);
                break;
            case ColumnKind.Flag:
                rows.Text(column, value is true ? "yes" : "no", style);
                break;
            case ColumnKind.Date:
                // A date is its serial number (days since 1899-12-30) in an ISO 8601 format.
                var date = value is DateOnly d ? d : DateOnly.FromDateTime(Convert.ToDateTime(value, CultureInfo.InvariantCulture));
                rows.Number(column, date.ToDateTime(TimeOnly.MinValue).ToOADate(), style);
                break;
            case ColumnKind.Points:
                // A change of a share, written in percentage points.
                rows.Number(column, Math.Round(Convert.ToDouble(value, CultureInfo.InvariantCulture) * 100, 1), style);
                break;
            default:
                rows.Number(column, Convert.ToDouble(value, CultureInfo.InvariantCulture), style);
                break;
        }
    }

    private static string? FormatOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "0",
        ColumnKind.Percent => PercentFormat,
        ColumnKind.Hours => "0.0",
        ColumnKind.Decimal => "0.00",
        ColumnKind.Date => DateFormat,
        ColumnKind.Points => PointsFormat,
        _ => null,
    };

    /// <summary>"SQL querying (SQL)", or the code alone when there is no other name.</summary>
    private static string Named(string? name, string code) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), code, StringComparison.Ordinal) ? code : $"{name.Trim()} ({code})";

    /// <summary>
    /// Text from the data as a string cell: never a formula; one that starts like a formula also gets the quote
    /// prefix, so that editing the cell in Excel does not turn it into one either.
    /// </summary>
    private static IXLCell Text(IXLCell cell, string? text)
    {
        text ??= "";
        // SetValue stores a string as text as it is (no type guessing, never a formula).
        cell.SetValue(text);
        if (SafeText.LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
        return cell;
    }

    private static IXLCell Header(IXLCell cell, string text)
    {
        Text(cell, text);
        cell.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
        return cell;
    }

    private static void Header(IXLWorksheet ws, int row, IReadOnlyList<string> headers)
    {
        for (var c = 0; c < headers.Count; c++) Header(ws.Cell(row, c + 1), headers[c]);
    }

    private static void PrintSetup(IXLWorksheet ws, IXLRange area, int scale, int repeatRows, int repeatColumns = 0)
    {
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        // An explicit scale, never "fit to page": the scale is chosen so that the smallest text prints at 8 points or more.
        ws.PageSetup.Scale = Math.Clamp(scale, PrintLayout.MinimumScale, 100);
        ws.PageSetup.Margins.SetLeft(PrintLayout.SideMarginInches).SetRight(PrintLayout.SideMarginInches)
            .SetTop(PrintLayout.TopMarginInches).SetBottom(PrintLayout.BottomMarginInches).SetHeader(0.3).SetFooter(0.3);
        ws.PageSetup.PrintAreas.Clear();
        ws.PageSetup.PrintAreas.Add(area.RangeAddress.ToStringRelative());
        if (repeatRows > 0) ws.PageSetup.SetRowsToRepeatAtTop(1, repeatRows);
        if (repeatColumns > 0) ws.PageSetup.SetColumnsToRepeatAtLeft(1, repeatColumns);
        ws.PageSetup.Footer.Left.AddText(ws.Name, XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText("Page ", XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(" of ", XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
