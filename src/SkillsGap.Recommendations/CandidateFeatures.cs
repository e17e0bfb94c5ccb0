using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>
/// Peer counts that grow with time: awards per role and badge, and badge-to-next-badge transitions. Advanced
/// forward in day order, so each case sees only what had happened before its cut-off.
/// </summary>
public sealed class PeerStatistics
{
    private readonly (int Day, int Role, int Department, int Badge)[] _awardEvents;
    private readonly (int Day, int From, int To)[] _transitionEvents;
    private readonly (int Day, int From)[] _departureEvents;
    private readonly int _badges;
    private readonly int[] _roleBadge;
    private readonly int[] _roleTotal;
    private readonly int[] _departmentBadge;
    private readonly int[] _departmentTotal;
    private readonly int[] _badgeTotal;
    private readonly int[] _transitions;
    private readonly int[] _departures;
    private readonly double[] _recentRoleBadge;
    private readonly double[] _recentRoleTotal;
    private int _nextAward, _nextTransition, _nextDeparture, _allTotal;
    // Decay weights are 2^((day − _decayOrigin) / half-life): the origin cancels out of a share, and moves forward to keep them finite.
    private int _decayOrigin = int.MinValue;

    /// <summary>Half-life in days of an award's weight in <see cref="RecentRolePopularity"/>.</summary>
    public const int RecentHalfLifeDays = 90;

    /// <summary>Collects the events of the history's awards; counts start empty (cut-off at the beginning of time).</summary>
    public PeerStatistics(TrainingHistory history)
    {
        var snapshot = history.Snapshot;
        var awards = history.Figures.Awards;
        _badges = snapshot.Badges.Count;
        var roles = snapshot.Roles.Count;
        _roleBadge = new int[Math.Max(roles, 1) * _badges];
        _roleTotal = new int[Math.Max(roles, 1)];
        var departmentCount = Math.Max(history.Departments.Count, 1);
        _departmentBadge = new int[departmentCount * _badges];
        _departmentTotal = new int[departmentCount];
        _badgeTotal = new int[_badges];
        _transitions = new int[_badges * _badges];
        _departures = new int[_badges];
        _recentRoleBadge = new double[Math.Max(roles, 1) * _badges];
        _recentRoleTotal = new double[Math.Max(roles, 1)];
        var awardEvents = new List<(int, int, int, int)>();
        var transitions = new List<(int, int, int)>();
        var departures = new List<(int, int)>();
        for (var e = 0; e < snapshot.Employees.Count; e++)
        {
            var role = history.Figures.RoleIndexOf(e);
            var department = history.DepartmentOf[e];
            var days = new SortedDictionary<int, SortedSet<int>>();
            for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
            {
                if (!awards.Counts(a, history.Figures.Options)) continue;
                awardEvents.Add((awards.Issued[a], role, department, awards.Badge[a]));
                if (!days.TryGetValue(awards.Issued[a], out var set)) days[awards.Issued[a]] = set = [];
                set.Add(awards.Badge[a]);
            }
            SortedSet<int>? previous = null;
            foreach (var (day, badges) in days)
            {
                if (previous is not null)
                    foreach (var from in previous)
                    {
                        // "Earned `from`, then earned something next": known once the next award day has passed.
                        departures.Add((day, from));
                        foreach (var to in badges) transitions.Add((day, from, to));
                    }
                previous = badges;
            }
        }
        _awardEvents = [.. awardEvents.OrderBy(x => x.Item1)];
        _transitionEvents = [.. transitions.OrderBy(x => x.Item1)];
        _departureEvents = [.. departures.OrderBy(x => x.Item1)];
    }

    /// <summary>Exclusive day number up to which events have been counted.</summary>
    public int CutoffDay { get; private set; } = int.MinValue;

