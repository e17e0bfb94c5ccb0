using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SkillsGap.Reporting;

/// <summary>
/// Embeds PNG charts in a saved workbook with the Open XML SDK: a drawing part for the sheet, an image part per chart,
/// and an <c>xdr:twoCellAnchor</c> picture for each, laid out in a grid of <see cref="ChartColumns"/> columns below a
/// given row. (ClosedXML 0.95 needs libgdiplus for pictures, so this runs on the saved package.)
/// </summary>
public static class WorkbookPictures
{
    /// <summary>Charts per row of the grid.</summary>
    public const int ChartColumns = 2;

    /// <summary>Width and height, in pixels, of one slot of the grid; a chart is scaled to fit, keeping its aspect ratio.</summary>
    public const int SlotWidth = 640, SlotHeight = 480;

    /// <summary>Space between slots, in pixels.</summary>
    public const int Spacing = 16;

    /// <summary>Height of a row of the default height (15 points), in pixels.</summary>
    public const int RowPixels = 20;

    private const long EmuPerPixel = 9525;

    /// <summary>Rows the grid of <paramref name="charts"/> charts covers.</summary>
    public static int RowsFor(int charts) =>
        (int)Math.Ceiling((double)((charts + ChartColumns - 1) / ChartColumns * (SlotHeight + Spacing)) / RowPixels);

    /// <summary>Pixels the grid is wide.</summary>
    public static int GridWidth => ChartColumns * SlotWidth + (ChartColumns - 1) * Spacing;

    /// <summary>
    /// The width in pixels of a column that ClosedXML was given <paramref name="characters"/> wide: it saves the width
    /// plus 0.710625, and a spreadsheet draws a saved width w as ⌊7·w + 0.5⌋ pixels at the default font (Calibri 11).
    /// </summary>
    public static int ColumnPixels(double characters) => (int)Math.Floor(7 * (characters + 0.710625) + 0.5);

    /// <summary>
    /// Adds <paramref name="charts"/> to the sheet named <paramref name="sheetName"/>, the grid's top-left corner at the
    /// start of zero-based <paramref name="row"/> in column A; <paramref name="columnPixels"/> gives the width of each
    /// zero-based column in pixels (rows are assumed to be of the default height).
    /// </summary>
    public static void Embed(Stream workbook, string sheetName, IReadOnlyList<ChartImage> charts, int row, Func<int, int> columnPixels)
    {
        using var document = SpreadsheetDocument.Open(workbook, true);
        Embed(document, sheetName, charts, row, columnPixels);
    }

    /// <summary>Like <see cref="Embed(Stream, string, IReadOnlyList{ChartImage}, int, Func{int, int})"/>, on an open document.</summary>
    internal static void Embed(SpreadsheetDocument document, string sheetName, IReadOnlyList<ChartImage> charts, int row, Func<int, int> columnPixels)
    {
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
            var scale = Math.Min(1.0, Math.Min((double)SlotWidth / chart.Width, (double)SlotHeight / chart.Height));
            var width = (int)(chart.Width * scale);
            var height = (int)(chart.Height * scale);
            var x = i % ChartColumns * (SlotWidth + Spacing);
            var y = row * RowPixels + i / ChartColumns * (SlotHeight + Spacing);
            var from = (Column(x, columnPixels), Row: y / RowPixels, RowOffset: y % RowPixels);
            var to = (Column(x + width, columnPixels), Row: (y + height) / RowPixels, RowOffset: (y + height) % RowPixels);
            drawing.Append(Anchor(drawingsPart.GetIdOfPart(imagePart), id++, chart.Title, chart.Name,
                from.Item1, (from.Row, from.RowOffset), to.Item1, (to.Row, to.RowOffset), width, height));
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

    /// <summary>
    /// Adds each chart at its own size (the picture's pixels, so its aspect ratio is the chart's) with its top-left
    /// corner <c>X</c> pixels into the zero-based row <c>Row</c>: a one-cell anchor, so that row heights do not stretch it.
    /// </summary>
    internal static void Place(SpreadsheetDocument document, string sheetName, IReadOnlyList<(ChartImage Chart, int Row, int X)> charts,
        Func<int, int> columnPixels)
    {
        var book = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var sheet = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
            ?? throw new InvalidDataException($"The workbook has no sheet '{sheetName}'.");
        var worksheetPart = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
        var drawingsPart = worksheetPart.DrawingsPart ?? worksheetPart.AddNewPart<DrawingsPart>();
        drawingsPart.WorksheetDrawing ??= new Xdr.WorksheetDrawing();
        var drawing = drawingsPart.WorksheetDrawing;
        var id = (uint)drawing.ChildElements.Count + 1;
        foreach (var (chart, row, x) in charts)
        {
            var imagePart = drawingsPart.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(chart.Png, writable: false)) imagePart.FeedData(png);
            var (column, offset) = Column(x, columnPixels);
            static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            drawing.Append(new Xdr.OneCellAnchor(
                new Xdr.FromMarker(
                    new Xdr.ColumnId(Text(column)), new Xdr.ColumnOffset(Text(offset * EmuPerPixel)),
                    new Xdr.RowId(Text(row)), new Xdr.RowOffset("0")),
                new Xdr.Extent { Cx = chart.Width * EmuPerPixel, Cy = chart.Height * EmuPerPixel },
                PictureOf(drawingsPart.GetIdOfPart(imagePart), id++, chart.Title, chart.Name, chart.Width, chart.Height),
                new Xdr.ClientData()));
        }
        drawing.Save();
        AttachDrawing(worksheetPart, drawingsPart);
    }

    private static void AttachDrawing(WorksheetPart worksheetPart, DrawingsPart drawingsPart)
    {
        var worksheet = worksheetPart.Worksheet;
        if (!worksheet.Elements<Drawing>().Any())
        {
            var element = new Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) };
            var before = worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture
                or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
            if (before is null) worksheet.Append(element);
            else worksheet.InsertBefore(element, before);
        }
        worksheet.Save();
    }

    private static Xdr.Picture PictureOf(string relationshipId, uint id, string title, string name, long widthPixels, long heightPixels) =>
        new(
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
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));

    /// <summary>The zero-based column holding pixel <paramref name="x"/> from the sheet's left edge, and the offset into it.</summary>
    private static (int Column, int Offset) Column(int x, Func<int, int> columnPixels)
    {
        var column = 0;
        while (x >= columnPixels(column))
        {
            x -= columnPixels(column);
            column++;
        }
        return (column, x);
    }

    private static Xdr.TwoCellAnchor Anchor(string relationshipId, uint id, string title, string name,
        (int Column, int Offset) fromColumn, (int Row, int Offset) fromRow, (int Column, int Offset) toColumn, (int Row, int Offset) toRow,
        long widthPixels, long heightPixels)
    {
        static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Xdr.TwoCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId(Text(fromColumn.Column)), new Xdr.ColumnOffset(Text(fromColumn.Offset * EmuPerPixel)),
                new Xdr.RowId(Text(fromRow.Row)), new Xdr.RowOffset(Text(fromRow.Offset * EmuPerPixel))),
            new Xdr.ToMarker(
                new Xdr.ColumnId(Text(toColumn.Column)), new Xdr.ColumnOffset(Text(toColumn.Offset * EmuPerPixel)),
                new Xdr.RowId(Text(toRow.Row)), new Xdr.RowOffset(Text(toRow.Offset * EmuPerPixel))),
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
