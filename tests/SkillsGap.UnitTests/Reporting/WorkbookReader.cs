using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>Reads a saved workbook back with the Open XML SDK (not ClosedXML): sheets, cells and their styles.</summary>
internal sealed class WorkbookReader : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly string[] _shared;

    public WorkbookReader(byte[] bytes)
    {
        _document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
        _shared = Book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
    }

    public WorkbookPart Book => _document.WorkbookPart!;

    public string[] SheetNames => [.. Book.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public WorksheetPart Part(string sheet) =>
        (WorksheetPart)Book.GetPartById(Book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!);

    public Cell? Cell(string sheet, string reference) =>
        Part(sheet).Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    /// <summary>The text of a string cell (shared or inline), or the raw value of any other.</summary>
    public string? Text(string sheet, string reference) => Text(Cell(sheet, reference));

    public string? Text(Cell? cell)
    {
        if (cell?.CellValue is null && cell?.InlineString is null) return null;
        if (cell.DataType?.Value == CellValues.SharedString) return _shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)];
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        return cell.CellValue?.Text;
    }

    public double Number(string sheet, string reference) =>
        double.Parse(Cell(sheet, reference)!.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cell format (xf) a cell uses.</summary>
    public CellFormat Format(Cell cell) =>
        Book.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    /// <summary>The number format code of a cell ("General" when none).</summary>
    public string NumberFormat(Cell cell)
    {
        var id = Format(cell).NumberFormatId?.Value ?? 0;
        var custom = Book.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? (id switch { 0 => "General", 1 => "0", 2 => "0.00", 9 => "0%", 10 => "0.00%", 14 => "m/d/yyyy", _ => id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>The fill colour (ARGB hex) of differential format <paramref name="id"/> (what a conditional format applies).</summary>
    public string? DifferentialFill(uint id)
    {
        var format = Book.WorkbookStylesPart!.Stylesheet.DifferentialFormats!.Elements<DifferentialFormat>().ElementAt((int)id);
        var pattern = format.Fill?.PatternFill;
        return pattern?.BackgroundColor?.Rgb?.Value ?? pattern?.ForegroundColor?.Rgb?.Value;
    }

    /// <summary>Every cell of a sheet whose text equals <paramref name="text"/>.</summary>
    public IEnumerable<Cell> CellsWithText(string sheet, string text) =>
        Part(sheet).Worksheet.Descendants<Cell>().Where(c => Text(c) == text);

    public void Dispose() => _document.Dispose();
}
