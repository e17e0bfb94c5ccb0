using SkillsGap.Core.Pathways;

namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// The planner's greedy rule, for groups or budgets too large for exact search.
/// <list type="number">
/// <item>A <i>move</i> sponsors, for one person, a badge together with the prerequisites they still lack (the cheapest
/// alternative per either-or group, found by the pathway planner's AND-OR cheapest-closure search; a prerequisite
/// already chosen for that person costs nothing). It is worth the weighted gap the whole closure closes and costs the
/// budget hours of its badges.</item>
/// <item>Repeatedly take, over all people, the move that closes the most weighted gap per budget hour among those that
/// fit in what is left (ties: more gap closed, then the person met first, then badge id). People are independent apart
/// from the budget, so after a move only that person's best move is recomputed; a stored move that no longer fits is
/// recomputed against what is left when it comes up.</item>
/// <item>Like every ratio greedy for budgeted coverage, this can be fooled by one large move that the ratio order
/// crowds out; when the single move closing the most gap within the budget beats the whole greedy plan, the greedy is
/// run again starting from that move.</item>
/// </list>
/// </summary>
internal static class SponsorshipGreedy
{
    /// <summary>One person's state during the greedy: the chosen candidates (a valid set) and the levels they reach.</summary>
    internal sealed class PersonState(PersonProblem problem)
    {
        public PersonProblem Problem { get; } = problem;
        public bool[] Plan { get; } = new bool[problem.Count];
        public byte[] Levels { get; } = (byte[])problem.Attained.Clone();
        public int Value { get; set; }
        public decimal Cost { get; set; }

        public void Apply(Move move)
        {
            foreach (var k in move.Closure)
            {
                Plan[k] = true;
                Problem.Raise(Levels, k);
            }
            Value += move.Gain;
            Cost += move.Cost;
        }
    }

    /// <summary>A closure of candidates for one person: the badge, its missing prerequisites, their cost and the gap closed.</summary>
    internal readonly record struct Move(int Person, int Badge, int[] Closure, decimal Cost, int Gain)
    {
        public double Ratio => Cost > 0 ? Gain / (double)Cost : double.PositiveInfinity;
    }

    /// <summary>
    /// The greedy plan over <paramref name="people"/> within <paramref name="budget"/>: one state per person, in order,
    /// and the gap per hour of the last move taken (0 when none was).
    /// </summary>
    public static (PersonState[] States, double LastRatio) Solve(IReadOnlyList<PersonProblem> people, decimal budget)
    {
        var states = people.Select(p => new PersonState(p)).ToArray();
        var first = new (Move? BestRatio, Move? BestGain)[states.Length];
        ForEach(states.Length, i => first[i] = BestMoves(i, states[i], budget));
        var (value, lastRatio) = Run(states, budget, first.Select(m => m.BestRatio).ToArray());

        // The single move that closes the most within the budget (ties: the first found).
        Move? found = null;
        foreach (var (_, gain) in first)
            if (gain is { } g && (found is not { } f || g.Gain > f.Gain)) found = g;
        if (found is not { } largest || largest.Gain <= value) return (states, lastRatio);

        var seeded = people.Select(p => new PersonState(p)).ToArray();
        seeded[largest.Person].Apply(largest);
        var left = budget - largest.Cost;
        var moves = new Move?[seeded.Length];
        ForEach(seeded.Length, i => moves[i] = BestMoves(i, seeded[i], left).BestRatio);
        var (seededValue, seededRatio) = Run(seeded, left, moves);
        return largest.Gain + seededValue > value ? (seeded, seededRatio > 0 ? seededRatio : largest.Ratio) : (states, lastRatio);
    }

