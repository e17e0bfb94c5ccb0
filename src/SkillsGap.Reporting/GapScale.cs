using System.Globalization;

namespace SkillsGap.Reporting;

/// <summary>
/// The one colour scale of gaps, used by the pages, the workbook's heatmap and the heatmap chart: pale green at gap 0,
/// amber at 2.5, red at 5 and above, interpolated in between (a mean gap of a department takes its place on the same
/// scale). A skill the role does not require is grey, so that it never looks like "no gap". Black text reads on every
/// colour of the scale, and every cell also says its value: nothing is said by colour alone.
/// </summary>
public static class GapScale
{
    /// <summary>The gap at which the scale is amber.</summary>
    public const double Middle = 2.5;

    /// <summary>The gap at which the scale is red; larger gaps are red too.</summary>
    public const double Top = 5;

    /// <summary>Gap 0: the requirement is met.</summary>
    public const string NoGap = "#E3F1E6";

    /// <summary>Gap <see cref="Middle"/>.</summary>
    public const string MiddleGap = "#FFE08A";

    /// <summary>Gap <see cref="Top"/> and above.</summary>
    public const string LargeGap = "#F26D5B";

    /// <summary>The role does not require the skill.</summary>
    public const string NotRequired = "#C9CDD3";

    /// <summary>How the scale reads, for a legend under a heatmap.</summary>
    public const string Legend = "Colours: pale green = no gap, amber = a gap of about 2.5 levels, red = 5 or more; grey = not required.";

    /// <summary>The colour of a gap (a person's gap, or a group's mean gap), as <c>#RRGGBB</c>.</summary>
    public static string Hex(double gap)
    {
        var (r, g, b) = Rgb(gap);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}");
    }

    /// <summary>The colour of a gap as red, green and blue: linear between the three stops, clamped to [0, <see cref="Top"/>].</summary>
    public static (byte R, byte G, byte B) Rgb(double gap)
    {
        if (double.IsNaN(gap)) return Parse(NotRequired);
        var x = Math.Clamp(gap, 0, Top);
        return x <= Middle
            ? Mix(Parse(NoGap), Parse(MiddleGap), x / Middle)
            : Mix(Parse(MiddleGap), Parse(LargeGap), (x - Middle) / (Top - Middle));
    }

    /// <summary>A <c>#RRGGBB</c> colour as its three bytes.</summary>
    public static (byte R, byte G, byte B) Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#') throw new FormatException($"'{hex}' is not a #RRGGBB colour.");
        return (Byte(hex, 1), Byte(hex, 3), Byte(hex, 5));
    }

    private static byte Byte(string hex, int at) => byte.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static (byte, byte, byte) Mix((byte R, byte G, byte B) from, (byte R, byte G, byte B) to, double t) =>
        (Lerp(from.R, to.R, t), Lerp(from.G, to.G, t), Lerp(from.B, to.B, t));

    private static byte Lerp(byte from, byte to, double t) => (byte)Math.Round(from + ((to - from) * t), MidpointRounding.AwayFromZero);
}

/// <summary>The colours of the charts' series, shared by the workbook's pictures and the pages.</summary>
public static class ChartColours
{
    /// <summary>Weighted gaps (the top-gaps bars): the red end of <see cref="GapScale"/>, darkened for a bar.</summary>
    public const string Gap = "#C0504D";

    /// <summary>People and readiness (histogram bars, the mean-readiness line).</summary>
    public const string Readiness = "#4F81BD";

    /// <summary>The ready share line of the trend.</summary>
    public const string Ready = "#9BBB59";
}
