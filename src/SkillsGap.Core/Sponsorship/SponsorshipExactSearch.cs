using System.Numerics;

namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// One person's best plans per budget: for each weighted gap they could close, the cheapest valid set of candidates
/// (prerequisites included) that closes it — only the points where more gap costs strictly more (a Pareto frontier),
/// starting with the empty plan.
/// </summary>
internal sealed class PersonFrontier
{
    public required int[] Value { get; init; }
    public required decimal[] Cost { get; init; }
    public required ulong[] Mask { get; init; }

    public int Count => Value.Length;
}

/// <summary>
/// Exact sponsorship planning. People are independent apart from the budget, so an optimal plan picks, for each
/// person, one point of their frontier (a multiple-choice knapsack).
/// <list type="number">
/// <item>Frontier of a person (at most 63 candidates, one bit each): every set of candidates costing at most the budget
/// is enumerated depth first, deciding candidates from the last prerequisite rank to the first, so that a candidate
/// that raises no level beyond those already chosen is tried only when some already-chosen candidate lists it as a
/// prerequisite (it can be skipped otherwise: a set holding it uselessly costs more for the same gap). Each complete
/// set is kept when its members can be earned in some order.</item>
/// <item>Branch and bound over people (most gap per hour first): each person takes one frontier point that fits, most
/// gap first. Bound: the gap already closed plus the linear relaxation of the rest — the upper concave hulls of the
/// remaining people's frontiers, filled by slope within what is left of the budget (rounded down, since gaps are whole
/// numbers). The greedy plan seeds the incumbent.</item>
/// </list>
/// Both steps stop at their limits; the caller then keeps the greedy plan.
/// </summary>
internal static class SponsorshipExactSearch
{
    public const int MaxCandidates = 63;

    /// <summary>
    /// The person's frontier up to <paramref name="capacity"/>, or null past the candidate cap, the shared work limit
    /// (<paramref name="work"/> counts up to <paramref name="limit"/>) or <paramref name="personLimit"/> plans of its own.
    /// </summary>
    public static PersonFrontier? Frontier(PersonProblem p, decimal capacity, ref long work, long limit, long personLimit = long.MaxValue)
    {
        var n = p.Count;
        if (n > MaxCandidates) return null;
        var groups = new ulong[n][];
        for (var k = 0; k < n; k++)
            groups[k] = [.. p.Problem.Groups[k].Select(g => g.Aggregate(0UL, (m, i) => m | (1UL << i)))];

        // Decided last prerequisite rank first, so that a candidate's dependents are decided before it where they can be.
        var decision = p.Order;
        var order = decision.Order;
        var dependentsFirst = decision.DependentsFirst;
        var dependents = new ulong[n];
        for (var k = 0; k < n; k++)
            foreach (var g in groups[k])
                for (var m = g; m != 0; m &= m - 1) dependents[BitOperations.TrailingZeroCount(m)] |= 1UL << k;

        var bestCost = new decimal[p.Coverable + 1];
        var bestMask = new ulong[p.Coverable + 1];
        Array.Fill(bestCost, decimal.MaxValue);
        var cost = p.Cost;
        var aborted = false;
        var done = work;
        var own = 0L;
        var levels = (byte[])p.Attained.Clone();
        var undo = new Stack<(int Requirement, byte Level)>();

        void Visit(int at, ulong mask, decimal spent)
        {
            if (aborted) return;
            if (++done > limit || ++own > personLimit) { aborted = true; return; }
            if (at == n)
            {
                if (!Valid(groups, mask)) return;
                var value = 0;
                for (var r = 0; r < levels.Length; r++) value += p.Weight[r] * (levels[r] - p.Attained[r]);
                if (spent < bestCost[value]) { bestCost[value] = spent; bestMask[value] = mask; }
                return;
            }
            var k = order[at];
            // Candidates are decided dependents first: one that adds no level to those already chosen, and that no chosen
            // candidate needs (when all that could need it are decided), would only make a set dearer for the same gap.
            var useful = (mask & dependents[k]) != 0 || !dependentsFirst[k] || p.Raises(k, levels);
            if (useful && spent + cost[k] <= capacity)
            {
                var mark = undo.Count;
                for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
                {
                    var r = p.RaiseRequirement[j];
                    if (p.RaiseLevel[j] <= levels[r]) continue;
                    undo.Push((r, levels[r]));
                    levels[r] = p.RaiseLevel[j];
                }
                Visit(at + 1, mask | (1UL << k), spent + cost[k]);
                while (undo.Count > mark)
                {
                    var (r, level) = undo.Pop();
                    levels[r] = level;
                }
            }
            Visit(at + 1, mask, spent);
        }

        Visit(0, 0, 0m);
        work = done;
        if (aborted) return null;

        var values = new List<int>();
        var costs = new List<decimal>();
        var masks = new List<ulong>();
        var cheapestAbove = decimal.MaxValue;
        for (var v = bestCost.Length - 1; v >= 0; v--)
        {
            if (bestCost[v] >= cheapestAbove) continue;
            cheapestAbove = bestCost[v];
            values.Add(v);
            costs.Add(bestCost[v]);
            masks.Add(bestMask[v]);
        }
        values.Reverse();
        costs.Reverse();
        masks.Reverse();
        if (values[0] != 0 || costs[0] != 0m)
        {
            // The empty plan stays the first point even when a free badge dominates it: "nothing for this person".
            values.Insert(0, 0);
            costs.Insert(0, 0m);
            masks.Insert(0, 0UL);
        }
        return new PersonFrontier { Value = [.. values], Cost = [.. costs], Mask = [.. masks] };
    }

