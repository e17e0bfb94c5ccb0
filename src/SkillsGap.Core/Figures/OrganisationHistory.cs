using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Figures;

/// <summary>One row of an employee's history: their role, manager, department, location and target role from a date on.</summary>
public sealed record EmployeePeriod(
    DateOnly EffectiveFrom,
    RoleCode Role,
    EmployeeId? Manager = null,
    string? Department = null,
    string? Location = null,
    RoleCode? TargetRole = null,
    DateOnly? LeftOn = null);

/// <summary>
/// Every version of every role and every history row of every employee: what figures that look back day by day need
/// (skill points are earned against the role and role version in force on each award's day). The as-of snapshot holds one
/// day's roster and role versions only.
/// </summary>
public sealed class OrganisationHistory
{
    private readonly Dictionary<string, RoleVersion[]> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmployeePeriod[]> _periods = new(StringComparer.Ordinal);

    /// <param name="roleVersions">Every version of every role, in any order.</param>
    /// <param name="periods">Each employee's history rows, in any order.</param>
    public OrganisationHistory(IEnumerable<RoleVersion> roleVersions, IEnumerable<KeyValuePair<EmployeeId, IReadOnlyList<EmployeePeriod>>> periods)
    {
        ArgumentNullException.ThrowIfNull(roleVersions);
        ArgumentNullException.ThrowIfNull(periods);
        foreach (var group in roleVersions.GroupBy(v => v.Code.Value, StringComparer.Ordinal))
            _roles[group.Key] = [.. group.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Version)];
        foreach (var (employee, rows) in periods)
            _periods[employee.Value] = [.. rows.OrderBy(p => p.EffectiveFrom)];
    }

    /// <summary>
    /// The history as if everyone had always been as the snapshot shows them, with its role versions: for callers that
    /// hold no history (the figures then match the snapshot's day).
    /// </summary>
    public static OrganisationHistory FromSnapshot(OrganisationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new OrganisationHistory(snapshot.Roles, snapshot.Employees.Select(e => new KeyValuePair<EmployeeId, IReadOnlyList<EmployeePeriod>>(e.Id,
            [new EmployeePeriod(DateOnly.MinValue, e.Role, e.Manager, e.Department, e.Location, e.TargetRole, e.LeftOn)])));
    }

    /// <summary>
    /// The version of the role in force on <paramref name="date"/>: the latest whose effective date is on or before it (the
    /// higher version on a tie), or the earliest version when none is in force yet (as the snapshot does); null for an
    /// unknown role.
    /// </summary>
    public RoleVersion? RoleOn(RoleCode role, DateOnly date)
    {
        if (!_roles.TryGetValue(role.Value, out var versions)) return null;
        RoleVersion? inForce = null;
        foreach (var v in versions)
            if (v.EffectiveFrom <= date) inForce = v;
        return inForce ?? versions[0];
    }

    /// <summary>
    /// The employee's history row in force on <paramref name="date"/>: the last that starts on or before it, or their first
    /// row when the history starts later (an award recorded before the roster was); null for an unknown employee.
    /// </summary>
    public EmployeePeriod? PeriodOn(EmployeeId employee, DateOnly date)
    {
        if (!_periods.TryGetValue(employee.Value, out var rows) || rows.Length == 0) return null;
        var inForce = rows[0];
        foreach (var p in rows)
            if (p.EffectiveFrom <= date) inForce = p;
        return inForce;
    }

    /// <summary>Every version of the role, oldest first (empty for an unknown role).</summary>
    public IReadOnlyList<RoleVersion> VersionsOf(RoleCode role) => _roles.TryGetValue(role.Value, out var v) ? v : [];

    /// <summary>The employee's history rows, oldest first (empty for an unknown employee).</summary>
    public IReadOnlyList<EmployeePeriod> PeriodsOf(EmployeeId employee) => _periods.TryGetValue(employee.Value, out var p) ? p : [];
}