    /// <summary>Runs the greedy from the given states and first moves; returns the gap it closed and the last move's gap per hour.</summary>
    private static (int Closed, double LastRatio) Run(PersonState[] states, decimal budget, Move?[] firstMoves)
    {
        var queue = new PriorityQueue<Move, Move>(Comparer<Move>.Create(Better));
        foreach (var move in firstMoves)
            if (move is { } m) queue.Enqueue(m, m);
        var left = budget;
        var closed = 0;
        double lastRatio = 0;
        while (queue.TryDequeue(out var move, out _))
        {
            var state = states[move.Person];
            if (move.Cost > left)
            {
                if (BestMoves(move.Person, state, left).BestRatio is { } fitting) queue.Enqueue(fitting, fitting);
                continue;
            }
            state.Apply(move);
            left -= move.Cost;
            closed += move.Gain;
            lastRatio = move.Ratio;
            if (BestMoves(move.Person, state, left).BestRatio is { } next) queue.Enqueue(next, next);
        }
        return (closed, lastRatio);
    }

    /// <summary>Negative when <paramref name="a"/> should be taken before <paramref name="b"/>.</summary>
    private static int Better(Move a, Move b)
    {
        var byRatio = b.Ratio.CompareTo(a.Ratio);
        if (byRatio != 0) return byRatio;
        if (a.Gain != b.Gain) return b.Gain.CompareTo(a.Gain);
        if (a.Person != b.Person) return a.Person.CompareTo(b.Person);
        return a.Badge.CompareTo(b.Badge);
    }

    /// <summary>
    /// For one person: the move with the most gap per hour and the move with the most gap, among those costing at most
    /// <paramref name="capacity"/>; nulls when none closes anything.
    /// </summary>
    internal static (Move? BestRatio, Move? BestGain) BestMoves(int person, PersonState state, decimal capacity)
    {
        var p = state.Problem;
        var n = p.Count;
        var needed = Scratch.FlagsA(n);
        bool any = false, prerequisites = false;
        for (var k = 0; k < n; k++)
        {
            needed[k] = !state.Plan[k];
            if (!needed[k] || !p.Raises(k, state.Levels)) continue;
            any = true;
            if (p.Problem.Groups[k].Length > 0) prerequisites = true;
        }
        if (!any) return (null, null);
        // Without a prerequisite to meet, every closure is the badge alone: no closure search needed.
        ClosureCosts? costs = null;
        if (prerequisites)
        {
            costs = new ClosureCosts(p.Problem);
            costs.Compute(state.Plan, forbidden: null, needed);
        }
        var seen = Scratch.FlagsB(n);
        var closure = Scratch.List();
        var scratch = Scratch.Levels(p.GapCount);
        Move? bestRatio = null, bestGain = null;
        var candidate = new Move(person, -1, [], 0m, 0);
        for (var k = 0; k < n; k++)
        {
            if (state.Plan[k] || !p.Raises(k, state.Levels)) continue;
            closure.Clear();
            if (costs is null) closure.Add(k);
            else if (!costs.Reachable(k)) continue;
            else costs.Collect(k, state.Plan, seen, closure);
            decimal cost = 0;
            foreach (var c in closure) { cost += p.Cost[c]; seen[c] = false; }
            if (cost > capacity) continue;
            var gain = p.Gain(state.Levels, closure, scratch);
            if (gain <= 0) continue;
            candidate = candidate with { Badge = k, Cost = cost, Gain = gain };
            var better = bestRatio is not { } r || Better(candidate, r) < 0;
            var larger = bestGain is not { } g || gain > g.Gain || (gain == g.Gain && cost < g.Cost);
            if (!better && !larger) continue;
            var move = candidate with { Closure = [.. closure] };
            if (better) bestRatio = move;
            if (larger) bestGain = move;
        }
        return (bestRatio, bestGain);
    }

    /// <summary>Runs <paramref name="body"/> for 0..count−1, on all cores when there are many.</summary>
    internal static void ForEach(int count, Action<int> body)
    {
        if (count < 64) { for (var i = 0; i < count; i++) body(i); return; }
        Parallel.For(0, count, body);
    }
}
