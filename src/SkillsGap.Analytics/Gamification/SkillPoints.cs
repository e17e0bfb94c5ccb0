using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Gamification;

/// <summary>One requirement an award raised on its day: the skill, the level before and after (up to the requirement), and its weight.</summary>
public sealed record PointsLine(SkillCode Skill, int From, int To, int Weight)
{
    /// <summary>weight · (to − from).</summary>
    public int Points => Weight * (To - From);
}

/// <summary>
/// The skill points of one award (DESIGN §7b): Σ weight · levels of gap it closed against the person's role on the award
/// day, or against their target role on that day when that is more; <see cref="Against"/> names the role counted
/// (null when the award closed no gap), <see cref="Lines"/> the requirements it raised.
/// </summary>
public sealed record AwardPoints(int Award, EmployeeId Employee, BadgeId Badge, DateOnly IssuedOn, int Points, RoleCode? Against,
    IReadOnlyList<PointsLine> Lines);

/// <summary>The skill points of every counting award of an organisation, by award and by employee.</summary>
public sealed class PointsLedger
{
    private readonly OrganisationFigures _figures;
    private readonly AwardPoints?[] _byAward; // by snapshot award index; null for an award that does not count
    private readonly int[][] _byEmployee;      // per employee index: snapshot award indices in the order they were counted

    internal PointsLedger(OrganisationFigures figures, AwardPoints?[] byAward, int[][] byEmployee)
    {
        _figures = figures;
        _byAward = byAward;
        _byEmployee = byEmployee;
    }

    /// <summary>The points of an award (index into the snapshot's awards), or null when it does not count (revoked, or unverified where those do not count).</summary>
    public AwardPoints? OfAward(int award) => _byAward[award];

    /// <summary>The employee's counting awards with their points, in the order earned (day, then badge id).</summary>
    public IEnumerable<AwardPoints> OfEmployee(int employee) => _byEmployee[employee].Select(a => _byAward[a]!);

    /// <summary>The employee's points from the awards issued in [<paramref name="from"/>, <paramref name="to"/>] (either end open when null).</summary>
    public int Total(int employee, DateOnly? from = null, DateOnly? to = null)
    {
        var total = 0;
        foreach (var a in _byEmployee[employee])
        {
            var p = _byAward[a]!;
            if ((from is null || p.IssuedOn >= from) && (to is null || p.IssuedOn <= to)) total += p.Points;
        }
        return total;
    }

    /// <summary>The organisation the ledger was computed for.</summary>
    public OrganisationFigures Figures => _figures;
}

/// <summary>
/// Skill points (DESIGN §7b): each award earns Σ weight · levels of gap it closed against the person's role — or target
/// role, when that is more — with the role and role version in force on the award day. The levels before an award are
/// those of the awards valid the day before (so a badge renewed on the day it expires closes nothing) plus the awards of
/// the same day counted before it (day, then badge id), so that two badges of one day never earn the same levels twice.
/// A badge that closes no gap earns none. Points are history: an award's points never change with later events.
/// </summary>
public static class SkillPoints
{
    /// <summary>
    /// The points of every counting award of the snapshot, with roles and target roles as <paramref name="history"/> says
    /// they were on each award day (without a history: as the snapshot shows them, with its role versions).
    /// </summary>
    public static PointsLedger Compute(OrganisationFigures figures, OrganisationHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var snapshot = figures.Snapshot;
        history ??= OrganisationHistory.FromSnapshot(snapshot);
        var awards = figures.Awards;
        var byAward = new AwardPoints?[snapshot.Awards.Count];
        var byEmployee = new int[snapshot.Employees.Count][];
        var roles = new Dictionary<RoleVersion, Requirements>(ReferenceEqualityComparer.Instance);
        var skillCount = snapshot.Skills.Count;
        for (var e = 0; e < byEmployee.Length; e++)
        {
            var person = snapshot.Employees[e];
            var order = new List<int>();
            for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
                if (awards.Counts(a, figures.Options)) order.Add(a);
            order.Sort((x, y) => awards.Issued[x] != awards.Issued[y] ? awards.Issued[x].CompareTo(awards.Issued[y])
                : string.CompareOrdinal(snapshot.Badges[awards.Badge[x]].Id.Value, snapshot.Badges[awards.Badge[y]].Id.Value) is var c and not 0 ? c
                : awards.SourceIndex[x].CompareTo(awards.SourceIndex[y]));
            var levels = new byte[skillCount];
            var day = int.MinValue;
            var list = new int[order.Count];
            for (var i = 0; i < order.Count; i++)
            {
                var a = order[i];
                if (awards.Issued[a] != day)
                {
                    day = awards.Issued[a];
                    Before(awards, figures.Options, e, day, levels);
                }
                var date = DateOnly.FromDayNumber(day);
                var period = history.PeriodOn(person.Id, date);
                var roleCode = period?.Role ?? person.Role;
                var targetCode = period is null ? person.TargetRole : period.TargetRole;
                var role = Compiled(roles, snapshot, history.RoleOn(roleCode, date));
                var target = targetCode is RoleCode t && t != roleCode ? Compiled(roles, snapshot, history.RoleOn(t, date)) : null;
                var b = awards.Badge[a];
                var cap = awards.Achieved[a] >= 0 ? awards.Achieved[a] : byte.MaxValue;
                var (rolePoints, roleLines) = Closed(awards, b, cap, levels, role, snapshot);
                var (targetPoints, targetLines) = Closed(awards, b, cap, levels, target, snapshot);
                var (points, lines, against) = targetPoints > rolePoints ? (targetPoints, targetLines, targetCode) : (rolePoints, roleLines, (RoleCode?)roleCode);
                var source = awards.SourceIndex[a];
                byAward[source] = new AwardPoints(source, person.Id, snapshot.Badges[b].Id, date, points, points > 0 ? against : null, lines);
                list[i] = source;
                // The award's own levels count for the awards after it on the same day.
                for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
                {
                    var level = (byte)Math.Min(awards.BadgeLevels[k], cap);
                    if (level > levels[awards.BadgeSkills[k]]) levels[awards.BadgeSkills[k]] = level;
                }
            }
            byEmployee[e] = list;
        }
        return new PointsLedger(figures, byAward, byEmployee);
    }

