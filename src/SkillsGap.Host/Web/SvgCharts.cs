using System.Globalization;
using System.Xml.Linq;
using ScottPlot;

namespace SkillsGap.Host.Web;

/// <summary>An inline SVG chart: markup that is safe to write raw, and the text alternative it carries.</summary>
public sealed record ChartSvg(string Markup, string Title, string Description);

/// <summary>
/// The pages' charts, drawn by ScottPlot as SVG. The SVG is re-serialised through an XML tree with an allow-list of
/// elements and attributes, so a label taken from data can only ever be text, and a <c>title</c>/<c>desc</c> pair is
/// added for screen readers.
/// </summary>
public static class SvgCharts
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly HashSet<string> AllowedElements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "clipPath", "path", "rect", "line", "polyline", "polygon", "circle", "ellipse", "text", "tspan",
        "title", "desc", "linearGradient", "radialGradient", "stop",
    };

    private static int _ids;

    /// <summary>A bar chart of the readiness histogram: ten bins of width 0.1 (the last one includes 1.0).</summary>
    public static ChartSvg ReadinessHistogram(IReadOnlyList<int> histogram, string title)
    {
        var plot = new Plot();
        var values = histogram.Select(h => (double)h).ToArray();
        var bars = plot.Add.Bars(values);
        bars.Color = Color.FromHex("#2f6db5");
        var positions = Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();
        var labels = Enumerable.Range(0, values.Length)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 10}–{(i + 1) * 10}")).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("People");
        plot.XLabel("Readiness (%)");
        var description = "People per readiness band: " + string.Join(", ",
            labels.Zip(histogram, (l, h) => string.Create(CultureInfo.InvariantCulture, $"{l}%: {h}"))) + ".";
        return Render(plot, 640, 320, title, description);
    }

    /// <summary>A horizontal bar chart of weighted gaps (Σ weight · gap) per skill, largest at the top.</summary>
    public static ChartSvg TopGaps(IReadOnlyList<(string Skill, long WeightedGap)> gaps, string title)
    {
        var plot = new Plot();
        var n = gaps.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
            bars.Add(new Bar { Position = n - 1 - i, Value = gaps[i].WeightedGap, FillColor = Color.FromHex("#b5452f") });
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        var positions = Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray();
        plot.Axes.Left.SetTicks(positions, [.. gaps.Select(g => g.Skill)]);
        plot.Axes.Margins(left: 0);
        plot.XLabel("Weighted gap (Σ weight × gap)");
        var description = n == 0
            ? "No gaps."
            : "Weighted gap per skill, largest first: " + string.Join(", ",
                gaps.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Skill}: {g.WeightedGap}"))) + ".";
        return Render(plot, 640, Math.Max(200, 60 + (28 * n)), title, description);
    }

    private static ChartSvg Render(Plot plot, int width, int height, string title, string description)
    {
        var raw = plot.GetSvgXml(width, height);
        return new ChartSvg(Sanitise(raw, width, height, title, description), title, description);
    }

    /// <summary>Keeps only drawing elements and plain attributes, and adds role, title and desc to the root.</summary>
    public static string Sanitise(string svgXml, int width, int height, string title, string description)
    {
        var document = XDocument.Parse(svgXml);
        var root = document.Root ?? throw new InvalidOperationException("The chart has no SVG root.");
        foreach (var element in root.DescendantsAndSelf().ToList())
        {
            if (element != root && !AllowedElements.Contains(element.Name.LocalName))
            {
                element.Remove();
                continue;
            }
            foreach (var attribute in element.Attributes().ToList())
            {
                var name = attribute.Name.LocalName;
                var unsafeValue = attribute.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase);
                if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || name is "href" || unsafeValue)
                    attribute.Remove();
            }
        }
        foreach (var existing in root.Elements().Where(e => e.Name.LocalName is "title" or "desc").ToList()) existing.Remove();

        var id = Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        var ns = root.Name.Namespace == XNamespace.None ? Svg : root.Name.Namespace;
        root.AddFirst(new XElement(ns + "title", new XAttribute("id", "chart-title-" + id), title),
            new XElement(ns + "desc", new XAttribute("id", "chart-desc-" + id), description));
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-labelledby", "chart-title-" + id + " chart-desc-" + id);
        root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {width} {height}"));
        root.SetAttributeValue("width", null);
        root.SetAttributeValue("height", null);
        root.SetAttributeValue("class", "chart");
        return root.ToString(SaveOptions.DisableFormatting);
    }
}
