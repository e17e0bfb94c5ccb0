using SkillsGap.App.Gaps;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Pathways;

/// <summary>
/// `skillsgap pathway`: the least-hours set and order of badges that closes an employee's coverable gaps for their
/// role or a target role, as of a date. Equal-hour plans and free choices of order are decided by the next-badge
/// model's score for the employee (gap-greedy's when no model is trained), and each step carries the peer signal.
/// </summary>
public sealed class PathwayQuery(GapsQuery gaps, NextBadgeModelStore models)
{
    public async Task<Pathway> RunAsync(EmployeeId employee, RoleCode? targetRole, DateOnly? asOf, CancellationToken ct = default)
    {
        var f = await gaps.FiguresAsync(asOf, ct);
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
        return PathwayPlanner.Plan(f, index, targetRole, options);
    }
}
