using System.Globalization;
using System.Xml.Linq;

namespace SkillsGap.Reporting;

/// <summary>
/// A chart for a web page: SVG markup that is safe to write raw into HTML, the title and the text alternative it
/// carries (as <c>title</c> and <c>desc</c>, for screen readers and as the figure's caption).
/// </summary>
public sealed record ChartSvg(string Markup, string Title, string Description)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly HashSet<string> AllowedElements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "clipPath", "path", "rect", "line", "polyline", "polygon", "circle", "ellipse", "text", "tspan",
        "title", "desc", "linearGradient", "radialGradient", "stop",
    };

    private static int s_ids;

    /// <summary>
    /// Re-serialises ScottPlot's SVG through an XML tree with an allow-list of elements and attributes, so that a label
    /// taken from data can only ever be text; adds role, title and desc to the root and makes it scale to its box.
    /// </summary>
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

        var id = Interlocked.Increment(ref s_ids).ToString(CultureInfo.InvariantCulture);
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
