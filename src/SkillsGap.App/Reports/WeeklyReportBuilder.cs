using System.Globalization;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Figures;
using SkillsGap.Reporting;

namespace SkillsGap.App.Reports;

/// <summary>
/// Builds a weekly report (DESIGN §7): the figures as of the week's Sunday and the Sunday before from the
/// <see cref="FiguresCache"/>, the 12-week trend, next badges from the stored model (or gap-greedy) and pathway hours;
/// then the charts (PNG + SVG) and the workbook with the charts embedded.
/// </summary>
public sealed class WeeklyReportBuilder(FiguresCache figures, NextBadgeModelStore models,
    Microsoft.Extensions.Options.IOptions<FiguresOptions>? figureOptions = null) : IWeeklyReportBuilder
{
    public async Task<WeeklyReport> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == ReportScope.Manager && request.Manager is null)
            throw new ArgumentException("A manager report needs the manager.", nameof(request));

        var current = await figures.GetAsync(request.Week.Sunday, ct);
        if (request.Scope == ReportScope.Manager && current.Snapshot.EmployeeIndex(request.Manager!.Value) < 0)
            throw new NotFoundException($"Manager {request.Manager} is not on the roster on {current.AsOf:yyyy-MM-dd}.");

        // Oldest week first; the week before this one is also the "change since last week" baseline (TrendWeeks ≥ 2).
        var trend = new List<TrendWeek>(WeeklyReportModels.TrendWeeks);
        var previous = current;
        for (var back = WeeklyReportModels.TrendWeeks - 1; back >= 0; back--)
        {
            var w = Core.Domain.IsoWeek.Of(request.Week.Monday.AddDays(-7 * back));
            var f = back == 0 ? current : await figures.GetAsync(w.Sunday, ct);
            trend.Add(WeeklyReportModels.TrendPoint(w, f, request));
            if (back == 1) previous = f;
        }
        var recommender = await models.RecommenderAsync(ct);
        var model = WeeklyReportModels.Build(request, current, previous, trend, recommender, figureOptions?.Value.ExpiringWithinDays ?? new FiguresOptions().ExpiringWithinDays);
        return Render(request, model);
    }

    /// <summary>Draws the charts and writes the workbook of a read model.</summary>
    public static WeeklyReport Render(ReportRequest request, WeeklyReportModel model)
    {
        var charts = ReportCharts.Render(model);
        using var workbook = new MemoryStream();
        WeeklyWorkbook.Write(model, charts, workbook);
        var stem = request.Scope == ReportScope.Organisation
            ? $"skills-report-organisation-{request.Week}"
            : $"skills-report-{FileSafe(request.Manager!.Value.Value)}-{request.Week}";
        var c = model.Current;
        var lines = new List<string>
        {
            model.Title,
            string.Create(CultureInfo.InvariantCulture, $"Figures as of {model.AsOf:yyyy-MM-dd}: {c.People} people, mean readiness {c.MeanReadiness:0.0%}, ready {c.Ready} ({c.ReadyShare:0.0%})."),
        };
        if (model.ReadinessChange is double change)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Change since last week: mean readiness {change * 100:+0.0;-0.0;0.0} points."));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"People with a critical gap: {model.PeopleWithCriticalGap}."));
        if (model.TopGaps.Count > 0)
            lines.Add("Top gaps: " + string.Join(", ", model.TopGaps.Take(3).Select(g => $"{g.Skill} ({g.SkillName})")) + ".");
        return new WeeklyReport(request, stem + ".xlsx", workbook.ToArray(),
            [.. charts.Select(x => new ReportChart(x.Name, x.Title, x.Png, x.Svg, x.Width, x.Height))], model.Title, lines);
    }

    /// <summary>A file-name-safe form of an id: letters, digits, '-', '_' and '.', anything else as '_'.</summary>
    public static string FileSafe(string text) =>
        new([.. text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_')]);
}
