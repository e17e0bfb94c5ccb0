using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// Chooses which badges to sponsor for which people of a group so that the weighted gap closed (Σ weight · levels
/// closed, against each person's role or, when asked, target role) is the largest within a budget of hours (DESIGN §3
/// "Sponsorship planner"). A badge comes with the prerequisites the person still lacks, and their hours count.
/// </summary>
/// <remarks>
/// <para>Candidates per person are those of the pathway planner: badges not validly held whose prerequisites can be
/// met, raising a requirement with a gap, plus their prerequisite closures; a prerequisite is met by any counting
/// award issued by the date, expired or not; an expired badge can be sponsored again (a renewal).</para>
/// <para>Search: the greedy of <see cref="SponsorshipGreedy"/> always runs; an upper bound by cost sharing
/// (<see cref="SponsorshipBound"/>) is computed, then tightened by the Lagrangian bound
/// (<see cref="SponsorshipLagrangian"/>); when the greedy plan meets a bound it is optimal. Otherwise, while every
/// person's best plans per budget can be listed within <see cref="SponsorshipOptions.EnumerationLimit"/>, a branch and
/// bound over them (<see cref="SponsorshipExactSearch"/>) finds and proves the optimum; past its limits the greedy plan
/// is returned with <see cref="SponsorshipPlan.Optimal"/> false and <see cref="SponsorshipPlan.Bound"/> set.
/// See src/SkillsGap.Core/Sponsorship/README.md.</para>
/// <para>Readiness before and after: the plan's badges become awards issued on the as-of date (state recorded) for
/// the people sponsored, and the gap engine computes their figures again.</para>
/// </remarks>
public static class SponsorshipPlanner
{
    /// <summary>Source written on the hypothetical awards of a plan.</summary>
    public const string PlanSource = "sponsorship plan";

