using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Sponsorship;

namespace SkillsGap.Analytics.Insights;

/// <summary>
/// The <c>sponsor --format json</c> document of DESIGN §10 (also the answer of <c>POST /api/sponsorship</c>). The
/// contract's fields come first, in its order; the rest add names, plain-words reasons and the people sponsored.
/// Readiness is rounded to 4 places.
/// </summary>
/// <param name="Scope"><c>manager</c>, <c>department</c> or <c>org</c>.</param>
/// <param name="Bound">When <paramref name="Optimal"/> is false: no plan within the budget closes more weighted gap than this.</param>
/// <param name="Key">The manager id or department name; null for the organisation.</param>
/// <param name="GroupName">For people: "Team of Ana Ortiz", "Finance", "The whole organisation".</param>
/// <param name="Target">True when gaps are measured against each person's target role (their own role without one).</param>
/// <param name="WeightedGapCoverable">The part of the weighted gap that badges the people can earn could close at all.</param>
/// <param name="Summary">The plan in one or two plain sentences.</param>
public sealed record SponsorshipDocument(
    string Scope,
    DateOnly AsOf,
    decimal BudgetHours,
    decimal HoursUsed,
    bool Optimal,
    long? Bound,
    long WeightedGapBefore,
    long WeightedGapClosed,
    double? ReadinessBefore,
    double? ReadinessAfter,
    IReadOnlyList<SponsorshipChoiceLine> Choices,
    string? Key,
    string GroupName,
    bool Target,
    decimal CostPerBadge,
    decimal BudgetUsed,
    long WeightedGapCoverable,
    int People,
    int ReadyBefore,
    int ReadyAfter,
    string Summary,
    IReadOnlyList<SponsoredPersonLine> Sponsored)
{
    /// <summary>The document as compact JSON (camelCase, ISO dates).</summary>
    public string ToJson(bool indented = false) => PlainWords.Json(this, indented);
}

/// <summary>One person-badge choice: the contract's employee, badge, hours, closes and weighted gap closed, then names and why.</summary>
/// <param name="NeededBy">Later choices for the same person that need this badge as a prerequisite.</param>
/// <param name="Renews">The person held this badge before and it expired: sponsoring it renews the award.</param>
/// <param name="Reason">What the badge does for the person, in plain words.</param>
public sealed record SponsorshipChoiceLine(
    string Employee,
    string Badge,
    decimal Hours,
    IReadOnlyList<SponsorshipCloseLine> Closes,
    int WeightedGapClosed,
    string EmployeeName,
    string Role,
    string RoleTitle,
    string BadgeName,
    IReadOnlyList<string> NeededBy,
    bool Renews,
    string Reason);

/// <summary>A skill a choice raises: the contract's skill, from and to, then the skill's name, the level required, weight and criticality.</summary>
public sealed record SponsorshipCloseLine(string Skill, int From, int To, string SkillName, int Required, int Weight, bool Critical);

/// <summary>A sponsored person before and after the plan (readiness rounded to 4 places), against the role measured.</summary>
public sealed record SponsoredPersonLine(
    string Employee,
    string Name,
    string Role,
    string RoleTitle,
    int Badges,
    decimal Hours,
    long WeightedGapBefore,
    long WeightedGapAfter,
    double ReadinessBefore,
    double ReadinessAfter,
    bool ReadyBefore,
    bool ReadyAfter);

/// <summary>Plans sponsorship for a group (DESIGN §3) and writes the <c>sponsor</c> document.</summary>
public static class SponsorshipDocumentBuilder
{
    /// <summary>The contract's name of a sponsorship scope: <c>manager</c> (a team), <c>department</c> or <c>org</c>.</summary>
    public static string ScopeName(GroupKind kind) => kind switch
    {
        GroupKind.Team => "manager",
        GroupKind.Department => "department",
        GroupKind.Organisation => "org",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Sponsorship is planned for a manager's team, a department or the organisation."),
    };

