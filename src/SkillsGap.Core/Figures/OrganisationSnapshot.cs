using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Figures;

/// <summary>Options that change what counts in the figures.</summary>
public sealed record FigureOptions(double ReadyThreshold = 0.9, bool CountUnverified = true)
{
    public static FigureOptions Default { get; } = new();
}

/// <summary>
/// Everything the figures need as of one date: the taxonomy, the role versions in force, the catalogue,
/// the roster as it stood and the awards. Builds the dense indices that the array maths runs over.
/// </summary>
public sealed class OrganisationSnapshot
{
    // Keyed by the plain strings with the ordinal comparer: .NET then hashes them without randomisation, several
    // times faster than through the id records, and the award look-ups are the bulk of the engine's work.
    private readonly Dictionary<string, int> _skillIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _roleIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _badgeIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _employeeIndex = new(StringComparer.Ordinal);

    public OrganisationSnapshot(
        DateOnly asOf,
        IReadOnlyList<Skill> skills,
        IReadOnlyList<RoleVersion> roles,
        IReadOnlyList<Badge> badges,
        IReadOnlyList<Employee> employees,
        IReadOnlyList<Award> awards,
        ClampReport? clamped = null)
    {
        AsOf = asOf;
        Clamped = clamped ?? new ClampReport();
        Roles = roles = StoredValues.Roles(roles, Clamped);
        Badges = badges = StoredValues.Badges(badges, Clamped);
        Employees = employees;
        Awards = StoredValues.Awards(awards, Clamped);

        var allSkills = new List<Skill>(skills.Count);
        foreach (var skill in skills)
            if (_skillIndex.TryAdd(skill.Code.Value, allSkills.Count)) allSkills.Add(skill);
        // Skills named only by a role or a badge still get a column, so nothing is silently dropped.
        foreach (var code in roles.SelectMany(r => r.Requirements.Select(q => q.Skill))
                     .Concat(badges.SelectMany(b => b.Skills.Select(s => s.Skill))))
            if (_skillIndex.TryAdd(code.Value, allSkills.Count)) allSkills.Add(new Skill(code, code.Value));
        Skills = allSkills;

        for (var i = 0; i < roles.Count; i++)
            if (!_roleIndex.TryAdd(roles[i].Code.Value, i))
                throw new ArgumentException($"Role {roles[i].Code} appears twice in one snapshot.", nameof(roles));
        for (var i = 0; i < badges.Count; i++)
            if (!_badgeIndex.TryAdd(badges[i].Id.Value, i))
                throw new ArgumentException($"Badge {badges[i].Id} appears twice in one snapshot.", nameof(badges));
        for (var i = 0; i < employees.Count; i++)
            if (!_employeeIndex.TryAdd(employees[i].Id.Value, i))
                throw new ArgumentException($"Employee {employees[i].Id} appears twice in one snapshot.", nameof(employees));

        StackChildren = badges.Where(b => b.StackId is not null)
            .ToLookup(b => b.StackId!.Value, b => b.Id);
    }

    public DateOnly AsOf { get; }

    /// <summary>
    /// Values outside <see cref="ValueBounds"/> that were clamped on the way in (hours, validity, weights, award dates,
    /// achieved levels; levels clamped by the loader when it passes its report): log it when <see cref="ClampReport.Total"/> &gt; 0.
    /// </summary>
    public ClampReport Clamped { get; }
    public IReadOnlyList<Skill> Skills { get; }
    public IReadOnlyList<RoleVersion> Roles { get; }
    public IReadOnlyList<Badge> Badges { get; }
    public IReadOnlyList<Employee> Employees { get; }
    public IReadOnlyList<Award> Awards { get; }

    /// <summary>Children of each stack: the badges whose stack id names it.</summary>
    public ILookup<BadgeId, BadgeId> StackChildren { get; }

    public int SkillIndex(SkillCode code) => code.Value is { } v && _skillIndex.TryGetValue(v, out var i) ? i : -1;
    public int RoleIndex(RoleCode code) => code.Value is { } v && _roleIndex.TryGetValue(v, out var i) ? i : -1;
    public int BadgeIndex(BadgeId id) => id.Value is { } v && _badgeIndex.TryGetValue(v, out var i) ? i : -1;
    public int EmployeeIndex(EmployeeId id) => id.Value is { } v && _employeeIndex.TryGetValue(v, out var i) ? i : -1;

    public Employee? FindEmployee(EmployeeId id) => EmployeeIndex(id) is var i and >= 0 ? Employees[i] : null;
    public RoleVersion? FindRole(RoleCode code) => RoleIndex(code) is var i and >= 0 ? Roles[i] : null;
    public Badge? FindBadge(BadgeId id) => BadgeIndex(id) is var i and >= 0 ? Badges[i] : null;

    /// <summary>
    /// A badge's prerequisites as they bind: its own rule plus, for a stack, all of its children.
    /// </summary>
    public PrerequisiteRule EffectivePrerequisites(Badge badge) =>
        StackChildren.Contains(badge.Id) ? badge.Prerequisites.WithAllOf(StackChildren[badge.Id]) : badge.Prerequisites;
}