    /// <summary>Counts every event issued before <paramref name="cutoffDay"/> (a day number); cut-offs only move forward.</summary>
    public void AdvanceTo(int cutoffDay)
    {
        if (cutoffDay < CutoffDay) throw new InvalidOperationException("Peer statistics only move forward in time.");
        CutoffDay = cutoffDay;
        for (; _nextAward < _awardEvents.Length && _awardEvents[_nextAward].Day < cutoffDay; _nextAward++)
        {
            var (_, role, department, badge) = _awardEvents[_nextAward];
            _badgeTotal[badge]++;
            _allTotal++;
            if (department >= 0)
            {
                _departmentBadge[department * _badges + badge]++;
                _departmentTotal[department]++;
            }
            if (role < 0) continue;
            _roleBadge[role * _badges + badge]++;
            _roleTotal[role]++;
            var weight = DecayWeight(_awardEvents[_nextAward].Day);
            _recentRoleBadge[role * _badges + badge] += weight;
            _recentRoleTotal[role] += weight;
        }
        for (; _nextTransition < _transitionEvents.Length && _transitionEvents[_nextTransition].Day < cutoffDay; _nextTransition++)
            _transitions[_transitionEvents[_nextTransition].From * _badges + _transitionEvents[_nextTransition].To]++;
        for (; _nextDeparture < _departureEvents.Length && _departureEvents[_nextDeparture].Day < cutoffDay; _nextDeparture++)
            _departures[_departureEvents[_nextDeparture].From]++;
    }

    /// <summary>Share of the role peers' awards that are of this badge.</summary>
    public double RolePopularity(int role, int badge) =>
        role < 0 || _roleTotal[role] == 0 ? 0 : (double)_roleBadge[role * _badges + badge] / _roleTotal[role];

    /// <summary>
    /// Share of the role peers' awards that are of this badge, each award weighted by recency: half as much for every
    /// <see cref="RecentHalfLifeDays"/> days it is older than the latest (so a history that stopped long ago keeps its shape).
    /// </summary>
    public double RecentRolePopularity(int role, int badge) =>
        role < 0 || _recentRoleTotal[role] == 0 ? 0 : _recentRoleBadge[role * _badges + badge] / _recentRoleTotal[role];

    private double DecayWeight(int day)
    {
        if (_decayOrigin == int.MinValue) _decayOrigin = day;
        var exponent = (double)(day - _decayOrigin) / RecentHalfLifeDays;
        if (exponent > 256)
        {
            // Rescale every weight to a new origin (day), before they overflow.
            var scale = Math.Pow(2, -exponent);
            for (var i = 0; i < _recentRoleBadge.Length; i++) _recentRoleBadge[i] *= scale;
            for (var i = 0; i < _recentRoleTotal.Length; i++) _recentRoleTotal[i] *= scale;
            _decayOrigin = day;
            exponent = 0;
        }
        return Math.Pow(2, exponent);
    }

    /// <summary>Share of the department's awards that are of this badge.</summary>
    public double DepartmentPopularity(int department, int badge) =>
        department < 0 || _departmentTotal[department] == 0 ? 0 : (double)_departmentBadge[department * _badges + badge] / _departmentTotal[department];

    /// <summary>Share of all awards that are of this badge.</summary>
    public double GlobalPopularity(int badge) => _allTotal == 0 ? 0 : (double)_badgeTotal[badge] / _allTotal;

    /// <summary>
    /// Of the people who earned one of <paramref name="latest"/> and then earned something, the highest share who
    /// earned <paramref name="badge"/> next; with the badge it came from.
    /// </summary>
    public (double Share, int From) Transition(int[] latest, int badge)
    {
        double best = 0;
        var from = -1;
        foreach (var a in latest)
        {
            if (_departures[a] == 0) continue;
            var share = (double)_transitions[a * _badges + badge] / _departures[a];
            if (share > best) { best = share; from = a; }
        }
        return (best, from);
    }
}

/// <summary>The features of one (case, candidate badge) pair, as a dense float matrix per case.</summary>
public static class CandidateFeatures
{
    public const int WeightedGapClosed = 0;
    public const int GapGreedy = 1;
    public const int Hours = 2;
    public const int BadgeLevel = 3;
    public const int RolePopularity = 4;
    public const int TransitionScore = 5;
    public const int PrerequisiteGroups = 6;
    public const int Renews = 7;
    public const int ReadinessBefore = 8;
    public const int CriticalGapsClosed = 9;
    public const int GlobalPopularity = 10;
    public const int DepartmentPopularity = 11;
    /// <summary>0-based place of the candidate when the case's candidates are ordered as the popularity baseline orders them.</summary>
    public const int PopularityRank = 12;
    /// <summary>Recency-weighted share of the role peers' awards (<see cref="PeerStatistics.RecentRolePopularity"/>).</summary>
    public const int RecentRolePopularity = 13;
    /// <summary>Σ weight · levels of gap closed against the employee's target role (0 without one).</summary>
    public const int TargetGapClosed = 14;
    /// <summary>1 when a badge of the employee's latest award day is among the candidate's prerequisites or in its stack.</summary>
    public const int ContinuesLatest = 15;
    /// <summary>How many other badges of the candidate's stack the employee has earned.</summary>
    public const int StackSiblingsEarned = 16;
    /// <summary>1 when the candidate is a stack (a credential made of other badges).</summary>
    public const int IsStack = 17;
    /// <summary>The role's affinity for the badge: its share of the role peers' awards over its share of all awards.</summary>
    public const int RoleAffinity = 18;
    /// <summary>The department's affinity for the badge: its share of the department's awards over its share of all awards.</summary>
    public const int DepartmentAffinity = 19;
    /// <summary>Levels of gap closed against what the roles of the employee's department need (unweighted).</summary>
    public const int DepartmentGapClosed = 20;
    /// <summary>Levels the badge raises over the employee's attained levels, in any skill.</summary>
    public const int LevelsRaised = 21;
    /// <summary>(Role + target-role weighted gap closed) / max(hours, 1).</summary>
    public const int CombinedGapGreedy = 22;
    /// <summary>Σ weight · levels of gap closed against the target role most often declared by the employee's role peers.</summary>
    public const int PeerTargetGapClosed = 23;
    public const int Count = 24;

