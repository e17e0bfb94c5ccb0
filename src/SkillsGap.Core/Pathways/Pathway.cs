using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Pathways;

/// <summary>
/// The ordered badges that raise every requirement of <see cref="TargetRole"/> as far as the catalogue allows, with the
/// least total hours; <see cref="Optimal"/> is true when the least total was proven by exact search.
/// </summary>
public sealed record Pathway(
    EmployeeId Employee,
    RoleCode TargetRole,
    bool Optimal,
    decimal TotalHours,
    double ReadinessBefore,
    double ReadinessAfter,
    IReadOnlyList<PathwayStep> Steps,
    IReadOnlyList<UncoverableGap> Uncoverable);

/// <summary>One badge to earn, in order: what it raises, which later steps need it, and the readiness once it is earned.</summary>
public sealed record PathwayStep(
    BadgeId Badge,
    string BadgeName,
    decimal Hours,
    IReadOnlyList<SkillChange> Closes,
    IReadOnlyList<BadgeId> NeededBy,
    double ReadinessAfter,
    string Reason);

/// <summary>A target-role skill whose attained level a step raises, from one level to another.</summary>
public sealed record SkillChange(SkillCode Skill, int From, int To);

/// <summary>
/// A requirement the pathway cannot meet: the required level, <paramref name="Best"/> the best level any badge in the
/// catalogue attests (DESIGN §3), and <paramref name="Reachable"/> the best level the employee can reach — attained, or
/// attested by a badge whose prerequisites they can meet (lower than <paramref name="Best"/> only when the badges that
/// attest more can never be earned: a prerequisite cycle, or a prerequisite missing from the catalogue).
/// </summary>
public sealed record UncoverableGap(SkillCode Skill, int Required, int Best, int Reachable);

/// <summary>
/// How the planner searches and explains. <paramref name="ExactCandidateLimit"/>: the most relevant candidate badges
/// solved exactly (at most 63); <paramref name="Score"/>: a model score, higher first, that breaks ties between
/// equal-hour plans and orders free choices; <paramref name="PeerSignal"/>: a sentence appended to a step's reason;
/// <paramref name="SearchNodeLimit"/>: the exact search gives up (and reports a non-optimal plan) beyond this many nodes.
/// </summary>
public sealed record PathwayOptions(
    int ExactCandidateLimit = 30,
    Func<BadgeId, double>? Score = null,
    Func<BadgeId, string?>? PeerSignal = null,
    long SearchNodeLimit = 250_000)
{
    public static PathwayOptions Default { get; } = new();
}
