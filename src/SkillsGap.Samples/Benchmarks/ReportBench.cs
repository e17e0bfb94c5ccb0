using System.Diagnostics;
using System.Globalization;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;
using SkillsGap.Reporting;

namespace SkillsGap.Samples.Benchmarks;

/// <summary>
/// `skillsgap bench --only report`: a 500-person team's weekly workbook and the organisation workbook, each end to end
/// from the organisation's history (this week's figures, the 12-week trend, read model, charts, workbook), against this
/// week's figures alone as the baseline.
/// </summary>
public static class ReportBench
{
    /// <summary>People in the measured team (issue #5: "a 500-person team's workbook").</summary>
    public const int TeamPeople = 500;

    /// <summary>
    /// Employees of the organisation the team is taken from. With 8 reports per manager (E<i>k</i> reports to
    /// E<i>(k−1)/8</i>), E1 leads E9–E16, their 64 reports E73–E136 and the next level from E585 on: in 1,013 employees
    /// that level is E585–E1012, 428 people, so E1's team is 8 + 64 + 428 = 500.
    /// </summary>
    public const int TeamOrganisation = 1_013;

    public static IReadOnlyList<BenchMeasure> Run(BenchSizes sizes, Action<string> log)
    {
        // Warm-up on a small organisation, so that neither measurement pays for JIT compilation.
        Measure(SyntheticOrganisation.Create(300, 40, 3_000), ReportRequest.ForManager(new EmployeeId("E1"), Week), _ => { });
        var team = SyntheticOrganisation.Create(TeamOrganisation, 60, TeamOrganisation * 12, seed: 3);
        var teamResult = Measure(team, ReportRequest.ForManager(new EmployeeId("E1"), Week), log);
        if (!teamResult.Detail.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{TeamPeople} people "), StringComparison.Ordinal))
            throw new InvalidOperationException($"The measured team is not of {TeamPeople} people: {teamResult.Detail}");
        var organisation = SyntheticOrganisation.Create(sizes.FigureEmployees, sizes.FigureSkills, sizes.FigureAwards);
        GC.Collect();
        var orgResult = Measure(organisation, ReportRequest.ForOrganisation(Week), log);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return
        [
            teamResult with { Detail = teamResult.Detail },
            orgResult with { Detail = orgResult.Detail + string.Create(CultureInfo.InvariantCulture, $"; process peak working set {peak / 1048576.0:N0} MiB") },
        ];
    }

    /// <summary>The week of the synthetic organisation's as-of date.</summary>
    public static IsoWeek Week => IsoWeek.Of(SyntheticOrganisation.AsOf);

    /// <summary>
    /// One weekly report end to end as the service builds it: the organisation's history read once (here: compiled from
    /// memory), this week's figures and the 12-week trend derived from it, the read model, the charts and the workbook;
    /// against this week's figures alone.
    /// </summary>
    private static BenchMeasure Measure(SyntheticOrganisation organisation, ReportRequest request, Action<string> log)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var history = organisation.History();
        var current = history.FiguresAsOf(request.Week.Sunday);
        var figuresSeconds = clock.Elapsed.TotalSeconds;
        var trend = WeeklyReportModels.Trend(request, date => history.ReadinessAsOf(date));
        var afterTrend = clock.Elapsed.TotalSeconds;
        var model = WeeklyReportModels.Build(request, current, history.FiguresAsOf(request.Week.Sunday.AddDays(-7)), trend, new Recommender(null));
        var afterModel = clock.Elapsed.TotalSeconds;
        var charts = ReportCharts.Render(model);
        var afterCharts = clock.Elapsed.TotalSeconds;
        using var workbook = new MemoryStream();
        WeeklyWorkbook.Write(model, charts, workbook);
        var total = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var name = request.Scope == ReportScope.Organisation ? "organisation workbook" : "team workbook";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{model.Current.People:N0} people of {organisation.Employees.Count:N0}, {organisation.Awards.Count:N0} awards; this week's figures {figuresSeconds:0.00} s, {WeeklyReportModels.TrendWeeks}-week trend from the same history {afterTrend - figuresSeconds:0.00} s, read model {afterModel - afterTrend:0.00} s, charts {afterCharts - afterModel:0.00} s, workbook {total - afterCharts:0.00} s; {workbook.Length / 1024.0:N0} KiB; process CPU {cpuSeconds:0.0} s");
        log($"report: {name}: {total:0.000} s ({detail})");
        return new BenchMeasure(name, "whole report", total, "this week's figures alone", figuresSeconds, detail);
    }
}
