using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.App;
using SkillsGap.App.Gaps;
using SkillsGap.App.Reports;
using SkillsGap.App.Sponsorship;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Reporting;

namespace SkillsGap.Host.Pages;

/// <summary>
/// A manager's team page (the manager, a manager above them, or HR): who needs attention first, then the heatmap
/// (filtered and paged), succession toward the team's roles and target roles, awards expiring soon with the gap each
/// would open, what to sponsor within a budget, the top gaps, who is ready, and this week's workbook to download.
/// </summary>
public sealed class TeamModel(GapsQuery gaps, GroupInsights insights, PlanSponsorship sponsorship, BusinessCalendar calendar, AccessRules access)
    : SkillsGapPageModel
{
    /// <summary>The content type of an .xlsx workbook.</summary>
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>People who need attention listed before "show more".</summary>
    public const int AttentionShown = 10;

    /// <summary>Heatmap rows per page.</summary>
    public const int HeatmapPageSize = 25;

    [FromRoute(Name = "managerId")]
    public string? ManagerId { get; set; }

    /// <summary>Heatmap filter: part of a name or id.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>Heatmap filter: one role code.</summary>
    [FromQuery(Name = "role")]
    public string? Role { get; set; }

    /// <summary>Heatmap filter: "gap" (people with a gap) or "critical" (a critical gap).</summary>
    [FromQuery(Name = "show")]
    public string? Show { get; set; }

    [FromQuery(Name = "page")]
    public int HeatmapPage { get; set; } = 1;

    /// <summary>Sponsorship: the budget in hours, as typed.</summary>
    [FromQuery(Name = "budget")]
    public string? Budget { get; set; }

    /// <summary>Sponsorship: measure against target roles.</summary>
    [FromQuery(Name = "target")]
    public bool Target { get; set; }

    public DateOnly AsOf { get; private set; }

    public string ManagerName { get; private set; } = "";

    public string Manager { get; private set; } = "";

    public SummaryLine Summary { get; private set; } = new(0, null, 0, null, []);

    public AttentionDocument? Attention { get; private set; }

    public HeatmapDocument? Heatmap { get; private set; }

    public SuccessionDocument? Succession { get; private set; }

    public ExpiryDocument? Expiry { get; private set; }

    public SponsorshipDocument? Plan { get; private set; }

    public string? PlanError { get; private set; }

    public IReadOnlyList<SkillLine> TopGaps { get; private set; } = [];

    public IReadOnlyDictionary<string, string> SkillNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string Id, string Name, string Role, double Readiness)> Ready { get; private set; } = [];

    public ChartSvg? TopGapsChart { get; private set; }

    public ChartSvg? Histogram { get; private set; }

    public IsoWeek Week { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (denied, manager, f) = await AuthoriseAsync(ct);
        if (denied is not null) return denied;
        AsOf = f!.AsOf;
        Manager = manager!.Value.Value;
        ManagerName = f.Snapshot.FindEmployee(manager.Value) is { } m ? PlainWords.Person(m) : Manager;
        Week = IsoWeek.Of(calendar.Today);
        var document = (GroupGapsDocument)gaps.Build(f, new GapsRequest(GroupKind.Team, Manager));
        Summary = document.Summary;
        var members = GroupInsights.Members(f, GroupKind.Team, Manager);
        Attention = await insights.AttentionAsync(f, members, ct: ct);
        Heatmap = GroupInsights.Heatmap(f, members, new HeatmapQuery(Search, Role, Show == "gap", Show == "critical", Math.Max(1, HeatmapPage), HeatmapPageSize));
        Succession = GroupInsights.Succession(f, GroupKind.Team, Manager);
        Expiry = insights.Expiry(f, members, ExpiryGrouping.Manager);
        TopGaps = Analytics.TopGaps.Of(document.Skills);
        SkillNames = TopGaps.ToDictionary(s => s.Skill, s => PlainWords.Skill(f.Snapshot, new SkillCode(s.Skill)), StringComparer.Ordinal);
        Ready = [.. document.Employees.Where(e => e.Ready)
            .Select(e => (e.Id, f.Snapshot.FindEmployee(new EmployeeId(e.Id)) is { } p ? PlainWords.Person(p) : e.Id, PlainWords.RoleTitle(f.Snapshot, new RoleCode(e.Role)), e.Readiness))
            .OrderBy(r => r.Item2, StringComparer.Ordinal)];
        TopGapsChart = ReportCharts.TopGapsSvg([.. TopGaps.Select(s => (PlainWords.SkillName(f.Snapshot, new SkillCode(s.Skill)), s.WeightedGap))], $"Top gaps of {ManagerName}'s team");
        Histogram = ReportCharts.DistributionSvg(Summary.Histogram, $"Readiness of {ManagerName}'s team");
        if (Budget is not null) (Plan, PlanError) = await SponsorshipForm.PlanAsync(sponsorship, GroupKind.Team, Manager, Budget, Target, ct);
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

    /// <summary>The link to another heatmap page, keeping the filter.</summary>
    public string HeatmapLink(int page) =>
        $"/team/{Uri.EscapeDataString(Manager)}?{Query("q", Search)}{Query("role", Role)}{Query("show", Show)}page={page}#heatmap-heading";

    private static string Query(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"{name}={Uri.EscapeDataString(value)}&";

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

/// <summary>The sponsorship form of the team and overview pages: the budget as typed, checked, then the plan or the reason it was refused.</summary>
public static class SponsorshipForm
{
    public static async Task<(SponsorshipDocument? Plan, string? Error)> PlanAsync(PlanSponsorship planner, GroupKind kind, string? key,
        string budgetText, bool target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(planner);
        if (!decimal.TryParse(budgetText?.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var budget))
            return (null, $"“{budgetText}” is not a number of hours. Enter the budget as a number, for example 40.");
        try
        {
            return (await planner.RunAsync(new SponsorshipAsk(kind, key, budget, target), ct), null);
        }
        catch (InputRejectedException rejected)
        {
            return (null, rejected.Message);
        }
        catch (NotFoundException missing)
        {
            return (null, missing.Message);
        }
    }
}
