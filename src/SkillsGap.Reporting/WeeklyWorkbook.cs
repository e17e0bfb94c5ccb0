using System.Globalization;
using ClosedXML.Excel;

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

    /// <summary>The first column (1-based) of the chart area on Summary; the tables stay left of it.</summary>
    public const int ChartColumn = 9;

    private const string PercentFormat = "0.0%";
    private const string ChangeFormat = "+0.0%;-0.0%;0.0%";
    private const string DateFormat = "yyyy-mm-dd";
    private const double MaxColumnWidth = 60;
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
            var chartAreaColumns = WriteSummary(summary, model);
            WriteHeatmap(workbook.Worksheets.Add(Heatmap), model);
            WriteTable(workbook.Worksheets.Add(Gaps), model.Gaps, $"Gaps as of {Iso(model.AsOf)}");
            WriteTable(workbook.Worksheets.Add(Recommendations), model.Recommendations, $"Next badges and pathways as of {Iso(model.AsOf)}");
            WriteTrend(workbook.Worksheets.Add(Trend), model);
            if (model.Departments is not null)
                WriteTable(workbook.Worksheets.Add(Departments), model.Departments, $"Readiness by department as of {Iso(model.AsOf)}");
            workbook.SaveAs(buffer);
            _ = chartAreaColumns;
        }
        buffer.Position = 0;
        if (charts.Count > 0)
            WorkbookPictures.Embed(buffer, Summary, charts, ChartColumn - 1, 0);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static int WriteSummary(IXLWorksheet ws, WeeklyReportModel model)
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
        var top = model.TopGaps.Where(g => g.WeightedGap > 0).Take(10).ToArray();
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
        if (top.Length == 0) Text(ws.Cell(row++, 1), "No gaps this week.");
        ws.Range(headerRow, 1, Math.Max(headerRow, row - 1), headers.Length).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin);

        foreach (var note in model.Notes)
            Text(ws.Cell(++row, 1), note).Style.Font.SetItalic();

        widths.Apply(ws, maxColumn: ChartColumn - 1, first: 1);
        ws.Column(1).Width = Math.Max(ws.Column(1).Width, 32);
        ws.Column(ChartColumn - 1).Width = 2;
        for (var c = ChartColumn; c < ChartColumn + 20; c++) ws.Column(c).Width = WorkbookPictures.ChartColumnWidth;
        PrintSetup(ws, ws.Range(1, 1, Math.Max(row, 2 * WorkbookPictures.ChartRows + 2), ChartColumn + 2 * WorkbookPictures.ChartColumns - 1), repeatRows: 0);
        return 2 * WorkbookPictures.ChartColumns;
    }

    private static void KeyFigure(IXLWorksheet ws, int row, string label, double value, string format, double? change,
        ColumnWidths widths, string changeFormat = ChangeFormat)
    {
        Text(ws.Cell(row, 1), label, widths);
        Number(ws.Cell(row, 2), value, format, widths);
        if (change is double c) Number(ws.Cell(row, 3), c, changeFormat, widths);
        else Text(ws.Cell(row, 3), "—");
    }

    private static void WriteHeatmap(IXLWorksheet ws, WeeklyReportModel model)
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
        {
            var labels = h.RowLabels[r];
            for (var c = 0; c < fixedColumns; c++) Text(ws.Cell(r + 2, c + 1), labels[c], widths);
            for (var s = 0; s < h.Skills; s++)
                if (h.Values[r, s] is double v) ws.Cell(r + 2, fixedColumns + s + 1).SetValue(v);
        }
        var lastRow = h.Rows + 1;
        var lastColumn = fixedColumns + h.Skills;
        if (h.Skills > 0)
        {
            ws.Range(1, fixedColumns + 1, 1, lastColumn).Style.Alignment.SetTextRotation(90);
            if (h.Rows > 0)
            {
                var values = ws.Range(2, fixedColumns + 1, lastRow, lastColumn);
                values.Style.NumberFormat.Format = h.NumberFormat;
                values.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
                // Gap 0 is good (green), the largest gap is bad (red).
                values.AddConditionalFormat().ColorScale()
                    .LowestValue(XLColor.FromHtml("#63BE7B"))
                    .Midpoint(XLCFContentType.Percentile, 50, XLColor.FromHtml("#FFEB84"))
                    .HighestValue(XLColor.FromHtml("#F8696B"));
            }
            for (var c = fixedColumns + 1; c <= lastColumn; c++) ws.Column(c).Width = 5.5;
        }
        widths.Apply(ws, maxColumn: fixedColumns, first: 1);
        Text(ws.Cell(lastRow + 2, 1), h.Legend).Style.Font.SetItalic();
        ws.SheetView.Freeze(1, fixedColumns);
        PrintSetup(ws, ws.Range(1, 1, lastRow + 2, Math.Max(lastColumn, 1)), repeatRows: 1, repeatColumns: fixedColumns);
    }

    private static void WriteTable(IXLWorksheet ws, ReportTable table, string caption)
    {
        var widths = new ColumnWidths();
        for (var c = 0; c < table.Columns.Count; c++) Header(ws.Cell(1, c + 1), table.Columns[c].Header, widths);
        var row = 2;
        foreach (var values in table.Rows)
        {
            for (var c = 0; c < table.Columns.Count; c++)
                Cell(ws.Cell(row, c + 1), table.Columns[c].Kind, c < values.Length ? values[c] : null, widths);
            row++;
        }
        var lastRow = Math.Max(1, row - 1);
        var columns = Math.Max(1, table.Columns.Count);
        if (table.Columns.Count > 0) ws.Range(1, 1, lastRow, columns).SetAutoFilter();
        widths.Apply(ws, maxColumn: columns, first: 1);
        var footer = lastRow + 2;
        Text(ws.Cell(footer, 1), table.Note ?? caption).Style.Font.SetItalic();
        ws.SheetView.Freeze(1, 0);
        PrintSetup(ws, ws.Range(1, 1, footer, columns), repeatRows: 1);
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

    private static void Cell(IXLCell cell, ColumnKind kind, object? value, ColumnWidths widths)
    {
        if (value is null) return;
        switch (kind)
        {
            case ColumnKind.Text:
                Text(cell, Convert.ToString(value, CultureInfo.InvariantCulture), widths);
                break;
            case ColumnKind.Date:
                Date(cell, value is DateOnly d ? d : DateOnly.FromDateTime(Convert.ToDateTime(value, CultureInfo.InvariantCulture)), widths);
                break;
            case ColumnKind.Flag:
                Text(cell, value is true ? "yes" : "no", widths);
                break;
            default:
                Number(cell, Convert.ToDouble(value, CultureInfo.InvariantCulture), kind switch
                {
                    ColumnKind.Integer => "0",
                    ColumnKind.Percent => PercentFormat,
                    ColumnKind.Hours => "0.0",
                    _ => "0.00",
                }, widths);
                break;
        }
    }

    /// <summary>
    /// Text from the data as a string cell: never a formula; one that starts like a formula also gets the quote
    /// prefix, so that editing the cell in Excel does not turn it into one either.
    /// </summary>
    private static IXLCell Text(IXLCell cell, string? text, ColumnWidths? widths = null)
    {
        text ??= "";
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
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

        public void Observe(int column, int characters)
        {
            if (!_longest.TryGetValue(column, out var current) || characters > current) _longest[column] = characters;
        }

        public void Apply(IXLWorksheet ws, int maxColumn, int first)
        {
            for (var c = first; c <= maxColumn; c++)
                if (_longest.TryGetValue(c, out var n))
                    ws.Column(c).Width = Math.Min(MaxColumnWidth, n * 1.1 + 2);
        }
    }
}
