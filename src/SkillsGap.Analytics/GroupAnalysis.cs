using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>Options of a group analysis.</summary>
/// <param name="ExpiringWithinDays">An award expiring on a date in (as-of, as-of + N days] is "expiring soon".</param>
/// <param name="BenchRole">
/// For a role group: bench strength is computed for this role only, over the whole organisation. When null
/// (team, department, organisation), it is computed for every role that requires something, over the group's members.
/// </param>
public sealed record AnalysisOptions(int ExpiringWithinDays = 90, RoleCode? BenchRole = null)
{
    public static AnalysisOptions Default { get; } = new();
}

/// <summary>Readiness of a group against its people's own roles.</summary>
/// <param name="People">Members analysed.</param>
/// <param name="MeanReadiness">Mean unrounded readiness; null for an empty group.</param>
/// <param name="Ready">Members who are ready (readiness ≥ threshold, no critical gap).</param>
/// <param name="ReadyShare">Ready / People; null for an empty group.</param>
/// <param name="Histogram">Ten counts: bin i holds readiness in [i/10, (i+1)/10); 1.0 falls in the last bin.</param>
public sealed record ReadinessSummary(int People, double? MeanReadiness, int Ready, double? ReadyShare, IReadOnlyList<int> Histogram)
{
    public const int Bins = 10;
}

/// <summary>One skill over all members' own-role requirements of it.</summary>
/// <param name="PeopleRequired">Members whose role requires the skill.</param>
/// <param name="Coverage">Share of them whose attained level meets the requirement.</param>
/// <param name="MeanGap">Mean gap over the people required (gap 0 included).</param>
/// <param name="PeopleWithGap">Members with a gap in it.</param>
/// <param name="WeightedGap">Σ weight · gap over the people required.</param>
public sealed record SkillAggregate(SkillCode Skill, int PeopleRequired, double Coverage, double MeanGap, int PeopleWithGap, long WeightedGap);

/// <summary>Someone not in a role who is ready for it.</summary>
public sealed record BenchCandidate(EmployeeId Employee, RoleCode CurrentRole, double Readiness);

/// <summary>Bench strength of one role: the people not in it who are ready for it, best first.</summary>
public sealed record BenchStrength(RoleCode Role, IReadOnlyList<BenchCandidate> Candidates);

/// <summary>A required level that no badge in the catalogue attests.</summary>
/// <param name="Best">Highest level any badge attests for the skill (0 when none does).</param>
/// <param name="Affected">Members in the role whose attained level is below the required one.</param>
public sealed record UncoverableGap(RoleCode Role, SkillCode Skill, int Required, int Best, int Affected);

/// <summary>A skill whose gap would open when an award expires.</summary>
public sealed record OpeningGap(SkillCode Skill, int GapNow, int GapThen);

/// <summary>An award valid on the as-of date that expires soon and would open a gap in its holder's own role.</summary>
public sealed record ExpiringAward(EmployeeId Employee, BadgeId Badge, DateOnly IssuedOn, DateOnly ExpiresOn, IReadOnlyList<OpeningGap> Opens);

/// <summary>The aggregates of DESIGN §2 over one group of employees.</summary>
/// <param name="Members">The employee indices analysed, in the order given.</param>
/// <param name="Skills">Per skill, ordered by weighted gap descending (the top gaps first), then skill code.</param>
public sealed record GroupFigures(
    IReadOnlyList<int> Members,
    ReadinessSummary Summary,
    IReadOnlyList<SkillAggregate> Skills,
    IReadOnlyList<BenchStrength> Bench,
    IReadOnlyList<UncoverableGap> Uncoverable,
    IReadOnlyList<ExpiringAward> ExpiringSoon);

/// <summary>Team, department, role and organisation aggregates over the engine's arrays.</summary>
public static class GroupAnalysis
{
    /// <summary>Aggregates the figures of <paramref name="members"/> (employee indices) against their own roles.</summary>
    public static GroupFigures Analyse(OrganisationFigures f, IReadOnlyList<int> members, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var ids = Checked(f, members);
        var summary = Summarise(f, ids);
        var (skills, uncoverable) = SkillsAndUncoverable(f, ids);
        var bench = options.BenchRole is RoleCode role ? RoleBench(f, role) : GroupBench(f, ids);
        var expiring = ExpiringSoon(f, ids, options.ExpiringWithinDays);
        return new GroupFigures(ids, summary, skills, bench, uncoverable, expiring);
    }

