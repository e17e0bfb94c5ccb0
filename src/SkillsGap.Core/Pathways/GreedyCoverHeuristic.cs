namespace SkillsGap.Core.Pathways;

/// <summary>
/// The planner's heuristic for instances too large for exact search.
/// <list type="number">
/// <item>Greedy: while a requirement is uncovered, take the candidate whose "closure" (the badge plus the prerequisites
/// it still lacks, cheapest alternative per OR-group) closes the most weight × gap per hour of the whole closure;
/// ties by model score, then badge id. Closure costs are the AND-OR shortest-path costs of Knuth's generalisation of
/// Dijkstra (a badge costs its hours plus the cheapest member of each unmet group), and the hours actually charged
/// count a shared prerequisite once.</item>
/// <item>Pruning: drop the dearest badges that are redundant (the rest still valid and covering) until none is.</item>
/// <item>Local improvement: for each badge of the plan, dearest first, remove it (and whatever then loses its
/// prerequisites), forbid it, complete greedily again and prune; keep the change when the total hours fall.
/// Repeat passes until one finds no such move (at most 3).</item>
/// </list>
/// </summary>
internal static class GreedyCoverHeuristic
{
    private const int MaxImprovementRounds = 3;

    public static int[]? Solve(PlanningProblem problem)
    {
        var costs = new ClosureCosts(problem);
        var plan = new bool[problem.Count];
        if (!Complete(problem, costs, plan, forbidden: null)) return null;
        problem.Minimise(plan);
        Improve(problem, costs, plan);
        return PlanningProblem.Members(plan);
    }

    private static void Improve(PlanningProblem problem, ClosureCosts costs, bool[] plan)
    {
        var hours = problem.HoursOf(PlanningProblem.Members(plan));
        var forbidden = new bool[problem.Count];
        for (var round = 0; round < MaxImprovementRounds; round++)
        {
            var improved = false;
            var members = PlanningProblem.Members(plan)
                .OrderByDescending(i => problem.Hours[i]).ThenBy(i => i).ToArray();
            foreach (var drop in members)
            {
                if (!plan[drop] || problem.Hours[drop] == 0) continue;
                var trial = (bool[])plan.Clone();
                trial[drop] = false;
                trial = problem.EarnableSubset(trial);
                forbidden[drop] = true;
                var completed = Complete(problem, costs, trial, forbidden);
                forbidden[drop] = false;
                if (!completed) continue;
                problem.Minimise(trial);
                var trialHours = problem.HoursOf(PlanningProblem.Members(trial));
                if (trialHours >= hours) continue;
                Array.Copy(trial, plan, plan.Length);
                hours = trialHours;
                improved = true;
            }
            if (!improved) return;
        }
    }

    /// <summary>Adds closures greedily until every requirement is covered; false when some cannot be.</summary>
    private static bool Complete(PlanningProblem problem, ClosureCosts costs, bool[] plan, bool[]? forbidden)
    {
        var covered = new bool[problem.RequirementCount];
        var uncovered = problem.RequirementCount;
        for (var b = 0; b < problem.Count; b++)
            if (plan[b]) Mark(problem, b, covered, ref uncovered);

        var needed = new bool[problem.Count];
        var stack = new Stack<int>();
        var inClosure = new bool[problem.Count];
        var closure = new List<int>();
        var seenRequirement = new bool[problem.RequirementCount];
        while (uncovered > 0)
        {
            // Only the covering badges of what is still uncovered, and their unplanned prerequisites, need a cost.
            Array.Clear(needed);
            for (var r = 0; r < covered.Length; r++)
                if (!covered[r])
                    foreach (var b in problem.CoveredBy[r])
                        if (!plan[b] && !needed[b]) { needed[b] = true; stack.Push(b); }
            while (stack.TryPop(out var b))
                foreach (var group in problem.Groups[b])
                    foreach (var m in group)
                        if (!plan[m] && !needed[m]) { needed[m] = true; stack.Push(m); }
            costs.Compute(plan, forbidden, needed);
            int best = -1;
            double bestRatio = double.NegativeInfinity;
            List<int>? bestClosure = null;
            for (var b = 0; b < problem.Count; b++)
            {
                if (plan[b] || !needed[b] || !costs.Reachable(b) || !CoversUncovered(problem, b, covered)) continue;
                closure.Clear();
                costs.Collect(b, plan, inClosure, closure);
                double hours = 0;
                var gain = 0;
                foreach (var c in closure)
                {
                    hours += (double)problem.Hours[c];
                    foreach (var r in problem.Covers[c])
                        if (!covered[r] && !seenRequirement[r]) { seenRequirement[r] = true; gain += problem.Value[r]; }
                }
                foreach (var c in closure)
                {
                    inClosure[c] = false;
                    foreach (var r in problem.Covers[c]) seenRequirement[r] = false;
                }
                var ratio = hours == 0 ? double.PositiveInfinity : gain / hours;
                if (best < 0 || ratio > bestRatio || (ratio == bestRatio && problem.Scores[b] > problem.Scores[best]))
                {
                    best = b;
                    bestRatio = ratio;
                    bestClosure = [.. closure];
                }
            }
            if (bestClosure is null) return false;
            foreach (var c in bestClosure)
            {
                plan[c] = true;
                Mark(problem, c, covered, ref uncovered);
            }
        }
        return true;
    }