    /// <summary>Plans for <paramref name="members"/> (employee indices of <paramref name="figures"/>; duplicates ignored).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative budget or cost per badge, or an index outside the roster.</exception>
    public static SponsorshipPlan Plan(OrganisationFigures figures, IReadOnlyList<int> members, SponsorshipRequest request,
        SponsorshipOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.BudgetHours);
        ArgumentOutOfRangeException.ThrowIfNegative(request.CostPerBadge);
        options ??= SponsorshipOptions.Default;
        var group = new List<int>(members.Count);
        var seen = new HashSet<int>();
        foreach (var e in members)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(e, nameof(members));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(e, figures.EmployeeCount, nameof(members));
            if (seen.Add(e)) group.Add(e);
        }

        var context = new SponsorshipContext(figures, request);
        var problems = new PersonProblem?[group.Count];
        SponsorshipGreedy.ForEach(group.Count, i => problems[i] = PersonProblem.Build(context, group[i]));
        var people = problems.OfType<PersonProblem>().ToList();
        var budget = request.BudgetHours;

        var (states, lastRatio) = SponsorshipGreedy.Solve(people, budget);
        long greedyValue = states.Sum(s => s.Value);
        var plans = states.Select(s => (s.Problem, Members: PlanMembers(s.Plan))).ToList();
        var levels = new (double Cost, int Value)[people.Count][][];
        SponsorshipGreedy.ForEach(people.Count, i => levels[i] = SponsorshipBound.Levels(people[i]));
        var (upper, slope) = SponsorshipBound.Compute(people, levels, budget);
        long enumerated = 0, nodes = 0, boundNodes = 0;
        var method = people.Count == 0 ? SponsorshipMethod.NothingToClose : SponsorshipMethod.Greedy;
        var optimal = greedyValue >= Floor(upper);
        // The Lagrangian bound, priced from the greedy's last gap per hour. Even a few nodes per person often settle a
        // person's best net exactly (the search stops at once when nothing undecided is worth its price), which the
        // cost-sharing relaxation cannot; each evaluation passes over everyone, so a very large group tries fewer prices.
        if (!optimal)
        {
            upper = Math.Min(upper, SponsorshipLagrangian.Minimise(people, levels, states, budget, lastRatio > 0 ? lastRatio : slope,
                people.Count > 20_000 ? Math.Min(8, options.BoundEvaluations) : options.BoundEvaluations,
                options.BoundNodeLimit, options.PersonEnumerationLimit, out boundNodes));
            optimal = greedyValue >= Floor(upper);
        }
        if (!optimal)
        {
            // Each person's best plans per budget, while the work allows — the people with most candidates first, so that
            // an instance too large for exact search is given up quickly.
            var frontiers = new PersonFrontier?[people.Count];
            var complete = true;
            foreach (var i in Enumerable.Range(0, people.Count).OrderByDescending(i => people[i].Count).ThenBy(i => i))
            {
                frontiers[i] = SponsorshipExactSearch.Frontier(people[i], budget, ref enumerated, options.EnumerationLimit,
                    options.PersonEnumerationLimit);
                if (frontiers[i] is null) { complete = false; break; }
            }
            if (complete)
            {
                upper = Math.Min(upper, SponsorshipBound.Compute(people, levels, budget, frontiers).Bound);
                optimal = greedyValue >= Floor(upper);
            }
            if (complete && !optimal)
            {
                var exact = frontiers.Select(f => f!).ToArray();
                var (choice, proven, visited) = SponsorshipExactSearch.Solve(exact, budget, greedyValue, options.SearchNodeLimit);
                nodes = visited;
                if (choice is not null)
                    plans = [.. people.Select((p, j) => (p, MaskMembers(exact[j].Mask[choice[j]])))];
                if (proven) (optimal, method) = (true, SponsorshipMethod.Exact);
            }
        }
        if (optimal && method == SponsorshipMethod.Greedy) method = SponsorshipMethod.ReachesBound;

        var threshold = figures.Options.ReadyThreshold;
        var choices = new List<(PersonProblem Problem, List<SponsoredBadge> Badges)>();
        foreach (var (problem, chosen) in plans)
            if (chosen.Count > 0) choices.Add((problem, Explain(figures, problem, chosen)));
        choices.Sort((a, b) =>
        {
            var byGap = b.Badges.Sum(x => x.WeightedGapClosed).CompareTo(a.Badges.Sum(x => x.WeightedGapClosed));
            return byGap != 0 ? byGap : string.CompareOrdinal(a.Badges[0].Employee.Value, b.Badges[0].Employee.Value);
        });
        var closed = choices.Sum(c => (long)c.Badges.Sum(x => x.WeightedGapClosed));
        if (!optimal && closed >= Floor(upper)) (optimal, method) = (true, SponsorshipMethod.ReachesBound);

        // Before: every member against the role measured. After: the sponsored people recomputed by the gap engine.
        var before = group.Select(e => Measure(figures, context.MeasuredRole(e), figures.AttainedRow(e))).ToArray();
        var after = (Figure[])before.Clone();
        var sponsored = new List<SponsoredPerson>(choices.Count);
        if (choices.Count > 0)
        {
            var recomputed = Recompute(figures, choices.Select(c => (c.Problem.Employee, c.Badges)).ToList());
            var position = new Dictionary<int, int>(group.Count);
            for (var i = 0; i < group.Count; i++) position[group[i]] = i;
            for (var c = 0; c < choices.Count; c++)
            {
                var (problem, badges) = choices[c];
                var e = problem.Employee;
                var i = position[e];
                after[i] = Measure(recomputed, context.MeasuredRole(e), recomputed.AttainedRow(c));
                sponsored.Add(new SponsoredPerson(figures.Snapshot.Employees[e].Id, problem.Role.Role.Code, badges.Count,
                    badges.Sum(b => b.Hours), before[i].WeightedGap, after[i].WeightedGap, before[i].Readiness, after[i].Readiness,
                    before[i].IsReady(threshold), after[i].IsReady(threshold)));
            }
        }
        var weightedGapBefore = before.Sum(x => x.WeightedGap);
        var weightedGapAfter = after.Sum(x => x.WeightedGap);
        if (weightedGapBefore - weightedGapAfter != closed)
            throw new InvalidOperationException(
                $"The plan closes {closed} by its own count but {weightedGapBefore - weightedGapAfter} by the gap engine's recomputation.");

        var hoursUsed = choices.Sum(c => c.Badges.Sum(b => b.Hours));
        var badgeCount = choices.Sum(c => c.Badges.Count);
        return new SponsorshipPlan(
            figures.AsOf,
            request,
            group.Count,
            optimal,
            optimal ? null : Math.Max(closed, Floor(upper)),
            weightedGapBefore,
            people.Sum(p => p.Coverable),
            closed,
            weightedGapAfter,
            hoursUsed,
            hoursUsed + badgeCount * request.CostPerBadge,
            group.Count == 0 ? null : before.Average(x => x.Readiness),
            group.Count == 0 ? null : after.Average(x => x.Readiness),
            before.Count(x => x.IsReady(threshold)),
            after.Count(x => x.IsReady(threshold)),
            [.. choices.SelectMany(c => c.Badges)],
            sponsored,
            new SponsorshipStatistics(method, people.Count, people.Sum(p => (long)p.Count), enumerated, nodes, boundNodes, greedyValue, upper));
    }

    private static long Floor(double value) => (long)Math.Floor(value + 1e-6);

    private static List<int> PlanMembers(bool[] plan)
    {
        var list = new List<int>();
        for (var k = 0; k < plan.Length; k++) if (plan[k]) list.Add(k);
        return list;
    }

    private static List<int> MaskMembers(ulong mask)
    {
        var list = new List<int>();
        for (; mask != 0; mask &= mask - 1) list.Add(System.Numerics.BitOperations.TrailingZeroCount(mask));
        return list;
    }

    /// <summary>
    /// A person's chosen candidates in the order they would earn them — among those whose prerequisites are met, the
    /// most gap per budget hour first, then badge id — each with what it raises and which later choices need it.
    /// </summary>
    private static List<SponsoredBadge> Explain(OrganisationFigures figures, PersonProblem p, List<int> chosen)
    {
        var problem = p.Problem;
        var levels = (byte[])p.Attained.Clone();
        var scratch = new byte[levels.Length];
        var earned = new bool[p.Count];
        var remaining = new List<int>(chosen);
        var order = new List<int>(chosen.Count);
        var single = new List<int>(1);
        while (remaining.Count > 0)
        {
            int pick = -1;
            double pickRate = 0;
            foreach (var k in remaining)
            {
                if (!problem.GroupsMet(k, earned)) continue;
                single.Clear();
                single.Add(k);
                var gain = p.Gain(levels, single, scratch);
                var rate = p.Cost[k] > 0 ? gain / (double)p.Cost[k] : gain > 0 ? double.PositiveInfinity : 0;
                if (pick < 0 || rate > pickRate) (pick, pickRate) = (k, rate);
            }
            if (pick < 0) throw new InvalidOperationException("A sponsorship plan cannot be ordered: its prerequisites are not closed.");
            remaining.Remove(pick);
            earned[pick] = true;
            order.Add(pick);
            p.Raise(levels, pick);
        }

        var position = new Dictionary<int, int>(order.Count);
        for (var i = 0; i < order.Count; i++) position[order[i]] = i;
        var neededBy = order.Select(_ => new List<BadgeId>()).ToArray();
        for (var i = 0; i < order.Count; i++)
            foreach (var g in problem.Groups[order[i]])
            {
                var first = g.Where(position.ContainsKey).MinBy(m => position[m]);
                neededBy[position[first]].Add(problem.Ids[order[i]]);
            }

        var employee = figures.Snapshot.Employees[p.Employee].Id;
        var skills = figures.Snapshot.Skills;
        var result = new List<SponsoredBadge>(order.Count);
        Array.Copy(p.Attained, levels, levels.Length);
        for (var i = 0; i < order.Count; i++)
        {
            var k = order[i];
            var closes = new List<SkillRaised>();
            for (var j = p.RaiseOffsets[k]; j < p.RaiseOffsets[k + 1]; j++)
            {
                var r = p.RaiseRequirement[j];
                if (p.RaiseLevel[j] <= levels[r]) continue;
                var requirement = p.Requirement[r];
                closes.Add(new SkillRaised(skills[p.Role.Skills[requirement]].Code, levels[r], p.RaiseLevel[j], p.Required[r], p.Weight[r],
                    p.Role.Critical[requirement]));
            }
            p.Raise(levels, k);
            result.Add(new SponsoredBadge(employee, p.Role.Role.Code, problem.Ids[k], p.HoursOf(k), closes, neededBy[i], p.Renews[k]));
        }
        return result;
    }

    /// <summary>
    /// The gap engine's figures for the sponsored people alone (in the given order), with the plan's badges added as
    /// awards issued on the as-of date.
    /// </summary>
    private static OrganisationFigures Recompute(OrganisationFigures figures, List<(int Employee, List<SponsoredBadge> Badges)> sponsored)
    {
        var snapshot = figures.Snapshot;
        var employees = new List<Employee>(sponsored.Count);
        var awards = new List<Award>();
        var compiled = figures.Awards;
        foreach (var (e, badges) in sponsored)
        {
            employees.Add(snapshot.Employees[e]);
            for (var a = compiled.Offsets[e]; a < compiled.Offsets[e + 1]; a++) awards.Add(snapshot.Awards[compiled.SourceIndex[a]]);
            foreach (var b in badges) awards.Add(new Award(b.Employee, b.Badge, snapshot.AsOf, Source: PlanSource));
        }
        var hypothetical = new OrganisationSnapshot(snapshot.AsOf, snapshot.Skills, snapshot.Roles, snapshot.Badges, employees, awards);
        return GapEngine.Compute(hypothetical, figures.Options);
    }

    private readonly record struct Figure(double Readiness, bool CriticalGap, long WeightedGap)
    {
        public bool IsReady(double threshold) => Readiness >= threshold && !CriticalGap;
    }

    private static Figure Measure(OrganisationFigures figures, int roleIndex, ReadOnlySpan<byte> row)
    {
        if (roleIndex < 0) return new Figure(1.0, false, 0);
        var role = figures.CompiledRoles[roleIndex];
        var (readiness, critical) = OrganisationFigures.Score(row, role);
        long gap = 0;
        for (var i = 0; i < role.Skills.Length; i++) gap += role.Weights[i] * Math.Max(0, role.Required[i] - row[role.Skills[i]]);
        return new Figure(readiness, critical, gap);
    }
}
