using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;

namespace SkillsGap.App.Gaps;

/// <summary>
/// `skillsgap pathway`: the least-hours set and order of badges that closes an employee's coverable gaps for their
/// role or a target role, as of a date. (Ties are broken by badge id until the next-badge model is trained.)
/// </summary>
public sealed class PathwayQuery(GapsQuery gaps)
{
    public async Task<Pathway> RunAsync(EmployeeId employee, RoleCode? targetRole, DateOnly? asOf, CancellationToken ct = default)
    {
        var f = await gaps.FiguresAsync(asOf, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {f.AsOf:yyyy-MM-dd}.");
        if (targetRole is RoleCode target && f.Snapshot.RoleIndex(target) < 0)
            throw new NotFoundException($"Role {target} is not known on {f.AsOf:yyyy-MM-dd}.");
        return PathwayPlanner.Plan(f, index, targetRole);
    }
}
