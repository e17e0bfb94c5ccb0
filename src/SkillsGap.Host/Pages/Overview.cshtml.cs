using Microsoft.AspNetCore.Mvc;
using SkillsGap.App.Gaps;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Reporting;

namespace SkillsGap.Host.Pages;

/// <summary>HR's organisation overview (<see cref="OrganisationOverviewQuery"/>): readiness by department, the top gaps, the readiness histogram and the teams.</summary>
public sealed class OverviewModel(OrganisationOverviewQuery overview) : SkillsGapPageModel
{
    public OrganisationOverview Figures { get; private set; } = null!;

    public ChartSvg? Histogram { get; private set; }

    public ChartSvg? TopGapsChart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("The organisation overview is for HR only.");
        Figures = await overview.RunAsync(null, ct);
        Histogram = ReportCharts.DistributionSvg(Figures.Summary.Histogram, "Readiness of the organisation");
        TopGapsChart = ReportCharts.TopGapsSvg([.. Figures.TopGaps.Select(s => (s.Skill, s.WeightedGap))], "Top gaps of the organisation");
        return Page();
    }
}
