using System.Globalization;
using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;

namespace SkillsGap.Analytics.Progress;

/// <summary>A level change with its words: "from 1 awareness to 3 practitioner".</summary>
public sealed record JourneyChange(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("skillName")] string SkillName,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("to")] int To,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A badge of the journey already earned: when, and for which role it counts.</summary>
public sealed record JourneyBadge(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("earnedOn")] DateOnly EarnedOn,
    [property: JsonPropertyName("forRole")] bool ForRole,
    [property: JsonPropertyName("forTarget")] bool ForTarget);

/// <summary>
/// A badge still to earn, in order: the requirements it raises (with level names), the later steps that need it, which
/// role it serves, and the readiness for the role (and target role) once it is earned.
/// </summary>
public sealed record JourneyStep(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("closes")] IReadOnlyList<JourneyChange> Closes,
    [property: JsonPropertyName("neededBy")] IReadOnlyList<string> NeededBy,
    [property: JsonPropertyName("forRole")] bool ForRole,
    [property: JsonPropertyName("forTarget")] bool ForTarget,
    [property: JsonPropertyName("roleReadinessAfter")] double RoleReadinessAfter,
    [property: JsonPropertyName("targetReadinessAfter")] double? TargetReadinessAfter);

/// <summary>A requirement of the role or target role: required and attained levels with their names, and the level the journey reaches.</summary>
public sealed record JourneyRequirement(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("skillName")] string SkillName,
    [property: JsonPropertyName("required")] int Required,
    [property: JsonPropertyName("attained")] int Attained,
    [property: JsonPropertyName("reachable")] int Reachable,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("critical")] bool Critical,
    [property: JsonPropertyName("forRole")] bool ForRole,
    [property: JsonPropertyName("forTarget")] bool ForTarget,
    [property: JsonPropertyName("text")] string Text);

/// <summary>An award valid today that expires soon and would open a gap: renewing it keeps the readiness.</summary>
public sealed record ExpiringSkill(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("expiresOn")] DateOnly ExpiresOn,
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("now")] int Now,
    [property: JsonPropertyName("then")] int Then,
    [property: JsonPropertyName("text")] string Text);

/// <summary>
/// Where the person stands against one role: readiness now and once the journey is done, whether they are ready now and
/// can ever be (an uncoverable critical gap says no), what would lapse soon, and all of it in one plain sentence.
/// </summary>
public sealed record JourneyRole(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("readinessNow")] double ReadinessNow,
    [property: JsonPropertyName("readinessReachable")] double ReadinessReachable,
    [property: JsonPropertyName("readyNow")] bool ReadyNow,
    [property: JsonPropertyName("canBeReady")] bool CanBeReady,
    [property: JsonPropertyName("expiringSoon")] IReadOnlyList<ExpiringSkill> ExpiringSoon,
    [property: JsonPropertyName("summary")] string Summary);

/// <summary>A requirement no badge in the catalogue can raise far enough, said plainly.</summary>
public sealed record UnreachableRequirement(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("skillName")] string SkillName,
    [property: JsonPropertyName("required")] int Required,
    [property: JsonPropertyName("best")] int Best,
    [property: JsonPropertyName("critical")] bool Critical,
    [property: JsonPropertyName("forRole")] bool ForRole,
    [property: JsonPropertyName("forTarget")] bool ForTarget,
    [property: JsonPropertyName("text")] string Text);

