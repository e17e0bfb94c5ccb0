using System.Runtime.CompilerServices;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Core.Pathways;

/// <summary>The catalogue's prerequisite rules in index form, compiled once per set of figures.</summary>
internal sealed class CatalogueGraph
{
    private static readonly ConditionalWeakTable<OrganisationFigures, CatalogueGraph> Cache = new();

    private CatalogueGraph(OrganisationSnapshot snapshot)
    {
        var badges = snapshot.Badges;
        Groups = new int[badges.Count][][];
        for (var b = 0; b < badges.Count; b++)
        {
            // Stack children count as all-of prerequisites (DESIGN §2). A member missing from the catalogue can never
            // be earned, so it is dropped; a group left empty can never be met.
            var rule = snapshot.EffectivePrerequisites(badges[b]);
            var groups = new int[rule.Groups.Count][];
            for (var g = 0; g < groups.Length; g++)
                groups[g] = rule.Groups[g].Select(snapshot.BadgeIndex).Where(i => i >= 0).Distinct().Order().ToArray();
            Groups[b] = groups;
        }
    }

    /// <summary>Per badge, its effective prerequisite groups (all of), each a list of badge indices (any of).</summary>
    public int[][][] Groups { get; }

    public static CatalogueGraph For(OrganisationFigures figures) =>
        Cache.GetValue(figures, f => new CatalogueGraph(f.Snapshot));

    /// <summary>
    /// One employee's badges on the figures' date: as prerequisites (any counting award issued by then, expired or not)
    /// and as valid holdings (counting and valid on the date).
    /// </summary>
    public static (bool[] PrerequisiteHeld, bool[] ValidHeld) Holdings(OrganisationFigures figures, int employee)
    {
        var badgeCount = figures.Snapshot.Badges.Count;
        var prerequisiteHeld = new bool[badgeCount];
        var validHeld = new bool[badgeCount];
        Holdings(figures, employee, prerequisiteHeld, validHeld);
        return (prerequisiteHeld, validHeld);
    }

    /// <summary>The same, written into arrays the caller provides (cleared, at least one slot per badge).</summary>
    public static void Holdings(OrganisationFigures figures, int employee, bool[] prerequisiteHeld, bool[] validHeld)
    {
        var awards = figures.Awards;
        var day = figures.AsOf.DayNumber;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            if (!awards.Counts(a, figures.Options) || awards.Issued[a] > day) continue;
            prerequisiteHeld[awards.Badge[a]] = true;
            if (awards.IsValidOn(a, day)) validHeld[awards.Badge[a]] = true;
        }
    }

    /// <summary>Least fixpoint: a badge is earnable when every group has a member that is held or earnable.</summary>
    public bool[] Earnable(bool[] held)
    {
        var earnable = new bool[Groups.Length];
        bool changed;
        do
        {
            changed = false;
            for (var b = 0; b < Groups.Length; b++)
            {
                if (earnable[b]) continue;
                var ok = true;
                foreach (var group in Groups[b])
                {
                    var met = false;
                    foreach (var m in group)
                        if (held[m] || earnable[m]) { met = true; break; }
                    if (!met) { ok = false; break; }
                }
                if (ok) { earnable[b] = true; changed = true; }
            }
        } while (changed);
        return earnable;
    }
}

/// <summary>
/// One employee's planning instance: the relevant candidate badges (local indices in badge-id order), their
/// prerequisite groups still to be met, and the unmet requirements each one raises to its goal level.
/// </summary>
internal sealed class PlanningProblem
{
    public required int[] Badge { get; init; }
    public required BadgeId[] Ids { get; init; }
    public required decimal[] Hours { get; init; }
    public required double[] Scores { get; init; }
    /// <summary>Per candidate, its prerequisite groups that held badges do not already meet; members are candidate indices.</summary>
    public required int[][][] Groups { get; init; }
    /// <summary>Per candidate, the unmet requirements (indices into <see cref="Value"/>) it raises to the goal level.</summary>
    public required int[][] Covers { get; init; }
    /// <summary>Per unmet requirement, the candidates that raise it to the goal level.</summary>
    public required int[][] CoveredBy { get; init; }
    /// <summary>Per unmet requirement, weight × (goal − attained): what closing it is worth to the greedy rule.</summary>
    public required int[] Value { get; init; }

    public int Count => Badge.Length;

    /// <summary>Per candidate, the (badge, group) pairs whose group it is a member of.</summary>
    public (int Badge, int Group)[][] Dependents => _dependents ??= BuildDependents();

    private (int Badge, int Group)[][]? _dependents;

    private (int Badge, int Group)[][] BuildDependents()
    {
        var lists = new List<(int, int)>[Count];
        for (var b = 0; b < Count; b++) lists[b] = [];
        for (var j = 0; j < Count; j++)
            for (var g = 0; g < Groups[j].Length; g++)
                foreach (var m in Groups[j][g]) lists[m].Add((j, g));
        return lists.Select(l => l.ToArray()).ToArray();
    }
    public int RequirementCount => Value.Length;

    public decimal HoursOf(IEnumerable<int> plan) => plan.Sum(i => Hours[i]);

    /// <summary>True when the set can be earned in some order: every group of every member met by held badges or earlier members.</summary>
    public bool IsValid(bool[] inSet)
    {
        var members = ByRank(Members(inSet));
        return EarnedCount(members, new bool[Count]) == members.Length;
    }

