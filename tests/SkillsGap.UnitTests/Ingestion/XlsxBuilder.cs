using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.UnitTests.Ingestion;

/// <summary>Builds real XLSX workbooks with the Open XML SDK: shared strings, inline strings, numbers and date-styled cells.</summary>
internal static class XlsxBuilder
{
    /// <summary>A cell: a string goes to the shared string table, <see cref="Inline"/> is an inline string, a double is a number, <see cref="DateCell"/> a date-styled serial.</summary>
    public sealed record Inline(string Text);

    public sealed record DateCell(double Serial, bool CustomFormat = false);

    /// <summary>A formatted cell without a value (<c>&lt;c r="A2" s="1"/&gt;</c>).</summary>
    public sealed record Blank;

    public const uint DateStyle = 1;       // built-in numFmt 14 (m/d/yyyy)
    public const uint CustomDateStyle = 2; // custom numFmt 164 "yyyy-mm-dd"

    /// <summary>Writes a workbook with the given sheets; each sheet is a list of rows (row number, cells from column A; null = no cell).</summary>
    public static void Write(string path, params (string Name, IReadOnlyList<(uint Row, object?[] Cells)> Rows)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var shared = workbookPart.AddNewPart<SharedStringTablePart>();
        shared.SharedStringTable = new SharedStringTable();
        var sharedIndex = new Dictionary<string, int>();

        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\\-mm\\-dd" }) { Count = 1 },
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill()) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true })
            { Count = 3 });

        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var (name, rows) in sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (rowNumber, cells) in rows)
            {
                var row = new Row { RowIndex = rowNumber };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is not { } value) continue;
                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{rowNumber}" };
                    switch (value)
                    {
                        case string text:
                            if (!sharedIndex.TryGetValue(text, out var index))
                            {
                                index = sharedIndex.Count;
                                sharedIndex[text] = index;
                                shared.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
                            }
                            cell.DataType = CellValues.SharedString;
                            cell.CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case Inline inline:
                            cell.DataType = CellValues.InlineString;
                            cell.InlineString = new InlineString(new Text(inline.Text));
                            break;
                        case DateCell date:
                            cell.StyleIndex = date.CustomFormat ? CustomDateStyle : DateStyle;
                            cell.CellValue = new CellValue(date.Serial);
                            break;
                        case double number:
                            cell.CellValue = new CellValue(number);
                            break;
                        case Blank:
                            cell.StyleIndex = DateStyle;
                            break;
                        case bool flag:
                            cell.DataType = CellValues.Boolean;
                            cell.CellValue = new CellValue(flag ? "1" : "0");
                            break;
                    }
                    row.AppendChild(cell);
                }
                data.AppendChild(row);
            }
            worksheetPart.Worksheet = new Worksheet(data);
            sheetList.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = name });
        }
        workbookPart.Workbook.Save();
    }
}
