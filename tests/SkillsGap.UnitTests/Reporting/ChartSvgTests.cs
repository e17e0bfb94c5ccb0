using System.Xml.Linq;
using SkillsGap.Reporting;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>The pages' SVG charts (Reporting's charts, drawn for a page): labels from data stay text, and every chart carries a title and a description.</summary>
public sealed class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_skill_code_with_markup_in_it_is_only_text_in_the_chart()
    {
        var chart = ReportCharts.TopGapsSvg([("<script>alert(1)</script>", 12), ("R&D", 3)], "Top gaps of <b>team</b>");

        var root = XElement.Parse(chart.Markup);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "b" or "foreignObject");
        // The chart was drawn: one bar per skill, their lengths in the ratio of the gaps (12 : 3).
        var bars = root.Descendants().Where(e => e.Name.LocalName == "rect" && string.Equals((string?)e.Attribute("fill"), ChartColours.Gap, StringComparison.OrdinalIgnoreCase))
            .Select(e => double.Parse((string)e.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(4.0, bars.Max() / bars.Min(), 2);
        // The labels survived as text, markup and all, on the axis.
        var texts = root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("<script>alert(1)</script>", texts);
        Assert.Contains("R&D", texts);
        Assert.DoesNotContain("<script>", chart.Markup, StringComparison.Ordinal);
        Assert.Equal("Top gaps of <b>team</b>", root.Element(Svg + "title")!.Value);
        Assert.Equal("Weighted gap per skill, largest first: <script>alert(1)</script>: 12, R&D: 3.", root.Element(Svg + "desc")!.Value);
        Assert.Equal("img", (string?)root.Attribute("role"));
    }

    [Fact]
    public void Scripts_event_handlers_and_links_are_removed_from_an_svg()
    {
        const string hostile = """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">
              <script>alert(2)</script>
              <foreignObject><div>x</div></foreignObject>
              <a href="javascript:alert(3)"><rect width="1" height="1" onclick="alert(4)"/></a>
              <text x="1" y="1" fill="url(javascript:alert(5))">label</text>
            </svg>
            """;

        var markup = ChartSvg.Sanitise(hostile, 10, 10, "t", "d");

        Assert.DoesNotContain("alert", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("foreignObject", markup, StringComparison.Ordinal);
        Assert.Contains(">label</text>", markup, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 10 10\"", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_histogram_describes_its_ten_bands_in_words()
    {
        var chart = ReportCharts.DistributionSvg([1, 0, 2, 0, 0, 0, 0, 0, 3, 4], "Readiness");

        Assert.Equal(
            "People per readiness band: 0–10%: 1, 10–20%: 0, 20–30%: 2, 30–40%: 0, 40–50%: 0, 50–60%: 0, 60–70%: 0, 70–80%: 0, 80–90%: 3, 90–100%: 4.",
            chart.Description);
        Assert.StartsWith("<svg", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_chart_and_the_workbook_chart_draw_the_same_bars_in_the_same_colour()
    {
        var model = ReportFixture.Model();
        var page = ReportCharts.TopGapsSvg([.. model.TopGaps.Select(g => (g.Skill, g.WeightedGap))], "t");
        var book = ReportCharts.TopGaps(model);

        // One bar colour, defined once (the workbook's PNG carries it too, but SVG can be read as text).
        Assert.Contains(ChartColours.Gap, page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ChartColours.Gap, book.Svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Weighted gap per skill, largest first: PY: 20, SQL: 3.", page.Description);
    }
}
