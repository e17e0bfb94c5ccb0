using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;

namespace SkillsGap.Reporting;

/// <summary>
/// Writes the weekly workbook (DESIGN §7) with ClosedXML: Summary, Heatmap, Gaps, Recommendations, Trend (and
/// Departments for the organisation), then embeds the charts in Summary with the Open XML SDK
/// (<see cref="WorkbookPictures"/>), since ClosedXML 0.95 needs libgdiplus for pictures.
/// </summary>
public static class WeeklyWorkbook
{
    /// <summary>Sheet names, in order.</summary>
    public const string Summary = "Summary", Heatmap = "Heatmap", Gaps = "Gaps", Recommendations = "Recommendations",
        Trend = "Trend", Departments = "Departments";

    private const string PercentFormat = "0.0%";
    private const string ChangeFormat = "+0.0%;-0.0%;0.0%";
    private const string DateFormat = "yyyy-mm-dd";
    private const double MaxColumnWidth = 40;
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");

    /// <summary>Writes the workbook for <paramref name="model"/>, with <paramref name="charts"/> embedded, to <paramref name="output"/>.</summary>
    public static void Write(WeeklyReportModel model, IReadOnlyList<ChartImage> charts, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            workbook.Properties.Title = model.Title;
            workbook.Properties.Subject = model.Subject;
            var summary = workbook.Worksheets.Add(Summary);
            var (chartRow, columnPixels) = WriteSummary(summary, model, charts.Count);
            // ClosedXML writes the big sheets' headers, footers and sheet settings; their data rows are streamed into the
            // saved package (SheetStreamer), since ClosedXML 0.95 is slow on many cells.
            List<StreamedRows> streamed =
            [
                WriteHeatmap(workbook.Worksheets.Add(Heatmap), model),
                WriteTable(workbook.Worksheets.Add(Gaps), model.Gaps, $"Gaps as of {Iso(model.AsOf)}"),
                WriteTable(workbook.Worksheets.Add(Recommendations), model.Recommendations, $"Next badges and pathways as of {Iso(model.AsOf)}"),
            ];
            WriteTrend(workbook.Worksheets.Add(Trend), model);
            if (model.Departments is not null)
                streamed.Add(WriteTable(workbook.Worksheets.Add(Departments), model.Departments, $"Readiness by department as of {Iso(model.AsOf)}"));
            workbook.SaveAs(buffer);
            buffer.Position = 0;
            using var document = SpreadsheetDocument.Open(buffer, true);
            SheetStreamer.Fill(document, streamed);
            if (charts.Count > 0)
                WorkbookPictures.Embed(document, Summary, charts, chartRow, columnPixels);
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Writes the Summary tables; returns the zero-based row where the charts go and the columns' widths in pixels.</summary>
    private static (int ChartRow, Func<int, int> ColumnPixels) WriteSummary(IXLWorksheet ws, WeeklyReportModel model, int charts)
    {
        var widths = new ColumnWidths();
        Text(ws.Cell(1, 1), model.Title).Style.Font.SetBold().Font.SetFontSize(14);
        Text(ws.Cell(2, 1), string.Create(CultureInfo.InvariantCulture,
            $"Week {model.Week}, figures as of {Iso(model.AsOf)} (previous week: {Iso(model.PreviousAsOf)}); ready = readiness ≥ {model.ReadyThreshold:0%} and no critical gap."));

        var row = 4;
        Header(ws.Range(row, 1, row, 3), ["Figure", "This week", "Change since last week"], widths);
        row++;
        KeyFigure(ws, row++, "Team readiness (mean)", model.Current.MeanReadiness, PercentFormat, model.ReadinessChange, widths);
        KeyFigure(ws, row++, "Ready (share of people)", model.Current.ReadyShare, PercentFormat, model.ReadyShareChange, widths);
        KeyFigure(ws, row++, "Ready (people)", model.Current.Ready, "0", model.Previous is null ? null : model.Current.Ready - model.Previous.Ready, widths, "+0;-0;0");
        KeyFigure(ws, row++, "People", model.Current.People, "0", model.Previous is null ? null : model.Current.People - model.Previous.People, widths, "+0;-0;0");
        KeyFigure(ws, row++, "People with a critical gap", model.PeopleWithCriticalGap, "0", null, widths);
        KeyFigure(ws, row++, "Critical requirements with a gap", model.CriticalGaps, "0", null, widths);
        if (model.Kind == WorkbookKind.Organisation) ws.Cell(5, 1).Value = "Organisation readiness (mean)";

        row++;
        Text(ws.Cell(row++, 1), "Top gaps").Style.Font.SetBold();
        var top = model.TopGaps;
        string[] headers = ["Skill", "Skill name", "People required", "Coverage", "Mean gap", "People with a gap", "Σ weight × gap"];
        var headerRow = row;
        Header(ws.Range(row, 1, row, headers.Length), headers, widths);
        row++;
        foreach (var g in top)
        {
            Text(ws.Cell(row, 1), g.Skill, widths);
            Text(ws.Cell(row, 2), g.SkillName, widths);
            Number(ws.Cell(row, 3), g.PeopleRequired, "0", widths);
            Number(ws.Cell(row, 4), g.Coverage, PercentFormat, widths);
            Number(ws.Cell(row, 5), g.MeanGap, "0.00", widths);
            Number(ws.Cell(row, 6), g.PeopleWithGap, "0", widths);
            Number(ws.Cell(row, 7), g.WeightedGap, "0", widths);
            row++;
        }
        if (top.Count == 0) Text(ws.Cell(row++, 1), "No gaps this week.");
        ws.Range(headerRow, 1, Math.Max(headerRow, row - 1), headers.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin);

        foreach (var note in model.Notes)
            Text(ws.Cell(++row, 1), note).Style.Font.SetItalic();

        widths.Apply(ws, maxColumn: 7, first: 1);
        ws.Column(1).Width = Math.Max(ws.Column(1).Width, 32);
        var pixels = Enumerable.Range(1, 64).Select(c => WorkbookPictures.ColumnPixels(ws.Column(c).Width)).ToArray();
        int ColumnPixels(int zeroBased) => zeroBased < pixels.Length ? pixels[zeroBased] : WorkbookPictures.ColumnPixels(ws.ColumnWidth);

        // The charts go on a page of their own below the tables, two per row.
        var chartRow = row + 1;
        var lastRow = charts == 0 ? row : chartRow + WorkbookPictures.RowsFor(charts);
        var lastColumn = 7;
        for (int c = 0, x = 0; x < WorkbookPictures.GridWidth || c < 7; c++)
        {
            x += ColumnPixels(c);
            lastColumn = c + 1;
        }
        if (charts > 0) ws.PageSetup.AddHorizontalPageBreak(chartRow);
        PrintSetup(ws, ws.Range(1, 1, lastRow, lastColumn), repeatRows: 0);
        return (chartRow, ColumnPixels);
    }

    private static void KeyFigure(IXLWorksheet ws, int row, string label, double value, string format, double? change,
        ColumnWidths widths, string changeFormat = ChangeFormat)
    {
        Text(ws.Cell(row, 1), label, widths);
        Number(ws.Cell(row, 2), value, format, widths);
        if (change is double c) Number(ws.Cell(row, 3), c, changeFormat, widths);
        else Text(ws.Cell(row, 3), "—");
    }

    private static StreamedRows WriteHeatmap(IXLWorksheet ws, WeeklyReportModel model)
    {
        var h = model.Heatmap;
        var widths = new ColumnWidths();
        var fixedColumns = h.RowHeaders.Count;
        for (var c = 0; c < fixedColumns; c++) Header(ws.Cell(1, c + 1), h.RowHeaders[c], widths);
        for (var s = 0; s < h.Skills; s++)
        {
            Header(ws.Cell(1, fixedColumns + s + 1), h.SkillCodes[s], widths);
        }
        for (var r = 0; r < h.Rows; r++)
            for (var c = 0; c < fixedColumns; c++) widths.Observe(c + 1, h.RowLabels[r][c]?.Length ?? 0);
        var lastRow = h.Rows + 1;
        var lastColumn = fixedColumns + h.Skills;
        if (h.Skills > 0)
        {
            ws.Range(1, fixedColumns + 1, 1, lastColumn).Style.Alignment.SetTextRotation(90);
            if (h.Rows > 0)
            {
                // The gap scale of the pages and the charts, on fixed values: 0 pale green, 2.5 amber, 5 and above red; an
                // empty cell (not required) grey — a rule of the same range, so that nothing is written per empty cell.
                var values = ws.Range(2, fixedColumns + 1, lastRow, lastColumn);
                values.AddConditionalFormat().ColorScale()
                    .Minimum(XLCFContentType.Number, 0, XLColor.FromHtml(GapScale.NoGap))
                    .Midpoint(XLCFContentType.Number, GapScale.Middle, XLColor.FromHtml(GapScale.MiddleGap))
                    .Maximum(XLCFContentType.Number, GapScale.Top, XLColor.FromHtml(GapScale.LargeGap));
                values.AddConditionalFormat().WhenIsBlank().Fill.SetBackgroundColor(XLColor.FromHtml(GapScale.NotRequired));
            }
            for (var c = fixedColumns + 1; c <= lastColumn; c++) ws.Column(c).Width = 5.5;
            // Rotated codes need a tall header row: about 6 points per character at 11 points.
            var longest = h.SkillCodes.Max(code => code.Length);
            ws.Row(1).Height = Math.Clamp(6 * longest + 8, 15, 160);
        }
        widths.Apply(ws, maxColumn: fixedColumns, first: 1);
        Text(ws.Cell(lastRow + 2, 1), h.Legend).Style.Font.SetItalic();
        ws.SheetView.Freeze(1, fixedColumns);
        PrintSetup(ws, ws.Range(1, 1, lastRow + 2, Math.Max(lastColumn, 1)), repeatRows: 1, repeatColumns: fixedColumns);

        // One row per person or department: the labels as text, the values centred in the heatmap's number format.
        var labelStyles = Enumerable.Range(1, fixedColumns).Select(c => new CellStyle(Wrap: widths.Wraps(c))).ToArray();
        var valueStyle = new CellStyle(h.NumberFormat, Centred: true);
        return new StreamedRows(Heatmap, 2, lastRow, rows =>
        {
            for (var r = 0; r < h.Rows; r++)
            {
                rows.StartRow(r + 2);
                var labels = h.RowLabels[r];
                for (var c = 0; c < fixedColumns; c++) rows.Text(c + 1, labels[c], labelStyles[c]);
                for (var s = 0; s < h.Skills; s++)
                    if (h.Values[r, s] is double v) rows.Number(fixedColumns + s + 1, v, valueStyle);
            }
        });
    }

    private static StreamedRows WriteTable(IXLWorksheet ws, ReportTable table, string caption)
    {
        var widths = new ColumnWidths();
        var columns = table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            var header = ws.Cell(1, c + 1);
            Header(header, columns[c].Header, widths);
            var kind = columns[c].Kind;
            // Headers line up with their values: numbers to the right, yes/no centred.
            if (kind == ColumnKind.Flag) ws.Column(c + 1).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            else if (kind != ColumnKind.Text) header.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
        foreach (var values in table.Rows)
            for (var c = 0; c < columns.Count && c < values.Length; c++)
                if (values[c] is { } value) widths.Observe(c + 1, columns[c].Kind switch
                {
                    ColumnKind.Text => Convert.ToString(value, CultureInfo.InvariantCulture)?.Length ?? 0,
                    ColumnKind.Flag => value is true ? 3 : 2,
                    ColumnKind.Date => 10,
                    _ => 8,
                });
        var lastRow = Math.Max(1, table.Rows.Count + 1);
        var columnCount = Math.Max(1, columns.Count);
        if (columns.Count > 0) ws.Range(1, 1, lastRow, columnCount).SetAutoFilter();
        widths.Apply(ws, maxColumn: columnCount, first: 1);
        var footer = lastRow + 2;
        Text(ws.Cell(footer, 1), table.Note ?? caption).Style.Font.SetItalic();
        ws.SheetView.Freeze(1, 0);
        PrintSetup(ws, ws.Range(1, 1, footer, columnCount), repeatRows: 1);

        // One number format per column, yes/no centred, long text wrapped in its capped width.
        var styles = Enumerable.Range(0, columns.Count)
            .Select(c => new CellStyle(FormatOf(columns[c].Kind), columns[c].Kind == ColumnKind.Flag, widths.Wraps(c + 1))).ToArray();
        var wrapped = Enumerable.Range(0, columns.Count).Where(c => widths.Wraps(c + 1)).ToArray();
        return new StreamedRows(ws.Name, 2, table.Rows.Count + 1, rows =>
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var values = table.Rows[r];
                rows.StartRow(r + 2, WrappedRowHeight(values, wrapped));
                for (var c = 0; c < columns.Count && c < values.Length; c++)
                    if (values[c] is { } value) Cell(rows, c + 1, columns[c].Kind, value, styles[c]);
            }
        });
    }

    /// <summary>
    /// The height of a row whose text wraps, or null for one line: spreadsheets do not all grow a row on opening, and a
    /// wrapped cell in a row of one line's height overlaps the next.
    /// </summary>
    private static double? WrappedRowHeight(object?[] values, int[] wrapped)
    {
        var lines = 1;
        foreach (var c in wrapped)
            if (c < values.Length && values[c] is string text)
                lines = Math.Max(lines, (int)Math.Ceiling((text.Length * 1.1 + 2) / MaxColumnWidth));
        return lines > 1 ? 15 * lines : null;
    }

    private static void WriteTrend(IXLWorksheet ws, WeeklyReportModel model)
    {
        var widths = new ColumnWidths();
        string[] headers = ["Week", "As of", "People", "Mean readiness", "Ready", "Ready share"];
        Header(ws.Range(1, 1, 1, headers.Length), headers, widths);
        var row = 2;
        foreach (var w in model.Trend)
        {
            Text(ws.Cell(row, 1), w.Week, widths);
            Date(ws.Cell(row, 2), w.AsOf, widths);
            Number(ws.Cell(row, 3), w.Figure.People, "0", widths);
            if (w.Figure.People > 0)
            {
                Number(ws.Cell(row, 4), w.Figure.MeanReadiness, PercentFormat, widths);
                Number(ws.Cell(row, 5), w.Figure.Ready, "0", widths);
                Number(ws.Cell(row, 6), w.Figure.ReadyShare, PercentFormat, widths);
            }
            row++;
        }
        widths.Apply(ws, maxColumn: headers.Length, first: 1);
        ws.SheetView.Freeze(1, 0);
        PrintSetup(ws, ws.Range(1, 1, Math.Max(1, row - 1), headers.Length), repeatRows: 1);
    }

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
        _ => null,
    };

    /// <summary>
    /// Text from the data as a string cell: never a formula; one that starts like a formula also gets the quote
    /// prefix, so that editing the cell in Excel does not turn it into one either.
    /// </summary>
    private static IXLCell Text(IXLCell cell, string? text, ColumnWidths? widths = null)
    {
        text ??= "";
        // SetValue stores a string as text as it is (no type guessing, never a formula).
        cell.SetValue(text);
        if (SafeText.LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
        widths?.Observe(cell.Address.ColumnNumber, text.Length);
        return cell;
    }

    private static void Number(IXLCell cell, double value, string format, ColumnWidths widths)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
        widths.Observe(cell.Address.ColumnNumber, Math.Max(format.Length, 8));
    }

    private static void Date(IXLCell cell, DateOnly value, ColumnWidths widths)
    {
        cell.SetValue(value.ToDateTime(TimeOnly.MinValue));
        cell.Style.NumberFormat.Format = DateFormat;
        widths.Observe(cell.Address.ColumnNumber, 10);
    }

    private static void Header(IXLCell cell, string text, ColumnWidths widths)
    {
        Text(cell, text, widths);
        cell.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
    }

    private static void Header(IXLRange range, IReadOnlyList<string> headers, ColumnWidths widths)
    {
        for (var c = 0; c < headers.Count; c++) Header(range.Cell(1, c + 1), headers[c], widths);
    }

    private static void PrintSetup(IXLWorksheet ws, IXLRange area, int repeatRows, int repeatColumns = 0)
    {
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.5);
        ws.PageSetup.PrintAreas.Clear();
        ws.PageSetup.PrintAreas.Add(area.RangeAddress.ToStringRelative());
        if (repeatRows > 0) ws.PageSetup.SetRowsToRepeatAtTop(1, repeatRows);
        if (repeatColumns > 0) ws.PageSetup.SetColumnsToRepeatAtLeft(1, repeatColumns);
        ws.PageSetup.Footer.Center.AddText("Page ", XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(" of ", XLHFOccurrence.AllPages);
        ws.PageSetup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Column widths from the longest text seen per column (AdjustToContents needs libgdiplus here).</summary>
    private sealed class ColumnWidths
    {
        private readonly Dictionary<int, int> _longest = [];
        private readonly HashSet<int> _wrapped = [];

        public bool Wraps(int column) => _wrapped.Contains(column);

        public void Observe(int column, int characters)
        {
            if (!_longest.TryGetValue(column, out var current) || characters > current) _longest[column] = characters;
        }

        public void Apply(IXLWorksheet ws, int maxColumn, int first)
        {
            for (var c = first; c <= maxColumn; c++)
                if (_longest.TryGetValue(c, out var n))
                {
                    var width = n * 1.1 + 2;
                    ws.Column(c).Width = Math.Min(MaxColumnWidth, width);
                    // Longer text wraps inside the capped width instead of being cut off by the next cell.
                    if (width <= MaxColumnWidth) continue;
                    ws.Column(c).Style.Alignment.SetWrapText(true);
                    _wrapped.Add(c);
                }
        }
    }
}
