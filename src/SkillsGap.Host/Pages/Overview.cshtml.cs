using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics;
using SkillsGap.App.Gaps;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>HR's organisation overview: readiness by department, the top gaps, the readiness histogram and the teams.</summary>
public sealed class OverviewModel(GapsQuery gaps) : SkillsGapPageModel
{
    private const int TopGapCount = 10;

    public DateOnly AsOf { get; private set; }

    public SummaryLine Organisation { get; private set; } = new(0, null, 0, null, []);

    public IReadOnlyList<(string Department, SummaryLine Summary)> Departments { get; private set; } = [];

    public IReadOnlyList<SkillLine> TopGaps { get; private set; } = [];

    public IReadOnlyList<UncoverableLine> Uncoverable { get; private set; } = [];

    public IReadOnlyList<TeamLink> Teams { get; private set; } = [];

    public ChartSvg? Histogram { get; private set; }

    public ChartSvg? TopGapsChart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("The organisation overview is for HR only.");
        var f = await gaps.FiguresAsync(null, ct);
        AsOf = f.AsOf;
        var org = (GroupGapsDocument)gaps.Build(f, new GapsRequest(GroupKind.Organisation));
        Organisation = org.Summary;
        TopGaps = [.. org.Skills.Where(s => s.WeightedGap > 0).Take(TopGapCount)];
        Uncoverable = org.Uncoverable;
        var selector = new GroupSelector(f.Snapshot);
        // Only each department's summary: not its whole document.
        Departments = [.. selector.Departments.Select(d => (d, GapsDocumentBuilder.Summary(GroupAnalysis.Summarise(f, selector.Department(d)))))];
        Teams = TeamLink.Managers(f.Snapshot, selector);
        Histogram = SvgCharts.ReadinessHistogram(Organisation.Histogram, "Readiness of the organisation");
        TopGapsChart = SvgCharts.TopGaps([.. TopGaps.Select(s => (s.Skill, s.WeightedGap))], "Top gaps of the organisation");
        return Page();
    }
}