    /// <summary>Names of the columns, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "weightedGapClosed", "gapGreedy", "hours", "badgeLevel", "rolePopularity", "transition",
        "prerequisiteGroups", "renews", "readinessBefore", "criticalGapsClosed", "globalPopularity", "departmentPopularity",
        "popularityRank", "recentRolePopularity", "targetGapClosed", "continuesLatest", "stackSiblingsEarned", "isStack",
        "roleAffinity", "departmentAffinity", "departmentGapClosed", "levelsRaised", "combinedGapGreedy", "peerTargetGapClosed",
    ];

    /// <summary>
    /// Features of every candidate of <paramref name="c"/>, row-major (candidates × <see cref="Count"/>), with the peer
    /// statistics as they stand now.
    /// </summary>
    public static float[] Build(TrainingHistory history, NextBadgeCase c, PeerStatistics peers) => Build(history, c, peers, peers);

    /// <summary>
    /// As <see cref="Build(TrainingHistory, NextBadgeCase, PeerStatistics)"/>, with the recent-popularity column taken from
    /// <paramref name="recent"/> (statistics cut off at the case's own day where <paramref name="peers"/> count more).
    /// Candidates flagged in <paramref name="excludedFromRank"/> (by candidate position) are placed after all others in
    /// the popularity place: when the candidates are the whole catalogue, the validly held badges.
    /// </summary>
    public static float[] Build(TrainingHistory history, NextBadgeCase c, PeerStatistics peers, PeerStatistics recent,
        bool[]? excludedFromRank = null)
    {
        var figures = history.Figures;
        var awards = figures.Awards;
        var badges = history.Snapshot.Badges;
        var role = c.Role >= 0 ? figures.CompiledRoles[c.Role] : null;
        var target = c.TargetRole >= 0 ? figures.CompiledRoles[c.TargetRole] : null;
        // Requirement slot of each skill in the role (and the target role), -1 where it does not require it.
        var skillCount = history.Snapshot.Skills.Count;
        var slot = new int[skillCount];
        Array.Fill(slot, -1);
        var targetSlot = target is null ? null : new int[skillCount];
        var readiness = 1.0;
        if (role is not null)
        {
            for (var i = 0; i < role.Skills.Length; i++) slot[role.Skills[i]] = i;
            readiness = OrganisationFigures.Score(c.Attained, role).Readiness;
        }
        if (target is not null)
        {
            Array.Fill(targetSlot!, -1);
            for (var i = 0; i < target.Skills.Length; i++) targetSlot![target.Skills[i]] = i;
        }
        var departmentLevels = c.Department >= 0 ? history.DepartmentLevels[c.Department] : null;
        var peerTarget = c.Role >= 0 && history.PeerTargetOf[c.Role] is var pt and >= 0 ? figures.CompiledRoles[pt] : null;
        var peerTargetRequired = peerTarget is null ? null : new byte[skillCount];
        var peerTargetWeight = peerTarget is null ? null : new byte[skillCount];
        if (peerTarget is not null)
            for (var i = 0; i < peerTarget.Skills.Length; i++)
            {
                peerTargetRequired![peerTarget.Skills[i]] = peerTarget.Required[i];
                peerTargetWeight![peerTarget.Skills[i]] = peerTarget.Weights[i];
            }
        var result = new float[c.Candidates.Length * Count];
        for (var k = 0; k < c.Candidates.Length; k++)
        {
            var b = c.Candidates[k];
            var row = result.AsSpan(k * Count, Count);
            long weighted = 0, targetWeighted = 0, departmentClosed = 0, raised = 0, peerTargetWeighted = 0;
            var critical = 0;
            var level = 0;
            for (var s = awards.BadgeSkillOffsets[b]; s < awards.BadgeSkillOffsets[b + 1]; s++)
            {
                var skill = awards.BadgeSkills[s];
                int attests = awards.BadgeLevels[s];
                level = Math.Max(level, attests);
                raised += Math.Max(0, attests - c.Attained[skill]);
                if (peerTargetRequired is not null)
                    peerTargetWeighted += peerTargetWeight![skill] * Math.Max(0, Math.Min(peerTargetRequired[skill], attests) - c.Attained[skill]);
                if (departmentLevels is not null)
                    departmentClosed += Math.Max(0, Math.Min(departmentLevels[skill], attests) - c.Attained[skill]);
                if (targetSlot is not null && targetSlot[skill] is var t and >= 0)
                {
                    int targetNeed = target!.Required[t], now = c.Attained[skill];
                    targetWeighted += target.Weights[t] * Math.Max(0, Math.Min(targetNeed, Math.Max(now, attests)) - Math.Min(targetNeed, now));
                }
                var i = slot[skill];
                if (i < 0) continue;
                int have = c.Attained[skill], need = role!.Required[i];
                var closed = Math.Min(need, Math.Max(have, attests)) - Math.Min(need, have);
                if (closed <= 0) continue;
                weighted += role.Weights[i] * closed;
                if (role.Critical[i]) critical++;
            }
            var hours = (double)badges[b].Hours;
            row[WeightedGapClosed] = weighted;
            row[GapGreedy] = (float)(weighted / Math.Max(hours, 1));
            row[Hours] = (float)hours;
            row[BadgeLevel] = level;
            row[RolePopularity] = (float)peers.RolePopularity(c.Role, b);
            row[TransitionScore] = (float)peers.Transition(c.Latest, b).Share;
            row[PrerequisiteGroups] = history.PrerequisiteGroupCount(b);
            row[Renews] = c.Renews[k] ? 1 : 0;
            row[ReadinessBefore] = (float)readiness;
            row[CriticalGapsClosed] = critical;
            row[GlobalPopularity] = (float)peers.GlobalPopularity(b);
            row[DepartmentPopularity] = (float)peers.DepartmentPopularity(c.Department, b);
            row[RecentRolePopularity] = (float)recent.RecentRolePopularity(c.Role, b);
            row[TargetGapClosed] = targetWeighted;
            row[ContinuesLatest] = Continues(history, c.Latest, b) ? 1 : 0;
            row[StackSiblingsEarned] = SiblingsEarned(history, c.Earned, b);
            row[IsStack] = history.IsStack[b] ? 1 : 0;
            var global = row[GlobalPopularity];
            row[RoleAffinity] = global > 0 ? row[RolePopularity] / global : 0;
            row[DepartmentAffinity] = global > 0 ? row[DepartmentPopularity] / global : 0;
            row[DepartmentGapClosed] = departmentClosed;
            row[LevelsRaised] = raised;
            row[PeerTargetGapClosed] = peerTargetWeighted;
            row[CombinedGapGreedy] = (float)((weighted + targetWeighted) / Math.Max(hours, 1));
        }
        FillRank(result, c.Candidates.Length, RolePopularity, PopularityRank, excludedFromRank);
        return result;
    }


    /// <summary>Whether one of <paramref name="latest"/> is a prerequisite of <paramref name="badge"/> or shares its stack.</summary>
    private static bool Continues(TrainingHistory history, int[] latest, int badge)
    {
        if (latest.Length == 0) return false;
        var stack = history.StackOf[badge];
        foreach (var l in latest)
        {
            if (stack >= 0 && history.StackOf[l] == stack) return true;
            if (l == badge) continue;
            foreach (var group in history.PrerequisiteGroups(badge))
                if (Array.IndexOf(group, l) >= 0) return true;
        }
        return false;
    }

    /// <summary>How many other children of the badge's stack are among <paramref name="earned"/> (ascending badge indices).</summary>
    private static int SiblingsEarned(TrainingHistory history, int[] earned, int badge)
    {
        var stack = history.StackOf[badge];
        if (stack < 0) return 0;
        var n = 0;
        foreach (var e in earned)
            if (e != badge && history.StackOf[e] == stack) n++;
        return n;
    }

    /// <summary>
    /// Writes into column <paramref name="rank"/> each candidate's 0-based place when ordered by column
    /// <paramref name="by"/>, highest first, equal values by candidate position (ascending badge index) — the order
    /// <see cref="RankingMetrics.Rank"/> gives.
    /// </summary>
    private static void FillRank(float[] features, int candidates, int by, int rank, bool[]? excluded)
    {
        var keys = new float[candidates];
        var order = new int[candidates];
        for (var k = 0; k < candidates; k++)
        {
            // Excluded candidates sort after every other (popularity is a share, at most 1).
            keys[k] = excluded is not null && excluded[k] ? 2 - features[k * Count + by] : -features[k * Count + by];
            order[k] = k;
        }
        // Array.Sort is not stable: sort by value, then restore position order within runs of equal values.
        Array.Sort(keys, order);
        for (int start = 0, end; start < candidates; start = end)
        {
            end = start + 1;
            while (end < candidates && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
        }
        for (var r = 0; r < candidates; r++) features[order[r] * Count + rank] = r;
    }

    /// <summary>
    /// Features of every case, each with the peer statistics cut off at its own day or at <paramref name="trainUntil"/>,
    /// whichever is earlier (so test cases see only the training window).
    /// </summary>
    public static float[][] BuildAll(TrainingHistory history, IReadOnlyList<NextBadgeCase> cases, DateOnly trainUntil)
    {
        var result = new float[cases.Count][];
        Sweep(history, cases, trainUntil, (i, features) => result[i] = features);
        return result;
    }

    /// <summary>
    /// Hands each case's features to <paramref name="consume"/> (case position, features) in cut-off order, so that callers
    /// keep only what they need of a large history rather than every case's matrix at once.
    /// </summary>
    public static void Sweep(TrainingHistory history, IReadOnlyList<NextBadgeCase> cases, DateOnly trainUntil, Action<int, float[]> consume) =>
        Sweep(history, cases, trainUntil, (i, peers) => consume(i, Build(history, cases[i], peers)));

    /// <summary>As the public overload, handing over the peer statistics as they stand at each case's cut-off.</summary>
    internal static void Sweep(TrainingHistory history, IReadOnlyList<NextBadgeCase> cases, DateOnly trainUntil, Action<int, PeerStatistics> visit)
    {
        var peers = new PeerStatistics(history);
        var cutoff = new int[cases.Count];
        var order = new int[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            cutoff[i] = Math.Min(cases[i].Day.DayNumber, trainUntil.DayNumber);
            order[i] = i;
        }
        // Stable by position within one cut-off: sort (cut-off, position) pairs.
        var keys = new long[cases.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = ((long)cutoff[i] << 32) | (uint)i;
        Array.Sort(keys, order);
        foreach (var i in order)
        {
            peers.AdvanceTo(cutoff[i]);
            visit(i, peers);
        }
    }

    /// <summary>The columns that depend on the employee's attained levels (what a badge would close).</summary>
    private static readonly int[] LevelColumns =
    [
        WeightedGapClosed, GapGreedy, CriticalGapsClosed, TargetGapClosed, DepartmentGapClosed, LevelsRaised, CombinedGapGreedy,
        PeerTargetGapClosed,
    ];

    /// <summary>
    /// The features of <paramref name="c"/>'s candidates, where the rows of the badges in <paramref name="lapsed"/> (badge →
    /// attained levels once its expiring award has lapsed) describe what the badge would close then: a renewal is weighed
    /// by the gap its lapse would open.
    /// </summary>
    internal static float[] BuildWithLapses(TrainingHistory history, NextBadgeCase c, PeerStatistics peers,
        IReadOnlyList<(int Badge, byte[] Lapsed)> lapsed)
    {
        var features = Build(history, c, peers);
        foreach (var (badge, attained) in lapsed)
        {
            var k = Array.BinarySearch(c.Candidates, badge);
            if (k < 0) continue;
            var then = Build(history, c.WithAttained(attained, [badge], [true]), peers);
            foreach (var column in LevelColumns) features[k * Count + column] = then[column];
        }
        return features;
    }

    /// <summary>One column of a case's feature matrix.</summary>
    public static float[] Column(float[] features, int candidates, int column)
    {
        var result = new float[candidates];
        for (var k = 0; k < candidates; k++) result[k] = features[k * Count + column];
        return result;
    }
}
