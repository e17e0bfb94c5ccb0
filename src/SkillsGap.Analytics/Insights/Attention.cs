using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;

namespace SkillsGap.Analytics.Insights;

/// <summary>Why someone needs attention, most urgent first.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AttentionUrgency>))]
public enum AttentionUrgency
{
    /// <summary>A critical requirement of their role has a gap now, or will when an award expires within the window.</summary>
    CriticalGap,
    /// <summary>An award expires within the window and would open a gap (not a critical one).</summary>
    Expiring,
    /// <summary>Their readiness fell since the previous figures (last week).</summary>
    ReadinessFell,
}

/// <summary>One reason a person needs attention.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AttentionReasonKind>))]
public enum AttentionReasonKind
{
    CriticalGap,
    Expiring,
    ReadinessFell,
}

/// <summary>What the next step is: a badge of the person's pathway, or renewing an expiring award.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<NextStepKind>))]
public enum NextStepKind
{
    Pathway,
    Renewal,
}

/// <summary>
/// Options of the attention list. <paramref name="ExpiringWithinDays"/>: the look-ahead of "expiring soon"
/// (<c>Figures:ExpiringWithinDays</c>); <paramref name="MaxPeople"/>: how many people, most urgent first, are listed with
/// their next step (the count of everyone who needs attention is always given); <paramref name="Pathway"/>: the pathway
/// planner's options (the next-badge model's score and peer signals), when the caller has them.
/// </summary>
public sealed record AttentionOptions(int ExpiringWithinDays = 90, int MaxPeople = 50, PathwayOptions? Pathway = null)
{
    public static AttentionOptions Default { get; } = new();
}

/// <summary>
/// Who in a group needs attention and the one next step for each (DESIGN §1 manager, §7 Summary): people with a
/// critical gap, an award expiring within the window that would open a gap, or readiness that fell since the previous
/// figures.
/// </summary>
/// <param name="PreviousAsOf">The date of the figures compared against for "readiness fell", or null without them.</param>
/// <param name="People">Members of the group.</param>
/// <param name="NeedingAttention">How many of them need attention; the first <see cref="AttentionOptions.MaxPeople"/> are listed.</param>
/// <param name="Summary">Who needs attention, counted, in one sentence.</param>
/// <param name="Order">How the list is ordered, in plain words.</param>
public sealed record AttentionDocument(
    DateOnly AsOf,
    DateOnly? PreviousAsOf,
    int People,
    int NeedingAttention,
    int CriticalGaps,
    int Expiring,
    int ReadinessFell,
    string Summary,
    string Order,
    IReadOnlyList<AttentionLine> Attention)
{
    public string ToJson(bool indented = false) => PlainWords.Json(this, indented);
}

/// <summary>A person who needs attention: readiness now (and at the previous figures), every reason, and the one next step.</summary>
/// <param name="Readiness">Against their own role, rounded to 4 places.</param>
/// <param name="Headline">The most urgent reason, short: "Critical gap in People leadership (LEAD-PEOPLE)".</param>
/// <param name="NextStep">Null when no badge of the catalogue helps (the reasons say so).</param>
public sealed record AttentionLine(
    string Employee,
    string Name,
    string Role,
    string RoleTitle,
    double Readiness,
    double? ReadinessBefore,
    bool Ready,
    AttentionUrgency Urgency,
    string Headline,
    IReadOnlyList<AttentionReason> Reasons,
    AttentionStep? NextStep);

/// <summary>One reason, in plain words, with what it is about (the skill, the badge, the date) for links and sorting.</summary>
public sealed record AttentionReason(AttentionReasonKind Kind, string Text, string? Skill, string? Badge, DateOnly? Date);

/// <summary>The one next step: earn (or renew) a badge, its hours, and why, in plain words.</summary>
/// <param name="Before">For a renewal: the expiry date to renew before.</param>
public sealed record AttentionStep(NextStepKind Kind, string Badge, string BadgeName, decimal Hours, string Text, DateOnly? Before);

/// <summary>Builds the attention list of a group.</summary>
public static class Attention
{
    /// <summary>How the list is ordered, as the document says it.</summary>
    public const string OrderText =
        "People with a critical gap come first, the least ready first; then people about to lose a skill to an expiring badge, " +
        "soonest first; then people whose readiness fell, the largest fall first.";

