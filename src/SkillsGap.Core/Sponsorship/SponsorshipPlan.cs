using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// What HR (or a manager) asks the sponsorship planner: a budget in hours, whether gaps are measured against each
/// person's target role (their own role when they have none) instead of their own, and an optional fixed cost per
/// sponsored badge, in hours (exam, administration), that the budget must also cover.
/// </summary>
public sealed record SponsorshipRequest(decimal BudgetHours, bool Target = false, decimal CostPerBadge = 0m)
{
    /// <summary>What one sponsored badge takes from the budget: its hours (never negative) plus the cost per badge.</summary>
    public decimal CostOf(Badge badge) => Math.Max(0m, badge.Hours) + CostPerBadge;
}

/// <summary>
/// How hard the planner searches. <paramref name="EnumerationLimit"/>: the most partial plans enumerated, over all
/// people, when listing each person's best plans per budget; <paramref name="PersonEnumerationLimit"/>: the most for
/// one person (and the most nodes of one person's search for the Lagrangian bound); <paramref name="SearchNodeLimit"/>: the most nodes of the branch and bound that combines them. Beyond
/// these, the planner keeps its greedy plan and reports an upper bound instead of proving optimality.
/// <paramref name="BoundNodeLimit"/> and <paramref name="BoundEvaluations"/>: the work spent on each price of an hour,
/// and the number of prices tried, when tightening that bound (see the planner's remarks).
/// </summary>
public sealed record SponsorshipOptions(
    long EnumerationLimit = 500_000,
    long PersonEnumerationLimit = 100_000,
    long SearchNodeLimit = 400_000,
    long BoundNodeLimit = 1_000_000,
    int BoundEvaluations = 16)
{
    public static SponsorshipOptions Default { get; } = new();
}

/// <summary>How the plan was found.</summary>
public enum SponsorshipMethod
{
    /// <summary>Nobody in the group has a gap that a badge they can earn would close.</summary>
    NothingToClose,
    /// <summary>Branch and bound over every person's best plans per budget: proven optimal.</summary>
    Exact,
    /// <summary>The plan reaches the upper bound, so no plan within the budget closes more.</summary>
    ReachesBound,
    /// <summary>The greedy plan with an upper bound on what any plan could close.</summary>
    Greedy,
}

/// <summary>A skill that a sponsored badge raises for its person, within what their role requires.</summary>
/// <param name="From">The level before this badge (counting the badges sponsored before it for the same person).</param>
/// <param name="To">The level after it, at most the required level.</param>
public sealed record SkillRaised(SkillCode Skill, int From, int To, int Required, int Weight, bool Critical)
{
    /// <summary>weight · (to − from).</summary>
    public int WeightedGapClosed => Weight * (To - From);
}

/// <summary>
/// One person-badge choice of a plan, in the order the person would earn them: what it raises, which later choices of
/// the same person need it as a prerequisite, and whether it renews an expired award.
/// </summary>
public sealed record SponsoredBadge(
    EmployeeId Employee,
    RoleCode Role,
    BadgeId Badge,
    decimal Hours,
    IReadOnlyList<SkillRaised> Closes,
    IReadOnlyList<BadgeId> NeededBy,
    bool Renews)
{
    /// <summary>Σ weight · levels closed by this badge.</summary>
    public int WeightedGapClosed => Closes.Sum(c => c.WeightedGapClosed);
}

/// <summary>
/// One sponsored person, before and after the plan, against the role the plan measures (their own, or their target
/// role when the request asks for it). The "after" figures are recomputed by the gap engine with the plan's badges
/// as awards issued on the as-of date.
/// </summary>
public sealed record SponsoredPerson(
    EmployeeId Employee,
    RoleCode Role,
    int Badges,
    decimal Hours,
    long WeightedGapBefore,
    long WeightedGapAfter,
    double ReadinessBefore,
    double ReadinessAfter,
    bool ReadyBefore,
    bool ReadyAfter);

/// <summary>
/// A sponsorship plan for a group (DESIGN §3 "Sponsorship planner"): the person-badge choices that close the largest
/// weighted gap (Σ weight · levels closed) within the budget, prerequisites included.
/// </summary>
/// <param name="People">Members of the group planned for.</param>
/// <param name="Optimal">True when no plan within the budget closes more (proven by exact search or by the bound).</param>
/// <param name="Bound">When not optimal: an upper bound on the weighted gap any plan within the budget could close.</param>
/// <param name="WeightedGapBefore">Σ weight · gap over the group, against the roles measured.</param>
/// <param name="WeightedGapCoverable">The part of it that badges of the catalogue the people can earn could close.</param>
/// <param name="WeightedGapAfter">Σ weight · gap recomputed by the gap engine with the plan's awards.</param>
/// <param name="HoursUsed">Σ hours of the chosen badges.</param>
/// <param name="BudgetUsed">Hours used plus the cost per badge for each choice; at most the budget.</param>
/// <param name="ReadinessBefore">Mean readiness of the group against the roles measured; null for an empty group.</param>
/// <param name="ReadinessAfter">The same, recomputed by the gap engine with the plan's awards.</param>
/// <param name="Choices">Per sponsored person (most gap closed first), their badges in the order they would earn them.</param>
/// <param name="Sponsored">Each sponsored person before and after, in the order of <paramref name="Choices"/>.</param>
/// <param name="Statistics">How the plan was searched (for measurements, not for people).</param>
public sealed record SponsorshipPlan(
    DateOnly AsOf,
    SponsorshipRequest Request,
    int People,
    bool Optimal,
    long? Bound,
    long WeightedGapBefore,
    long WeightedGapCoverable,
    long WeightedGapClosed,
    long WeightedGapAfter,
    decimal HoursUsed,
    decimal BudgetUsed,
    double? ReadinessBefore,
    double? ReadinessAfter,
    int ReadyBefore,
    int ReadyAfter,
    IReadOnlyList<SponsoredBadge> Choices,
    IReadOnlyList<SponsoredPerson> Sponsored,
    SponsorshipStatistics Statistics);

/// <summary>What the search did: the method, the people with something to close, the candidate person-badge pairs, the work done.</summary>
/// <param name="UpperBound">The upper bound computed (equal to the closed gap when proven optimal by it), before rounding down.</param>
public sealed record SponsorshipStatistics(
    SponsorshipMethod Method,
    int PeopleWithGaps,
    long CandidatePairs,
    long EnumeratedPlans,
    long SearchNodes,
    long BoundNodes,
    long GreedyValue,
    double UpperBound);
