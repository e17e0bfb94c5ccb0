using System.Collections;
using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Figures;

/// <summary>An employee's state from a date on: one row of the roster's history (<see cref="Employee.LeftOn"/> included).</summary>
public sealed record EmployeeState(DateOnly EffectiveFrom, Employee Employee);

/// <summary>
/// The organisation over time — every role version, every roster row and every award — read once, from which the
/// snapshot or the readiness of any date is derived in memory by the same rules as a snapshot read for that date: per
/// role the version in force (the latest whose effective date is on or before the date, the highest version number
/// breaking a tie; a role with none in force yet uses its earliest version); per employee the row in force (nobody
/// whose first row starts later, nobody whose row in force says they left on or before the date); the awards of the
/// people on that roster. A weekly trend is then one read instead of one per week.
/// </summary>
public sealed class OrganisationTimeline
{
    private readonly Lazy<Compiled> _compiled;

    public OrganisationTimeline(IReadOnlyList<Skill> skills, IReadOnlyList<RoleVersion> roleVersions, IReadOnlyList<Badge> badges,
        IReadOnlyList<EmployeeState> roster, IReadOnlyList<Award> awards, ClampReport? clamped = null)
    {
        Skills = skills;
        Clamped = clamped ?? new ClampReport();
        RoleVersions = roleVersions;
        Badges = badges;
        Roster = roster;
        Awards = awards;
        _compiled = new Lazy<Compiled>(() => new Compiled(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<Skill> Skills { get; }
    /// <summary>Every version of every role.</summary>
    public IReadOnlyList<RoleVersion> RoleVersions { get; }
    public IReadOnlyList<Badge> Badges { get; }
    /// <summary>Every roster row of every employee, in any order.</summary>
    public IReadOnlyList<EmployeeState> Roster { get; }
    /// <summary>Every award, in the order they were stored.</summary>
    public IReadOnlyList<Award> Awards { get; }
    /// <summary>Stored values brought back into range when the timeline was read; every date's snapshot carries it.</summary>
    public ClampReport Clamped { get; }

    /// <summary>Per role the version in force on <paramref name="asOf"/> (see the class summary), ordered by role code.</summary>
    public static IReadOnlyList<RoleVersion> RolesInForce(IEnumerable<RoleVersion> versions, DateOnly asOf) =>
        [.. versions.GroupBy(v => v.Code.Value, StringComparer.Ordinal)
            .Select(g => g.Where(v => v.EffectiveFrom <= asOf).OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version).FirstOrDefault()
                         ?? g.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Version).First())
            .OrderBy(v => v.Code.Value, StringComparer.Ordinal)];

    /// <summary>
    /// One employee's state on <paramref name="asOf"/> from their rows ordered by effective date: the last row starting
    /// on or before it, or null when there is none or it says they left on or before that date.
    /// </summary>
    public static Employee? InForce(ReadOnlySpan<EmployeeState> rowsByDate, DateOnly asOf)
    {
        Employee? inForce = null;
        foreach (var row in rowsByDate)
        {
            if (row.EffectiveFrom > asOf) break;
            inForce = row.Employee;
        }
        return inForce is { LeftOn: DateOnly left } && left <= asOf ? null : inForce;
    }

    /// <summary>The snapshot as of <paramref name="asOf"/>, as a snapshot read for that date would hold it.</summary>
    public OrganisationSnapshot SnapshotAsOf(DateOnly asOf) => SnapshotOn(asOf).Snapshot;

    /// <summary>
    /// The figures as of <paramref name="asOf"/>: equal to <see cref="GapEngine.Compute"/> of <see cref="SnapshotAsOf"/>,
    /// but from the awards compiled once for the whole history — no id look-ups per award, only a copy of each rostered
    /// person's compiled awards.
    /// </summary>
    public OrganisationFigures FiguresAsOf(DateOnly asOf, FigureOptions? options = null)
    {
        var c = _compiled.Value;
        var (snapshot, viewIndex) = SnapshotOn(asOf);
        var historyIndex = c.HistoryIndexOf(snapshot.Employees);
        return GapEngine.Compute(snapshot, options, (offsets, skills, levels) => c.AwardsOf(historyIndex, viewIndex, offsets, skills, levels));
    }

    /// <summary>
    /// The snapshot of a date and, per award of the history, its index in that snapshot's awards (-1: not there), or null
    /// when the date's roster is everyone in the history and the snapshot's awards are the history's own.
    /// </summary>
    private (OrganisationSnapshot Snapshot, int[]? ViewIndex) SnapshotOn(DateOnly asOf)
    {
        var c = _compiled.Value;
        var (employees, onRoster) = c.RosterOn(asOf);
        var roles = RolesInForce(RoleVersions, asOf);
        if (employees.Count == onRoster.Length && c.EveryAwardHasAnEmployee)
            return (new OrganisationSnapshot(asOf, Skills, roles, Badges, employees, Awards, Clamped), null);
        var viewIndex = new int[c.AwardEmployee.Length];
        var kept = 0;
        for (var a = 0; a < viewIndex.Length; a++)
            viewIndex[a] = c.AwardEmployee[a] is var h and >= 0 && onRoster[h] ? kept++ : -1;
        var indices = new int[kept];
        for (var a = 0; a < viewIndex.Length; a++)
            if (viewIndex[a] >= 0) indices[viewIndex[a]] = a;
        var snapshot = new OrganisationSnapshot(asOf, Skills, roles, Badges, employees, new IndexedList<Award>(Awards, indices), Clamped);
        return (snapshot, viewIndex);
    }

    /// <summary>
    /// Readiness and ready of everyone on the roster of <paramref name="asOf"/>, exactly as
    /// <see cref="GapEngine.Compute"/> of <see cref="SnapshotAsOf"/> would give them, without the attained-level matrix
    /// or the compiled awards of that date (the awards are compiled once for the whole history).
    /// </summary>
    public RosterReadiness ReadinessAsOf(DateOnly asOf, FigureOptions? options = null)
    {
        options ??= FigureOptions.Default;
        var c = _compiled.Value;
        var (employees, _) = c.RosterOn(asOf);
        var roles = RolesInForce(RoleVersions, asOf);
        var roster = new OrganisationSnapshot(asOf, Skills, roles, Badges, employees, [], Clamped);
        var compiledRoles = roles.Select(r => c.RoleVersions[r]).ToArray();
        var historyIndex = c.HistoryIndexOf(employees);
        var n = employees.Count;
        var readiness = new double[n];
        var ready = new bool[n];
        GapEngine.ForRanges(n, 4096, range =>
        {
            var row = new byte[c.SkillCount];
            for (var e = range.Item1; e < range.Item2; e++)
            {
                var r = roster.RoleIndex(employees[e].Role);
                if (r < 0) { readiness[e] = 1; ready[e] = true; continue; }
                Array.Clear(row);
                c.Awards.Accumulate(historyIndex[e], asOf, options, row);
                var (score, critical) = OrganisationFigures.Score(row, compiledRoles[r]);
                readiness[e] = score;
                ready[e] = score >= options.ReadyThreshold && !critical;
            }
        });
        return new RosterReadiness(roster, readiness, ready);
    }

    /// <summary>What every date shares: skill indices, compiled role versions, the roster rows per employee and the awards per employee.</summary>
    private sealed class Compiled
    {
        private readonly Dictionary<string, int> _employeeIndex = new(StringComparer.Ordinal);
        private readonly EmployeeState[][] _states;

        public Compiled(OrganisationTimeline history)
        {
            var skillIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var code in history.Skills.Select(s => s.Code)
                         .Concat(history.RoleVersions.SelectMany(r => r.Requirements.Select(q => q.Skill)))
                         .Concat(history.Badges.SelectMany(b => b.Skills.Select(s => s.Skill))))
                skillIndex.TryAdd(code.Value, skillIndex.Count);
            SkillCount = skillIndex.Count;
            RoleVersions = new Dictionary<RoleVersion, CompiledRole>(ReferenceEqualityComparer.Instance);
            foreach (var version in history.RoleVersions)
                RoleVersions[version] = GapEngine.Compile(version, code => skillIndex[code.Value]);

            var byEmployee = history.Roster.GroupBy(s => s.Employee.Id.Value, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
            _states = new EmployeeState[byEmployee.Length][];
            for (var h = 0; h < byEmployee.Length; h++)
            {
                _employeeIndex[byEmployee[h].Key] = h;
                _states[h] = [.. byEmployee[h].OrderBy(s => s.EffectiveFrom)];
            }

            var badgeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var b = 0; b < history.Badges.Count; b++) badgeIndex.TryAdd(history.Badges[b].Id.Value, b);
            var (offsets, skills, levels) = GapEngine.CompileBadgeSkills(history.Badges, code => skillIndex[code.Value]);
            var awards = history.Awards;
            AwardEmployee = new int[awards.Count];
            var awardBadge = new int[awards.Count];
            GapEngine.ForRanges(awards.Count, 32_768, range =>
            {
                for (var a = range.Item1; a < range.Item2; a++)
                {
                    AwardEmployee[a] = _employeeIndex.TryGetValue(awards[a].Employee.Value, out var h) ? h : -1;
                    awardBadge[a] = badgeIndex.TryGetValue(awards[a].Badge.Value, out var b) ? b : -1;
                }
            });
            Awards = GapEngine.CompileAwards(awards, history.Badges, _states.Length, AwardEmployee, awardBadge, offsets, skills, levels);
            EveryAwardHasAnEmployee = Array.TrueForAll(AwardEmployee, h => h >= 0);
        }

        /// <summary>Whether every award names an employee of the history (awards of others never reach a snapshot).</summary>
        public bool EveryAwardHasAnEmployee { get; }

        public int SkillCount { get; }
        public Dictionary<RoleVersion, CompiledRole> RoleVersions { get; }
        /// <summary>Per award (in the history's order), the index of its employee in the history, or -1.</summary>
        public int[] AwardEmployee { get; }
        /// <summary>The awards grouped by history employee index.</summary>
        public CompiledAwards Awards { get; }

        /// <summary>The roster on a date, in id order, and which history employees are on it.</summary>
        public (List<Employee> Employees, bool[] OnRoster) RosterOn(DateOnly asOf)
        {
            var employees = new List<Employee>(_states.Length);
            var onRoster = new bool[_states.Length];
            for (var h = 0; h < _states.Length; h++)
                if (InForce(_states[h], asOf) is { } employee)
                {
                    employees.Add(employee);
                    onRoster[h] = true;
                }
            return (employees, onRoster);
        }

        /// <summary>
        /// The compiled awards of the employees at <paramref name="historyIndex"/> (a date's roster), copied from the
        /// history's, with source indices into that date's awards (<paramref name="viewIndex"/>) and the date's badge skills.
        /// </summary>
        public CompiledAwards AwardsOf(int[] historyIndex, int[]? viewIndex, int[] badgeSkillOffsets, int[] badgeSkills, byte[] badgeLevels)
        {
            // Everyone in the history is on the roster, in the same order, with the same awards: the arrays are shared
            // (they are never written after compiling), only the badge skills follow the date's skill indices.
            if (viewIndex is null)
                return new CompiledAwards(Awards.Offsets, Awards.Badge, Awards.Issued, Awards.Expires, Awards.State, Awards.Achieved,
                    badgeSkillOffsets, badgeSkills, badgeLevels, Awards.SourceIndex);
            var from = Awards.Offsets;
            var offsets = new int[historyIndex.Length + 1];
            for (var e = 0; e < historyIndex.Length; e++)
                offsets[e + 1] = offsets[e] + from[historyIndex[e] + 1] - from[historyIndex[e]];
            var total = offsets[^1];
            var badge = new int[total];
            var issued = new int[total];
            var expires = new int[total];
            var state = new VerificationState[total];
            var achieved = new short[total];
            var sourceIndex = new int[total];
            GapEngine.ForRanges(historyIndex.Length, 4096, range =>
            {
                for (var e = range.Item1; e < range.Item2; e++)
                {
                    var start = from[historyIndex[e]];
                    var count = offsets[e + 1] - offsets[e];
                    Array.Copy(Awards.Badge, start, badge, offsets[e], count);
                    Array.Copy(Awards.Issued, start, issued, offsets[e], count);
                    Array.Copy(Awards.Expires, start, expires, offsets[e], count);
                    Array.Copy(Awards.State, start, state, offsets[e], count);
                    Array.Copy(Awards.Achieved, start, achieved, offsets[e], count);
                    for (var k = 0; k < count; k++) sourceIndex[offsets[e] + k] = viewIndex[Awards.SourceIndex[start + k]];
                }
            });
            return new CompiledAwards(offsets, badge, issued, expires, state, achieved, badgeSkillOffsets, badgeSkills, badgeLevels, sourceIndex);
        }

        public int[] HistoryIndexOf(IReadOnlyList<Employee> employees)
        {
            var index = new int[employees.Count];
            for (var e = 0; e < index.Length; e++) index[e] = _employeeIndex[employees[e].Id.Value];
            return index;
        }
    }

