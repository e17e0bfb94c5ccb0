using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Data;

/// <summary>
/// Loads every role version and every employee history row (<see cref="OrganisationHistory"/>): what figures that look
/// back day by day need beside the as-of snapshot (skill points against the role in force on each award's day).
/// </summary>
public sealed class HistoryLoader(SkillsGapDbContext db)
{
    /// <summary>All role versions with their requirements and all employee history rows, in one read.</summary>
    public async Task<OrganisationHistory> LoadAsync(CancellationToken ct)
    {
        var versions = await db.RoleVersions.AsNoTracking().Include(v => v.Requirements).ToListAsync(ct);
        var rows = await db.EmployeeHistory.AsNoTracking()
            .Select(h => new { h.EmployeeId, h.EffectiveFrom, h.RoleCode, h.ManagerId, h.Department, h.Location, h.TargetRoleCode, h.LeftOn })
            .ToListAsync(ct);
        var periods = rows.GroupBy(r => r.EmployeeId, StringComparer.Ordinal).Select(g => new KeyValuePair<EmployeeId, IReadOnlyList<EmployeePeriod>>(
            new EmployeeId(g.Key),
            [.. g.Select(r => new EmployeePeriod(r.EffectiveFrom, new RoleCode(r.RoleCode), r.ManagerId is null ? null : new EmployeeId(r.ManagerId),
                r.Department, r.Location, r.TargetRoleCode is null ? null : new RoleCode(r.TargetRoleCode), r.LeftOn))]));
        return new OrganisationHistory(versions.Select(Mapping.ToDomain), periods);
    }
}
