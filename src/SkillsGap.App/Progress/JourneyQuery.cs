using Microsoft.Extensions.Options;
using SkillsGap.Analytics.Progress;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Progress;

/// <summary>
/// An employee's learning journey as progress (DESIGN §7b): the role's and the target role's pathways planned as one,
/// hours and badges done / total, requirements with level names, and any critical requirement the catalogue cannot meet,
/// said plainly. Ties and order are decided by the stored model's scores (gap per hour without one), as for <c>pathway</c>.
/// </summary>
public sealed class JourneyQuery(FiguresCache figures, NextBadgeModelStore models, BusinessCalendar calendar, IOptions<FiguresOptions> figureOptions)
{
    public async Task<Journey> RunAsync(EmployeeId employee, RoleCode? targetRole = null, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {f.AsOf:yyyy-MM-dd}.");
        if (targetRole is RoleCode target && f.Snapshot.RoleIndex(target) < 0)
            throw new NotFoundException($"Role {target} is not known on {f.AsOf:yyyy-MM-dd}.");
        var recommender = await models.RecommenderAsync(ct);
        var scores = recommender.ScoreBadges(f, index);
        var peers = recommender.PeerSignals(f, index);
        var snapshot = f.Snapshot;
        var options = new PathwayOptions(
            Score: id => snapshot.BadgeIndex(id) is var b and >= 0 ? scores[b] : 0,
            PeerSignal: id =>
            {
                if (snapshot.BadgeIndex(id) is not (var b and >= 0)) return null;
                var signal = peers(b);
                return signal.Kind == PeerSignal.NoneKind ? null : signal.Text;
            });
        return Journey.Build(f, index, targetRole, options, figureOptions.Value.ExpiringWithinDays);
    }
}
