using System.Numerics;

namespace SkillsGap.Core.Pathways;

/// <summary>
/// Exact least-hours cover with prerequisite closure, for at most 63 candidates (one bit each).
/// <para>
/// Reduction: an inclusion-minimal plan is a union of <i>minimal earnable sets</i>, one per covering badge it uses
/// (a badge plus a minimal set of prerequisites, one member per unmet OR-group, recursively, that can be earned in some
/// order). Those sets are enumerated once per covering badge. Requirements covered by the same badges are merged, and
/// a requirement whose covering badges include all of another's is dropped (covering the other covers it).
/// </para>
/// <para>
/// Branch and bound: the state is the union U of the chosen sets (its hours and coverage follow from U). Branch on
/// the uncovered requirement with the fewest options; each option adds one minimal earnable set of one covering
/// badge. Lower bound: requirements whose possible additions are pairwise disjoint must each be paid for separately,
/// so the sum of their cheapest additions (packed greedily, dearest first) bounds what is still to pay. States are
/// memoised, since U alone decides the rest of the search. Leaves are pruned to inclusion-minimal plans and compared
/// by hours, then model score, then badge ids. A heuristic plan seeds the bound.
/// </para>
/// </summary>
internal sealed class ExactCoverSearch
{
    public const int MaxCandidates = 63;
    private const int MaxSetsPerBadge = 512;
    private const int MaxEnumerationCalls = 200_000;

    private readonly PlanningProblem _problem;
    private readonly long _nodeLimit;
    private readonly Dictionary<(int, ulong), ulong[]?> _minimalSets = [];
    private int _enumerationCalls;

    private ulong[] _classCover = [];          // per class, the candidates that cover it
    private ulong[] _badgeClasses = [];        // per candidate, the classes it covers
    private Option[][] _options = [];          // per class, the ways to cover it
    private ulong _allClasses;
    private readonly HashSet<ulong> _visited = [];
    private long _nodes;
    private bool _aborted;

    private ulong _best;
    private decimal _bestHours;
    private bool _hasBest;

    private readonly record struct Option(ulong Mask, ulong Classes, int Badge);

    private ExactCoverSearch(PlanningProblem problem, long nodeLimit)
    {
        _problem = problem;
        _nodeLimit = nodeLimit;
    }

    /// <summary>
    /// The least-hours plan and whether it is proven optimal. <paramref name="seed"/> (a valid covering plan, or null)
    /// bounds the search. Returns the seed, unproven, when the instance is beyond exact search.
    /// </summary>
    public static (int[]? Plan, bool Proven) Solve(PlanningProblem problem, int[]? seed, long nodeLimit)
    {
        if (problem.Count > MaxCandidates) return (seed, false);
        var search = new ExactCoverSearch(problem, nodeLimit);
        if (seed is not null)
        {
            search._best = Mask(seed);
            search._bestHours = problem.HoursOf(seed);
            search._hasBest = true;
        }
        if (!search.Prepare()) return (seed, false);
        search.Search(0UL, 0m, 0UL);
        var plan = search._hasBest ? Members(search._best) : null;
        return (plan, !search._aborted);
    }

    private bool Prepare()
    {
        // Requirement classes: identical cover sets merged, dominated ones dropped.
        var covers = _problem.CoveredBy.Select(c => c.Aggregate(0UL, (m, i) => m | Bit(i))).Distinct().ToList();
        var kept = covers.Where(c => !covers.Any(o => o != c && (o & ~c) == 0)).OrderBy(c => c).ToArray();
        if (kept.Length > 64) return false;
        _classCover = kept;
        _allClasses = kept.Length == 64 ? ulong.MaxValue : (1UL << kept.Length) - 1;
        _badgeClasses = new ulong[_problem.Count];
        for (var k = 0; k < kept.Length; k++)
            foreach (var b in Members(kept[k])) _badgeClasses[b] |= 1UL << k;

        var optionsByBadge = new Dictionary<int, Option[]>();
        _options = new Option[kept.Length][];
        for (var k = 0; k < kept.Length; k++)
        {
            var options = new List<Option>();
            foreach (var b in Members(kept[k]))
            {
                if (!optionsByBadge.TryGetValue(b, out var forBadge))
                {
                    var sets = MinimalSets(b, 0UL);
                    if (sets is null) return false;
                    forBadge = sets.Select(s => new Option(s, ClassesOf(s), b)).ToArray();
                    optionsByBadge[b] = forBadge;
                }
                options.AddRange(forBadge);
            }
            _options[k] = [.. options.DistinctBy(o => o.Mask)];
        }
        return true;
    }