    /// <summary>The histogram bin of a readiness in [0, 1]: bin i holds [i/10, (i+1)/10), and 1.0 the last bin.</summary>
    public static int HistogramBin(double readiness)
    {
        // Compare against k/10.0 rather than trust readiness·10: a readiness that equals k/10 exactly rounds to the same double.
        var bin = (int)Math.Clamp(Math.Floor(readiness * ReadinessSummary.Bins), 0, ReadinessSummary.Bins - 1);
        if (bin < ReadinessSummary.Bins - 1 && readiness >= (bin + 1) / 10.0) bin++;
        else if (bin > 0 && readiness < bin / 10.0) bin--;
        return bin;
    }

    /// <summary>Only the readiness summary of a group (people, mean, ready, histogram).</summary>
    public static ReadinessSummary Summarise(OrganisationFigures f, IReadOnlyList<int> members) =>
        Summarise(Checked(f.EmployeeCount, members), f.Readiness, f.IsReady);

    /// <summary>The same summary from one date of a trend (<see cref="OrganisationTimeline.ReadinessAsOf"/>): equal to the figures' own.</summary>
    public static ReadinessSummary Summarise(RosterReadiness r, IReadOnlyList<int> members) =>
        Summarise(Checked(r.EmployeeCount, members), r.Readiness, r.IsReady);

    private static ReadinessSummary Summarise(int[] ids, Func<int, double> readinessOf, Func<int, bool> isReady)
    {
        var histogram = new int[ReadinessSummary.Bins];
        double sum = 0;
        var ready = 0;
        foreach (var e in ids)
        {
            var r = readinessOf(e);
            sum += r;
            if (isReady(e)) ready++;
            histogram[HistogramBin(r)]++;
        }
        var n = ids.Length;
        return new ReadinessSummary(n, n == 0 ? null : sum / n, ready, n == 0 ? null : (double)ready / n, histogram);
    }

    private static (IReadOnlyList<SkillAggregate> Skills, UncoverableGap[] Uncoverable) SkillsAndUncoverable(OrganisationFigures f, int[] members)
    {
        var totals = new SkillTotals(f.SkillCount);
        var roles = f.CompiledRoles;
        var roleMembers = new int[roles.Count];
        var affected = new int[roles.Count][];
        var best = f.BestAttestable;

        foreach (var e in members)
        {
            var r = f.RoleIndexOf(e);
            if (r < 0) continue;
            roleMembers[r]++;
            var role = roles[r];
            var row = f.AttainedRow(e);
            totals.Add(row, role);
            var skills = role.Skills.AsSpan();
            var levels = role.Required.AsSpan();
            var roleAffected = affected[r] ??= new int[skills.Length];
            // The members a required level no badge attests leaves short (their gap cannot be closed).
            for (var i = 0; i < skills.Length; i++)
                if (levels[i] > best[skills[i]] && levels[i] > row[skills[i]]) roleAffected[i]++;
        }
        var aggregates = totals.Aggregates(f);

        var uncoverable = new List<UncoverableGap>();
        for (var r = 0; r < roles.Count; r++)
        {
            if (roleMembers[r] == 0) continue;
            var role = roles[r];
            for (var i = 0; i < role.Skills.Length; i++)
            {
                var s = role.Skills[i];
                if (role.Required[i] > best[s])
                    uncoverable.Add(new UncoverableGap(role.Role.Code, f.Snapshot.Skills[s].Code, role.Required[i], best[s], affected[r]![i]));
            }
        }
        uncoverable.Sort((a, b) => b.Affected != a.Affected
            ? b.Affected.CompareTo(a.Affected)
            : string.CompareOrdinal(a.Role.Value, b.Role.Value) is var c and not 0 ? c : string.CompareOrdinal(a.Skill.Value, b.Skill.Value));
        return (aggregates, [.. uncoverable]);
    }

