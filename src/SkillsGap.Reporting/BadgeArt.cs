using System.Globalization;
using System.Security;
using System.Text;
using SkiaSharp;

namespace SkillsGap.Reporting;

/// <summary>What a badge picture shows: the badge's name and catalogue id, its issuer, and whether it is a stack.</summary>
public sealed record BadgeArtSpec(string Name, string Code, string Issuer, bool Stack = false);

/// <summary>
/// The picture of a badge as SVG and as PNG (drawn the same way with SkiaSharp): a medal in a colour chosen from the
/// badge id, the issuer at the top, the name in up to three lines, the id on a ribbon; a stack has a double gold ring.
/// These are the images credentials are baked into.
/// </summary>
public static class BadgeArt
{
    public const int Size = 400;
    private const float Centre = Size / 2f;
    private const string FontFamily = "DejaVu Sans";
    private const string Ink = "#1B1B1B";
    private const string Muted = "#4A4A4A";
    private const string Gold = "#8A6A00";
    // Dark enough for white text (contrast ≥ 4.5:1).
    private static readonly string[] Palette = ["#1F4E79", "#2E6B30", "#6A1B9A", "#A3154F", "#00695C", "#4527A0", "#B3360C", "#37474F"];

    /// <summary>The badge as an SVG document.</summary>
    public static string Svg(BadgeArtSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colour = Colour(spec);
        var lines = NameLines(spec.Name);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-labelledby=\"title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"title\">{X(spec.Name)} ({X(spec.Code)}), issued by {X(spec.Issuer)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Centre}\" cy=\"{Centre}\" r=\"190\" fill=\"{colour}\"/>");
        if (spec.Stack) svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Centre}\" cy=\"{Centre}\" r=\"176\" fill=\"none\" stroke=\"{Gold}\" stroke-width=\"6\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Centre}\" cy=\"{Centre}\" r=\"160\" fill=\"#FFFFFF\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Centre}\" y=\"112\" text-anchor=\"middle\" font-family=\"{FontFamily}, Arial, sans-serif\" font-size=\"16\" fill=\"{Muted}\">{X(Fit(spec.Issuer, 26))}</text>");
        var (fontSize, firstBaseline) = NameLayout(lines.Count);
        for (var i = 0; i < lines.Count; i++)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Centre}\" y=\"{firstBaseline + i * fontSize * 1.2f}\" text-anchor=\"middle\" font-family=\"{FontFamily}, Arial, sans-serif\" font-size=\"{fontSize}\" font-weight=\"bold\" fill=\"{Ink}\">{X(lines[i])}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"60\" y=\"262\" width=\"280\" height=\"44\" rx=\"6\" fill=\"{(spec.Stack ? Gold : colour)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Centre}\" y=\"291\" text-anchor=\"middle\" font-family=\"{FontFamily}, Arial, sans-serif\" font-size=\"18\" font-weight=\"bold\" fill=\"#FFFFFF\">{X(Fit(spec.Code, 24))}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The badge as a PNG of <see cref="Size"/>×<see cref="Size"/> pixels with a transparent background.</summary>
    public static byte[] Png(BadgeArtSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colour = SKColor.Parse(Colour(spec));
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        fill.Color = colour;
        canvas.DrawCircle(Centre, Centre, 190, fill);
        if (spec.Stack)
        {
            using var ring = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 6, Color = SKColor.Parse(Gold) };
            canvas.DrawCircle(Centre, Centre, 176, ring);
        }
        fill.Color = SKColors.White;
        canvas.DrawCircle(Centre, Centre, 160, fill);

        using var regular = SKTypeface.FromFamilyName(FontFamily, SKFontStyle.Normal) ?? SKTypeface.Default;
        using var bold = SKTypeface.FromFamilyName(FontFamily, SKFontStyle.Bold) ?? SKTypeface.Default;
        using var text = new SKPaint { IsAntialias = true };
        Draw(canvas, Fit(spec.Issuer, 26), 112, new SKFont(regular, 16), text, SKColor.Parse(Muted), 300);
        var lines = NameLines(spec.Name);
        var (fontSize, firstBaseline) = NameLayout(lines.Count);
        for (var i = 0; i < lines.Count; i++)
            Draw(canvas, lines[i], firstBaseline + i * fontSize * 1.2f, new SKFont(bold, fontSize), text, SKColor.Parse(Ink), 290);
        fill.Color = spec.Stack ? SKColor.Parse(Gold) : colour;
        canvas.DrawRoundRect(new SKRect(60, 262, 340, 306), 6, 6, fill);
        Draw(canvas, Fit(spec.Code, 24), 291, new SKFont(bold, 18), text, SKColors.White, 270);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // Centred text, narrowed to fit maxWidth when the font measures it wider than the layout assumed.
    private static void Draw(SKCanvas canvas, string line, float baseline, SKFont font, SKPaint paint, SKColor colour, float maxWidth)
    {
        using (font)
        {
            var width = font.MeasureText(line);
            if (width > maxWidth) font.ScaleX = maxWidth / width;
            paint.Color = colour;
            canvas.DrawText(line, Centre, baseline, SKTextAlign.Center, font, paint);
        }
    }

    private static (float FontSize, float FirstBaseline) NameLayout(int lines) => lines switch
    {
        1 => (28f, 205f),
        2 => (26f, 190f),
        _ => (22f, 170f),
    };

    /// <summary>The name in at most three lines of about 18 characters, broken at spaces; the last ends with … when cut.</summary>
    internal static IReadOnlyList<string> NameLines(string name)
    {
        const int perLine = 18;
        var words = SafeText.Label(name, 200).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var current = "";
        foreach (var word in words)
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (candidate.Length <= perLine || current.Length == 0) current = candidate;
            else
            {
                lines.Add(current);
                current = word;
            }
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count == 0) lines.Add("");
        if (lines.Count > 3) lines = [lines[0], lines[1], lines[2] + "…"];
        return [.. lines.Select(l => Fit(l, perLine + 4))];
    }

    private static string Fit(string text, int max) => SafeText.Label(text, max);

    private static string Colour(BadgeArtSpec spec)
    {
        var hash = 0u;
        foreach (var c in spec.Code) hash = hash * 31 + c;
        return Palette[hash % (uint)Palette.Length];
    }

    private static string X(string text) => SecurityElement.Escape(text) ?? "";
}
