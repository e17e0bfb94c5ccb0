using System.Globalization;
using ScottPlot;

namespace SkillsGap.Reporting;

/// <summary>
/// The four charts of a weekly report (DESIGN §7) drawn with ScottPlot, each as PNG and SVG: top gaps, readiness
/// distribution, the 12-week trend and the heatmap.
/// </summary>
public static class ReportCharts
{
    /// <summary>
    /// The size of a chart in pixels: two fit side by side on the Summary's A4 landscape page, and their smallest text
    /// (13 px tick labels) prints at about 9 points at the Summary's scale.
    /// </summary>
    public const int Width = 500;
    public const int Height = 340;
    private const int HeatmapMaxRows = 25;
    private const int HeatmapMaxSkills = 20;
    private const float TickFont = 13, AxisFont = 14, TitleFont = 16;

    /// <summary>Renders every chart of the model, in the order they are placed in the workbook.</summary>
    public static IReadOnlyList<ChartImage> Render(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [TopGaps(model), Distribution(model), Trend(model), Heatmap(model)];
    }

    /// <summary>The top gaps of the model (the skills with the largest Σ weight·gap), as horizontal bars.</summary>
    public static ChartImage TopGaps(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        const string title = "Top gaps (weighted gap)";
        var plot = TopGapsPlot([.. model.TopGaps.Select(g => (g.Skill, g.WeightedGap))]);
        plot.Title(title);
        return Image("top-gaps", title, plot);
    }

