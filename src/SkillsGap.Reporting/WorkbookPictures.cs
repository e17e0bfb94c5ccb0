using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SkillsGap.Reporting;

/// <summary>
/// Embeds PNG charts in a saved workbook with the Open XML SDK: a drawing part per sheet, an image part per chart, and
/// an <c>xdr:twoCellAnchor</c> picture for each, laid out in a grid of <see cref="ChartColumns"/> columns.
/// </summary>
public static class WorkbookPictures
{
    /// <summary>Charts per row of the grid.</summary>
    public const int ChartColumns = 2;

    /// <summary>Spreadsheet columns and rows one chart spans (the sheet's columns there must be <see cref="ChartColumnWidth"/> wide).</summary>
    public const int ColumnsPerChart = 7, ChartRows = 21;

    /// <summary>Width, in characters, of the columns under the charts: 12.71 characters is 94 pixels at the default font.</summary>
    public const double ChartColumnWidth = 12.71;

    private const int ColumnPixels = 94;
    private const int RowPixels = 20;
    private const long EmuPerPixel = 9525;

    /// <summary>
    /// Adds <paramref name="charts"/> to the sheet named <paramref name="sheetName"/>, the grid's top-left corner at
    /// zero-based <paramref name="column"/>, <paramref name="row"/>; each is scaled to fit its cell block.
    /// </summary>
    public static void Embed(Stream workbook, string sheetName, IReadOnlyList<ChartImage> charts, int column, int row)
    {
        using var document = SpreadsheetDocument.Open(workbook, true);
        var book = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var sheet = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
            ?? throw new InvalidDataException($"The workbook has no sheet '{sheetName}'.");
        var worksheetPart = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
        var drawingsPart = worksheetPart.DrawingsPart ?? worksheetPart.AddNewPart<DrawingsPart>();
        drawingsPart.WorksheetDrawing ??= new Xdr.WorksheetDrawing();
        var drawing = drawingsPart.WorksheetDrawing;
        var id = (uint)drawing.ChildElements.Count + 1;

        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            var imagePart = drawingsPart.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(chart.Png, writable: false)) imagePart.FeedData(png);
            var fromColumn = column + i % ChartColumns * ColumnsPerChart;
            var fromRow = row + i / ChartColumns * ChartRows;
            // Fit the image into its block, keeping its aspect ratio.
            var scale = Math.Min((double)(ColumnsPerChart * ColumnPixels - 8) / chart.Width, (double)(ChartRows * RowPixels - 8) / chart.Height);
            var width = (long)(chart.Width * scale);
            var height = (long)(chart.Height * scale);
            drawing.Append(Anchor(drawingsPart.GetIdOfPart(imagePart), id++, chart.Title, chart.Name, fromColumn, fromRow, width, height));
        }
        drawing.Save();

        var worksheet = worksheetPart.Worksheet;
        if (!worksheet.Elements<Drawing>().Any())
        {
            var element = new Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) };
            // CT_Worksheet's sequence: drawing comes before legacyDrawing, picture, oleObjects, controls, tableParts, extLst.
            var before = worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture
                or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
            if (before is null) worksheet.Append(element);
            else worksheet.InsertBefore(element, before);
        }
        worksheet.Save();
    }

    private static Xdr.TwoCellAnchor Anchor(string relationshipId, uint id, string title, string name, int column, int row, long widthPixels, long heightPixels)
    {
        var toColumn = column + (int)(widthPixels / ColumnPixels);
        var toColumnOffset = widthPixels % ColumnPixels;
        var toRow = row + (int)(heightPixels / RowPixels);
        var toRowOffset = heightPixels % RowPixels;
        return new Xdr.TwoCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId(column.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("38100"),
                new Xdr.RowId(row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("38100")),
            new Xdr.ToMarker(
                new Xdr.ColumnId(toColumn.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset((toColumnOffset * EmuPerPixel + 38100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.RowId(toRow.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.RowOffset((toRowOffset * EmuPerPixel + 38100).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id + 1, Name = name, Description = title },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(
                    new A.Blip { Embed = relationshipId },
                    new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(
                        new A.Offset { X = 0, Y = 0 },
                        new A.Extents { Cx = widthPixels * EmuPerPixel, Cy = heightPixels * EmuPerPixel }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };
    }
}
