using SkillsGap.Analytics.Gamification;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Challenges;

/// <summary>
/// HR's "equal chance" figures (DESIGN §7b) as of a date: per department and location, who earned a badge in the last 90
/// days, hours per person, and the share who are recommended a badge that closes one of their gaps (the served list).
/// </summary>
public sealed class EqualChanceQuery(FiguresCache figures, NextBadgeModelStore models, BusinessCalendar calendar)
{
    public async Task<EqualChanceReport> RunAsync(DateOnly? asOf = null, int days = 90, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var recommender = await models.RecommenderAsync(ct);
        var offered = new bool[f.EmployeeCount];
        Parallel.For(0, f.EmployeeCount, e => offered[e] = f.RoleIndexOf(e) >= 0 && recommender.Serve(f, e, 1).GapClosingAvailable > 0);
        return EqualChanceReport.Measure(f, e => offered[e], days);
    }
}
