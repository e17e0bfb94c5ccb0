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

    /// <summary>The heatmap's first rows and the skills with the largest gaps, darker where the gap is larger.</summary>
    public static ChartImage Heatmap(WeeklyReportModel model)
    {
        var plot = new Plot();
        var h = model.Heatmap;
        var rows = Math.Min(h.Rows, HeatmapMaxRows);
        var skills = Math.Min(h.Skills, HeatmapMaxSkills);
        var title = rows < h.Rows || skills < h.Skills
            ? string.Create(CultureInfo.InvariantCulture, $"Gap heatmap (first {rows} of {h.Rows} rows, {skills} of {h.Skills} skills)")
            : "Gap heatmap";
        if (rows == 0 || skills == 0)
        {
            Empty(plot, "Nobody to show");
        }
        else
        {
            // ScottPlot draws row 0 at the top; NaN (not required) is left blank.
            var values = new double[rows, skills];
            for (var r = 0; r < rows; r++)
                for (var s = 0; s < skills; s++)
                    values[r, s] = h.Values[r, s] ?? double.NaN;
            var map = plot.Add.Heatmap(values);
            map.Colormap = new ScottPlot.Colormaps.Matter();
            map.FlipVertically = false;
            plot.Add.ColorBar(map);
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, skills).Select(i => (double)i)],
                [.. Enumerable.Range(0, skills).Select(i => SafeText.Label(h.SkillCodes[i], 12))]);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))],
                [.. Enumerable.Range(0, rows).Select(i => SafeText.Label(h.RowLabels[i][0], 16))]);
            if (rows > 20) plot.Axes.Left.TickLabelStyle.FontSize = 8;
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