    /// <summary>
    /// The attention list of <paramref name="members"/> (employee indices into <paramref name="now"/>), comparing readiness
    /// with <paramref name="previous"/> (the figures a week earlier; null to leave "readiness fell" out). People are
    /// matched across the two by employee id; someone not on the earlier roster has no fall.
    /// </summary>
    public static AttentionDocument ForGroup(OrganisationFigures now, OrganisationFigures? previous, IReadOnlyList<int> members,
        AttentionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(members);
        options ??= AttentionOptions.Default;
        var snapshot = now.Snapshot;
        var expiring = GroupAnalysis.ExpiringWithin(now, members, options.ExpiringWithinDays)
            .ToLookup(x => x.Employee);

        var candidates = new List<Candidate>();
        foreach (var e in members)
        {
            var person = snapshot.Employees[e];
            var figures = now.ForEmployee(e);
            var byskill = BySkill(figures);
            var reasons = new List<AttentionReason>();
            var critical = figures.Requirements.Where(r => r.Critical && r.Gap > 0).ToList();
            foreach (var r in critical)
                reasons.Add(new AttentionReason(AttentionReasonKind.CriticalGap,
                    $"Critical gap in {PlainWords.Skill(snapshot, r.Skill)}: {PlainWords.Level(r.Attained)}, the role needs {PlainWords.Level(r.Required)}.",
                    r.Skill.Value, null, null));

            var awards = expiring[person.Id].ToList();
            var opensCritical = false;
            foreach (var award in awards)
            {
                var opens = award.Opens.Select(o =>
                {
                    var requirement = byskill[o.Skill];
                    opensCritical |= requirement.Critical;
                    var then = requirement.Required - o.GapThen;
                    return $"{PlainWords.Skill(snapshot, o.Skill)} would drop to {PlainWords.Level(then)}, below the {PlainWords.Level(requirement.Required)} " +
                           (requirement.Critical ? "the role needs (critical)" : "the role needs");
                });
                reasons.Add(new AttentionReason(AttentionReasonKind.Expiring,
                    $"{PlainWords.Badge(snapshot, award.Badge)} expires on {PlainWords.Date(award.ExpiresOn)} ({PlainWords.DaysFrom(now.AsOf, award.ExpiresOn)}): " +
                    string.Join("; ", opens) + ".",
                    award.Opens[0].Skill.Value, award.Badge.Value, award.ExpiresOn));
            }

            double? before = null;
            if (previous is not null && previous.Snapshot.EmployeeIndex(person.Id) is var p and >= 0)
            {
                before = previous.Readiness(p);
                if (figures.Readiness < before.Value - 1e-12)
                    reasons.Add(new AttentionReason(AttentionReasonKind.ReadinessFell, Fell(now, e, previous, p, before.Value, figures.Readiness), null, null, previous.AsOf));
            }
            if (reasons.Count == 0) continue;

            var urgency = critical.Count > 0 || opensCritical ? AttentionUrgency.CriticalGap
                : awards.Count > 0 ? AttentionUrgency.Expiring
                : AttentionUrgency.ReadinessFell;
            candidates.Add(new Candidate(e, person, figures, urgency, reasons, critical, awards, before));
        }

        candidates.Sort(Compare);
        var listed = candidates.Take(Math.Max(0, options.MaxPeople)).Select(c => Line(now, c, options)).ToArray();
        var criticalCount = candidates.Count(c => c.Critical.Count > 0);
        var expiringCount = candidates.Count(c => c.Expiring.Count > 0);
        var fellCount = candidates.Count(c => c.Reasons.Any(r => r.Kind == AttentionReasonKind.ReadinessFell));
        return new AttentionDocument(now.AsOf, previous?.AsOf, members.Count, candidates.Count, criticalCount, expiringCount, fellCount,
            Summary(members.Count, candidates.Count, criticalCount, expiringCount, fellCount, previous?.AsOf), OrderText, listed);
    }

    private sealed record Candidate(
        int Index,
        Employee Person,
        EmployeeFigures Figures,
        AttentionUrgency Urgency,
        List<AttentionReason> Reasons,
        List<RequirementGap> Critical,
        List<ExpiringAward> Expiring,
        double? ReadinessBefore)
    {
        public DateOnly FirstExpiry => Expiring.Count == 0 ? DateOnly.MaxValue : Expiring.Min(x => x.ExpiresOn);
        public double Fall => ReadinessBefore is double b ? b - Figures.Readiness : 0;
    }