    /// <summary>For a role group: the people of the whole organisation, not in the role, who are ready for it.</summary>
    private static BenchStrength[] RoleBench(OrganisationFigures f, RoleCode role)
    {
        var r = f.Snapshot.RoleIndex(role);
        if (r < 0) throw new KeyNotFoundException($"Role {role} is not known on {Iso.Date(f.AsOf)}.");
        var everyone = new List<int>(f.EmployeeCount);
        for (var e = 0; e < f.EmployeeCount; e++)
            if (IsEmployed(f, e)) everyone.Add(e);
        return Bench(f, [r], [.. everyone]);
    }

    /// <summary>
    /// For any other group: for every role that requires something, the group's members not in it who are ready
    /// for it. A role that requires nothing would list everyone, so it is left out here (a role group still gets it).
    /// </summary>
    private static BenchStrength[] GroupBench(OrganisationFigures f, int[] members)
    {
        var roles = new List<int>(f.CompiledRoles.Count);
        for (var r = 0; r < f.CompiledRoles.Count; r++)
            if (f.CompiledRoles[r].WeightedRequired > 0) roles.Add(r);
        return Bench(f, [.. roles], members);
    }

    /// <summary>
    /// Employees outer, roles inner, so each attained row is read from memory once. Most people are far from most
    /// roles: a role is abandoned at its first critical gap or once the weighted shortfall alone rules readiness out.
    /// </summary>
    private static BenchStrength[] Bench(OrganisationFigures f, int[] roleIndices, int[] people)
    {
        var threshold = f.Options.ReadyThreshold;
        var roles = new CompiledRole[roleIndices.Length];
        var allowed = new long[roleIndices.Length];
        var candidates = new List<int>[roleIndices.Length];
        for (var k = 0; k < roles.Length; k++)
        {
            roles[k] = f.CompiledRoles[roleIndices[k]];
            allowed[k] = AllowedShortfall(roles[k].WeightedRequired, threshold);
            candidates[k] = [];
        }
        foreach (var e in people)
        {
            var row = f.AttainedRow(e);
            var own = f.RoleIndexOf(e);
            for (var k = 0; k < roles.Length; k++)
            {
                if (roleIndices[k] == own) continue;
                var role = roles[k];
                var skills = role.Skills;
                var required = role.Required;
                var weights = role.Weights;
                var critical = role.Critical;
                long shortfall = 0;
                var budget = allowed[k];
                var ready = true;
                for (var i = 0; i < skills.Length; i++)
                {
                    var gap = required[i] - row[skills[i]];
                    if (gap <= 0) continue;
                    shortfall += weights[i] * gap;
                    if (critical[i] || shortfall > budget) { ready = false; break; }
                }
                if (ready) candidates[k].Add(e);
            }
        }

        var result = new BenchStrength[roles.Length];
        for (var k = 0; k < roles.Length; k++)
        {
            var list = new List<BenchCandidate>(candidates[k].Count);
            foreach (var e in candidates[k])
            {
                // The exact readiness, and the exact rule, from the engine for the few who passed.
                var (readiness, critical) = OrganisationFigures.Score(f.AttainedRow(e), roles[k]);
                if (readiness < threshold || critical) continue;
                var person = f.Snapshot.Employees[e];
                list.Add(new BenchCandidate(person.Id, person.Role, readiness));
            }
            list.Sort((a, b) => b.Readiness != a.Readiness
                ? b.Readiness.CompareTo(a.Readiness)
                : string.CompareOrdinal(a.Employee.Value, b.Employee.Value));
            result[k] = new BenchStrength(roles[k].Role.Code, list);
        }
        return result;
    }

    /// <summary>
    /// The largest weighted shortfall k (Σ w·gap) with (den − k) / den ≥ threshold, computed with the same double
    /// division as readiness so the early exit never drops anyone the exact rule would keep.
    /// </summary>
    internal static long AllowedShortfall(long weightedRequired, double threshold)
    {
        if (weightedRequired == 0) return 0;
        var k = (long)Math.Floor((1 - threshold) * weightedRequired) + 2;
        k = Math.Clamp(k, -1, weightedRequired);
        while (k >= 0 && (double)(weightedRequired - k) / weightedRequired < threshold) k--;
        return k;
    }

