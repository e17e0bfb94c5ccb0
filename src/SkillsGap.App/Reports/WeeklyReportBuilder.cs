using System.Globalization;
using Microsoft.Extensions.Options;
using SkillsGap.Analytics.Insights;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Figures;
using SkillsGap.Reporting;

namespace SkillsGap.App.Reports;

/// <summary>
/// Builds a weekly report (DESIGN §7): the figures as of the week's Sunday and the Sunday before and the 12-week trend
/// from one read of the history (<see cref="FiguresCache.GetHistoryAsync"/>), who needs attention, succession, expiring awards, next badges and
/// pathway hours; then the charts (PNG + SVG), the workbook with the charts embedded, and the e-mail's lines.
/// </summary>
public sealed class WeeklyReportBuilder(FiguresCache figures, NextBadgeModelStore models, IOptions<FiguresOptions>? figuresOptions = null)
    : IWeeklyReportBuilder
{
    /// <summary>People who need attention named in the e-mail, most urgent first.</summary>
    public const int EmailAttentionPeople = 5;

    public async Task<WeeklyReport> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == ReportScope.Manager && request.Manager is null)
            throw new ArgumentException("A manager report needs the manager.", nameof(request));

        // One read of the history gives this week's figures and every week of the trend: the report is of one state of the data.
        var history = await figures.GetHistoryAsync(ct);
        var current = history.FiguresAsOf(request.Week.Sunday);
        if (request.Scope == ReportScope.Manager && current.Snapshot.EmployeeIndex(request.Manager!.Value) < 0)
            throw new NotFoundException($"Manager {request.Manager} is not on the roster on {current.AsOf:yyyy-MM-dd}.");
        // Oldest week first; the week before this one is also the "change since last week" baseline.
        var trend = WeeklyReportModels.Trend(request, history.ReadinessAsOf);
        var recommender = await models.RecommenderAsync(ct);
        // The week before's figures from the same history read: "readiness fell since last week" and the change.
        var previous = history.FiguresAsOf(request.Week.Sunday.AddDays(-7));
        var model = WeeklyReportModels.Build(request, current, previous, trend, recommender,
            figuresOptions?.Value.ExpiringWithinDays ?? new FiguresOptions().ExpiringWithinDays);
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
        return new WeeklyReport(request, stem + ".xlsx", workbook.ToArray(),
            [.. charts.Select(x => new ReportChart(x.Name, x.Title, x.Png, x.Svg, x.Width, x.Height))], model.Title, EmailLines(model));
    }

    /// <summary>
    /// The e-mail's lines for a busy manager: the figures in plain words (changes in percentage points), then the people
    /// who need attention by name, each with the reason and the one next step, then the largest gaps.
    /// </summary>
    public static IReadOnlyList<string> EmailLines(WeeklyReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var c = model.Current;
        var group = model.Kind == WorkbookKind.Organisation ? "The organisation" : "Your team";
        var change = model.ReadinessChange is double d ? $", {PlainWords.PointsChange(d)} since last week" : "";
        var lines = new List<string>
        {
            $"{group}: {PlainWords.Count(c.People, "person", "people")}, mean readiness {PlainWords.Percent(c.MeanReadiness)}{change}; " +
            $"{PlainWords.Count(c.Ready)} of them {(c.Ready == 1 ? "is" : "are")} ready ({PlainWords.Percent(c.ReadyShare)}).",
        };
        if (model.Attention is { } attention)
        {
            lines.Add(attention.Sentence);
            foreach (var p in attention.People.Take(EmailAttentionPeople))
                lines.Add($"{p.Name} ({p.Role}, {PlainWords.Percent(p.Readiness)} ready): {p.Reason}. Next step: {p.NextStep}");
            if (attention.NeedingAttention > EmailAttentionPeople)
                lines.Add($"The workbook lists {(attention.NeedingAttention > attention.People.Count ? "the most urgent " + PlainWords.Count(attention.People.Count) : "all " + PlainWords.Count(attention.NeedingAttention))} on its Attention sheet.");
        }
        if (model.ExpiringAwards is int expiring && expiring > 0)
            lines.Add($"{PlainWords.Count(expiring, "award expires", "awards expire")} soon in a way that would open a gap: see the Expiry sheet.");
        if (model.TopGaps.Count > 0)
            lines.Add("Largest gaps: " + string.Join(", ", model.TopGaps.Take(3).Select(g => PlainWords.Named(g.SkillName, g.Skill))) + ".");
        return lines;
    }

    /// <summary>A file-name-safe form of an id: letters, digits, '-', '_' and '.', anything else as '_'.</summary>
    public static string FileSafe(string text) =>
        new([.. text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_')]);
}
