using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>
/// Which badges close a gap for one employee on one day (DESIGN §3, "What an employee is recommended"): the candidates that
/// raise a requirement of their role or target role themselves; the candidates that are prerequisites on the way to a
/// badge that does (what they unlock); and the badges whose award expires soon and whose lapse would open a gap (to renew).
/// Everything else is for "peers". Shared by the served list and its evaluation.
/// </summary>
internal sealed class GapClosing
{
    /// <summary>An award that expires within the look-ahead and would open a gap: its badge, the expiry and what would drop.</summary>
    internal sealed record Renewal(int Badge, int ExpiresDay, byte[] Lapsed, IReadOnlyList<LevelDrop> Opens);

    private GapClosing(int badgeCount)
    {
        RoleClosed = new long[badgeCount];
        TargetClosed = new long[badgeCount];
        Unlocks = new List<int>?[badgeCount];
        Renewals = [];
        ByHour = new double[badgeCount];
    }

    /// <summary>Per badge: Σ weight · levels of the role's gaps it closes now.</summary>
    public long[] RoleClosed { get; }

    /// <summary>Per badge: Σ weight · levels of the target role's gaps it closes now (0 without a target role).</summary>
    public long[] TargetClosed { get; }

    /// <summary>Per candidate badge: the gap-closing badges it is a prerequisite on the way to (null for none).</summary>
    public List<int>?[] Unlocks { get; }

    /// <summary>The awards to renew, one per badge (its earliest expiry).</summary>
    public IReadOnlyList<Renewal> Renewals { get; private set; }

    /// <summary>
    /// Per badge: how much of the employee's gap (role and target role) it closes per hour, or, for a prerequisite, the
    /// most that a badge it unlocks closes per hour of the way there; for a renewal, what its lapse would open per hour.
    /// </summary>
    public double[] ByHour { get; }

    /// <summary>The purpose of a badge in the served list (<see cref="RecommendationPurpose.Peers"/> when it closes no gap).</summary>
    public RecommendationPurpose PurposeOf(int badge)
    {
        if (RoleClosed[badge] > 0) return RecommendationPurpose.RoleGap;
        if (TargetClosed[badge] > 0) return RecommendationPurpose.TargetGap;
        foreach (var r in Renewals)
            if (r.Badge == badge) return RecommendationPurpose.Renewal;
        if (Unlocks[badge] is { Count: > 0 } unlocks)
            return unlocks.Any(g => RoleClosed[g] > 0) ? RecommendationPurpose.RoleGap : RecommendationPurpose.TargetGap;
        return RecommendationPurpose.Peers;
    }