    /// <summary>The group kind of a contract scope name (<c>manager</c>, <c>department</c>, <c>org</c>; case ignored), or null.</summary>
    public static GroupKind? ParseScope(string? scope) => scope?.Trim().ToUpperInvariant() switch
    {
        "MANAGER" or "TEAM" => GroupKind.Team,
        "DEPARTMENT" => GroupKind.Department,
        "ORG" or "ORGANISATION" or "ORGANIZATION" => GroupKind.Organisation,
        _ => null,
    };

    /// <summary>Plans for the group of <paramref name="kind"/> named by <paramref name="key"/> and writes the document.</summary>
    /// <exception cref="KeyNotFoundException">No such manager or department on the figures' date.</exception>
    public static SponsorshipDocument Plan(OrganisationFigures f, GroupSelector selector, GroupKind kind, string? key,
        SponsorshipRequest request, SponsorshipOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selector);
        _ = ScopeName(kind);
        var members = selector.Select(kind, key);
        return From(f, kind, key, SponsorshipPlanner.Plan(f, members, request, options));
    }

    /// <summary>The document of a plan already made for the group of <paramref name="kind"/> and <paramref name="key"/>.</summary>
    public static SponsorshipDocument From(OrganisationFigures f, GroupKind kind, string? key, SponsorshipPlan plan)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(plan);
        var snapshot = f.Snapshot;
        var choices = plan.Choices.Select(c => Choice(snapshot, c)).ToArray();
        var sponsored = plan.Sponsored.Select(p => new SponsoredPersonLine(
            p.Employee.Value,
            PersonName(snapshot, p.Employee),
            p.Role.Value,
            PlainWords.RoleTitle(snapshot, p.Role),
            p.Badges,
            PlainWords.Exact(p.Hours),
            p.WeightedGapBefore,
            p.WeightedGapAfter,
            GapsDocumentBuilder.Round(p.ReadinessBefore),
            GapsDocumentBuilder.Round(p.ReadinessAfter),
            p.ReadyBefore,
            p.ReadyAfter)).ToArray();
        return new SponsorshipDocument(
            ScopeName(kind),
            plan.AsOf,
            PlainWords.Exact(plan.Request.BudgetHours),
            PlainWords.Exact(plan.HoursUsed),
            plan.Optimal,
            plan.Bound,
            plan.WeightedGapBefore,
            plan.WeightedGapClosed,
            Round(plan.ReadinessBefore),
            Round(plan.ReadinessAfter),
            choices,
            kind == GroupKind.Organisation ? null : key,
            GroupName(snapshot, kind, key),
            plan.Request.Target,
            PlainWords.Exact(plan.Request.CostPerBadge),
            PlainWords.Exact(plan.BudgetUsed),
            plan.WeightedGapCoverable,
            plan.People,
            plan.ReadyBefore,
            plan.ReadyAfter,
            Summary(plan),
            sponsored);
    }

    /// <summary>"Team of Ana Ortiz", the department's name, or "The whole organisation".</summary>
    public static string GroupName(OrganisationSnapshot snapshot, GroupKind kind, string? key) => kind switch
    {
        GroupKind.Team when key is not null => "Team of " + (snapshot.FindEmployee(new EmployeeId(key)) is { } m ? PlainWords.Person(m) : key),
        GroupKind.Department when key is not null => key.Trim(),
        GroupKind.Role when key is not null => PlainWords.Role(snapshot, new RoleCode(key)),
        GroupKind.Employee when key is not null => snapshot.FindEmployee(new EmployeeId(key)) is { } e ? PlainWords.Person(e) : key,
        _ => "The whole organisation",
    };

    private static double? Round(double? value) => value is double v ? GapsDocumentBuilder.Round(v) : null;

    private static string PersonName(OrganisationSnapshot snapshot, EmployeeId id) =>
        snapshot.FindEmployee(id) is { } e ? PlainWords.Person(e) : id.Value;

    private static SponsorshipChoiceLine Choice(OrganisationSnapshot snapshot, SponsoredBadge c)
    {
        var closes = c.Closes.Select(x => new SponsorshipCloseLine(x.Skill.Value, x.From, x.To, PlainWords.SkillName(snapshot, x.Skill),
            x.Required, x.Weight, x.Critical)).ToArray();
        var parts = new List<string>();
        if (c.Closes.Count > 0)
            parts.Add("Raises " + string.Join("; ", c.Closes.Select(x =>
                $"{PlainWords.Skill(snapshot, x.Skill)} from {PlainWords.Level(x.From)} to {PlainWords.Level(x.To)}" +
                (x.To >= x.Required ? (x.Critical ? ", meeting a critical requirement" : ", meeting the requirement") : $" of the {PlainWords.Level(x.Required)} required"))));
        if (c.NeededBy.Count > 0)
            parts.Add((parts.Count == 0 ? "Needed before " : "needed before ") + string.Join(" and ", c.NeededBy.Select(b => PlainWords.Badge(snapshot, b))));
        if (c.Renews) parts.Add(parts.Count == 0 ? "Renews an expired award" : "renews an expired award");
        return new SponsorshipChoiceLine(
            c.Employee.Value,
            c.Badge.Value,
            PlainWords.Exact(c.Hours),
            closes,
            c.WeightedGapClosed,
            PersonName(snapshot, c.Employee),
            c.Role.Value,
            PlainWords.RoleTitle(snapshot, c.Role),
            PlainWords.BadgeName(snapshot, c.Badge),
            [.. c.NeededBy.Select(b => b.Value)],
            c.Renews,
            string.Join("; ", parts) + ".");
    }

    /// <summary>The plan in plain sentences: what it sponsors, what it closes, readiness before and after, how good it is.</summary>
    public static string Summary(SponsorshipPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.People == 0) return "Nobody is in this group on " + PlainWords.Date(plan.AsOf) + ".";
        var against = plan.Request.Target ? "their target roles" : "their roles";
        if (plan.Choices.Count == 0)
            return plan.WeightedGapCoverable == 0
                ? $"Nobody in the group has a gap against {against} that a badge they can earn would close."
                : $"No badge they still need fits in {PlainWords.Hours(plan.Request.BudgetHours)}.";
        var people = plan.Sponsored.Count;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Sponsoring {PlainWords.Count(plan.Choices.Count, "badge", "badges")} for {PlainWords.Count(people, "person", "people")} " +
            $"({PlainWords.Hours(plan.HoursUsed)} of training");
        if (plan.Request.CostPerBadge > 0)
            text += string.Create(CultureInfo.InvariantCulture, $", {PlainWords.Hours(plan.BudgetUsed)} of the budget with {PlainWords.Hours(plan.Request.CostPerBadge)} per badge");
        text += string.Create(CultureInfo.InvariantCulture,
            $") closes {PlainWords.Count(plan.WeightedGapClosed)} of the {PlainWords.Count(plan.WeightedGapBefore)} weighted gap points against {against}.");
        if (plan.ReadinessBefore is double before && plan.ReadinessAfter is double after)
        {
            text += $" Mean readiness goes from {PlainWords.Percent(before)} to {PlainWords.Percent(after)} ({PlainWords.PointsChange(after - before)})";
            var newlyReady = plan.ReadyAfter - plan.ReadyBefore;
            text += newlyReady > 0
                ? $", and {PlainWords.Count(newlyReady, "more person becomes", "more people become")} ready."
                : ".";
        }
        if (plan.Optimal) text += " No plan within the budget closes more.";
        else if (plan.Bound is long bound && bound > 0)
            text += string.Create(CultureInfo.InvariantCulture,
                $" A good plan — a better one may exist, but none closes more than {PlainWords.Count(bound)} points " +
                $"(this one reaches {Math.Floor(100.0 * plan.WeightedGapClosed / bound):0}% of that).");
        return text;
    }
}
