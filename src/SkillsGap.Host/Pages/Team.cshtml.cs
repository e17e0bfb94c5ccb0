using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics;
using SkillsGap.App;
using SkillsGap.App.Gaps;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Reporting;

namespace SkillsGap.Host.Pages;

/// <summary>
/// A manager's team page (the manager, a manager above them, or HR): readiness, a people × skills heatmap, the top
/// gaps, who is ready, and this week's workbook to download.
/// </summary>
public sealed class TeamModel(GapsQuery gaps, BusinessCalendar calendar, AccessRules access) : SkillsGapPageModel
{
    /// <summary>The content type of an .xlsx workbook.</summary>
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [FromRoute(Name = "managerId")]
    public string? ManagerId { get; set; }

    public DateOnly AsOf { get; private set; }

    public string ManagerName { get; private set; } = "";

    public string Manager { get; private set; } = "";

    public SummaryLine Summary { get; private set; } = new(0, null, 0, null, []);

    public Heatmap Heatmap { get; private set; } = new([], [], 0);

    public IReadOnlyList<SkillLine> TopGaps { get; private set; } = [];

    public ChartSvg? TopGapsChart { get; private set; }

    public ChartSvg? Histogram { get; private set; }

    public IsoWeek Week { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (denied, manager, f) = await AuthoriseAsync(ct);
        if (denied is not null) return denied;
        AsOf = f!.AsOf;
        Manager = manager!.Value.Value;
        ManagerName = f.Snapshot.FindEmployee(manager.Value)?.Name ?? Manager;
        Week = IsoWeek.Of(calendar.Today);
        var document = (GroupGapsDocument)gaps.Build(f, new GapsRequest(GroupKind.Team, Manager));
        Summary = document.Summary;
        Heatmap = Heatmap.From(document, f.Snapshot);
        TopGaps = Analytics.TopGaps.Of(document.Skills);
        TopGapsChart = ReportCharts.TopGapsSvg([.. TopGaps.Select(s => (s.Skill, s.WeightedGap))], $"Top gaps of {ManagerName}'s team");
        Histogram = ReportCharts.DistributionSvg(Summary.Histogram, $"Readiness of {ManagerName}'s team");
        return Page();
    }

    /// <summary>This week's workbook for the team, from the registered <see cref="IWeeklyReportBuilder"/>.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync([FromServices] IWeeklyReportBuilder builder, CancellationToken ct)
    {
        var (denied, manager, _) = await AuthoriseAsync(ct);
        if (denied is not null) return denied;
        var report = await builder.BuildAsync(ReportRequest.ForManager(manager!.Value, IsoWeek.Of(calendar.Today)), ct);
        return File(report.Workbook, WorkbookContentType, report.FileName);
    }

    private async Task<(IActionResult? Denied, EmployeeId? Manager, OrganisationFigures? Figures)> AuthoriseAsync(CancellationToken ct)
    {
        var viewer = Viewer;
        if (viewer is null) return (Denied("Your sign-in carries no SkillsGap role."), null, null);
        EmployeeId? manager = ManagerId is null ? viewer.IsManager ? viewer.Self : null : ParseEmployee(ManagerId);
        if (ManagerId is null && manager is null && viewer.IsHr) return (Redirect("/overview#teams-heading"), null, null);
        if (manager is not EmployeeId id) return (ManagerId is null ? Denied("Team pages are for managers and HR.") : Missing("That is not an employee id."), null, null);
        var f = await gaps.FiguresAsync(null, ct);
        if (!await access.CanReadTeamAsync(User, id, ct)) return (Denied("You may see only your own team and the teams within it."), null, null);
        if (f.Snapshot.EmployeeIndex(id) < 0) return (Missing($"Employee {id} is not on the roster on {Format.Date(f.AsOf)}."), null, null);
        return (null, id, f);
    }
}
