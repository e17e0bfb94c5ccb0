using SkillsGap.Core.Domain;

namespace SkillsGap.Data;

/// <summary>What a writer did: rows inserted, rows updated (or, for roles, new versions), rows left as they were.</summary>
public sealed record ChangeCounts(int Inserted, int Updated, int Unchanged)
{
    public static ChangeCounts None { get; } = new(0, 0, 0);

    public int Total => Inserted + Updated + Unchanged;

    /// <summary>True when nothing was inserted or updated.</summary>
    public bool IsUnchanged => Inserted == 0 && Updated == 0;

    public static ChangeCounts operator +(ChangeCounts a, ChangeCounts b) =>
        new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged);

    public ChangeCounts Add(ChangeCounts other) => this + other;
}

/// <summary>A role framework to apply: its requirements and, if given, the date a new version takes effect.</summary>
public sealed record RoleDefinition(RoleCode Code, string Title, string? Family, IReadOnlyList<RoleRequirement> Requirements, DateOnly? EffectiveFrom);

/// <summary>An employee as a file states them; role, manager and place take effect from <see cref="EffectiveFrom"/> (else the import date).</summary>
public sealed record EmployeeChange(Employee Employee, DateOnly? EffectiveFrom);

/// <summary>Keys already stored, for validating a file before anything is written.</summary>
/// <param name="LeftOn">The <c>left_on</c> of each stored employee whose latest history row has one (an award cannot be issued after it).</param>
public sealed record StoredKeys(
    IReadOnlySet<SkillCode> Skills,
    IReadOnlySet<RoleCode> Roles,
    IReadOnlySet<BadgeId> Badges,
    IReadOnlySet<EmployeeId> Employees,
    IReadOnlyDictionary<string, EmployeeId> EmployeesByEmail,
    IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks,
    IReadOnlyDictionary<EmployeeId, DateOnly>? LeftOn = null)
{
    public IReadOnlyDictionary<EmployeeId, DateOnly> LeftOn { get; init; } = LeftOn ?? new Dictionary<EmployeeId, DateOnly>();
}
