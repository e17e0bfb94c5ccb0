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
/// Repeat until no such move helps.</item>
/// </list>
/// </summary>
internal static class GreedyCoverHeuristic
{
    private const int MaxImprovementRounds = 64;

    public static int[]? Solve(PlanningProblem problem)
    {
        var plan = new bool[problem.Count];
        if (!Complete(problem, plan, forbidden: null)) return null;
        problem.Minimise(plan);
        Improve(problem, plan);
        return PlanningProblem.Members(plan);
    }

    private static void Improve(PlanningProblem problem, bool[] plan)
    {
        var hours = problem.HoursOf(PlanningProblem.Members(plan));
        for (var round = 0; round < MaxImprovementRounds; round++)
        {
            var improved = false;
            var members = PlanningProblem.Members(plan)
                .OrderByDescending(i => problem.Hours[i]).ThenBy(i => i).ToArray();
            foreach (var drop in members)
            {
                var trial = (bool[])plan.Clone();
                trial[drop] = false;
                trial = problem.EarnableSubset(trial);
                var forbidden = new bool[problem.Count];
                forbidden[drop] = true;
                if (!Complete(problem, trial, forbidden)) continue;
                problem.Minimise(trial);
                var trialHours = problem.HoursOf(PlanningProblem.Members(trial));
                if (trialHours >= hours) continue;
                Array.Copy(trial, plan, plan.Length);
                hours = trialHours;
                improved = true;
                break;
            }
            if (!improved) return;
        }
    }

    /// <summary>Adds closures greedily until every requirement is covered; false when some cannot be.</summary>
    private static bool Complete(PlanningProblem problem, bool[] plan, bool[]? forbidden)
    {
        var covered = new bool[problem.RequirementCount];
        var uncovered = problem.RequirementCount;
        for (var b = 0; b < problem.Count; b++)
            if (plan[b]) Mark(problem, b, covered, ref uncovered);

        var inClosure = new bool[problem.Count];
        var closure = new List<int>();
        var seenRequirement = new bool[problem.RequirementCount];
        while (uncovered > 0)
        {
            var costs = ClosureCosts.Compute(problem, plan, forbidden);
            int best = -1;
            double bestRatio = double.NegativeInfinity;
            List<int>? bestClosure = null;
            for (var b = 0; b < problem.Count; b++)
            {
                if (plan[b] || !costs.Reachable(b) || !CoversUncovered(problem, b, covered)) continue;
                closure.Clear();
                costs.Collect(b, plan, inClosure, closure);
                decimal hours = 0;
                var gain = 0;
                foreach (var c in closure)
                {
                    hours += problem.Hours[c];
                    foreach (var r in problem.Covers[c])
                        if (!covered[r] && !seenRequirement[r]) { seenRequirement[r] = true; gain += problem.Value[r]; }
                }
                foreach (var c in closure)
                {
                    inClosure[c] = false;
                    foreach (var r in problem.Covers[c]) seenRequirement[r] = false;
                }
                var ratio = hours == 0 ? double.PositiveInfinity : gain / (double)hours;
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
/// never loops.
/// </summary>
internal sealed class ClosureCosts
{
    private readonly PlanningProblem _problem;
    private readonly decimal[] _cost;
    private readonly bool[] _settled;
    private readonly int[][] _choice;

    private ClosureCosts(PlanningProblem problem)
    {
        _problem = problem;
        _cost = new decimal[problem.Count];
        _settled = new bool[problem.Count];
        _choice = new int[problem.Count][];
    }

    public bool Reachable(int badge) => _settled[badge];

    public static ClosureCosts Compute(PlanningProblem problem, bool[] plan, bool[]? forbidden)
    {
        var result = new ClosureCosts(problem);
        var dependents = problem.Dependents;
        var open = new int[problem.Count];
        var queue = new PriorityQueue<int, (decimal Cost, double Score, int Index)>(Comparer<(decimal Cost, double Score, int Index)>.Create(
            static (x, y) => x.Cost != y.Cost ? x.Cost.CompareTo(y.Cost) : x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Index.CompareTo(y.Index)));
        for (var b = 0; b < problem.Count; b++)
        {
            result._choice[b] = new int[problem.Groups[b].Length];
            Array.Fill(result._choice[b], -1);
            open[b] = problem.Groups[b].Length;
            if (plan[b]) queue.Enqueue(b, (0m, problem.Scores[b], b));
            else if (open[b] == 0 && (forbidden is null || !forbidden[b]))
                queue.Enqueue(b, (problem.Hours[b], problem.Scores[b], b));
        }
        while (queue.TryDequeue(out var b, out var priority))
        {
            if (result._settled[b]) continue;
            result._settled[b] = true;
            result._cost[b] = priority.Cost;
            foreach (var (j, g) in dependents[b])
            {
                if (result._settled[j] || result._choice[j][g] >= 0) continue;
                result._choice[j][g] = b;
                if (--open[j] > 0 || plan[j] || (forbidden is not null && forbidden[j])) continue;
                var cost = problem.Hours[j];
                foreach (var m in result._choice[j]) cost += result._cost[m];
                queue.Enqueue(j, (cost, problem.Scores[j], j));
            }
        }
        return result;
    }

    /// <summary>Appends the badge and the unplanned prerequisites its cheapest choices need, each once.</summary>
    public void Collect(int badge, bool[] plan, bool[] seen, List<int> into)
    {
        if (plan[badge] || seen[badge]) return;
        seen[badge] = true;
        foreach (var m in _choice[badge]) Collect(m, plan, seen, into);
        into.Add(badge);
    }
}
