namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// The Lagrangian bound: pricing each budget hour at λ ≥ 0, any plan within budget B closes at most
/// UB(λ) = λ·B + Σ over people of φ_p(λ), where φ_p(λ) = max over the person's valid plans S of (gap closed − λ·cost(S))
/// (the empty plan gives 0). Every λ gives a valid bound; UB is convex in λ, so a short search around the greedy's last
/// gap per hour finds a good one.
/// <para>
/// φ_p(λ) is computed exactly by a depth-first search over the person's candidates, dependents first (as in
/// <see cref="SponsorshipExactSearch"/>): a candidate that no chosen candidate needs is chosen only when what it
/// raises beyond the levels already chosen is worth more than its price (adding it later can only be worth less, the
/// gap closed being submodular); the search is cut when the net so far plus, for every undecided candidate, the
/// positive part of (what it raises now − its price) cannot beat the best found. Past its work limits a person's
/// φ_p(λ) is replaced by the cost-sharing relaxation of <see cref="SponsorshipBound"/>, which is never smaller.
/// </para>
/// </summary>
internal static class SponsorshipLagrangian
{
    /// <summary>
    /// The smallest UB(λ) found from <paramref name="start"/>: the minimum is bracketed by steps of ×1.5, then narrowed
    /// by golden sections (at most <paramref name="evaluations"/> values of λ in all). Each person's search in an evaluation
    /// is limited to <paramref name="nodeLimit"/> / people nodes (at least 8, at most <paramref name="personLimit"/>).
    /// </summary>
    public static double Minimise(IReadOnlyList<PersonProblem> people, IReadOnlyList<(double Cost, int Value)[][]> levels,
        IReadOnlyList<SponsorshipGreedy.PersonState> greedy, decimal budget, double start, int evaluations, long nodeLimit, long personLimit,
        out long nodes)
    {
        long visited = 0;
        // Each person's search has its own limit, so the evaluation runs on all cores and still gives the same figure.
        var perPerson = Math.Clamp(nodeLimit / Math.Max(1, people.Count), Math.Min(8, personLimit), personLimit);
        var nets = new double[people.Count];
        var work = new long[people.Count];
        double Evaluate(double lambda)
        {
            SponsorshipGreedy.ForEach(people.Count, i =>
            {
                long w = 0;
                var relaxed = SponsorshipBound.RelaxedNet(levels[i], lambda);
                var exact = Net(people[i], people[i].Order, lambda, greedy[i].Value - lambda * (double)greedy[i].Cost, perPerson, ref w);
                nets[i] = exact is double e ? Math.Min(e, relaxed) : relaxed;
                work[i] = w;
            });
            visited += work.Sum();
            return lambda * (double)budget + nets.Sum();
        }

        if (!(start > 0) || double.IsInfinity(start)) start = 1;
        // Bracket the minimum of the convex UB by steps of ×1.5 from the start, then narrow it by golden sections.
        var used = 0;
        double Value(double lambda) { used++; return Evaluate(lambda); }
        double a = start / 1.5, m = start, b = start * 1.5;
        double fa = Value(a), fm = Value(m), fb = Value(b);
        while (used < evaluations && (fa < fm || fb < fm))
        {
            if (fa < fm) { (b, fb, m, fm) = (m, fm, a, fa); a /= 1.5; fa = Value(a); }
            else { (a, fa, m, fm) = (m, fm, b, fb); b *= 1.5; fb = Value(b); }
        }
        var best = Math.Min(fm, Math.Min(fa, fb));
        const double Ratio = 0.6180339887498949;
        while (used + 2 <= evaluations)
        {
            double x = b - Ratio * (b - a), y = a + Ratio * (b - a);
            double fx = Value(x), fy = Value(y);
            best = Math.Min(best, Math.Min(fx, fy));
            if (fx < fy) b = y; else a = x;
        }
        nodes = visited;
        return best;
    }

    /// <summary>φ_p(λ), or null past <paramref name="limit"/> nodes; <paramref name="seed"/> is the net of a known valid plan.</summary>
    internal static double? Net(PersonProblem p, DecisionOrder o, double lambda, double seed, long limit, ref long work)
    {
        var n = p.Count;
        var problem = p.Problem;
        var cost = p.CostValue;
        var included = Scratch.FlagsA(n);
        var needed = Scratch.Counts(n);
        var levels = p.Attained.AsSpan().ToArray();
        var undo = new Stack<(int Requirement, byte Level)>();
        var best = Math.Max(0, seed);
        long nodes = 0;
        var aborted = false;

        int GainNow(int k)
        {
            var gain = 0;
            for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
            {
                var r = p.RaiseRequirement[j];
                if (p.RaiseLevel[j] > levels[r]) gain += p.Weight[r] * (p.RaiseLevel[j] - levels[r]);
            }
            return gain;
        }

        // Excluding k leaves an included dependent with a group that no included or undecided member can meet.
        bool Strands(int k, int at)
        {
            if (!p.HasPrerequisites) return false;
            foreach (var (d, g) in problem.Dependents[k])
            {
                if (!included[d]) continue;
                var open = false;
                foreach (var m in problem.Groups[d][g])
                    if (included[m] || (m != k && o.Position[m] > at)) { open = true; break; }
                if (!open) return true;
            }
            return false;
        }

        void Visit(int at, double net)
        {
            if (aborted) return;
            if (++nodes > limit) { aborted = true; return; }
            var optimistic = net;
            for (var i = at; i < n; i++)
            {
                var k = o.Order[i];
                var surplus = GainNow(k) - lambda * cost[k];
                if (surplus > 0) optimistic += surplus;
            }
            if (optimistic <= best + 1e-9) return;
            if (at == n)
            {
                if (!p.HasPrerequisites || problem.IsValid(included)) best = Math.Max(best, net);
                return;
            }
            var c = o.Order[at];
            var gain = GainNow(c);
            if (needed[c] > 0 || !o.DependentsFirst[c] || gain - lambda * cost[c] > 0)
            {
                included[c] = true;
                foreach (var group in problem.Groups[c]) foreach (var m in group) needed[m]++;
                var mark = undo.Count;
                for (var j = p.RaiseOffsets[c]; j < p.RaiseOffsets[c + 1]; j++)
                {
                    var r = p.RaiseRequirement[j];
                    if (p.RaiseLevel[j] <= levels[r]) continue;
                    undo.Push((r, levels[r]));
                    levels[r] = p.RaiseLevel[j];
                }
                Visit(at + 1, net + gain - lambda * cost[c]);
                while (undo.Count > mark)
                {
                    var (r, level) = undo.Pop();
                    levels[r] = level;
                }
                foreach (var group in problem.Groups[c]) foreach (var m in group) needed[m]--;
                included[c] = false;
            }
            if (!Strands(c, at)) Visit(at + 1, net);
        }

        Visit(0, 0);
        work += nodes;
        return aborted ? null : best;
    }
}