    /// <summary>
    /// The same top-gaps chart for a web page, as SVG, drawn from the top gaps the page shows (largest first); its text
    /// alternative lists every bar.
    /// </summary>
    public static ChartSvg TopGapsSvg(IReadOnlyList<(string Skill, long WeightedGap)> gaps, string title)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var description = gaps.Count == 0
            ? "No gaps."
            : "Weighted gap per skill, largest first: " + string.Join(", ",
                gaps.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Skill}: {g.WeightedGap}"))) + ".";
        return Svg(TopGapsPlot(gaps), Width, Math.Max(200, 60 + (28 * gaps.Count)), title, description);
    }

    /// <summary>How many people fall in each tenth of readiness.</summary>
    public static ChartImage Distribution(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var plot = DistributionPlot(model.Current.Histogram);
        var title = string.Create(CultureInfo.InvariantCulture, $"Readiness distribution ({model.Current.People} people)");
        plot.Title(title);
        return Image("readiness-distribution", title, plot);
    }

    /// <summary>The same readiness distribution for a web page, as SVG, with its ten bands described in words.</summary>
    public static ChartSvg DistributionSvg(IReadOnlyList<int> histogram, string title)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var description = "People per readiness band: " + string.Join(", ",
            BandLabels(histogram.Count).Zip(histogram, (l, h) => string.Create(CultureInfo.InvariantCulture, $"{l}%: {h}"))) + ".";
        return Svg(DistributionPlot(histogram), Width, 320, title, description);
    }

    /// <summary>Horizontal bars of Σ weight·gap per skill, the first (largest) at the top.</summary>
    private static Plot TopGapsPlot(IReadOnlyList<(string Skill, long WeightedGap)> gaps)
    {
        var plot = new Plot();
        if (gaps.Count == 0)
        {
            Empty(plot, "No gaps this week");
            return plot;
        }
        var n = gaps.Count;
        var bars = plot.Add.Bars(gaps.Select(g => (double)g.WeightedGap).Reverse().ToArray());
        bars.Horizontal = true;
        bars.Color = Color.FromHex(ChartColours.Gap);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)],
            [.. gaps.Reverse().Select(g => SafeText.Label(g.Skill, 24))]);
        plot.Axes.Margins(left: 0);
        // Plain words on the chart (it is shown on pages and in the workbook): weight × levels missing, summed over people.
        plot.XLabel("weighted gap");
        return plot;
    }

    /// <summary>People per tenth of readiness.</summary>
    private static Plot DistributionPlot(IReadOnlyList<int> bins)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(bins.Select(b => (double)b).ToArray());
        bars.Color = Color.FromHex(ChartColours.Readiness);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bins.Count).Select(i => (double)i)], [.. BandLabels(bins.Count)]);
        plot.Axes.Margins(bottom: 0);
        // People are counted whole: no tick between two of them.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (bins.Count > 0 && bins.Max() < 4) plot.Axes.SetLimitsY(0, 4);
        plot.YLabel("people");
        plot.XLabel("readiness (%)");
        return plot;
    }

    private static IEnumerable<string> BandLabels(int bins) =>
        Enumerable.Range(0, bins).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 10}–{(i + 1) * 10}"));

    /// <summary>Mean readiness and the ready share per week, in percent.</summary>
    public static ChartImage Trend(WeeklyReportModel model)
    {
        var plot = new Plot();
        var weeks = model.Trend;
        var xs = Enumerable.Range(0, weeks.Count).Select(i => (double)i).ToArray();
        var mean = plot.Add.Scatter(xs, [.. weeks.Select(w => w.Figure.People == 0 ? double.NaN : w.Figure.MeanReadiness * 100)]);
        mean.LegendText = "mean readiness";
        mean.LineWidth = 2;
        mean.Color = Color.FromHex(ChartColours.Readiness);
        var ready = plot.Add.Scatter(xs, [.. weeks.Select(w => w.Figure.People == 0 ? double.NaN : w.Figure.ReadyShare * 100)]);
        ready.LegendText = "ready";
        ready.LineWidth = 2;
        ready.Color = Color.FromHex(ChartColours.Ready);
        plot.Axes.Bottom.SetTicks(xs, [.. weeks.Select(w => w.Week.Length > 5 ? w.Week[5..] : w.Week)]);
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("%");
        plot.ShowLegend(Alignment.LowerRight);
        var title = "Readiness, last 12 weeks";
        plot.Title(title);
        return Image("trend", title, plot);
    }

    /// <summary>The rows with the largest total gap over the skills with the largest gaps, darker where the gap is larger.</summary>
    public static ChartImage Heatmap(WeeklyReportModel model)
    {
        var plot = new Plot();
        var h = model.Heatmap;
        var skills = Math.Min(h.Skills, HeatmapMaxSkills);
        // The model's skills come largest gap first; of the rows, show those with the largest total gap, in the model's order.
        var shown = Enumerable.Range(0, h.Rows)
            .Select(r => (Row: r, Total: Enumerable.Range(0, skills).Sum(s => h.Values[r, s] ?? 0)))
            .OrderByDescending(x => x.Total).ThenBy(x => x.Row).Take(HeatmapMaxRows).Select(x => x.Row).Order().ToArray();
        var rows = shown.Length;
        var title = rows < h.Rows || skills < h.Skills
            ? string.Create(CultureInfo.InvariantCulture, $"Gap heatmap: {rows} of {h.Rows} rows with the largest gaps, top {skills} of {h.Skills} skills")
            : "Gap heatmap";
        if (rows == 0 || skills == 0)
        {
            Empty(plot, "Nobody to show");
        }
        else
        {
            // The gap scale of the pages and the sheet, on fixed values (0 to 5); NaN (not required) is its grey.
            var values = new double[rows, skills];
            for (var r = 0; r < rows; r++)
                for (var s = 0; s < skills; s++)
                    values[r, s] = h.Values[shown[r], s] ?? double.NaN;
            var map = plot.Add.Heatmap(values);
            map.Colormap = new GapColormap();
            map.ManualRange = new ScottPlot.Range(0, GapScale.Top);
            map.NaNCellColor = Color.FromHex(GapScale.NotRequired);
            // Cell centres on whole coordinates; the array's first row is drawn at the top.
            map.Rectangle = new CoordinateRect(-0.5, skills - 0.5, -0.5, rows - 0.5);
            plot.Axes.SetLimits(-0.5, skills - 0.5, -0.5, rows - 0.5);
            plot.HideGrid();
            var bar = plot.Add.ColorBar(map);
            bar.Label = "gap";
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, skills).Select(i => (double)i)],
                [.. Enumerable.Range(0, skills).Select(i => SafeText.Label(h.SkillCodes[i], 14))]);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 110;
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))],
                [.. shown.Select(r => SafeText.Label(h.RowLabels[r][0], 18))]);
        }
        plot.Title(title);
        // Tall enough for every row's name at the same text size as the other charts.
        return Image("heatmap", title, plot, Width, Math.Clamp(150 + (20 * rows), Height, 660));
    }

    private static void Empty(Plot plot, string text)
    {
        var label = plot.Add.Text(text, 0, 0);
        label.LabelFontSize = 18;
        label.LabelAlignment = Alignment.MiddleCenter;
        plot.HideGrid();
        plot.Axes.Frameless();
    }

    /// <summary>The text sizes of every chart: tick labels 13 px, axis labels 14 px, the title 16 px.</summary>
    private static void Legible(Plot plot)
    {
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontSize = TickFont;
            axis.Label.FontSize = AxisFont;
        }
        plot.Axes.Title.Label.FontSize = TitleFont;
        plot.Legend.FontSize = TickFont;
    }

    private static ChartSvg Svg(Plot plot, int width, int height, string title, string description) =>
        new(ChartSvg.Sanitise(plot.GetSvgXml(width, height), width, height, title, description), title, description);

    /// <summary><see cref="GapScale"/> as a ScottPlot colormap over the heatmap's fixed range 0 to <see cref="GapScale.Top"/>.</summary>
    private sealed class GapColormap : IColormap
    {
        public string Name => "SkillsGap gaps";

        public Color GetColor(double normalizedIntensity)
        {
            var (r, g, b) = GapScale.Rgb(normalizedIntensity * GapScale.Top);
            return new Color(r, g, b);
        }
    }

    private static ChartImage Image(string name, string title, Plot plot, int width = Width, int height = Height)
    {
        Legible(plot);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var svg = plot.GetSvgXml(width, height);
        return new ChartImage(name, title, png, svg, width, height);
    }
}