    /// <summary>All inclusion-minimal earnable sets that contain <paramref name="badge"/> and avoid <paramref name="path"/>; null past the caps.</summary>
    private ulong[]? MinimalSets(int badge, ulong path)
    {
        if (_minimalSets.TryGetValue((badge, path), out var cached)) return cached;
        if (++_enumerationCalls > MaxEnumerationCalls) return null;
        var sets = new List<ulong> { Bit(badge) };
        var inner = path | Bit(badge);
        foreach (var group in _problem.Groups[badge])
        {
            var choices = new List<ulong>();
            foreach (var m in group)
            {
                if ((inner & Bit(m)) != 0) continue;
                var sub = MinimalSets(m, inner);
                if (sub is null) return null;
                choices.AddRange(sub);
            }
            var next = new List<ulong>(sets.Count * Math.Max(1, choices.Count));
            foreach (var s in sets)
                foreach (var c in choices) next.Add(s | c);
            sets = RemoveSupersets(next);
            if (sets.Count > MaxSetsPerBadge) return null;
            if (sets.Count == 0) break;
        }
        var result = sets.ToArray();
        _minimalSets[(badge, path)] = result;
        return result;
    }

    private static List<ulong> RemoveSupersets(List<ulong> sets)
    {
        var sorted = sets.Distinct().OrderBy(BitOperations.PopCount).ThenBy(s => s).ToList();
        var result = new List<ulong>(sorted.Count);
        foreach (var s in sorted)
            if (!result.Any(r => (r & ~s) == 0)) result.Add(s);
        return result;
    }

    private void Search(ulong set, decimal hours, ulong covered)
    {
        if (_aborted) return;
        if (++_nodes > _nodeLimit) { _aborted = true; return; }
        if (!_visited.Add(set)) return;
        var uncovered = _allClasses & ~covered;
        if (uncovered == 0) { ConsiderLeaf(set); return; }

        // Lower bound and branching class in one pass.
        Span<(decimal Cheapest, ulong Reach, int Class)> open = stackalloc (decimal, ulong, int)[BitOperations.PopCount(uncovered)];
        var n = 0;
        int branchClass = -1, branchCount = int.MaxValue;
        foreach (var k in Members(uncovered))
        {
            decimal cheapest = decimal.MaxValue;
            ulong reach = 0;
            var count = 0;
            foreach (var option in _options[k])
            {
                var added = option.Mask & ~set;
                var cost = HoursOf(added);
                if (_hasBest && hours + cost > _bestHours) continue;
                count++;
                reach |= added;
                if (cost < cheapest) cheapest = cost;
            }
            if (count == 0) return;
            open[n++] = (cheapest, reach, k);
            if (count < branchCount) { branchCount = count; branchClass = k; }
        }
        if (_hasBest && hours + PackedBound(open[..n]) > _bestHours) return;

        var options = _options[branchClass]
            .Select(o => (Option: o, Added: HoursOf(o.Mask & ~set)))
            .OrderBy(x => x.Added).ThenByDescending(x => _problem.Scores[x.Option.Badge]).ThenBy(x => x.Option.Badge).ThenBy(x => x.Option.Mask)
            .ToArray();
        foreach (var (option, added) in options)
        {
            if (_hasBest && hours + added > _bestHours) break;
            Search(set | option.Mask, hours + added, covered | option.Classes);
            if (_aborted) return;
        }
    }

    private static decimal PackedBound(Span<(decimal Cheapest, ulong Reach, int Class)> open)
    {
        open.Sort(static (x, y) => y.Cheapest != x.Cheapest ? y.Cheapest.CompareTo(x.Cheapest) : x.Class.CompareTo(y.Class));
        decimal bound = 0;
        ulong used = 0;
        foreach (var (cheapest, reach, _) in open)
        {
            if ((reach & used) != 0) continue;
            used |= reach;
            bound += cheapest;
        }
        return bound;
    }

    private void ConsiderLeaf(ulong set)
    {
        var members = _problem.SetOf(Members(set));
        _problem.Minimise(members);
        var plan = PlanningProblem.Members(members);
        var hours = _problem.HoursOf(plan);
        if (_hasBest && (hours > _bestHours || (hours == _bestHours && _problem.ComparePlans(plan, Members(_best)) >= 0))) return;
        _best = Mask(plan);
        _bestHours = hours;
        _hasBest = true;
    }

    private ulong ClassesOf(ulong set)
    {
        ulong classes = 0;
        foreach (var b in Members(set)) classes |= _badgeClasses[b];
        return classes;
    }

    private decimal HoursOf(ulong set)
    {
        decimal sum = 0;
        while (set != 0)
        {
            sum += _problem.Hours[BitOperations.TrailingZeroCount(set)];
            set &= set - 1;
        }
        return sum;
    }

    private static ulong Bit(int i) => 1UL << i;

    private static ulong Mask(IEnumerable<int> members) => members.Aggregate(0UL, (m, i) => m | Bit(i));

    private static int[] Members(ulong set)
    {
        var result = new int[BitOperations.PopCount(set)];
        var n = 0;
        while (set != 0)
        {
            result[n++] = BitOperations.TrailingZeroCount(set);
            set &= set - 1;
        }
        return result;
    }
}
