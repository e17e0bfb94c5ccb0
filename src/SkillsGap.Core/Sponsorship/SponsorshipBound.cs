namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// An upper bound on the weighted gap any plan within the budget can close, cheap enough for 100,000 people.
/// <para>
/// Cost sharing: each candidate's budget cost is split over the gap requirements of its person — a badge that raises
/// requirements, over the levels it raises (in proportion); a badge that raises nothing (a pure prerequisite), equally
/// over the requirements that the badges needing it (directly or through other pure prerequisites) raise. Shares of a
/// badge add up to its cost, so for any valid plan S, Σ over requirements r of share_r(S) ≤ cost(S).
/// </para>
/// <para>
/// Per requirement r: reaching level l needs some badge k attesting ≥ l with an earnable closure, so share_r(S) ≥
/// LB_r(k), where LB_r(k) is the larger of (a) the shares of k's mandatory closure (k and, recursively, the members of
/// its one-badge prerequisite groups — all in S whenever k is) and (b) share_r(k) + the largest, over k's groups, of the
/// cheapest member's LB_r (AND-OR shortest paths with max for AND, computed in Knuth's order). So each requirement is an
/// independent choice of a level l at cost K_r(l) = min LB_r(k) over the badges reaching l, worth weight · (l − attained).
/// </para>
/// <para>
/// The bound is the linear relaxation of that multiple-choice knapsack over every person's requirements (the upper
/// concave hull of each requirement's levels, filled by slope within the budget), never more than what the
/// catalogue can close at all.
/// </para>
/// </summary>
internal static class SponsorshipBound
{
    private readonly record struct Segment(double Cost, int Value)
    {
        public double Slope => Cost > 0 ? Value / Cost : double.PositiveInfinity;
    }

    /// <summary>
    /// The bound for <paramref name="people"/> within <paramref name="budget"/>, from each person's requirement levels
    /// (<see cref="Levels"/>, by position). Where a person's exact frontier is known (<paramref name="frontiers"/>, null
    /// entries unknown), its concave hull is used instead: both are concave upper envelopes of what that person's
    /// plans can close for their cost. Also returns the slope (gap per hour) at which the budget runs out.
    /// </summary>
    public static (double Bound, double Slope) Compute(IReadOnlyList<PersonProblem> people,
        IReadOnlyList<(double Cost, int Value)[][]> levels, decimal budget, IReadOnlyList<PersonFrontier?>? frontiers = null)
    {
        var perPerson = new Segment[people.Count][];
        SponsorshipGreedy.ForEach(people.Count, i => perPerson[i] = frontiers?[i] is { } frontier
            ? [.. SponsorshipExactSearch.HullOf(frontier).Select(s => new Segment(s.Cost, s.Value))]
            : Segments(levels[i]));
        var all = perPerson.SelectMany(s => s).ToArray();
        Array.Sort(all, (a, b) => b.Slope.CompareTo(a.Slope));
        double value = 0, slope = 0;
        var left = (double)budget;
        foreach (var s in all)
        {
            slope = s.Slope;
            if (s.Cost <= left)
            {
                value += s.Value;
                left -= s.Cost;
                continue;
            }
            if (left > 0) value += s.Value * (left / s.Cost);
            break;
        }
        return (Math.Min(value, people.Sum(p => (double)p.Coverable)), slope);
    }

    /// <summary>The hull segments of every gap requirement of one person.</summary>
    private static Segment[] Segments((double Cost, int Value)[][] requirementLevels)
    {
        var segments = new List<Segment>();
        foreach (var levels in requirementLevels) AddHull(levels, segments);
        return [.. segments];
    }

    /// <summary>
    /// The cost-sharing relaxation of one person's best net gain at a price of <paramref name="lambda"/> per budget
    /// hour: Σ over requirements of the best weight · levels − λ · K_r(level), never below 0. An upper bound on
    /// max over plans S of (gap closed − λ · cost(S)).
    /// </summary>
    public static double RelaxedNet((double Cost, int Value)[][] levels, double lambda)
    {
        double net = 0;
        foreach (var points in levels)
        {
            double best = 0;
            for (var i = 1; i < points.Length; i++) best = Math.Max(best, points[i].Value - lambda * points[i].Cost);
            net += best;
        }
        return net;
    }

    /// <summary>Per gap requirement of one person, the points (K_r(l), weight · (l − attained)) from (0, 0) up to the goal level.</summary>
    public static (double Cost, int Value)[][] Levels(PersonProblem p)
    {
        var n = p.Count;
        var gaps = p.GapCount;
        var cost = p.CostValue;
        var result = new (double Cost, int Value)[gaps][];

        // The share of each raise (candidate k, requirement r): the candidate's cost in proportion to the levels it raises.
        var raiseShare = new double[p.RaiseRequirement.Length];
        for (var k = 0; k < n; k++)
        {
            var steps = 0;
            for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++) steps += p.RaiseLevel[j] - p.Attained[p.RaiseRequirement[j]];
            for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
                raiseShare[j] = cost[k] * (p.RaiseLevel[j] - p.Attained[p.RaiseRequirement[j]]) / steps;
        }
        if (!p.HasPrerequisites)
        {
            // Every candidate is earnable alone: K_r(l) is the cheapest share of a candidate reaching l.
            for (var r = 0; r < gaps; r++)
            {
                var levels = new List<(double Cost, int Value)>(p.Goal[r] - p.Attained[r] + 1) { (0, 0) };
                for (var l = p.Attained[r] + 1; l <= p.Goal[r]; l++)
                {
                    var cheapest = double.PositiveInfinity;
                    foreach (var k in p.Problem.CoveredBy[r])
                        for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
                            if (p.RaiseRequirement[j] == r && p.RaiseLevel[j] >= l && raiseShare[j] < cheapest) cheapest = raiseShare[j];
                    if (double.IsPositiveInfinity(cheapest)) break;
                    levels.Add((cheapest, p.Weight[r] * (l - p.Attained[r])));
                }
                result[r] = [.. levels];
            }
            return result;
        }

