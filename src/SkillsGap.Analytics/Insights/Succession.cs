using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;

namespace SkillsGap.Analytics.Insights;

/// <summary>
/// Options of succession and bench. <paramref name="CandidatesPerRole"/>: per role, how many of the people not ready yet
/// — the closest by readiness — are planned with the pathway planner (and as many of those who target the role);
/// <paramref name="ListedPerRole"/>: how many ready people are listed per role (all are counted);
/// <paramref name="Pathway"/>: the pathway planner's options, when the caller has a model.
/// </summary>
public sealed record SuccessionOptions(int CandidatesPerRole = 10, int ListedPerRole = 10, PathwayOptions? Pathway = null)
{
    public static SuccessionOptions Default { get; } = new();
}

/// <summary>
/// Succession and bench (DESIGN §1, §2 bench strength): per role, who is ready for it now and who would be ready after
/// the fewest hours of training, and the people who target it.
/// </summary>
/// <param name="Scope"><c>organisation</c>, <c>role</c> or <c>team</c>.</param>
/// <param name="Note">How candidates were chosen and hours counted, in plain words.</param>
public sealed record SuccessionDocument(
    DateOnly AsOf,
    string Scope,
    string? Key,
    string GroupName,
    int People,
    int CandidatesPerRole,
    string Note,
    IReadOnlyList<RoleSuccession> Roles)
{
    public string ToJson(bool indented = false) => PlainWords.Json(this, indented);
}

/// <summary>One role's succession within the group.</summary>
/// <param name="Holders">Members of the group in the role.</param>
/// <param name="ReadyNow">Members not in the role who are ready for it (all counted; the most ready listed in <paramref name="Ready"/>).</param>
/// <param name="Soon">Of the planned candidates, those the catalogue can make ready, fewest hours first.</param>
/// <param name="Planned">Candidates planned: the closest by readiness among those not ready (at most the option's number).</param>
/// <param name="NotReachable">Planned candidates whom no badge of the catalogue can make ready (an uncoverable or unreachable requirement).</param>
/// <param name="Targeting">Members not in the role whose target role it is.</param>
/// <param name="TargetingPeople">The closest of them, ready ones first, then by hours to ready.</param>
/// <param name="Summary">The role's bench in one plain sentence.</param>
public sealed record RoleSuccession(
    string Role,
    string RoleTitle,
    int Holders,
    int ReadyNow,
    IReadOnlyList<SuccessorLine> Ready,
    IReadOnlyList<SuccessorLine> Soon,
    int Planned,
    int NotReachable,
    int Targeting,
    IReadOnlyList<SuccessorLine> TargetingPeople,
    string Summary);

/// <summary>A possible successor: readiness for the role (4 places), and for those not ready, the hours and badges of their pathway until they are.</summary>
/// <param name="HoursToReady">0 when ready now; null when the catalogue cannot make them ready.</param>
/// <param name="Badges">Badges of their pathway until ready (0 when ready now).</param>
/// <param name="FirstBadge">The first badge of that pathway.</param>
public sealed record SuccessorLine(
    string Employee,
    string Name,
    string CurrentRole,
    string CurrentRoleTitle,
    double Readiness,
    bool IsReady,
    decimal? HoursToReady,
    int? Badges,
    string? FirstBadge,
    string? FirstBadgeName,
    bool TargetsThisRole,
    string Text);

/// <summary>Builds succession and bench documents. A pure function of the figures; pathway results are cached per figures.</summary>
public static class Succession
{
    /// <summary>Every role that requires something, candidates from the whole organisation (HR).</summary>
    public static SuccessionDocument ForOrganisation(OrganisationFigures f, GroupSelector selector, SuccessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(selector);
        var roles = Enumerable.Range(0, f.CompiledRoles.Count).Where(r => f.CompiledRoles[r].WeightedRequired > 0).ToArray();
        return Build(f, selector.Organisation(), roles, "organisation", null, "The whole organisation", options);
    }

    /// <summary>One role, candidates from the whole organisation (HR).</summary>
    /// <exception cref="KeyNotFoundException">The role is not known on the figures' date.</exception>
    public static SuccessionDocument ForRole(OrganisationFigures f, GroupSelector selector, RoleCode role, SuccessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(selector);
        var r = f.Snapshot.RoleIndex(role);
        if (r < 0) throw new KeyNotFoundException($"Role {role} is not known on {PlainWords.Date(f.AsOf)}.");
        return Build(f, selector.Organisation(), [r], "role", role.Value, PlainWords.Role(f.Snapshot, role), options);
    }