    /// <summary>
    /// The "expiring soon" figure alone: awards of <paramref name="members"/> valid on the as-of date that expire within
    /// <paramref name="withinDays"/> days and would open a gap in their holder's own role, soonest first.
    /// </summary>
    public static IReadOnlyList<ExpiringAward> ExpiringWithin(OrganisationFigures f, IReadOnlyList<int> members, int withinDays) =>
        ExpiringSoon(f, Checked(f, members), withinDays);

    private static ExpiringAward[] ExpiringSoon(OrganisationFigures f, int[] members, int withinDays)
    {
        var awards = f.Awards;
        var today = f.AsOf.DayNumber;
        var horizon = (long)today + withinDays;
        var result = new List<ExpiringAward>();
        var opens = new List<OpeningGap>();
        // Per role, skill → required level (0 when not required), built when first needed.
        var requiredBySkill = new byte[f.CompiledRoles.Count][];
        foreach (var e in members)
        {
            var r = f.RoleIndexOf(e);
            if (r < 0) continue;
            var role = f.CompiledRoles[r];
            var needs = requiredBySkill[r] ??= RequiredBySkill(role, f.SkillCount);
            var now = f.AttainedRow(e);
            byte[]? then = null;
            var thenDay = -1;
            for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
            {
                var expires = awards.Expires[a];
                if (expires == int.MaxValue || expires > horizon || !awards.IsValidOn(a, today) || !awards.Counts(a, f.Options)) continue;
                var b = awards.Badge[a];
                // A gap can open only in a skill the badge attests, the role requires, and the employee holds now.
                var couldOpen = false;
                for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1] && !couldOpen; k++)
                    couldOpen = needs[awards.BadgeSkills[k]] > 0 && now[awards.BadgeSkills[k]] > 0;
                if (!couldOpen) continue;
                if (expires != thenDay)
                {
                    then = f.AttainedOn(e, DateOnly.FromDayNumber(expires));
                    thenDay = expires;
                }
                opens.Clear();
                for (var i = 0; i < role.Skills.Length; i++)
                {
                    var s = role.Skills[i];
                    int gapNow = Math.Max(0, role.Required[i] - now[s]), gapThen = Math.Max(0, role.Required[i] - then![s]);
                    if (gapThen > gapNow && Attests(awards, b, s))
                        opens.Add(new OpeningGap(f.Snapshot.Skills[s].Code, gapNow, gapThen));
                }
                if (opens.Count == 0) continue;
                var source = f.Snapshot.Awards[awards.SourceIndex[a]];
                result.Add(new ExpiringAward(source.Employee, source.Badge, source.IssuedOn, DateOnly.FromDayNumber(expires), [.. opens]));
            }
        }
        result.Sort((x, y) => x.ExpiresOn != y.ExpiresOn ? x.ExpiresOn.CompareTo(y.ExpiresOn)
            : string.CompareOrdinal(x.Employee.Value, y.Employee.Value) is var c and not 0 ? c
            : string.CompareOrdinal(x.Badge.Value, y.Badge.Value));
        return [.. result];
    }

    private static byte[] RequiredBySkill(CompiledRole role, int skillCount)
    {
        var needs = new byte[skillCount];
        for (var i = 0; i < role.Skills.Length; i++) needs[role.Skills[i]] = Math.Max(needs[role.Skills[i]], role.Required[i]);
        return needs;
    }

    /// <summary>Whether badge <paramref name="b"/> attests skill <paramref name="s"/>: an expiring award opens only the gaps of its own skills.</summary>
    private static bool Attests(CompiledAwards awards, int b, int s)
    {
        for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
            if (awards.BadgeSkills[k] == s) return true;
        return false;
    }

    private static int[] Checked(OrganisationFigures f, IReadOnlyList<int> members) => Checked(f.EmployeeCount, members);

    private static int[] Checked(int employeeCount, IReadOnlyList<int> members)
    {
        var ids = members as int[] ?? [.. members];
        foreach (var e in ids)
            if ((uint)e >= (uint)employeeCount)
                throw new ArgumentOutOfRangeException(nameof(members), e, "An employee index is outside the snapshot's roster.");
        return ids;
    }

    internal static bool IsEmployed(OrganisationFigures f, int e) => GroupKeys.IsEmployed(f.Snapshot.Employees[e], f.AsOf);
}
