using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>
/// One employee on one day, just before the badges they earned that day: their state and the badges they could earn.
/// </summary>
public sealed class NextBadgeCase
{
    internal NextBadgeCase(int employee, int role, int department, DateOnly day, byte[] attained, int[] candidates, bool[] renews, int[] positives, int[] latest,
        int targetRole = -1, int[]? earned = null)
    {
        Employee = employee;
        Role = role;
        Department = department;
        Day = day;
        Attained = attained;
        Candidates = candidates;
        Renews = renews;
        Positives = positives;
        Latest = latest;
        TargetRole = targetRole;
        Earned = earned ?? [];
    }

    /// <summary>The same employee and day with other attained levels and candidates (as if some awards had lapsed).</summary>
    internal NextBadgeCase WithAttained(byte[] attained, int[] candidates, bool[] renews) =>
        new(Employee, Role, Department, Day, attained, candidates, renews, [], Latest, TargetRole, Earned);

    /// <summary>The same employee and day with other candidates (and their renewal flags) and positives.</summary>
    internal NextBadgeCase With(int[] candidates, bool[] renews, int[] positives) =>
        new(Employee, Role, Department, Day, Attained, candidates, renews, positives, Latest, TargetRole, Earned);

    /// <summary>Index of the employee in the snapshot.</summary>
    public int Employee { get; }
    /// <summary>Index of the employee's role in the snapshot, or -1.</summary>
    public int Role { get; }
    /// <summary>Index of the employee's department in <see cref="TrainingHistory.Departments"/>, or -1.</summary>
    public int Department { get; }
    public DateOnly Day { get; }
    /// <summary>Attained level per snapshot skill, from the awards valid the day before.</summary>
    public byte[] Attained { get; }
    /// <summary>Badge indices not held validly that day whose prerequisites are met, ascending.</summary>
    public int[] Candidates { get; }
    /// <summary>Parallel to <see cref="Candidates"/>: the employee earned this badge before and it has expired.</summary>
    public bool[] Renews { get; }
    /// <summary>Badge indices earned that day that are among the candidates (empty for a present-day case).</summary>
    public int[] Positives { get; }
    /// <summary>Badge indices of the employee's previous award day.</summary>
    public int[] Latest { get; }
    /// <summary>Index of the employee's target role in the snapshot, or -1 (none, unknown, or the same as their role).</summary>
    public int TargetRole { get; }
    /// <summary>Badge indices earned before that day and not revoked (expired or not), ascending: what meets prerequisites.</summary>
    public int[] Earned { get; }
}

/// <summary>Builds next-badge cases from an organisation's award history (DESIGN §3.1).</summary>
public sealed class TrainingHistory
{
    private readonly int[][][] _prerequisites;