    /// <summary>A person's requirements by skill (the first, should a role list a skill twice).</summary>
    private static Dictionary<SkillCode, RequirementGap> BySkill(EmployeeFigures figures)
    {
        var byskill = new Dictionary<SkillCode, RequirementGap>();
        foreach (var r in figures.Requirements) byskill.TryAdd(r.Skill, r);
        return byskill;
    }

    private static int Compare(Candidate a, Candidate b)
    {
        if (a.Urgency != b.Urgency) return a.Urgency.CompareTo(b.Urgency);
        var byTier = a.Urgency switch
        {
            AttentionUrgency.CriticalGap => a.Figures.Readiness.CompareTo(b.Figures.Readiness),
            AttentionUrgency.Expiring => a.FirstExpiry != b.FirstExpiry ? a.FirstExpiry.CompareTo(b.FirstExpiry) : a.Figures.Readiness.CompareTo(b.Figures.Readiness),
            _ => b.Fall.CompareTo(a.Fall),
        };
        if (byTier != 0) return byTier;
        var byName = string.Compare(PlainWords.Person(a.Person), PlainWords.Person(b.Person), StringComparison.Ordinal);
        return byName != 0 ? byName : string.CompareOrdinal(a.Person.Id.Value, b.Person.Id.Value);
    }

    private static AttentionLine Line(OrganisationFigures f, Candidate c, AttentionOptions options)
    {
        var snapshot = f.Snapshot;
        var headline = c.Urgency switch
        {
            AttentionUrgency.CriticalGap when c.Critical.Count > 0 =>
                "Critical gap in " + string.Join(", ", c.Critical.Select(r => PlainWords.Skill(snapshot, r.Skill))),
            AttentionUrgency.CriticalGap or AttentionUrgency.Expiring =>
                $"{PlainWords.Badge(snapshot, c.Expiring.MinBy(x => x.ExpiresOn)!.Badge)} expires {PlainWords.DaysFrom(f.AsOf, c.FirstExpiry)}",
            _ => $"Readiness fell {PlainWords.Points(c.Fall)}",
        };
        return new AttentionLine(
            c.Person.Id.Value,
            PlainWords.Person(c.Person),
            c.Person.Role.Value,
            PlainWords.RoleTitle(snapshot, c.Person.Role),
            GapsDocumentBuilder.Round(c.Figures.Readiness),
            c.ReadinessBefore is double b ? GapsDocumentBuilder.Round(b) : null,
            c.Figures.Ready,
            c.Urgency,
            headline,
            c.Reasons,
            NextStep(f, c, options));
    }

    /// <summary>
    /// The one next step: for a critical gap, the first step of the person's pathway on the way to closing it (a badge
    /// that raises a critical skill, or a prerequisite of one); else renewing the expiring award (one that would open a
    /// critical gap first, then the soonest); else the first step of their pathway. Null when none of these exists.
    /// </summary>
    private static AttentionStep? NextStep(OrganisationFigures f, Candidate c, AttentionOptions options)
    {
        var snapshot = f.Snapshot;
        Pathway? pathway = null;
        Pathway Plan() => pathway ??= Pathways.Plan(f, c.Index, null, options.Pathway);

        if (c.Critical.Count > 0)
        {
            var criticalSkills = c.Critical.Select(r => r.Skill).ToHashSet();
            var steps = Plan().Steps;
            var useful = new HashSet<BadgeId>(steps.Where(s => s.Closes.Any(x => criticalSkills.Contains(x.Skill))).Select(s => s.Badge));
            for (var i = steps.Count - 1; i >= 0; i--)
                if (steps[i].NeededBy.Any(useful.Contains)) useful.Add(steps[i].Badge);
            if (steps.FirstOrDefault(s => useful.Contains(s.Badge)) is { } step) return FromPathway(snapshot, step);
        }
        if (c.Expiring.Count > 0)
        {
            var requirements = BySkill(c.Figures);
            var award = c.Expiring.OrderByDescending(x => x.Opens.Any(o => requirements[o.Skill].Critical)).ThenBy(x => x.ExpiresOn)
                .ThenBy(x => x.Badge.Value, StringComparer.Ordinal).First();
            var badge = snapshot.FindBadge(award.Badge)!;
            var hours = PlainWords.Exact(Math.Max(0m, badge.Hours));
            return new AttentionStep(NextStepKind.Renewal, badge.Id.Value, badge.Name, hours,
                $"Renew {PlainWords.Badge(snapshot, badge.Id)} before {PlainWords.Date(award.ExpiresOn)}: {PlainWords.Hours(hours)}.", award.ExpiresOn);
        }
        return Plan().Steps.FirstOrDefault() is { } first ? FromPathway(snapshot, first) : null;
    }