    /// <summary>
    /// A manager's team: the manager's own role (who could step in), the roles the team's people target, and the
    /// roles they hold — candidates from the team only.
    /// </summary>
    public static SuccessionDocument ForTeam(OrganisationFigures f, GroupSelector selector, EmployeeId manager, SuccessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(selector);
        var team = selector.Team(manager);
        var snapshot = f.Snapshot;
        var order = new List<int>();
        void Add(int r)
        {
            if (r >= 0 && f.CompiledRoles[r].WeightedRequired > 0 && !order.Contains(r)) order.Add(r);
        }
        Add(f.RoleIndexOf(snapshot.EmployeeIndex(manager)));
        foreach (var target in team.Select(e => snapshot.Employees[e].TargetRole).OfType<RoleCode>()
                     .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Value, StringComparer.Ordinal))
            Add(snapshot.RoleIndex(target.Key));
        foreach (var role in team.Select(f.RoleIndexOf).Where(r => r >= 0).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
            Add(role.Key);
        var name = snapshot.FindEmployee(manager) is { } m ? PlainWords.Person(m) : manager.Value;
        return Build(f, team, [.. order], "team", manager.Value, "Team of " + name, options);
    }

    /// <summary>The roles (indices into <see cref="OrganisationFigures.CompiledRoles"/>) over candidates from <paramref name="members"/>.</summary>
    public static SuccessionDocument Build(OrganisationFigures f, IReadOnlyList<int> members, IReadOnlyList<int> roles, string scope, string? key,
        string groupName, SuccessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(roles);
        options ??= SuccessionOptions.Default;
        var lines = roles.Select(r => Role(f, members, r, options)).ToArray();
        var note = $"Ready means at least {PlainWords.Percent(f.Options.ReadyThreshold)} readiness for the role and no critical gap. For each role, " +
                   $"the {PlainWords.Count(options.CandidatesPerRole)} people closest to it by readiness who are not ready yet (and as many of those " +
                   "who aim for it) are given a pathway; hours to ready count its badges in order until they would be ready.";
        return new SuccessionDocument(f.AsOf, scope, key, groupName, members.Count, options.CandidatesPerRole, note, lines);
    }

    private static RoleSuccession Role(OrganisationFigures f, IReadOnlyList<int> members, int r, SuccessionOptions options)
    {
        var snapshot = f.Snapshot;
        var role = f.CompiledRoles[r];
        var code = role.Role.Code;
        var threshold = f.Options.ReadyThreshold;
        var holders = 0;
        var others = new List<(int Employee, double Readiness, bool Ready)>();
        foreach (var e in members)
        {
            if (f.RoleIndexOf(e) == r) { holders++; continue; }
            var (readiness, critical) = OrganisationFigures.Score(f.AttainedRow(e), role);
            others.Add((e, readiness, readiness >= threshold && !critical));
        }
        // Most ready first; ties by employee id, so the lists do not depend on roster order.
        others.Sort((a, b) => a.Readiness != b.Readiness ? b.Readiness.CompareTo(a.Readiness)
            : string.CompareOrdinal(snapshot.Employees[a.Employee].Id.Value, snapshot.Employees[b.Employee].Id.Value));

        var ready = others.Where(o => o.Ready).ToList();
        var planned = others.Where(o => !o.Ready).Take(Math.Max(0, options.CandidatesPerRole)).ToList();
        var soon = new List<SuccessorLine>();
        var unreachable = 0;
        foreach (var (e, readiness, _) in planned)
        {
            var line = Line(f, e, r, readiness, false, options);
            if (line.HoursToReady is null) unreachable++;
            else soon.Add(line);
        }
        soon.Sort(BySoonest);

        var targeting = others.Where(o => snapshot.Employees[o.Employee].TargetRole == code).ToList();
        var targetingLines = targeting.Where(o => o.Ready).Concat(targeting.Where(o => !o.Ready)).Take(Math.Max(0, options.CandidatesPerRole))
            .Select(o => Line(f, o.Employee, r, o.Readiness, o.Ready, options)).ToList();
        targetingLines.Sort(BySoonest);

        var summary = $"{PlainWords.Count(holders, "person holds", "people hold")} the role; " +
                      $"{PlainWords.Count(ready.Count, "other person is", "other people are")} ready for it now";
        if (planned.Count > 0)
            summary += soon.Count > 0
                ? $"; of the {PlainWords.Count(planned.Count, "closest other", "closest others")}, {PlainWords.Count(soon.Count)} could be ready after training — " +
                  $"the soonest, {soon[0].Name}, after {PlainWords.Hours(soon[0].HoursToReady!.Value)}."
                : $"; the catalogue cannot make any of the {PlainWords.Count(planned.Count, "closest other", "closest others")} ready.";
        else summary += ".";
        return new RoleSuccession(
            code.Value,
            PlainWords.RoleTitle(snapshot, code),
            holders,
            ready.Count,
            [.. ready.Take(Math.Max(0, options.ListedPerRole)).Select(o => Line(f, o.Employee, r, o.Readiness, true, options))],
            soon,
            planned.Count,
            unreachable,
            targeting.Count,
            targetingLines,
            summary);
    }