    private TrainingHistory(OrganisationSnapshot snapshot, OrganisationFigures figures, IReadOnlyList<NextBadgeCase> cases, int skipped)
    {
        Snapshot = snapshot;
        Figures = figures;
        Cases = cases;
        SkippedCases = skipped;
        _prerequisites = CompilePrerequisites(snapshot);
        var departments = new Dictionary<string, int>(StringComparer.Ordinal);
        DepartmentOf = new int[snapshot.Employees.Count];
        for (var e = 0; e < DepartmentOf.Length; e++)
        {
            var name = snapshot.Employees[e].Department;
            if (string.IsNullOrWhiteSpace(name)) { DepartmentOf[e] = -1; continue; }
            if (!departments.TryGetValue(name, out var d)) departments[name] = d = departments.Count;
            DepartmentOf[e] = d;
        }
        Departments = [.. departments.OrderBy(x => x.Value).Select(x => x.Key)];
        TargetRoleOf = new int[snapshot.Employees.Count];
        for (var e = 0; e < TargetRoleOf.Length; e++)
        {
            var target = snapshot.Employees[e].TargetRole is RoleCode t ? snapshot.RoleIndex(t) : -1;
            TargetRoleOf[e] = target == figures.RoleIndexOf(e) ? -1 : target;
        }
        // The target role most often declared by the people of each role (more people, then the lower role index).
        var roleCount = snapshot.Roles.Count;
        var declared = new int[roleCount * roleCount];
        for (var e = 0; e < TargetRoleOf.Length; e++)
            if (TargetRoleOf[e] >= 0 && figures.RoleIndexOf(e) >= 0) declared[figures.RoleIndexOf(e) * roleCount + TargetRoleOf[e]]++;
        PeerTargetOf = new int[roleCount];
        for (var r = 0; r < roleCount; r++)
        {
            PeerTargetOf[r] = -1;
            for (int t = 0, best = 0; t < roleCount; t++)
                if (declared[r * roleCount + t] > best) (best, PeerTargetOf[r]) = (declared[r * roleCount + t], t);
        }
        StackOf = new int[snapshot.Badges.Count];
        for (var b = 0; b < StackOf.Length; b++)
            StackOf[b] = snapshot.Badges[b].StackId is BadgeId stack ? snapshot.BadgeIndex(stack) : -1;
        DepartmentLevels = new byte[Departments.Count][];
        for (var e = 0; e < DepartmentOf.Length; e++)
        {
            var r = figures.RoleIndexOf(e);
            if (DepartmentOf[e] < 0 || r < 0) continue;
            var levels = DepartmentLevels[DepartmentOf[e]] ??= new byte[snapshot.Skills.Count];
            var role = figures.CompiledRoles[r];
            for (var i = 0; i < role.Skills.Length; i++) levels[role.Skills[i]] = Math.Max(levels[role.Skills[i]], role.Required[i]);
        }
        IsStack = new bool[snapshot.Badges.Count];
        foreach (var b in StackOf)
            if (b >= 0) IsStack[b] = true;
    }

    /// <summary>Target role index of each employee, -1 where none is given, unknown, or the same as their role.</summary>
    internal int[] TargetRoleOf { get; }

    /// <summary>Per department, per skill: the highest level any role held in the department requires (null for none).</summary>
    internal byte[]?[] DepartmentLevels { get; }

    /// <summary>Per role, the target role its people declare most often, or -1 when none declares one.</summary>
    internal int[] PeerTargetOf { get; }

    /// <summary>The stack (badge index) each badge is a child of, or -1.</summary>
    internal int[] StackOf { get; }

    /// <summary>Whether each badge is a stack (some badge names it as its stack).</summary>
    internal bool[] IsStack { get; }

    /// <summary>The badge's effective prerequisites as groups of badge indices (-1 for a badge missing from the catalogue).</summary>
    internal int[][] PrerequisiteGroups(int badge) => _prerequisites[badge];

    /// <summary>The distinct departments of the roster, in order of first appearance.</summary>
    public IReadOnlyList<string> Departments { get; }

    /// <summary>Department index of each employee, -1 where none is given.</summary>
    internal int[] DepartmentOf { get; }

    public OrganisationSnapshot Snapshot { get; }
    public OrganisationFigures Figures { get; }
    /// <summary>The cases in day order (then employee order).</summary>
    public IReadOnlyList<NextBadgeCase> Cases { get; private set; }
    /// <summary>Award days none of whose badges was a candidate (already held, or prerequisites not met).</summary>
    public int SkippedCases { get; private set; }