    private static bool Met(ulong[] groups, ulong earned)
    {
        foreach (var g in groups)
            if ((g & earned) == 0) return false;
        return true;
    }

    /// <summary>True when the members can be earned in some order: each one's groups met by held badges (already removed) or earlier members.</summary>
    internal static bool Valid(ulong[][] groups, ulong mask)
    {
        ulong earned = 0;
        bool progress;
        do
        {
            progress = false;
            for (var m = mask & ~earned; m != 0; m &= m - 1)
            {
                var k = BitOperations.TrailingZeroCount(m);
                if (!Met(groups[k], earned)) continue;
                earned |= 1UL << k;
                progress = true;
            }
        } while (progress && earned != mask);
        return earned == mask;
    }

    /// <summary>One segment of a person's upper concave hull: Δcost for Δvalue.</summary>
    private readonly record struct Segment(int Person, decimal Cost, int Value)
    {
        public double Slope => Cost > 0 ? Value / (double)Cost : double.PositiveInfinity;
    }

    /// <summary>
    /// The best choice of one frontier point per person within the budget, if it closes more than
    /// <paramref name="incumbent"/>: the point index per person (null when nothing beats the incumbent), whether the
    /// search finished (proving the result), and the nodes visited.
    /// </summary>
    public static (int[]? Choice, bool Proven, long Nodes) Solve(IReadOnlyList<PersonFrontier> frontiers, decimal budget, long incumbent, long nodeLimit)
    {
        var people = frontiers.Count;
        var hulls = new Segment[people][];
        for (var j = 0; j < people; j++) hulls[j] = Hull(j, frontiers[j]);
        // People with the steepest first hull segment are decided first: their choices move the bound most.
        var order = Enumerable.Range(0, people)
            .OrderByDescending(j => hulls[j].Length > 0 ? hulls[j][0].Slope : -1).ThenBy(j => j).ToArray();
        var depthOf = new int[people];
        for (var d = 0; d < people; d++) depthOf[order[d]] = d;
        var segments = hulls.SelectMany(h => h).ToList();
        segments.Sort(BySlope);

        var best = incumbent;
        int[]? bestChoice = null;
        var choice = new int[people];
        long nodes = 0;
        var aborted = false;

        void Visit(int depth, decimal left, long value)
        {
            if (aborted) return;
            if (++nodes > nodeLimit) { aborted = true; return; }
            if (value > best)
            {
                best = value;
                bestChoice = new int[people];
                for (var d = 0; d < depth; d++) bestChoice[order[d]] = choice[order[d]];
            }
            if (depth == people) return;
            var bound = value + (long)Math.Floor(Fill(segments, s => depthOf[s.Person] >= depth, left) + 1e-9);
            if (bound <= best) return;
            var j = order[depth];
            var f = frontiers[j];
            for (var i = f.Count - 1; i >= 0; i--)
            {
                if (f.Cost[i] > left) continue;
                choice[j] = i;
                Visit(depth + 1, left - f.Cost[i], value + f.Value[i]);
                if (aborted) return;
            }
            choice[j] = 0;
        }

        Visit(0, budget, 0);
        return (bestChoice, !aborted, nodes);
    }

    /// <summary>The upper concave hull of a frontier from the empty plan, as (Δcost, Δvalue) segments of falling slope.</summary>
    public static IEnumerable<(double Cost, int Value)> HullOf(PersonFrontier f) =>
        Hull(0, f).Select(s => ((double)s.Cost, s.Value));

    private static Segment[] Hull(int person, PersonFrontier f)
    {
        // Upper concave hull of the frontier points from (0, 0), by cost.
        var hull = new List<int> { 0 };
        for (var i = 1; i < f.Count; i++)
        {
            while (hull.Count >= 2)
            {
                int a = hull[^2], b = hull[^1];
                // Drop b when it lies on or below the chord from a to i.
                var left = (f.Value[b] - f.Value[a]) * (f.Cost[i] - f.Cost[a]);
                var right = (f.Value[i] - f.Value[a]) * (f.Cost[b] - f.Cost[a]);
                if (left > right) break;
                hull.RemoveAt(hull.Count - 1);
            }
            hull.Add(i);
        }
        var segments = new Segment[hull.Count - 1];
        for (var s = 1; s < hull.Count; s++)
            segments[s - 1] = new Segment(person, f.Cost[hull[s]] - f.Cost[hull[s - 1]], f.Value[hull[s]] - f.Value[hull[s - 1]]);
        return segments;
    }

    private static int BySlope(Segment a, Segment b)
    {
        var bySlope = b.Slope.CompareTo(a.Slope);
        return bySlope != 0 ? bySlope : a.Person.CompareTo(b.Person);
    }

    private static double Fill(List<Segment> sorted, Func<Segment, bool> include, decimal budget)
    {
        double value = 0;
        var left = budget;
        foreach (var s in sorted)
        {
            if (!include(s)) continue;
            if (s.Cost <= left)
            {
                value += s.Value;
                left -= s.Cost;
                continue;
            }
            if (left > 0) value += s.Value * (double)(left / s.Cost);
            break;
        }
        return value;
    }
}
