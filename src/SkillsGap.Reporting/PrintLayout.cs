using System.Globalization;

namespace SkillsGap.Reporting;

/// <summary>
/// How the weekly workbook prints: A4 landscape with fixed margins, a scale chosen per sheet so that no text prints under
/// <see cref="MinimumPrintedPoints"/>. A sheet is printed one page wide only when that scale allows it; wider sheets are
/// split into column blocks with their name columns repeated, never shrunk further.
/// </summary>
public static class PrintLayout
{
    /// <summary>A4 landscape, in points.</summary>
    public const double PageWidthPoints = 842, PageHeightPoints = 595;

    /// <summary>Left and right margins, top and bottom margins (inches; the footer sits in the bottom margin).</summary>
    public const double SideMarginInches = 0.4, TopMarginInches = 0.5, BottomMarginInches = 0.6;

    /// <summary>The smallest font size, in points, that any text of the workbook may print at.</summary>
    public const double MinimumPrintedPoints = 8;

    /// <summary>
    /// The workbook's font: Excel has Arial and LibreOffice prints it as Liberation Sans (the same widths), so the column
    /// widths chosen here print the same in both. At 10 points its digits are 7 pixels wide, like Calibri 11's.
    /// </summary>
    public const string FontName = "Arial";

    /// <summary>The size of body text, in points.</summary>
    public const double BodyFontPoints = 10;

    /// <summary>The smallest font of the workbook (body text, the heatmap's skill labels and the notes), in points.</summary>
    public const double SmallestFontPoints = 10;

    /// <summary>The smallest print scale (percent) the workbook uses: the smallest font prints at 8 points or more.</summary>
    public static int MinimumScale => (int)Math.Ceiling(100 * MinimumPrintedPoints / SmallestFontPoints);

    /// <summary>The width a page prints on, in points, between the side margins.</summary>
    public static double PrintableWidthPoints => PageWidthPoints - (2 * SideMarginInches * 72);

    /// <summary>The height a page prints on, in points, between the top and bottom margins.</summary>
    public static double PrintableHeightPoints => PageHeightPoints - ((TopMarginInches + BottomMarginInches) * 72);

    /// <summary>The width in points of a column ClosedXML was given <paramref name="characters"/> wide (pixels × 0.75).</summary>
    public static double ColumnPoints(double characters) => WorkbookPictures.ColumnPixels(characters) * 0.75;

    /// <summary>
    /// How much wider than Excel a spreadsheet may draw the same columns (LibreOffice measures Liberation Sans's digits
    /// wider and pads narrow columns more: measured 5–12% on its PDFs, and a page break falls early near the edge): the slack left when fitting a page.
    /// </summary>
    public const double WidthSlack = 1.15;

    /// <summary>
    /// The largest whole percentage (at most 100, with <see cref="WidthSlack"/>) at which <paramref name="widthPoints"/> of
    /// columns fit the printable width.
    /// </summary>
    public static int ScaleToFit(double widthPoints) =>
        widthPoints <= 0 ? 100 : Math.Min(100, (int)Math.Floor(100 * PrintableWidthPoints / (widthPoints * WidthSlack)));

    /// <summary>"85%": a scale as the report's notes say it.</summary>
    public static string Percent(int scale) => scale.ToString(CultureInfo.InvariantCulture) + "%";
}