    /// <summary>The largest subset that can be earned in some order (members whose prerequisites the rest cannot meet are dropped).</summary>
    public bool[] EarnableSubset(bool[] inSet)
    {
        var earned = new bool[Count];
        EarnedCount(ByRank(Members(inSet)), earned);
        return earned;
    }

    /// <summary>Grows <paramref name="earned"/> with members whose groups are met until nothing more can be; returns how many.</summary>
    private int EarnedCount(int[] members, bool[] earned)
    {
        var done = 0;
        bool progress;
        do
        {
            progress = false;
            foreach (var i in members)
            {
                if (earned[i] || !GroupsMet(i, earned)) continue;
                earned[i] = true;
                done++;
                progress = true;
            }
        } while (progress && done < members.Length);
        return done;
    }

    /// <summary>
    /// Per candidate, the round in which it becomes earnable when every candidate may be taken (0: no unmet groups).
    /// Checking members in this order usually settles validity in one sweep.
    /// </summary>
    internal int[] Rank => _rank ??= BuildRank();

    private int[]? _rank;

    private int[] BuildRank()
    {
        var rank = new int[Count];
        Array.Fill(rank, int.MaxValue);
        var earned = new bool[Count];
        for (var round = 0; ; round++)
        {
            var added = new List<int>();
            for (var i = 0; i < Count; i++)
                if (!earned[i] && GroupsMet(i, earned)) added.Add(i);
            if (added.Count == 0) return rank;
            foreach (var i in added) { earned[i] = true; rank[i] = round; }
        }
    }

    private int[] ByRank(int[] members)
    {
        var rank = Rank;
        var keys = new long[members.Length];
        for (var k = 0; k < members.Length; k++) keys[k] = ((long)rank[members[k]] << 32) | (uint)members[k];
        Array.Sort(keys, members);
        return members;
    }

    public bool GroupsMet(int badge, bool[] earned)
    {
        foreach (var group in Groups[badge])
        {
            var met = false;
            foreach (var m in group)
                if (earned[m]) { met = true; break; }
            if (!met) return false;
        }
        return true;
    }

    public bool CoversAll(bool[] inSet)
    {
        foreach (var options in CoveredBy)
        {
            var met = false;
            foreach (var b in options)
                if (inSet[b]) { met = true; break; }
            if (!met) return false;
        }
        return true;
    }

    /// <summary>
    /// Drops members while the rest stays valid and still covers everything, trying the dearest first (then the lowest
    /// score, then the last id), until no member can go: the result is inclusion-minimal.
    /// </summary>
    public void Minimise(bool[] inSet)
    {
        var members = ByRank(Members(inSet));
        var order = members.OrderByDescending(i => Hours[i]).ThenBy(i => Scores[i]).ThenByDescending(i => i).ToArray();
        var coverCount = new int[RequirementCount];
        foreach (var m in members)
            foreach (var r in Covers[m]) coverCount[r]++;
        var earned = new bool[Count];
        bool removed;
        do
        {
            removed = false;
            foreach (var i in order)
            {
                if (!inSet[i] || Covers[i].Any(r => coverCount[r] < 2)) continue;
                inSet[i] = false;
                // Only a member that some other member lists as a prerequisite can break the order when it goes.
                if (Dependents[i].Any(d => inSet[d.Badge]) && !IsValidMembers(members, inSet, earned)) { inSet[i] = true; continue; }
                foreach (var r in Covers[i]) coverCount[r]--;
                removed = true;
            }
        } while (removed);
    }

    /// <summary>Validity of the members still in the set, using a scratch array that is left cleared.</summary>
    private bool IsValidMembers(int[] membersByRank, bool[] inSet, bool[] earned)
    {
        int pending = 0, done = 0;
        foreach (var i in membersByRank) if (inSet[i]) pending++;
        bool progress;
        do
        {
            progress = false;
            foreach (var i in membersByRank)
            {
                if (!inSet[i] || earned[i] || !GroupsMet(i, earned)) continue;
                earned[i] = true;
                done++;
                progress = true;
            }
        } while (progress && done < pending);
        foreach (var i in membersByRank) earned[i] = false;
        return done == pending;
    }

    /// <summary>
    /// Orders plans of equal quality deterministically: fewer hours, then the higher total model score, then the
    /// lexicographically smaller list of badge ids. Negative when <paramref name="a"/> is the better plan.
    /// </summary>
    public int ComparePlans(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var byHours = HoursOf(a).CompareTo(HoursOf(b));
        if (byHours != 0) return byHours;
        double scoreA = 0, scoreB = 0;
        foreach (var i in a.Order()) scoreA += Scores[i];
        foreach (var i in b.Order()) scoreB += Scores[i];
        if (Math.Abs(scoreA - scoreB) > 1e-12 * Math.Max(1, Math.Max(Math.Abs(scoreA), Math.Abs(scoreB))))
            return scoreB.CompareTo(scoreA);
        var sa = a.Order().ToArray();
        var sb = b.Order().ToArray();
        for (var k = 0; k < Math.Min(sa.Length, sb.Length); k++)
            if (sa[k] != sb[k]) return sa[k].CompareTo(sb[k]); // local indices follow badge-id order
        return sa.Length.CompareTo(sb.Length);
    }

    public static int[] Members(bool[] inSet)
    {
        var list = new List<int>();
        for (var i = 0; i < inSet.Length; i++) if (inSet[i]) list.Add(i);
        return [.. list];
    }

    public bool[] SetOf(IEnumerable<int> members)
    {
        var set = new bool[Count];
        foreach (var m in members) set[m] = true;
        return set;
    }
}