    /// <summary>
    /// Classifies every badge for the employee of <paramref name="c"/> on its day, against <paramref name="role"/> and
    /// <paramref name="target"/> (either may be null), with the attained levels, candidates and earned badges of the case.
    /// </summary>
    public static GapClosing Classify(TrainingHistory history, NextBadgeCase c, CompiledRole? role, CompiledRole? target,
        int expiringWithinDays)
    {
        var figures = history.Figures;
        var awards = figures.Awards;
        var badges = history.Snapshot.Badges;
        var n = badges.Count;
        var result = new GapClosing(n);
        for (var b = 0; b < n; b++)
        {
            result.RoleClosed[b] = Closed(awards, b, c.Attained, role);
            result.TargetClosed[b] = Closed(awards, b, c.Attained, target);
        }

        var candidate = new bool[n];
        foreach (var b in c.Candidates) candidate[b] = true;
        var earned = new bool[n];
        foreach (var b in c.Earned) earned[b] = true;
        // Reachable: earned, or every prerequisite group has a reachable member (least fixpoint, so cycles stay out).
        var reach = (bool[])earned.Clone();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var b = 0; b < n; b++)
                if (!reach[b] && GroupsMet(history, b, reach)) reach[b] = changed = true;
        }

        // Cost in hours of making each not-yet-earnable badge earnable and earning it: the cheapest member of each unmet group.
        var cost = new double[n];
        Array.Fill(cost, double.NaN);
        var visiting = new bool[n];
        double Cost(int b)
        {
            if (!double.IsNaN(cost[b])) return cost[b];
            if (candidate[b]) return cost[b] = Hours(badges[b]);
            if (visiting[b] || !reach[b]) return double.PositiveInfinity;
            visiting[b] = true;
            var total = Hours(badges[b]);
            foreach (var group in history.PrerequisiteGroups(b))
            {
                if (group.Any(m => m >= 0 && earned[m])) continue;
                var cheapest = double.PositiveInfinity;
                foreach (var m in group)
                    if (m >= 0) cheapest = Math.Min(cheapest, Cost(m));
                total += cheapest;
            }
            visiting[b] = false;
            return cost[b] = total;
        }

        var onWay = new bool[n];
        // As Cost, taking the way through candidate m wherever a group leads to it (what earning m first costs in all).
        double CostVia(int b, int m)
        {
            if (b == m) return Hours(badges[m]);
            if (candidate[b] || onWay[b]) return double.PositiveInfinity;
            onWay[b] = true;
            var total = Hours(badges[b]);
            var throughM = false;
            foreach (var group in history.PrerequisiteGroups(b))
            {
                if (group.Any(x => x >= 0 && earned[x])) continue;
                var cheapest = double.PositiveInfinity;
                var via = double.PositiveInfinity;
                foreach (var x in group)
                {
                    if (x < 0) continue;
                    cheapest = Math.Min(cheapest, Cost(x));
                    via = Math.Min(via, CostVia(x, m));
                }
                if (!double.IsPositiveInfinity(via)) { throughM = true; total += via; }
                else total += cheapest;
            }
            onWay[b] = false;
            return throughM ? total : double.PositiveInfinity;
        }

        for (var b = 0; b < n; b++)
            result.ByHour[b] = (result.RoleClosed[b] + result.TargetClosed[b]) / Math.Max(Hours(badges[b]), 1);

        // Each gap-closing badge that cannot be earned yet but can be reached: credit the candidates on the way to it.
        var seen = new bool[n];
        var stack = new Stack<int>();
        for (var g = 0; g < n; g++)
        {
            // Candidates close their gaps themselves; an earned badge whose prerequisites are met and is no candidate is held.
            if (candidate[g] || (earned[g] && PrerequisitesMet(history, g, earned))) continue;
            if (result.RoleClosed[g] + result.TargetClosed[g] == 0 || !reach[g]) continue;
            var closed = result.RoleClosed[g] + result.TargetClosed[g];
            Array.Clear(seen);
            stack.Push(g);
            seen[g] = true;
            while (stack.TryPop(out var x))
                foreach (var group in history.PrerequisiteGroups(x))
                {
                    if (group.Any(m => m >= 0 && earned[m])) continue;
                    foreach (var m in group)
                    {
                        if (m < 0 || seen[m]) continue;
                        seen[m] = true;
                        if (candidate[m])
                        {
                            (result.Unlocks[m] ??= []).Add(g);
                            result.ByHour[m] = Math.Max(result.ByHour[m], closed / Math.Max(CostVia(g, m), 1));
                        }
                        else if (reach[m]) stack.Push(m);
                    }
                }
        }
        foreach (var list in result.Unlocks)
            list?.Sort((x, y) =>
            {
                var byGap = (result.RoleClosed[y] + result.TargetClosed[y]).CompareTo(result.RoleClosed[x] + result.TargetClosed[x]);
                return byGap != 0 ? byGap : string.CompareOrdinal(badges[x].Id.Value, badges[y].Id.Value);
            });

        var renewals = FindRenewals(history, c.Employee, c.Day.DayNumber - 1, expiringWithinDays, role, target);
        foreach (var r in renewals)
            result.ByHour[r.Badge] = (Closed(awards, r.Badge, r.Lapsed, role) + Closed(awards, r.Badge, r.Lapsed, target)) /
                                     Math.Max(Hours(badges[r.Badge]), 1);
        result.Renewals = renewals;
        return result;
    }

    /// <summary>
    /// The awards of the employee valid on <paramref name="asOfDay"/> (issued by then, counting) that expire within
    /// <paramref name="withinDays"/> days after it and whose lapse would open or widen a gap of the role or target role in a
    /// skill the badge attests (as the expiring-soon figure of DESIGN §2). One per badge, the earliest expiry; a badge held
    /// by another award that outlives the expiry opens no gap.
    /// </summary>
    public static List<Renewal> FindRenewals(TrainingHistory history, int employee, int asOfDay, int withinDays, CompiledRole? role,
        CompiledRole? target)
    {
        var figures = history.Figures;
        var awards = figures.Awards;
        var result = new List<Renewal>();
        if (role is null && target is null) return result;
        var horizon = (long)asOfDay + withinDays;
        byte[]? now = null;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            var expires = awards.Expires[a];
            if (expires == int.MaxValue || expires <= asOfDay || expires > horizon) continue;
            if (!awards.IsValidOn(a, asOfDay) || !awards.Counts(a, figures.Options)) continue;
            var b = awards.Badge[a];
            if (result.Any(r => r.Badge == b && r.ExpiresDay <= expires)) continue;
            now ??= Attained(history, employee, asOfDay, asOfDay);
            var lapsed = Attained(history, employee, asOfDay, expires);
            var opens = new List<LevelDrop>();
            AddDrops(history, awards, b, now, lapsed, role, false, opens);
            AddDrops(history, awards, b, now, lapsed, target, true, opens);
            if (opens.Count == 0) continue;
            result.RemoveAll(r => r.Badge == b);
            result.Add(new Renewal(b, expires, lapsed, opens));
        }
        return result;
    }

    private static void AddDrops(TrainingHistory history, CompiledAwards awards, int badge, byte[] now, byte[] lapsed, CompiledRole? role,
        bool targetRole, List<LevelDrop> into)
    {
        if (role is null) return;
        for (var i = 0; i < role.Skills.Length; i++)
        {
            var s = role.Skills[i];
            int need = role.Required[i], gapNow = Math.Max(0, need - now[s]), gapThen = Math.Max(0, need - lapsed[s]);
            if (gapThen <= gapNow || !Attests(awards, badge, s)) continue;
            // A skill both roles require is said once, against the role.
            if (targetRole && into.Any(d => d.Skill == history.Snapshot.Skills[s].Code)) continue;
            into.Add(new LevelDrop(history.Snapshot.Skills[s].Code, now[s], lapsed[s], need, targetRole));
        }
    }

    /// <summary>
    /// Attained levels on <paramref name="onDay"/> from the awards issued by <paramref name="knownDay"/> only (what was known
    /// then), valid on <paramref name="onDay"/> and counting.
    /// </summary>
    internal static byte[] Attained(TrainingHistory history, int employee, int knownDay, int onDay)
    {
        var figures = history.Figures;
        var awards = figures.Awards;
        var row = new byte[history.Snapshot.Skills.Count];
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            if (awards.Issued[a] > knownDay || !awards.IsValidOn(a, onDay) || !awards.Counts(a, figures.Options)) continue;
            var b = awards.Badge[a];
            var cap = awards.Achieved[a] >= 0 ? awards.Achieved[a] : byte.MaxValue;
            for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
            {
                var level = (byte)Math.Min(awards.BadgeLevels[k], cap);
                if (level > row[awards.BadgeSkills[k]]) row[awards.BadgeSkills[k]] = level;
            }
        }
        return row;
    }

    /// <summary>Σ weight · levels of the role's gaps that the badge closes over <paramref name="attained"/>.</summary>
    internal static long Closed(CompiledAwards awards, int badge, ReadOnlySpan<byte> attained, CompiledRole? role)
    {
        if (role is null) return 0;
        long total = 0;
        for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
        {
            var i = Array.IndexOf(role.Skills, awards.BadgeSkills[k]);
            if (i < 0) continue;
            int have = attained[awards.BadgeSkills[k]], need = role.Required[i];
            total += role.Weights[i] * Math.Max(0, Math.Min(need, Math.Max(have, (int)awards.BadgeLevels[k])) - Math.Min(need, have));
        }
        return total;
    }

    /// <summary>The requirements of the role the badge raises over <paramref name="attained"/>: from → to, counted up to the requirement.</summary>
    internal static List<GapClosed> Changes(OrganisationSnapshot snapshot, CompiledAwards awards, int badge, ReadOnlySpan<byte> attained,
        CompiledRole? role)
    {
        var result = new List<GapClosed>();
        if (role is null) return result;
        for (var i = 0; i < role.Skills.Length; i++)
        {
            int s = role.Skills[i], have = attained[s], need = role.Required[i], level = 0;
            for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
                if (awards.BadgeSkills[k] == s) level = Math.Max(level, awards.BadgeLevels[k]);
            var to = Math.Min(need, Math.Max(have, level));
            if (to > have) result.Add(new GapClosed(snapshot.Skills[s].Code, have, to));
        }
        return result;
    }

    private static bool Attests(CompiledAwards awards, int badge, int skill)
    {
        for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
            if (awards.BadgeSkills[k] == skill) return true;
        return false;
    }

    private static bool GroupsMet(TrainingHistory history, int badge, bool[] met)
    {
        foreach (var group in history.PrerequisiteGroups(badge))
            if (!group.Any(m => m >= 0 && met[m])) return false;
        return true;
    }

    private static bool PrerequisitesMet(TrainingHistory history, int badge, bool[] earned) => GroupsMet(history, badge, earned);

    private static double Hours(Badge badge) => (double)Math.Max(0m, badge.Hours);
}