    /// <summary>
    /// Builds one case per employee and award day from the awards of the snapshot: the award days before
    /// <paramref name="until"/> (all when null), and of those only the most recent whole days holding at most
    /// <paramref name="maximumCases"/> award days, so that a very large history is sampled by recency rather than held
    /// in memory whole. Peer statistics still count every award.
    /// </summary>
    public static TrainingHistory Build(OrganisationSnapshot snapshot, FigureOptions? options = null, int maximumCases = int.MaxValue,
        DateOnly? until = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumCases);
        var figures = GapEngine.Compute(snapshot, options);
        var history = new TrainingHistory(snapshot, figures, [], 0);
        var cases = new List<NextBadgeCase>();
        var skipped = 0;
        var awards = figures.Awards;
        var scratch = new CaseScratch(snapshot.Badges.Count);
        var untilDay = until?.DayNumber ?? int.MaxValue;
        var fromDay = FirstCaseDay(history, maximumCases, untilDay);
        for (var e = 0; e < snapshot.Employees.Count; e++)
        {
            var order = history.SortedCountingAwards(e);
            var previousDayStart = -1;
            for (var i = 0; i < order.Length;)
            {
                var day = awards.Issued[order[i]];
                var j = i;
                while (j < order.Length && awards.Issued[order[j]] == day) j++;
                if (day < fromDay || day >= untilDay)
                {
                    previousDayStart = i;
                    i = j;
                    continue;
                }
                var latest = previousDayStart < 0 ? [] : DistinctBadges(awards, order, previousDayStart, i);
                var state = history.StateBefore(e, DateOnly.FromDayNumber(day), scratch, latest);
                var positives = new List<int>();
                for (var k = i; k < j; k++)
                {
                    var b = awards.Badge[order[k]];
                    if (Array.BinarySearch(state.Candidates, b) >= 0 && !positives.Contains(b)) positives.Add(b);
                }
                if (positives.Count == 0) skipped++;
                else
                {
                    positives.Sort();
                    cases.Add(state.With(state.Candidates, state.Renews, [.. positives]));
                }
                previousDayStart = i;
                i = j;
            }
        }
        // Time order; within a day, employee order (the sort is stable).
        history.Cases = cases.OrderBy(c => c.Day).ThenBy(c => c.Employee).ToList();
        history.SkippedCases = skipped;
        return history;
    }

    /// <summary>The first day whose cases are built: the latest day from which on at most <paramref name="maximumCases"/> award days lie before <paramref name="untilDay"/>.</summary>
    private static int FirstCaseDay(TrainingHistory history, int maximumCases, int untilDay)
    {
        if (maximumCases == int.MaxValue) return int.MinValue;
        var awards = history.Figures.Awards;
        var perDay = new Dictionary<int, int>();
        var seen = new HashSet<int>();
        for (var e = 0; e < history.Snapshot.Employees.Count; e++)
        {
            seen.Clear();
            for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
                if (awards.Issued[a] < untilDay && awards.Counts(a, history.Figures.Options) && seen.Add(awards.Issued[a]))
                    perDay[awards.Issued[a]] = perDay.GetValueOrDefault(awards.Issued[a]) + 1;
        }
        var total = 0;
        foreach (var day in perDay.Keys.OrderDescending())
        {
            if (total + perDay[day] > maximumCases) return day + 1;
            total += perDay[day];
        }
        return int.MinValue;
    }

    /// <summary>The history's indices over already computed figures, without building the past cases (for present-day states).</summary>
    public static TrainingHistory Present(OrganisationFigures figures) => new(figures.Snapshot, figures, [], 0);

    /// <summary>
    /// The employee's state on <paramref name="day"/>, before any award issued that day: attained levels from the
    /// awards valid the day before, and the candidate badges. Used for present-day recommendations.
    /// </summary>
    public NextBadgeCase StateBefore(int employee, DateOnly day) =>
        StateBefore(employee, day, new CaseScratch(Snapshot.Badges.Count), LatestBadges(employee, day));

    /// <summary>
    /// As <see cref="StateBefore(int, DateOnly)"/>, with which badges (by index) the employee holds validly on that day
    /// — the ones left out of the candidates besides those whose prerequisites are not met.
    /// </summary>
    internal NextBadgeCase StateBefore(int employee, DateOnly day, out bool[] heldValid)
    {
        var scratch = new CaseScratch(Snapshot.Badges.Count);
        var state = StateBefore(employee, day, scratch, LatestBadges(employee, day));
        heldValid = scratch.HeldValid;
        return state;
    }

    /// <summary>The badges (indices, ascending) of the employee's last award day before <paramref name="day"/>.</summary>
    public int[] LatestBadges(int employee, DateOnly day)
    {
        var awards = Figures.Awards;
        var dayNumber = day.DayNumber;
        var lastDay = int.MinValue;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            if (awards.Issued[a] < dayNumber && awards.Issued[a] > lastDay && awards.Counts(a, Figures.Options)) lastDay = awards.Issued[a];
        if (lastDay == int.MinValue) return [];
        var latest = new List<int>();
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            if (awards.Issued[a] == lastDay && awards.Counts(a, Figures.Options) && !latest.Contains(awards.Badge[a])) latest.Add(awards.Badge[a]);
        latest.Sort();
        return [.. latest];
    }

    private NextBadgeCase StateBefore(int employee, DateOnly date, CaseScratch scratch, int[] latest)
    {
        var awards = Figures.Awards;
        var day = date.DayNumber;
        var attained = new byte[Snapshot.Skills.Count];
        Array.Clear(scratch.HeldValid);
        Array.Clear(scratch.Earned);
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
        {
            if (awards.Issued[a] >= day || awards.State[a] == VerificationState.Revoked) continue;
            var b = awards.Badge[a];
            // A prerequisite is met by any non-revoked award issued by then, expired or not (DESIGN §2).
            scratch.Earned[b] = true;
            if (!awards.Counts(a, Figures.Options)) continue;
            if (awards.IsValidOn(a, day)) scratch.HeldValid[b] = true;
            if (!awards.IsValidOn(a, day - 1)) continue;
            var cap = awards.Achieved[a] >= 0 ? awards.Achieved[a] : byte.MaxValue;
            for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
            {
                var level = (byte)Math.Min(awards.BadgeLevels[k], cap);
                if (level > attained[awards.BadgeSkills[k]]) attained[awards.BadgeSkills[k]] = level;
            }
        }
        var candidates = new List<int>();
        var renews = new List<bool>();
        var earned = new List<int>();
        for (var b = 0; b < _prerequisites.Length; b++)
        {
            if (scratch.Earned[b]) earned.Add(b);
            if (scratch.HeldValid[b] || !PrerequisitesMet(b, scratch.Earned)) continue;
            candidates.Add(b);
            renews.Add(scratch.Earned[b]);
        }
        return new NextBadgeCase(employee, Figures.RoleIndexOf(employee), DepartmentOf[employee], date, attained, [.. candidates], [.. renews], [], latest,
            TargetRoleOf[employee], [.. earned]);
    }

    /// <summary>Number of all-of groups in the badge's effective prerequisites (each met by any one of its badges).</summary>
    public int PrerequisiteGroupCount(int badge) => _prerequisites[badge].Length;

    private bool PrerequisitesMet(int badge, bool[] earned)
    {
        foreach (var group in _prerequisites[badge])
        {
            var met = false;
            foreach (var b in group)
                if (b >= 0 && earned[b]) { met = true; break; }
            if (!met) return false;
        }
        return true;
    }

    internal int[] SortedCountingAwards(int employee)
    {
        var awards = Figures.Awards;
        var list = new List<int>();
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            if (awards.Counts(a, Figures.Options)) list.Add(a);
        var order = list.ToArray();
        var keys = new long[order.Length];
        for (var i = 0; i < order.Length; i++) keys[i] = ((long)awards.Issued[order[i]] << 32) | (uint)order[i];
        Array.Sort(keys, order);
        return order;
    }

    private static int[] DistinctBadges(CompiledAwards awards, int[] order, int from, int to)
    {
        var list = new List<int>();
        for (var k = from; k < to; k++)
            if (!list.Contains(awards.Badge[order[k]])) list.Add(awards.Badge[order[k]]);
        list.Sort();
        return [.. list];
    }

    private static int[][][] CompilePrerequisites(OrganisationSnapshot snapshot)
    {
        var result = new int[snapshot.Badges.Count][][];
        for (var b = 0; b < result.Length; b++)
        {
            var rule = snapshot.EffectivePrerequisites(snapshot.Badges[b]);
            result[b] = rule.Groups.Select(g => g.Select(snapshot.BadgeIndex).ToArray()).ToArray();
        }
        return result;
    }

    private sealed class CaseScratch(int badges)
    {
        public bool[] HeldValid { get; } = new bool[badges];
        public bool[] Earned { get; } = new bool[badges];
    }
}
