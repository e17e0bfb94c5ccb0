using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Core.Pathways;

/// <summary>
/// Plans an employee's pathway to a role (DESIGN §3 item 2): the ordered badges that raise every requirement to
/// min(required, best level reachable through the catalogue) with the least total hours, respecting prerequisites
/// and expiry; the rest is listed as uncoverable.
/// </summary>
public static class PathwayPlanner
{
    /// <summary>
    /// Plans for employee <paramref name="employeeIndex"/> of <paramref name="figures"/> against
    /// <paramref name="targetRole"/> (default: their own role), as of the figures' date.
    /// </summary>
    /// <remarks>
    /// Held badges valid on the date are free (already in the attained levels) and are never planned again. A
    /// prerequisite is met by any counting award of that badge issued by the date, expired or not; an expired badge
    /// can be earned again at full hours. A badge whose prerequisites can never be met (a cycle, a missing badge) is
    /// not a candidate. Exact search runs while the relevant candidates (badges that raise an unmet requirement to its
    /// goal, plus every badge in their prerequisite closures) number at most
    /// <see cref="PathwayOptions.ExactCandidateLimit"/>; beyond, or when the search exceeds its node limit, the
    /// heuristic's plan is returned with <see cref="Pathway.Optimal"/> false.
    /// </remarks>
    /// <exception cref="ArgumentException">The target role is not in the snapshot.</exception>
    public static Pathway Plan(OrganisationFigures figures, int employeeIndex, RoleCode? targetRole = null, PathwayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfNegative(employeeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(employeeIndex, figures.EmployeeCount);
        options ??= PathwayOptions.Default;
        var snapshot = figures.Snapshot;
        var employee = snapshot.Employees[employeeIndex];
        var roleCode = targetRole ?? employee.Role;
        var roleIndex = snapshot.RoleIndex(roleCode);
        if (roleIndex < 0)
        {
            if (targetRole is not null)
                throw new ArgumentException($"Role {roleCode} is not in the snapshot of {snapshot.AsOf:O}.", nameof(targetRole));
            return new Pathway(employee.Id, roleCode, true, 0m, 1.0, 1.0, [], []);
        }

        return PlanAgainst(figures, employeeIndex, roleCode, figures.CompiledRoles[roleIndex], options);
    }

    /// <summary>
    /// Plans for employee <paramref name="employeeIndex"/> against requirements that need not be a role of the snapshot —
    /// for example a role and a target role merged into one journey — as of the figures' date. Every skill the
    /// requirements name must be in the snapshot.
    /// </summary>
    /// <exception cref="ArgumentException">A requirement names a skill the snapshot does not know.</exception>
    public static Pathway Plan(OrganisationFigures figures, int employeeIndex, RoleVersion requirements, PathwayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentOutOfRangeException.ThrowIfNegative(employeeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(employeeIndex, figures.EmployeeCount);
        foreach (var q in requirements.Requirements)
            if (figures.Snapshot.SkillIndex(q.Skill) < 0)
                throw new ArgumentException($"Skill {q.Skill} of {requirements.Code} is not in the snapshot.", nameof(requirements));
        return PlanAgainst(figures, employeeIndex, requirements.Code, GapEngine.Compile(figures.Snapshot, requirements), options ?? PathwayOptions.Default);
    }

    private static Pathway PlanAgainst(OrganisationFigures figures, int employeeIndex, RoleCode roleCode, CompiledRole role, PathwayOptions options)
    {
        var employee = figures.Snapshot.Employees[employeeIndex];
        var context = new PlanningContext(figures, employeeIndex, role, options);
        var problem = context.Problem;
        int[] plan;
        bool optimal;
        if (problem.RequirementCount == 0)
        {
            (plan, optimal) = ([], true);
        }
        else
        {
            var greedy = GreedyCoverHeuristic.Solve(problem)
                ?? throw new InvalidOperationException("Every unmet requirement has an earnable covering badge, yet the heuristic found no plan.");
            var limit = Math.Min(options.ExactCandidateLimit, ExactCoverSearch.MaxCandidates);
            if (problem.Count <= limit)
            {
                var (exact, proven) = ExactCoverSearch.Solve(problem, greedy, options.SearchNodeLimit);
                (plan, optimal) = (exact ?? greedy, proven);
            }
            else
            {
                (plan, optimal) = (greedy, false);
            }
        }

        var steps = context.Order(plan);
        return new Pathway(employee.Id, roleCode, optimal, steps.Sum(s => s.Hours), context.ReadinessBefore,
            steps.Count > 0 ? steps[^1].ReadinessAfter : context.ReadinessBefore, steps, context.Uncoverable);
    }

    /// <summary>Plans for the employee with this id (see the index overload).</summary>
    public static Pathway Plan(OrganisationFigures figures, EmployeeId employee, RoleCode? targetRole = null, PathwayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var index = figures.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new ArgumentException($"Employee {employee} is not in the snapshot.", nameof(employee));
        return Plan(figures, index, targetRole, options);
    }

    /// <summary>One employee against one role: held badges, candidates, goals, and how steps are ordered and explained.</summary>
    private sealed class PlanningContext
    {
        private readonly OrganisationFigures _figures;
        private readonly CompiledRole _role;
        private readonly PathwayOptions _options;
        private readonly byte[] _attained;
        private readonly bool[] _prerequisiteHeld;

        public PlanningContext(OrganisationFigures figures, int employee, CompiledRole role, PathwayOptions options)
        {
            _figures = figures;
            _role = role;
            _options = options;
            _attained = figures.AttainedRow(employee).ToArray();
            ReadinessBefore = OrganisationFigures.Score(_attained, role).Readiness;

            var badgeCount = figures.Snapshot.Badges.Count;
            (_prerequisiteHeld, var validHeld) = CatalogueGraph.Holdings(figures, employee);

            var graph = CatalogueGraph.For(figures);
            var earnable = graph.Earnable(_prerequisiteHeld);
            var candidate = new bool[badgeCount];
            for (var b = 0; b < badgeCount; b++) candidate[b] = earnable[b] && !validHeld[b];

            // Goal per requirement: min(required, best level reachable = attained or any candidate's level).
            var n = role.Skills.Length;
            var best = new int[n];
            for (var i = 0; i < n; i++) best[i] = _attained[role.Skills[i]];
            for (var b = 0; b < badgeCount; b++)
                if (candidate[b])
                    for (var i = 0; i < n; i++) best[i] = Math.Max(best[i], LevelOf(b, role.Skills[i]));
            var uncoverable = new List<UncoverableGap>();
            var unmet = new List<int>();
            for (var i = 0; i < n; i++)
            {
                if (best[i] < role.Required[i])
                    uncoverable.Add(new UncoverableGap(SkillCodeOf(role.Skills[i]), role.Required[i],
                        // The best level any catalogue badge attests, earnable or not (what DESIGN §3 reports as `best`).
                        _figures.BestAttestable[role.Skills[i]], best[i]));
                if (_attained[role.Skills[i]] < Math.Min(role.Required[i], best[i])) unmet.Add(i);
            }
            Uncoverable = uncoverable;

            // Relevant candidates: those that raise an unmet requirement to its goal, and their prerequisite closures.
            var relevant = new HashSet<int>();
            var queue = new Queue<int>();
            for (var b = 0; b < badgeCount; b++)
            {
                if (!candidate[b]) continue;
                foreach (var i in unmet)
                    if (LevelOf(b, role.Skills[i]) >= Math.Min(role.Required[i], best[i]))
                    {
                        if (relevant.Add(b)) queue.Enqueue(b);
                        break;
                    }
            }
            while (queue.TryDequeue(out var b))
                foreach (var group in graph.Groups[b])
                    if (!group.Any(m => _prerequisiteHeld[m]))
                        foreach (var m in group)
                            if (candidate[m] && relevant.Add(m)) queue.Enqueue(m);

            var badges = figures.Snapshot.Badges;
            var local = relevant.OrderBy(b => badges[b].Id.Value, StringComparer.Ordinal).ToArray();
            var localOf = new Dictionary<int, int>();
            for (var k = 0; k < local.Length; k++) localOf[local[k]] = k;
            var groups = new int[local.Length][][];
            var covers = new int[local.Length][];
            for (var k = 0; k < local.Length; k++)
            {
                groups[k] = graph.Groups[local[k]]
                    .Where(g => !g.Any(m => _prerequisiteHeld[m]))
                    .Select(g => g.Where(localOf.ContainsKey).Select(m => localOf[m]).Order().ToArray())
                    .ToArray();
                covers[k] = Enumerable.Range(0, unmet.Count)
                    .Where(u => LevelOf(local[k], role.Skills[unmet[u]]) >= Math.Min(role.Required[unmet[u]], best[unmet[u]]))
                    .ToArray();
            }
            Problem = new PlanningProblem
            {
                Badge = local,
                Ids = local.Select(b => badges[b].Id).ToArray(),
                Hours = local.Select(b => ValueBounds.ClampHours(badges[b].Hours)).ToArray(),
                Scores = local.Select(b => options.Score?.Invoke(badges[b].Id) ?? 0.0).ToArray(),
                Groups = groups,
                Covers = covers,
                CoveredBy = Enumerable.Range(0, unmet.Count)
                    .Select(u => Enumerable.Range(0, local.Length).Where(k => covers[k].Contains(u)).ToArray()).ToArray(),
                Value = unmet.Select(i => role.Weights[i] * (Math.Min(role.Required[i], best[i]) - _attained[role.Skills[i]])).ToArray(),
            };
        }

        public PlanningProblem Problem { get; }
        public double ReadinessBefore { get; }
        public IReadOnlyList<UncoverableGap> Uncoverable { get; }

        /// <summary>
        /// Orders a valid plan: repeatedly, among the badges whose prerequisites are met, the one that raises readiness
        /// most per hour (a free badge that raises it first; ties by model score, then badge id); then explains each step.
        /// </summary>
        public List<PathwayStep> Order(int[] plan)
        {
            var problem = Problem;
            var levels = (byte[])_attained.Clone();
            var earned = new bool[problem.Count];
            var remaining = plan.ToList();
            var order = new List<int>(plan.Length);
            var readiness = new List<double>(plan.Length);
            var current = ReadinessBefore;
            while (remaining.Count > 0)
            {
                int pick = -1;
                double pickRate = 0, pickReadiness = 0;
                foreach (var b in remaining)
                {
                    if (!problem.GroupsMet(b, earned)) continue;
                    var after = ReadinessWith(levels, problem.Badge[b]);
                    var gain = after - current;
                    var rate = problem.Hours[b] > 0 ? gain / (double)problem.Hours[b] : gain > 0 ? double.PositiveInfinity : 0;
                    if (pick < 0 || rate > pickRate || (rate == pickRate && IsPreferred(b, pick)))
                        (pick, pickRate, pickReadiness) = (b, rate, after);
                }
                if (pick < 0) throw new InvalidOperationException("The plan cannot be ordered: its prerequisites are not closed.");
                remaining.Remove(pick);
                earned[pick] = true;
                order.Add(pick);
                readiness.Add(pickReadiness);
                current = pickReadiness;
                Raise(levels, problem.Badge[pick]);
            }

            // Which later step each step is needed by: per group, the earliest planned member meets it.
            var position = new Dictionary<int, int>();
            for (var p = 0; p < order.Count; p++) position[order[p]] = p;
            var neededBy = order.Select(_ => new List<BadgeId>()).ToArray();
            for (var p = 0; p < order.Count; p++)
                foreach (var group in problem.Groups[order[p]])
                {
                    var first = group.Where(position.ContainsKey).MinBy(m => position[m]);
                    neededBy[position[first]].Add(problem.Ids[order[p]]);
                }

            var steps = new List<PathwayStep>(order.Count);
            levels = (byte[])_attained.Clone();
            for (var p = 0; p < order.Count; p++)
            {
                var badge = _figures.Snapshot.Badges[problem.Badge[order[p]]];
                var closes = new List<SkillChange>();
                var notes = new List<string>();
                for (var i = 0; i < _role.Skills.Length; i++)
                {
                    var skill = _role.Skills[i];
                    // The gap it closes, as recommend shows it: levels counted up to the requirement (a badge
                    // that lifts a met skill higher closes nothing; 0→3 where 2 is required reads 0→2).
                    var required = _role.Required[i];
                    int from = Math.Min(levels[skill], required), to = Math.Min(required, Math.Max(levels[skill], LevelOf(problem.Badge[order[p]], skill)));
                    if (to <= from) continue;
                    closes.Add(new SkillChange(SkillCodeOf(skill), from, to));
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{SkillCodeOf(skill)} {from}→{to} (weight {_role.Weights[i]}{(_role.Critical[i] ? ", critical" : "")})"));
                }
                Raise(levels, problem.Badge[order[p]]);
                var hours = problem.Hours[order[p]];
                steps.Add(new PathwayStep(badge.Id, badge.Name, hours, closes, neededBy[p], readiness[p],
                    Reason(badge.Id, notes, neededBy[p], hours, _prerequisiteHeld[problem.Badge[order[p]]])));
            }
            return steps;
        }

        private string Reason(BadgeId badge, List<string> closes, List<BadgeId> neededBy, decimal hours, bool renews)
        {
            var parts = new List<string>();
            if (closes.Count > 0) parts.Add("closes " + string.Join(", ", closes));
            if (renews) parts.Add("renews an expired award");
            if (neededBy.Count > 0) parts.Add("needed by " + string.Join(", ", neededBy));
            parts.Add(hours.ToString("0.##", CultureInfo.InvariantCulture) + " h");
            if (_options.PeerSignal?.Invoke(badge) is { Length: > 0 } signal) parts.Add(signal);
            var text = string.Join("; ", parts);
            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        private bool IsPreferred(int a, int b)
        {
            var scores = Problem.Scores;
            return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
        }

        private double ReadinessWith(byte[] levels, int badge)
        {
            var row = (byte[])levels.Clone();
            Raise(row, badge);
            return OrganisationFigures.Score(row, _role).Readiness;
        }

        private void Raise(byte[] levels, int badge)
        {
            var awards = _figures.Awards;
            for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
                if (awards.BadgeLevels[k] > levels[awards.BadgeSkills[k]]) levels[awards.BadgeSkills[k]] = awards.BadgeLevels[k];
        }

        private int LevelOf(int badge, int skill)
        {
            var awards = _figures.Awards;
            var level = 0;
            for (var k = awards.BadgeSkillOffsets[badge]; k < awards.BadgeSkillOffsets[badge + 1]; k++)
                if (awards.BadgeSkills[k] == skill && awards.BadgeLevels[k] > level) level = awards.BadgeLevels[k];
            return level;
        }

        private SkillCode SkillCodeOf(int skill) => _figures.Snapshot.Skills[skill].Code;
    }
}
