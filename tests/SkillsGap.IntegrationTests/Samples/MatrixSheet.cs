using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.IntegrationTests.Samples;

/// <summary>A cell of the roles matrix as the Open XML SDK reads it: its text and whether it was stored as a number.</summary>
public sealed record MatrixCell(string Text, bool IsNumber);

/// <summary>Reads the first sheet of a workbook with the Open XML SDK into rows of cells keyed by column letters.</summary>
public static class MatrixSheet
{
    public static (string SheetName, List<Dictionary<string, MatrixCell>> Rows) Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = new List<Dictionary<string, MatrixCell>>();
        foreach (var row in worksheet.Descendants<Row>())
        {
            var cells = new Dictionary<string, MatrixCell>(StringComparer.Ordinal);
            foreach (var cell in row.Elements<Cell>())
            {
                var column = new string(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
                var raw = cell.CellValue?.Text ?? string.Empty;
                cells[column] = cell.DataType?.Value switch
                {
                    null => new MatrixCell(raw, IsNumber: true),
                    var t when t == CellValues.Number => new MatrixCell(raw, IsNumber: true),
                    var t when t == CellValues.SharedString => new MatrixCell(shared[int.Parse(raw, CultureInfo.InvariantCulture)], IsNumber: false),
                    var t when t == CellValues.InlineString => new MatrixCell(cell.InlineString!.InnerText, IsNumber: false),
                    _ => new MatrixCell(raw, IsNumber: false),
                };
            }
            rows.Add(cells);
        }
        return (sheet.Name!.Value!, rows);
    }

    /// <summary>Header name → cell for each data row.</summary>
    public static List<Dictionary<string, MatrixCell>> Records(string path)
    {
        var (_, rows) = Read(path);
        var header = rows[0].ToDictionary(p => p.Key, p => p.Value.Text, StringComparer.Ordinal);
        return rows.Skip(1).Select(r => r.ToDictionary(p => header[p.Key], p => p.Value, StringComparer.Ordinal)).ToList();
    }
}