/// <summary>
/// The person's learning journey as progress (DESIGN §7b): the role's and the target role's pathways planned as one where
/// they overlap (shared badges counted once), the badges already earned toward them (badges that attest a requirement,
/// and the earned prerequisites of the journey's badges) and the ones still to earn, hours and badges done / total, the
/// requirements with their level names, and any requirement the catalogue cannot meet, said plainly.
/// </summary>
public sealed record Journey(
    [property: JsonPropertyName("employee")] string Employee,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("role")] JourneyRole Role,
    [property: JsonPropertyName("target")] JourneyRole? Target,
    [property: JsonPropertyName("optimal")] bool Optimal,
    [property: JsonPropertyName("hoursDone")] decimal HoursDone,
    [property: JsonPropertyName("hoursTotal")] decimal HoursTotal,
    [property: JsonPropertyName("badgesDone")] int BadgesDone,
    [property: JsonPropertyName("badgesTotal")] int BadgesTotal,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("done")] IReadOnlyList<JourneyBadge> Done,
    [property: JsonPropertyName("toDo")] IReadOnlyList<JourneyStep> ToDo,
    [property: JsonPropertyName("requirements")] IReadOnlyList<JourneyRequirement> Requirements,
    [property: JsonPropertyName("unreachable")] IReadOnlyList<UnreachableRequirement> Unreachable,
    [property: JsonPropertyName("summary")] string Summary)
{
    /// <summary>
    /// The journey of employee <paramref name="employee"/> (snapshot index) as of the figures' date, toward their role and
    /// <paramref name="targetRole"/> (default: their own target role; none when it is their role or unknown). The pathway
    /// is planned by <see cref="PathwayPlanner"/> against both roles' requirements at once (per skill the higher level and
    /// weight, critical when either is), with <paramref name="options"/> (model scores, peer signals). Awards expiring
    /// within <paramref name="expiringWithinDays"/> days that would open a gap are listed with each role.
    /// </summary>
    public static Journey Build(OrganisationFigures figures, int employee, RoleCode? targetRole = null, PathwayOptions? options = null,
        int expiringWithinDays = 90)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfNegative(employee);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(employee, figures.EmployeeCount);
        var snapshot = figures.Snapshot;
        var person = snapshot.Employees[employee];
        var role = snapshot.FindRole(person.Role) ?? new RoleVersion(person.Role, person.Role.Value, null, 0, DateOnly.MinValue, []);
        var targetCode = targetRole ?? person.TargetRole;
        var target = targetCode is RoleCode t && t != person.Role ? snapshot.FindRole(t) : null;
        var merged = target is null ? role : Merge(role, target);
        var pathway = PathwayPlanner.Plan(figures, employee, merged, options);

        var compiledRole = GapEngine.Compile(snapshot, role);
        var compiledTarget = target is null ? null : GapEngine.Compile(snapshot, target);
        var attained = figures.AttainedRow(employee).ToArray();
        var levels = (byte[])attained.Clone();

        // Steps to take, with the role(s) each serves; a prerequisite serves what the steps that need it serve.
        var steps = pathway.Steps;
        var forRole = new bool[steps.Count];
        var forTarget = new bool[steps.Count];
        var roleAfter = new double[steps.Count];
        var targetAfter = new double?[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var b = snapshot.BadgeIndex(steps[i].Badge);
            forRole[i] = Raises(figures, b, levels, compiledRole);
            forTarget[i] = compiledTarget is not null && Raises(figures, b, levels, compiledTarget);
            Raise(figures, b, levels);
            roleAfter[i] = OrganisationFigures.Score(levels, compiledRole).Readiness;
            targetAfter[i] = compiledTarget is null ? null : OrganisationFigures.Score(levels, compiledTarget).Readiness;
        }
        for (var i = steps.Count - 1; i >= 0; i--)
            foreach (var later in steps[i].NeededBy)
            {
                var j = IndexOf(steps, later);
                if (j < 0) continue;
                forRole[i] |= forRole[j];
                forTarget[i] |= forTarget[j];
            }
        var toDo = steps.Select((s, i) => new JourneyStep(s.Badge.Value, s.BadgeName, PeopleWords.Hours(s.Hours),
            [.. s.Closes.Select(c => Change(snapshot, c.Skill, c.From, c.To))], [.. s.NeededBy.Select(n => n.Value)],
            forRole[i], forTarget[i], PeopleWords.Round(roleAfter[i]), targetAfter[i] is double d ? PeopleWords.Round(d) : null)).ToList();

        var done = DoneBadges(figures, employee, compiledRole, compiledTarget, steps);
        var hoursDone = done.Sum(d => d.Hours);
        var hoursToDo = toDo.Sum(s => s.Hours);
        var hoursTotal = hoursDone + hoursToDo;
        var progress = hoursTotal == 0 ? 1 : Math.Round((double)(hoursDone / hoursTotal), 4, MidpointRounding.AwayFromZero);

        var uncoverable = pathway.Uncoverable.ToDictionary(u => u.Skill);
        var roleSummary = RoleStanding(figures, employee, role, compiledRole, attained, levels, uncoverable, expiringWithinDays);
        var targetSummary = target is null ? null : RoleStanding(figures, employee, target, compiledTarget!, attained, levels, uncoverable, expiringWithinDays);
        var requirements = RequirementsOf(snapshot, role, target, attained, levels);
        var unreachable = UnreachableOf(snapshot, role, target, pathway.Uncoverable, roleSummary, targetSummary);

        var toward = target is null ? role.Title : $"{role.Title} and {target.Title}";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{done.Count} of {done.Count + toDo.Count} badges and {hoursDone:0.##} of {hoursTotal:0.##} hours done toward {toward}.");
        return new Journey(person.Id.Value, figures.AsOf, roleSummary, targetSummary, pathway.Optimal, PeopleWords.Hours(hoursDone), PeopleWords.Hours(hoursTotal),
            done.Count, done.Count + toDo.Count, progress, done, toDo, requirements, unreachable, summary);
    }

    /// <summary>One set of requirements from two roles: per skill the higher level and weight, critical when either says so.</summary>
    internal static RoleVersion Merge(RoleVersion role, RoleVersion target)
    {
        var merged = role.Requirements.Concat(target.Requirements)
            .GroupBy(q => q.Skill)
            .Select(g => new RoleRequirement(g.Key, g.Max(q => q.Required), g.Max(q => q.Weight), g.Any(q => q.Critical)))
            .ToList();
        return new RoleVersion(new RoleCode(role.Code.Value + "+" + target.Code.Value), $"{role.Title} and {target.Title}", null, 0,
            role.EffectiveFrom, merged);
    }

    /// <summary>
    /// The badges already earned toward the journey: valid badges that attest a requirement of either role, and, through
    /// prerequisite groups met by earned badges, the earned prerequisites of those and of the steps still to take.
    /// </summary>
    private static List<JourneyBadge> DoneBadges(OrganisationFigures figures, int employee, CompiledRole role, CompiledRole? target, IReadOnlyList<PathwayStep> steps)
    {
        var snapshot = figures.Snapshot;
        var awards = figures.Awards;
        var today = figures.AsOf.DayNumber;
        var earnedOn = new Dictionary<int, int>();
        var validNow = new HashSet<int>();
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            if (awards.Issued[a] > today || !awards.Counts(a, figures.Options)) continue;
            var b = awards.Badge[a];
            // The latest award of a badge is the one the journey shows.
            if (!earnedOn.TryGetValue(b, out var d) || awards.Issued[a] > d) earnedOn[b] = awards.Issued[a];
            if (awards.IsValidOn(a, today)) validNow.Add(b);
        }
        var none = new byte[figures.SkillCount];
        var chosen = new Dictionary<int, (bool Role, bool Target)>();
        foreach (var b in validNow)
        {
            var r = Raises(figures, b, none, role);
            var t = target is not null && Raises(figures, b, none, target);
            if (r || t) chosen[b] = (r, t);
        }
        // Earned prerequisites of the journey's badges, transitively.
        var queue = new Queue<(int Badge, bool Role, bool Target)>(chosen.Select(c => (c.Key, c.Value.Role, c.Value.Target)));
        for (var i = 0; i < steps.Count; i++)
            queue.Enqueue((snapshot.BadgeIndex(steps[i].Badge), true, target is not null));
        while (queue.TryDequeue(out var item))
            foreach (var group in snapshot.EffectivePrerequisites(snapshot.Badges[item.Badge]).Groups)
                foreach (var id in group)
                {
                    var m = snapshot.BadgeIndex(id);
                    if (m < 0 || !earnedOn.ContainsKey(m) || chosen.ContainsKey(m)) continue;
                    chosen[m] = (item.Role, item.Target);
                    queue.Enqueue((m, item.Role, item.Target));
                }
        return [.. chosen.Select(c => (Badge: snapshot.Badges[c.Key], c.Value, On: DateOnly.FromDayNumber(earnedOn[c.Key])))
            .OrderBy(x => x.On).ThenBy(x => x.Badge.Id.Value, StringComparer.Ordinal)
            .Select(x => new JourneyBadge(x.Badge.Id.Value, x.Badge.Name, PeopleWords.Hours(x.Badge.Hours), x.On, x.Value.Role, x.Value.Target))];
    }

    private static JourneyRole RoleStanding(OrganisationFigures figures, int employee, RoleVersion role, CompiledRole compiled, byte[] attained,
        byte[] reached, Dictionary<SkillCode, SkillsGap.Core.Pathways.UncoverableGap> uncoverable, int expiringWithinDays)
    {
        var snapshot = figures.Snapshot;
        var threshold = figures.Options.ReadyThreshold;
        var (now, criticalNow) = OrganisationFigures.Score(attained, compiled);
        var (reachable, criticalAfter) = OrganisationFigures.Score(reached, compiled);
        var readyNow = now >= threshold && !criticalNow;
        var canBeReady = reachable >= threshold && !criticalAfter;
        var expiring = Expiring(figures, employee, compiled, attained, expiringWithinDays);
        var blocking = role.Requirements.Where(q => q.Critical && uncoverable.TryGetValue(q.Skill, out var u) && u.Reachable < q.Required.Value).ToList();
        string summary;
        if (readyNow && expiring.Count == 0)
            summary = $"Ready for {role.Title}.";
        else if (readyNow)
            summary = $"Ready for {role.Title} today, but {string.Join("; ", expiring.Select(x => x.Text))}.";
        else if (canBeReady)
            summary = string.Create(CultureInfo.InvariantCulture, $"{PeopleWords.Percent(now)} ready for {role.Title}; the journey takes you to {PeopleWords.Percent(reachable)}, which is ready.");
        else if (blocking.Count > 0)
            summary = string.Create(CultureInfo.InvariantCulture,
                $"{PeopleWords.Percent(now)} ready for {role.Title}. No badge in the catalogue reaches {string.Join(" or ", blocking.Select(q => $"{PeopleWords.SkillName(snapshot, q.Skill)} {ProficiencyNames.Describe(q.Required.Value)}"))}: you can reach {PeopleWords.Percent(reachable)} but not \"ready\" — talk to your manager.");
        else
            summary = string.Create(CultureInfo.InvariantCulture,
                $"{PeopleWords.Percent(now)} ready for {role.Title}; the catalogue takes you to {PeopleWords.Percent(reachable)}, below the {PeopleWords.Percent(threshold)} that counts as ready — talk to your manager.");
        return new JourneyRole(role.Code.Value, role.Title, PeopleWords.Round(now), PeopleWords.Round(reachable), readyNow, canBeReady, expiring, summary);
    }

    /// <summary>Awards valid today that expire within the look-ahead and would lower a level below what the role requires.</summary>
    private static List<ExpiringSkill> Expiring(OrganisationFigures figures, int employee, CompiledRole role, byte[] attained, int withinDays)
    {
        var snapshot = figures.Snapshot;
        var awards = figures.Awards;
        var today = figures.AsOf.DayNumber;
        var result = new List<ExpiringSkill>();
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            var expires = awards.Expires[a];
            if (expires == int.MaxValue || expires <= today || expires > (long)today + withinDays) continue;
            if (!awards.IsValidOn(a, today) || !awards.Counts(a, figures.Options)) continue;
            var then = figures.AttainedOn(employee, DateOnly.FromDayNumber(expires));
            var badge = snapshot.Badges[awards.Badge[a]];
            for (var i = 0; i < role.Skills.Length; i++)
            {
                var s = role.Skills[i];
                int need = role.Required[i];
                if (Math.Max(0, need - then[s]) <= Math.Max(0, need - attained[s])) continue;
                if (!badge.Skills.Any(x => snapshot.SkillIndex(x.Skill) == s)) continue;
                var expiresOn = DateOnly.FromDayNumber(expires);
                result.Add(new ExpiringSkill(badge.Id.Value, expiresOn, snapshot.Skills[s].Code.Value, attained[s], then[s],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{badge.Name} expires on {expiresOn:yyyy-MM-dd} and {PeopleWords.SkillName(snapshot, snapshot.Skills[s].Code)} would fall from {ProficiencyNames.Describe(attained[s])} to {ProficiencyNames.Describe(then[s])} — renew it")));
            }
        }
        return result;
    }

    private static List<JourneyRequirement> RequirementsOf(OrganisationSnapshot snapshot, RoleVersion role, RoleVersion? target, byte[] attained, byte[] reached)
    {
        var result = new List<JourneyRequirement>();
        foreach (var q in role.Requirements.Concat(target?.Requirements.Where(t => !role.Requirements.Any(r => r.Skill == t.Skill)) ?? []))
        {
            var s = snapshot.SkillIndex(q.Skill);
            var inRole = role.Requirements.FirstOrDefault(r => r.Skill == q.Skill);
            var inTarget = target?.Requirements.FirstOrDefault(r => r.Skill == q.Skill);
            var required = Math.Max(inRole?.Required.Value ?? 0, inTarget?.Required.Value ?? 0);
            int have = s >= 0 ? attained[s] : 0, reach = s >= 0 ? reached[s] : 0;
            var text = have >= required
                ? $"{PeopleWords.SkillName(snapshot, q.Skill)}: {ProficiencyNames.Describe(have)}, {ProficiencyNames.Describe(required)} needed — met"
                : $"{PeopleWords.SkillName(snapshot, q.Skill)}: {ProficiencyNames.Describe(have)}, {ProficiencyNames.Describe(required)} needed";
            result.Add(new JourneyRequirement(q.Skill.Value, PeopleWords.SkillName(snapshot, q.Skill), required, have, reach,
                Math.Max(inRole?.Weight ?? 0, inTarget?.Weight ?? 0), (inRole?.Critical ?? false) || (inTarget?.Critical ?? false),
                inRole is not null, inTarget is not null, text));
        }
        return result;
    }

    private static List<UnreachableRequirement> UnreachableOf(OrganisationSnapshot snapshot, RoleVersion role, RoleVersion? target,
        IReadOnlyList<SkillsGap.Core.Pathways.UncoverableGap> uncoverable, JourneyRole roleStanding, JourneyRole? targetStanding)
    {
        var result = new List<UnreachableRequirement>();
        foreach (var u in uncoverable)
        {
            var inRole = role.Requirements.FirstOrDefault(r => r.Skill == u.Skill && r.Required.Value > u.Reachable);
            var inTarget = target?.Requirements.FirstOrDefault(r => r.Skill == u.Skill && r.Required.Value > u.Reachable);
            if (inRole is null && inTarget is null) continue;
            var critical = (inRole?.Critical ?? false) || (inTarget?.Critical ?? false);
            var best = u.Reachable < u.Best ? u.Reachable : u.Best;
            var standing = inRole is not null ? roleStanding : targetStanding!;
            var consequence = critical
                ? $"you can reach {PeopleWords.Percent(standing.ReadinessReachable)} of {standing.Title} but not \"ready\" — talk to your manager"
                : $"you can still reach {PeopleWords.Percent(standing.ReadinessReachable)} of {standing.Title}";
            result.Add(new UnreachableRequirement(u.Skill.Value, PeopleWords.SkillName(snapshot, u.Skill), u.Required, best, critical, inRole is not null,
                inTarget is not null,
                $"No badge you can earn reaches {PeopleWords.SkillName(snapshot, u.Skill)} {ProficiencyNames.Describe(u.Required)} (the best reaches {ProficiencyNames.Describe(best)}): {consequence}."));
        }
        return result;
    }

    private static bool Raises(OrganisationFigures figures, int badge, byte[] levels, CompiledRole role)
    {
        var awards = figures.Awards;
        for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
        {
            var i = Array.IndexOf(role.Skills, awards.BadgeSkills[k]);
            if (i >= 0 && awards.BadgeLevels[k] > levels[awards.BadgeSkills[k]] && levels[awards.BadgeSkills[k]] < role.Required[i]) return true;
        }
        return false;
    }

    private static void Raise(OrganisationFigures figures, int badge, byte[] levels)
    {
        var awards = figures.Awards;
        for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
            if (awards.BadgeLevels[k] > levels[awards.BadgeSkills[k]]) levels[awards.BadgeSkills[k]] = awards.BadgeLevels[k];
    }

    private static int IndexOf(IReadOnlyList<PathwayStep> steps, BadgeId badge)
    {
        for (var i = 0; i < steps.Count; i++)
            if (steps[i].Badge == badge) return i;
        return -1;
    }

    private static JourneyChange Change(OrganisationSnapshot snapshot, SkillCode skill, int from, int to) =>
        new(skill.Value, PeopleWords.SkillName(snapshot, skill), from, to,
            $"{PeopleWords.SkillName(snapshot, skill)} from {ProficiencyNames.Describe(from)} to {ProficiencyNames.Describe(to)}");
}