    private static bool CoversUncovered(PlanningProblem problem, int badge, bool[] covered)
    {
        foreach (var r in problem.Covers[badge])
            if (!covered[r]) return true;
        return false;
    }

    private static void Mark(PlanningProblem problem, int badge, bool[] covered, ref int uncovered)
    {
        foreach (var r in problem.Covers[badge])
            if (!covered[r]) { covered[r] = true; uncovered--; }
    }
}

/// <summary>
/// Cheapest way to make each candidate earnable given a partial plan: Knuth's algorithm for AND-OR graphs. A planned
/// badge costs 0; otherwise cost = hours + Σ over unmet groups of the cheapest member. Nodes are settled in order of
/// cost (then higher score, then id), and each group remembers the first member settled, so following those choices
/// never loops. A workspace: one instance is reused across the rounds of a greedy pass.
/// </summary>
internal sealed class ClosureCosts
{
    private readonly PlanningProblem _problem;
    private readonly double[] _hours;
    private readonly double[] _cost;
    private readonly bool[] _settled;
    private readonly int[] _groupStart;
    private readonly int[] _choice;
    private readonly int[] _open;
    private readonly PriorityQueue<int, (double Cost, double Score, int Index)> _queue;

    public ClosureCosts(PlanningProblem problem)
    {
        _problem = problem;
        var n = problem.Count;
        _hours = problem.Hours.Select(h => (double)h).ToArray();
        _cost = new double[n];
        _settled = new bool[n];
        _open = new int[n];
        _groupStart = new int[n + 1];
        for (var b = 0; b < n; b++) _groupStart[b + 1] = _groupStart[b] + problem.Groups[b].Length;
        _choice = new int[_groupStart[n]];
        _queue = new(n, Comparer<(double Cost, double Score, int Index)>.Create(
            static (x, y) => x.Cost != y.Cost ? x.Cost.CompareTo(y.Cost) : x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Index.CompareTo(y.Index)));
    }

    public bool Reachable(int badge) => _settled[badge];

    /// <summary>Costs of the badges marked <paramref name="needed"/> (which must be closed under unplanned prerequisites).</summary>
    public void Compute(bool[] plan, bool[]? forbidden, bool[] needed)
    {
        var problem = _problem;
        var dependents = problem.Dependents;
        Array.Clear(_settled);
        Array.Fill(_choice, -1);
        _queue.Clear();
        for (var b = 0; b < problem.Count; b++)
        {
            _open[b] = problem.Groups[b].Length;
            if (plan[b]) _queue.Enqueue(b, (0, problem.Scores[b], b));
            else if (_open[b] == 0 && needed[b] && (forbidden is null || !forbidden[b]))
                _queue.Enqueue(b, (_hours[b], problem.Scores[b], b));
        }
        while (_queue.TryDequeue(out var b, out var priority))
        {
            if (_settled[b]) continue;
            _settled[b] = true;
            _cost[b] = priority.Cost;
            foreach (var (j, g) in dependents[b])
            {
                if (_settled[j] || _choice[_groupStart[j] + g] >= 0) continue;
                _choice[_groupStart[j] + g] = b;
                if (--_open[j] > 0 || plan[j] || !needed[j] || (forbidden is not null && forbidden[j])) continue;
                var cost = _hours[j];
                for (var k = _groupStart[j]; k < _groupStart[j + 1]; k++) cost += _cost[_choice[k]];
                _queue.Enqueue(j, (cost, problem.Scores[j], j));
            }
        }
    }

    /// <summary>Appends the badge and the unplanned prerequisites its cheapest choices need, each once (prerequisites first).</summary>
    public void Collect(int badge, bool[] plan, bool[] seen, List<int> into)
    {
        if (plan[badge] || seen[badge]) return;
        seen[badge] = true;
        for (var k = _groupStart[badge]; k < _groupStart[badge + 1]; k++) Collect(_choice[k], plan, seen, into);
        into.Add(badge);
    }
}
