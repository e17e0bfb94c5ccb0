namespace SkillsGap.Core.Domain;

/// <summary>A skill of the taxonomy.</summary>
public sealed record Skill(SkillCode Code, string Name, string? Category = null, string? Description = null, IReadOnlyList<string>? Aliases = null)
{
    public IReadOnlyList<string> Aliases { get; init; } = Aliases ?? [];
}

/// <summary>One requirement of a role: a skill at a level, with a weight 1–5 and whether a gap in it is critical.</summary>
public sealed record RoleRequirement(SkillCode Skill, ProficiencyLevel Required, int Weight = 3, bool Critical = false)
{
    public const int MinWeight = 1;
    public const int MaxWeight = 5;
}

/// <summary>A version of a role framework, in force from <see cref="EffectiveFrom"/> until the next version.</summary>
public sealed record RoleVersion(RoleCode Code, string Title, string? Family, int Version, DateOnly EffectiveFrom, IReadOnlyList<RoleRequirement> Requirements)
{
    /// <summary>True when both versions require the same skills at the same levels, weights and criticality (order aside).</summary>
    public bool HasSameRequirements(IReadOnlyList<RoleRequirement> other) =>
        Requirements.Count == other.Count &&
        Requirements.OrderBy(r => r.Skill.Value, StringComparer.Ordinal)
            .SequenceEqual(other.OrderBy(r => r.Skill.Value, StringComparer.Ordinal));
}

/// <summary>A skill that a badge attests, at a level.</summary>
public sealed record BadgeSkill(SkillCode Skill, ProficiencyLevel Level);

/// <summary>
/// Prerequisites of a badge in conjunctive form: every group must be met, and a group is met by any one
/// of its badges. Written <c>A;B|C</c>: A, and B or C.
/// </summary>
public sealed record PrerequisiteRule(IReadOnlyList<IReadOnlyList<BadgeId>> Groups)
{
    public static PrerequisiteRule None { get; } = new(Array.Empty<IReadOnlyList<BadgeId>>());

    public bool IsEmpty => Groups.Count == 0;

    public IEnumerable<BadgeId> AllBadges => Groups.SelectMany(g => g).Distinct();

    public bool IsMetBy(Func<BadgeId, bool> held) => Groups.All(group => group.Any(held));

    /// <summary>Parses <c>A;B|C</c>; empty or whitespace gives no prerequisites.</summary>
    public static PrerequisiteRule Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var groups = new List<IReadOnlyList<BadgeId>>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var alternatives = part.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => new BadgeId(a)).Distinct().ToArray();
            if (alternatives.Length > 0) groups.Add(alternatives);
        }
        return new PrerequisiteRule(groups);
    }

    /// <summary>Adds all-of groups for the given badges that no group already requires alone.</summary>
    public PrerequisiteRule WithAllOf(IEnumerable<BadgeId> required)
    {
        var groups = Groups.ToList();
        foreach (var id in required)
            if (!groups.Any(g => g.Count == 1 && g[0] == id)) groups.Add([id]);
        return new PrerequisiteRule(groups);
    }

    public override string ToString() => string.Join(";", Groups.Select(g => string.Join("|", g.Select(b => b.Value))));

    public bool Equals(PrerequisiteRule? other) => other is not null && ToString() == other.ToString();
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// A badge of the catalogue (an Open Badges BadgeClass / Achievement). A stack is itself a badge: its
/// children (badges whose <see cref="StackId"/> names it) are its prerequisites and its hours are what
/// remains once they are held.
/// </summary>
public sealed record Badge(
    BadgeId Id,
    string Name,
    string? Issuer,
    IReadOnlyList<BadgeSkill> Skills,
    decimal Hours,
    PrerequisiteRule Prerequisites,
    int? ValidMonths = null,
    BadgeId? StackId = null,
    bool NeedsReview = false)
{
    /// <summary>
    /// The expiry of an award of this badge issued on <paramref name="issuedOn"/>: the explicit date, else issued + validity,
    /// else never (null). Total: a validity outside 1–<see cref="ValueBounds.MaxValidMonths"/> counts as the nearest bound,
    /// and an expiry past the calendar's end is <see cref="DateOnly.MaxValue"/>.
    /// </summary>
    public DateOnly? ExpiryFor(DateOnly issuedOn, DateOnly? explicitExpiry) =>
        explicitExpiry ?? (ValidMonths is int months ? ValueBounds.AddMonthsSaturating(issuedOn, ValueBounds.ClampValidMonths(months)) : null);
}