    /// <summary>Levels of the counting awards of employee <paramref name="e"/> valid the day before <paramref name="day"/>.</summary>
    private static void Before(CompiledAwards awards, FigureOptions options, int e, int day, byte[] levels)
    {
        Array.Clear(levels);
        for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
        {
            if (awards.Issued[a] >= day || !awards.IsValidOn(a, day - 1) || !awards.Counts(a, options)) continue;
            var b = awards.Badge[a];
            var cap = awards.Achieved[a] >= 0 ? awards.Achieved[a] : byte.MaxValue;
            for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
            {
                var level = (byte)Math.Min(awards.BadgeLevels[k], cap);
                if (level > levels[awards.BadgeSkills[k]]) levels[awards.BadgeSkills[k]] = level;
            }
        }
    }

    private static (int Points, IReadOnlyList<PointsLine> Lines) Closed(CompiledAwards awards, int badge, int cap, byte[] levels, Requirements? role,
        OrganisationSnapshot snapshot)
    {
        if (role is null) return (0, []);
        List<PointsLine>? lines = null;
        var points = 0;
        for (var i = 0; i < role.Skills.Length; i++)
        {
            var s = role.Skills[i];
            var attests = 0;
            for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
                if (awards.BadgeSkills[k] == s) attests = Math.Max(attests, Math.Min((int)awards.BadgeLevels[k], cap));
            int need = role.Required[i], from = Math.Min(need, (int)levels[s]), to = Math.Min(need, Math.Max(levels[s], attests));
            if (to <= from) continue;
            (lines ??= []).Add(new PointsLine(snapshot.Skills[s].Code, from, to, role.Weights[i]));
            points += role.Weights[i] * (to - from);
        }
        return (points, lines ?? (IReadOnlyList<PointsLine>)[]);
    }

    /// <summary>A role version's requirements over the snapshot's skill indices (a skill the snapshot does not know is left out: no badge attests it).</summary>
    private sealed record Requirements(int[] Skills, int[] Required, int[] Weights);

    private static Requirements? Compiled(Dictionary<RoleVersion, Requirements> cache, OrganisationSnapshot snapshot, RoleVersion? version)
    {
        if (version is null) return null;
        if (cache.TryGetValue(version, out var compiled)) return compiled;
        var known = version.Requirements.Where(q => snapshot.SkillIndex(q.Skill) >= 0).ToArray();
        compiled = new Requirements([.. known.Select(q => snapshot.SkillIndex(q.Skill))], [.. known.Select(q => q.Required.Value)], [.. known.Select(q => q.Weight)]);
        cache[version] = compiled;
        return compiled;
    }
}