        var groups = p.Problem.Groups;
        // share[k·gaps + r]: a raising candidate's shares from its raises; a pure prerequisite's cost spread equally over
        // the requirements that the badges needing it serve (directly or through other pure prerequisites).
        var share = new double[n * gaps];
        var own = new bool[n];
        var served = new bool[n * gaps];
        for (var k = 0; k < n; k++)
            for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
            {
                own[k] = true;
                served[k * gaps + p.RaiseRequirement[j]] = true;
                share[k * gaps + p.RaiseRequirement[j]] += raiseShare[j];
            }
        bool changed;
        do
        {
            changed = false;
            for (var d = 0; d < n; d++)
                foreach (var g in groups[d])
                    foreach (var m in g)
                    {
                        if (own[m]) continue;
                        for (var r = 0; r < gaps; r++)
                            if (served[d * gaps + r] && !served[m * gaps + r]) { served[m * gaps + r] = true; changed = true; }
                    }
        } while (changed);
        for (var k = 0; k < n; k++)
        {
            if (own[k]) continue;
            var count = 0;
            for (var r = 0; r < gaps; r++) if (served[k * gaps + r]) count++;
            for (var r = 0; r < gaps && count > 0; r++)
                if (served[k * gaps + r]) share[k * gaps + r] = cost[k] / count;
        }

        // Mandatory closures: k and, recursively, the members of its one-badge groups.
        var mandatory = new List<int>[n];
        for (var k = 0; k < n; k++)
        {
            var set = new List<int> { k };
            for (var x = 0; x < set.Count; x++)
                foreach (var g in groups[set[x]])
                    if (g.Length == 1 && !set.Contains(g[0])) set.Add(g[0]);
            mandatory[k] = set;
        }

        var dependents = p.Problem.Dependents;
        var lower = new double[n];
        var path = new double[n];
        var settled = new bool[n];
        var open = new int[n];
        var groupBest = new double[n][];
        for (var k = 0; k < n; k++) groupBest[k] = new double[groups[k].Length];
        var queue = new PriorityQueue<int, double>();
        for (var r = 0; r < gaps; r++)
        {
            // path_r(k) = share_r(k) + max over groups of the cheapest member's path_r, in Knuth's settling order.
            Array.Clear(settled);
            queue.Clear();
            for (var k = 0; k < n; k++)
            {
                open[k] = groups[k].Length;
                Array.Fill(groupBest[k], double.NaN);
                if (open[k] == 0) queue.Enqueue(k, share[k * gaps + r]);
            }
            while (queue.TryDequeue(out var k, out var value))
            {
                if (settled[k]) continue;
                settled[k] = true;
                path[k] = value;
                foreach (var (d, g) in dependents[k])
                {
                    if (settled[d] || !double.IsNaN(groupBest[d][g])) continue;
                    groupBest[d][g] = value;
                    if (--open[d] > 0) continue;
                    queue.Enqueue(d, share[d * gaps + r] + groupBest[d].Max());
                }
            }
            for (var k = 0; k < n; k++)
            {
                double m = 0;
                foreach (var x in mandatory[k]) m += share[x * gaps + r];
                lower[k] = settled[k] ? Math.Max(path[k], m) : double.PositiveInfinity;
            }
            var levels = new List<(double Cost, int Value)>();
            AddLevels(p, r, lower, levels);
            result[r] = [.. levels];
        }
        return result;
    }

    /// <summary>K_r(l) for l above the attained level: the cheapest lower bound over the candidates reaching level l.</summary>
    private static void AddLevels(PersonProblem p, int r, double[] lower, List<(double Cost, int Value)> levels)
    {
        levels.Add((0, 0));
        var attained = p.Attained[r];
        var covering = p.Problem.CoveredBy[r];
        for (var l = attained + 1; l <= p.Goal[r]; l++)
        {
            var cheapest = double.PositiveInfinity;
            foreach (var k in covering)
                for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
                    if (p.RaiseRequirement[j] == r && p.RaiseLevel[j] >= l && lower[k] < cheapest) cheapest = lower[k];
            if (double.IsPositiveInfinity(cheapest)) break;
            levels.Add((cheapest, p.Weight[r] * (l - attained)));
        }
    }

    /// <summary>Appends the segments of the upper concave hull of points sorted by value (costs non-decreasing).</summary>
    private static void AddHull((double Cost, int Value)[] points, List<Segment> into)
    {
        var hull = new List<int> { 0 };
        for (var i = 1; i < points.Length; i++)
        {
            while (hull.Count >= 2)
            {
                int a = hull[^2], b = hull[^1];
                var left = (points[b].Value - points[a].Value) * (points[i].Cost - points[a].Cost);
                var right = (points[i].Value - points[a].Value) * (points[b].Cost - points[a].Cost);
                if (left > right) break;
                hull.RemoveAt(hull.Count - 1);
            }
            hull.Add(i);
        }
        for (var s = 1; s < hull.Count; s++)
            into.Add(new Segment(points[hull[s]].Cost - points[hull[s - 1]].Cost, points[hull[s]].Value - points[hull[s - 1]].Value));
    }
}