    private static AttentionStep FromPathway(OrganisationSnapshot snapshot, PathwayStep step)
    {
        var what = step.Closes.Count > 0
            ? "it raises " + string.Join("; ", step.Closes.Select(x => $"{PlainWords.Skill(snapshot, x.Skill)} from {PlainWords.Level(x.From)} to {PlainWords.Level(x.To)}"))
            : "it is needed before " + string.Join(" and ", step.NeededBy.Select(b => PlainWords.Badge(snapshot, b)));
        return new AttentionStep(NextStepKind.Pathway, step.Badge.Value, step.BadgeName, PlainWords.Exact(step.Hours),
            $"Earn {PlainWords.Badge(snapshot, step.Badge)}: {PlainWords.Hours(step.Hours)}; {what}.", null);
    }

    /// <summary>"Readiness fell from 82% to 74% since 2026-11-21 (down 8.3 percentage points)", with the causes the figures show.</summary>
    private static string Fell(OrganisationFigures now, int e, OrganisationFigures previous, int p, double before, double after)
    {
        var snapshot = now.Snapshot;
        var text = $"Readiness fell from {PlainWords.Percent(before)} to {PlainWords.Percent(after)} since {PlainWords.Date(previous.AsOf)} " +
                   $"({PlainWords.PointsChange(after - before)})";
        var causes = new List<string>();
        var role = snapshot.Employees[e].Role;
        var earlierRole = previous.Snapshot.Employees[p].Role;
        if (role != earlierRole)
            causes.Add($"the role changed from {PlainWords.Role(previous.Snapshot, earlierRole)} to {PlainWords.Role(snapshot, role)}");
        else if (snapshot.FindRole(role) is { } version && previous.Snapshot.FindRole(role) is { } earlier && version.Version != earlier.Version)
            causes.Add($"the requirements of {PlainWords.Role(snapshot, role)} changed");
        var awards = now.Awards;
        var required = snapshot.FindRole(role)?.Requirements.Select(r => r.Skill).ToHashSet() ?? [];
        for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
        {
            var expires = awards.Expires[a];
            if (!awards.Counts(a, now.Options) || awards.Issued[a] > previous.AsOf.DayNumber
                || expires <= previous.AsOf.DayNumber || expires > now.AsOf.DayNumber) continue;
            var badge = snapshot.Badges[awards.Badge[a]];
            if (!badge.Skills.Any(s => required.Contains(s.Skill))) continue;
            causes.Add($"{PlainWords.Badge(snapshot, badge.Id)} expired on {PlainWords.Date(DateOnly.FromDayNumber(expires))}");
        }
        return causes.Count == 0 ? text + "." : text + ": " + string.Join("; ", causes.Distinct()) + ".";
    }

    private static string Summary(int people, int needing, int critical, int expiring, int fell, DateOnly? previous)
    {
        if (people == 0) return "Nobody is in this group.";
        if (needing == 0) return $"Nobody of the {PlainWords.Count(people, "person", "people")} needs attention now.";
        var parts = new List<string>();
        if (critical > 0) parts.Add($"{PlainWords.Count(critical)} with a critical gap");
        if (expiring > 0) parts.Add($"{PlainWords.Count(expiring)} about to lose a skill to an expiring badge");
        if (fell > 0 && previous is DateOnly date) parts.Add($"{PlainWords.Count(fell)} whose readiness fell since {PlainWords.Date(date)}");
        var overlap = needing < critical + expiring + fell ? " (some for more than one reason)" : "";
        return $"{PlainWords.Count(needing)} of {PlainWords.Count(people, "person", "people")} {(needing == 1 ? "needs" : "need")} attention: " +
               $"{string.Join(", ", parts)}{overlap}.";
    }
}