    /// <summary>A read-only view of some items of a list, by index.</summary>
    private sealed class IndexedList<T>(IReadOnlyList<T> items, int[] indices) : IReadOnlyList<T>
    {
        public T this[int index] => items[indices[index]];
        public int Count => indices.Length;
        public IEnumerator<T> GetEnumerator() => indices.Select(i => items[i]).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>Readiness and ready of everyone on one date's roster (for trends), without the rest of that date's figures.</summary>
public sealed class RosterReadiness
{
    private readonly double[] _readiness;
    private readonly bool[] _ready;

    internal RosterReadiness(OrganisationSnapshot roster, double[] readiness, bool[] ready)
    {
        Roster = roster;
        _readiness = readiness;
        _ready = ready;
    }

    /// <summary>The roster, roles and catalogue of the date; its <see cref="OrganisationSnapshot.Awards"/> are empty (their effect is in the readiness).</summary>
    public OrganisationSnapshot Roster { get; }
    public DateOnly AsOf => Roster.AsOf;
    public int EmployeeCount => _readiness.Length;
    /// <summary>Readiness against the employee's own role (1 when the role is unknown), indexed as <see cref="Roster"/>'s employees.</summary>
    public double Readiness(int employee) => _readiness[employee];
    public bool IsReady(int employee) => _ready[employee];
}
