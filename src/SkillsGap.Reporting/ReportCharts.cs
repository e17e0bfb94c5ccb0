using System.Globalization;
using ScottPlot;

namespace SkillsGap.Reporting;

/// <summary>
/// The four charts of a weekly report (DESIGN §7) drawn with ScottPlot, each as PNG and SVG: top gaps, readiness
/// distribution, the 12-week trend and the heatmap.
/// </summary>
public static class ReportCharts
{
    public const int Width = 640;
    public const int Height = 400;
    private const int HeatmapMaxRows = 40;
    private const int HeatmapMaxSkills = 25;

    /// <summary>Renders every chart of the model, in the order they are placed in the workbook.</summary>
    public static IReadOnlyList<ChartImage> Render(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [TopGaps(model), Distribution(model), Trend(model), Heatmap(model)];
    }

    /// <summary>The ten skills with the largest Σ weight·gap, as horizontal bars.</summary>
    public static ChartImage TopGaps(WeeklyReportModel model)
    {
        var plot = new Plot();
        var lines = model.TopGaps.Where(g => g.WeightedGap > 0).Take(10).Reverse().ToArray();
        var title = "Top gaps (Σ weight × gap)";
        if (lines.Length == 0)
        {
            Empty(plot, "No gaps this week");
        }
        else
        {
            var bars = plot.Add.Bars(lines.Select(l => (double)l.WeightedGap).ToArray());
            bars.Horizontal = true;
            bars.Color = Color.FromHex("#C0504D");
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, lines.Length).Select(i => (double)i)],
                [.. lines.Select(l => SafeText.Label(l.Skill, 24))]);
            plot.Axes.Margins(left: 0);
            plot.XLabel("Σ weight × gap");
        }
        plot.Title(title);
        return Image("top-gaps", title, plot);
    }

    /// <summary>How many people fall in each tenth of readiness.</summary>
    public static ChartImage Distribution(WeeklyReportModel model)
    {
        var plot = new Plot();
        var bins = model.Current.Histogram;
        var bars = plot.Add.Bars(bins.Select(b => (double)b).ToArray());
        bars.Color = Color.FromHex("#4F81BD");
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bins.Count).Select(i => (double)i)],
            [.. Enumerable.Range(0, bins.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * 10}–{(i + 1) * 10}%"))]);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("people");
        plot.XLabel("readiness");
        var title = string.Create(CultureInfo.InvariantCulture, $"Readiness distribution ({model.Current.People} people)");
        plot.Title(title);
        return Image("readiness-distribution", title, plot);
    }

    /// <summary>Mean readiness and the ready share per week, in percent.</summary>
    public static ChartImage Trend(WeeklyReportModel model)
    {
        var plot = new Plot();
        var weeks = model.Trend;
        var xs = Enumerable.Range(0, weeks.Count).Select(i => (double)i).ToArray();
        var mean = plot.Add.Scatter(xs, [.. weeks.Select(w => w.Figure.People == 0 ? double.NaN : w.Figure.MeanReadiness * 100)]);
        mean.LegendText = "mean readiness";
        mean.LineWidth = 2;
        mean.Color = Color.FromHex("#4F81BD");
        var ready = plot.Add.Scatter(xs, [.. weeks.Select(w => w.Figure.People == 0 ? double.NaN : w.Figure.ReadyShare * 100)]);
        ready.LegendText = "ready";
        ready.LineWidth = 2;
        ready.Color = Color.FromHex("#9BBB59");
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
            // NaN (not required) is left blank.
            var values = new double[rows, skills];
            var max = 1.0;
            for (var r = 0; r < rows; r++)
                for (var s = 0; s < skills; s++)
                {
                    values[r, s] = h.Values[shown[r], s] ?? double.NaN;
                    if (values[r, s] > max) max = values[r, s];
                }
            var map = plot.Add.Heatmap(values);
            map.Colormap = new ScottPlot.Colormaps.Matter();
            map.ManualRange = new ScottPlot.Range(0, max);
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
            if (rows > 20) plot.Axes.Left.TickLabelStyle.FontSize = 9;
        }
        plot.Title(title);
        return Image("heatmap", title, plot, 800, 600);
    }

    private static void Empty(Plot plot, string text)
    {
        var label = plot.Add.Text(text, 0, 0);
        label.LabelFontSize = 18;
        label.LabelAlignment = Alignment.MiddleCenter;
        plot.HideGrid();
        plot.Axes.Frameless();
    }

    private static ChartImage Image(string name, string title, Plot plot, int width = Width, int height = Height)
    {
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var svg = plot.GetSvgXml(width, height);
        return new ChartImage(name, title, png, svg, width, height);
    }
}