    private static int BySoonest(SuccessorLine a, SuccessorLine b)
    {
        var ha = a.HoursToReady ?? decimal.MaxValue;
        var hb = b.HoursToReady ?? decimal.MaxValue;
        if (ha != hb) return ha.CompareTo(hb);
        if (a.Readiness != b.Readiness) return b.Readiness.CompareTo(a.Readiness);
        return string.CompareOrdinal(a.Employee, b.Employee);
    }

    private static SuccessorLine Line(OrganisationFigures f, int e, int r, double readiness, bool isReady, SuccessionOptions options)
    {
        var snapshot = f.Snapshot;
        var person = snapshot.Employees[e];
        var code = f.CompiledRoles[r].Role.Code;
        var estimate = isReady ? ReadyEstimate.Now : Estimate(f, e, r, options.Pathway);
        var text = isReady
            ? $"Ready now ({PlainWords.Percent(readiness)})."
            : estimate.Hours is decimal hours
                ? $"{PlainWords.Percent(readiness)} ready; ready after {PlainWords.Hours(hours)} of training ({PlainWords.Count(estimate.Badges, "badge", "badges")}), " +
                  $"starting with {PlainWords.Badge(snapshot, estimate.First!.Value)}."
                : $"{PlainWords.Percent(readiness)} ready; no badge in the catalogue makes them ready ({estimate.Blocker}).";
        return new SuccessorLine(
            person.Id.Value,
            PlainWords.Person(person),
            person.Role.Value,
            PlainWords.RoleTitle(snapshot, person.Role),
            GapsDocumentBuilder.Round(readiness),
            isReady,
            estimate.Hours,
            estimate.Hours is null ? null : estimate.Badges,
            estimate.First?.Value,
            estimate.First is BadgeId first ? PlainWords.BadgeName(snapshot, first) : null,
            person.TargetRole == code,
            text);
    }

    /// <summary>Hours and badges of a pathway until ready, its first badge; or, when never ready, what blocks it.</summary>
    private sealed record ReadyEstimate(decimal? Hours, int Badges, BadgeId? First, string? Blocker)
    {
        public static ReadyEstimate Now { get; } = new(0m, 0, null, null);
    }

    private static readonly ConditionalWeakTable<OrganisationFigures, ConcurrentDictionary<(int, int, PathwayOptions?), ReadyEstimate>> Cache = new();

    /// <summary>
    /// Walks the pathway planner's pathway for employee <paramref name="e"/> to role <paramref name="r"/> step by step,
    /// raising the attained levels as each step's badge would, until readiness reaches the threshold with no critical gap.
    /// </summary>
    private static ReadyEstimate Estimate(OrganisationFigures f, int e, int r, PathwayOptions? pathwayOptions) =>
        Cache.GetOrCreateValue(f).GetOrAdd((e, r, pathwayOptions), key =>
        {
            var role = f.CompiledRoles[r];
            var pathway = Pathways.Plan(f, e, role.Role.Code, pathwayOptions);
            var row = f.AttainedRow(e).ToArray();
            decimal hours = 0;
            var threshold = f.Options.ReadyThreshold;
            for (var i = 0; i < pathway.Steps.Count; i++)
            {
                var step = pathway.Steps[i];
                hours += step.Hours;
                foreach (var c in step.Closes)
                {
                    var s = f.Snapshot.SkillIndex(c.Skill);
                    if (c.To > row[s]) row[s] = (byte)c.To;
                }
                var (readiness, critical) = OrganisationFigures.Score(row, role);
                if (readiness >= threshold && !critical) return new ReadyEstimate(PlainWords.Exact(hours), i + 1, pathway.Steps[0].Badge, null);
            }
            var blocker = pathway.Uncoverable.Count > 0
                ? string.Join(", ", pathway.Uncoverable.Select(u =>
                    $"{PlainWords.Skill(f.Snapshot, u.Skill)} needs {PlainWords.Level(u.Required)}, the best reachable is {PlainWords.Level(u.Reachable)}"))
                : "readiness stays below the threshold";
            return new ReadyEstimate(null, 0, null, blocker);
        });
}

/// <summary>
/// Pathways planned for these documents, kept per set of figures (the figures are immutable, so a page that asks for
/// attention and succession on every view plans each person and role once).
/// </summary>
internal static class Pathways
{
    private static readonly ConditionalWeakTable<OrganisationFigures, ConcurrentDictionary<(int, RoleCode?, PathwayOptions?), Pathway>> Cache = new();

    public static Pathway Plan(OrganisationFigures f, int employee, RoleCode? role, PathwayOptions? options) =>
        Cache.GetOrCreateValue(f).GetOrAdd((employee, role, options), key => PathwayPlanner.Plan(f, key.Item1, key.Item2, key.Item3));
}
