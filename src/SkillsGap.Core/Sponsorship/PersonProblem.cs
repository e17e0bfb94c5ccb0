using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;

namespace SkillsGap.Core.Sponsorship;

/// <summary>
/// What the sponsorship planner needs of the organisation once per request: the catalogue's prerequisite graph (shared
/// with the pathway planner), per skill the badges that attest it, and each badge's cost in budget hours.
/// </summary>
internal sealed class SponsorshipContext
{
    public SponsorshipContext(OrganisationFigures figures, SponsorshipRequest request)
    {
        Figures = figures;
        Request = request;
        Graph = CatalogueGraph.For(figures);
        var badges = figures.Snapshot.Badges;
        Cost = badges.Select(request.CostOf).ToArray();
        var lists = new List<(int, byte)>[figures.SkillCount];
        for (var s = 0; s < lists.Length; s++) lists[s] = [];
        var awards = figures.Awards;
        for (var b = 0; b < badges.Count; b++)
            for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
                lists[awards.BadgeSkills[k]].Add((b, awards.BadgeLevels[k]));
        Attesting = lists.Select(l => l.ToArray()).ToArray();
        // Earnable with nothing held is earnable for everyone; only the rest needs each person's own fixpoint.
        FreeEarnable = Graph.Earnable(new bool[badges.Count]);
        AllFreeEarnable = FreeEarnable.All(x => x);
        var byId = Enumerable.Range(0, badges.Count).OrderBy(b => badges[b].Id.Value, StringComparer.Ordinal).ToArray();
        IdRank = new int[badges.Count];
        ZeroScores = new double[badges.Count];
        for (var i = 0; i < byId.Length; i++) IdRank[byId[i]] = i;
    }

    /// <summary>Per badge, whether it can be earned starting from nothing held.</summary>
    public bool[] FreeEarnable { get; }
    public bool AllFreeEarnable { get; }
    /// <summary>Per badge, its place in ordinal badge-id order.</summary>
    public int[] IdRank { get; }
    /// <summary>Model scores of candidates, all 0 (sponsorship has no model): one array long enough for any person, shared.</summary>
    public double[] ZeroScores { get; }

    public OrganisationFigures Figures { get; }
    public SponsorshipRequest Request { get; }
    public CatalogueGraph Graph { get; }
    /// <summary>Per badge, hours plus the cost per badge.</summary>
    public decimal[] Cost { get; }
    /// <summary>Per skill, the badges that attest it and at which level.</summary>
    public (int Badge, byte Level)[][] Attesting { get; }

    /// <summary>
    /// The role a person is measured against: their target role when asked and they have one known on the date, else
    /// their own (−1 when that is not known either).
    /// </summary>
    public int MeasuredRole(int employee)
    {
        if (Request.Target && Figures.Snapshot.Employees[employee].TargetRole is RoleCode target
            && Figures.Snapshot.RoleIndex(target) is var t and >= 0)
            return t;
        return Figures.RoleIndexOf(employee);
    }
}

/// <summary>
/// One person's sponsorship instance against the role measured: the requirements with a gap, and the candidate badges
/// (not validly held, earnable, raising a gap requirement — and their prerequisite closures, as in the pathway planner)
/// with the levels each raises. <see cref="Problem"/> is the pathway planner's instance form, reused for its
/// prerequisite groups and cheapest-closure search; its hours are the budget cost of each badge.
/// </summary>
internal sealed class PersonProblem
{
    public required int Employee { get; init; }
    public required CompiledRole Role { get; init; }
    public required PlanningProblem Problem { get; init; }
    /// <summary>The fixed cost per badge included in <see cref="Cost"/>.</summary>
    public required decimal CostPerBadge { get; init; }
    /// <summary>Per candidate, its budget cost as a double (for the bounds).</summary>
    public required double[] CostValue { get; init; }
    /// <summary>Per candidate, whether the person held it before (an expired award, or one not yet counting): earning it renews.</summary>
    public required bool[] Renews { get; init; }
    /// <summary>Per gap requirement, its index among the role's requirements.</summary>
    public required int[] Requirement { get; init; }
    public required byte[] Attained { get; init; }
    public required byte[] Required { get; init; }
    public required byte[] Weight { get; init; }
    /// <summary>Per gap requirement, the best level reachable with the candidates (at most required).</summary>
    public required byte[] Goal { get; init; }
    /// <summary>Candidate k raises gap requirement RaiseRequirement[j] to RaiseLevel[j] (capped at required) for j in [RaiseOffsets[k], RaiseOffsets[k+1]).</summary>
    public required int[] RaiseOffsets { get; init; }
    public required int[] RaiseRequirement { get; init; }
    public required byte[] RaiseLevel { get; init; }
    /// <summary>Σ weight · gap over every requirement of the role, coverable or not.</summary>
    public required long WeightedGap { get; init; }
    /// <summary>Σ weight · (goal − attained): the most any plan can close for this person.</summary>
    public required long Coverable { get; init; }

    /// <summary>Whether any candidate has a prerequisite group still to meet (otherwise every closure is the badge alone).</summary>
    public required bool HasPrerequisites { get; init; }

    public int Count => Problem.Count;

    /// <summary>The order in which the exact searches decide this person's candidates (computed once).</summary>
    public DecisionOrder Order => _order ??= DecisionOrder.For(this);

    private DecisionOrder? _order;
    public decimal[] Cost => Problem.Hours;

    /// <summary>The badge's own hours: its cost without the cost per badge.</summary>
    public decimal HoursOf(int k) => Cost[k] - CostPerBadge;
    public int GapCount => Requirement.Length;

    /// <summary>True when candidate <paramref name="k"/> raises something beyond <paramref name="levels"/>.</summary>
    public bool Raises(int k, byte[] levels)
    {
        for (var j = RaiseOffsets[k]; j < RaiseOffsets[k + 1]; j++)
            if (RaiseLevel[j] > levels[RaiseRequirement[j]]) return true;
        return false;
    }

    /// <summary>Weighted gap closed by adding <paramref name="members"/> to <paramref name="levels"/> (levels are left unchanged).</summary>
    public int Gain(byte[] levels, List<int> members, byte[] scratch)
    {
        Array.Copy(levels, scratch, levels.Length);
        foreach (var k in members) Raise(scratch, k);
        var gain = 0;
        for (var r = 0; r < levels.Length; r++) gain += Weight[r] * (scratch[r] - levels[r]);
        return gain;
    }

    private static void ClearHoldings(OrganisationFigures figures, int employee, bool[] prerequisiteHeld, bool[] validHeld)
    {
        var awards = figures.Awards;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            prerequisiteHeld[awards.Badge[a]] = validHeld[awards.Badge[a]] = false;
    }

    private static bool AnyHeld(int[] group, bool[] held)
    {
        foreach (var m in group)
            if (held[m]) return true;
        return false;
    }

    public void Raise(byte[] levels, int k)
    {
        for (var j = RaiseOffsets[k]; j < RaiseOffsets[k + 1]; j++)
            if (RaiseLevel[j] > levels[RaiseRequirement[j]]) levels[RaiseRequirement[j]] = RaiseLevel[j];
    }

    /// <summary>
    /// The instance for one employee against the role measured, or null when they have no gap that an earnable badge
    /// could close (or no role in the snapshot).
    /// </summary>
    public static PersonProblem? Build(SponsorshipContext context, int employee)
    {
        var figures = context.Figures;
        var roleIndex = context.MeasuredRole(employee);
        if (roleIndex < 0) return null;
        var role = figures.CompiledRoles[roleIndex];
        var row = figures.AttainedRow(employee);
        long weightedGap = 0;
        var gapRequirements = new List<int>(role.Skills.Length);
        for (var i = 0; i < role.Skills.Length; i++)
        {
            var gap = role.Required[i] - row[role.Skills[i]];
            if (gap <= 0) continue;
            weightedGap += role.Weights[i] * gap;
            gapRequirements.Add(i);
        }
        if (gapRequirements.Count == 0) return null;

        var badgeCount = figures.Snapshot.Badges.Count;
        var prerequisiteHeld = Scratch.Buffer(ref Scratch.PrerequisiteHeld, badgeCount);
        var validHeld = Scratch.Buffer(ref Scratch.ValidHeld, badgeCount);
        CatalogueGraph.Holdings(figures, employee, prerequisiteHeld, validHeld);
        var earnable = context.AllFreeEarnable ? context.FreeEarnable : context.Graph.Earnable(prerequisiteHeld);

        // Candidates that raise a gap requirement, then their prerequisite closures (every member of every group that
        // held badges do not already meet), exactly as the pathway planner collects its relevant candidates.
        var inSet = Scratch.Buffer(ref Scratch.InSet, badgeCount);
        var relevant = new List<int>(64);
        foreach (var i in gapRequirements)
            foreach (var (b, level) in context.Attesting[role.Skills[i]])
                if (level > row[role.Skills[i]] && !inSet[b] && earnable[b] && !validHeld[b]) { inSet[b] = true; relevant.Add(b); }
        if (relevant.Count == 0)
        {
            ClearHoldings(figures, employee, prerequisiteHeld, validHeld);
            return null;
        }
        var groups = context.Graph.Groups;
        for (var q = 0; q < relevant.Count; q++)
            foreach (var group in groups[relevant[q]])
            {
                if (AnyHeld(group, prerequisiteHeld)) continue;
                foreach (var m in group)
                    if (!inSet[m] && earnable[m] && !validHeld[m]) { inSet[m] = true; relevant.Add(m); }
            }

        var badges = figures.Snapshot.Badges;
        var idRank = context.IdRank;
        relevant.Sort((a, b) => idRank[a].CompareTo(idRank[b]));
        var local = relevant.ToArray();
        var n = local.Length;
        var localOf = Scratch.Buffer(ref Scratch.LocalOf, badgeCount);
        for (var k = 0; k < n; k++) localOf[local[k]] = k + 1; // 0: not a candidate

        var gapCount = gapRequirements.Count;
        var requirementOf = Scratch.Buffer(ref Scratch.RequirementOf, figures.SkillCount);
        var attained = new byte[gapCount];
        var required = new byte[gapCount];
        var weight = new byte[gapCount];
        for (var r = 0; r < gapCount; r++)
        {
            var i = gapRequirements[r];
            requirementOf[role.Skills[i]] = r + 1; // 0: no gap requirement
            attained[r] = row[role.Skills[i]];
            required[r] = role.Required[i];
            weight[r] = role.Weights[i];
        }

        var raiseOffsets = new int[n + 1];
        var raiseRequirement = new List<int>(2 * n);
        var raiseLevel = new List<byte>(2 * n);
        var goal = (byte[])attained.Clone();
        var awards = figures.Awards;
        var covers = new int[n][];
        var localGroups = new int[n][][];
        for (var k = 0; k < n; k++)
        {
            var b = local[k];
            for (var j = awards.BadgeSkillOffsets[b]; j < awards.BadgeSkillOffsets[b + 1]; j++)
            {
                var r = requirementOf[awards.BadgeSkills[j]] - 1;
                if (r < 0) continue;
                var level = Math.Min(awards.BadgeLevels[j], required[r]);
                if (level <= attained[r]) continue;
                // A badge may list a skill twice; keep the higher level once.
                var existing = raiseRequirement.IndexOf(r, raiseOffsets[k]);
                if (existing >= 0) { raiseLevel[existing] = Math.Max(raiseLevel[existing], (byte)level); continue; }
                raiseRequirement.Add(r);
                raiseLevel.Add((byte)level);
                if (level > goal[r]) goal[r] = (byte)level;
            }
            raiseOffsets[k + 1] = raiseRequirement.Count;
            covers[k] = new int[raiseOffsets[k + 1] - raiseOffsets[k]];
            raiseRequirement.CopyTo(raiseOffsets[k], covers[k], 0, covers[k].Length);
            localGroups[k] = [];
            if (groups[b].Length == 0) continue;
            var unmet = new List<int[]>();
            foreach (var g in groups[b])
            {
                if (AnyHeld(g, prerequisiteHeld)) continue;
                var members = new List<int>(g.Length);
                foreach (var m in g) if (localOf[m] > 0) members.Add(localOf[m] - 1);
                members.Sort();
                unmet.Add([.. members]);
            }
            if (unmet.Count > 0) localGroups[k] = [.. unmet];
        }
        // The scratch arrays go back cleared.
        foreach (var b in local) { inSet[b] = false; localOf[b] = 0; }
        foreach (var i in gapRequirements) requirementOf[role.Skills[i]] = 0;
        var renews = new bool[n];
        for (var k = 0; k < n; k++) renews[k] = prerequisiteHeld[local[k]];
        ClearHoldings(figures, employee, prerequisiteHeld, validHeld);
        long coverable = 0;
        var value = new int[gapCount];
        for (var r = 0; r < gapCount; r++)
        {
            value[r] = weight[r] * (goal[r] - attained[r]);
            coverable += value[r];
        }
        // Per requirement, the candidates raising it (in candidate order), counted first so that each list is one array.
        var coveredCount = new int[gapCount];
        foreach (var r in raiseRequirement) coveredCount[r]++;
        var coveredBy = new int[gapCount][];
        for (var r = 0; r < gapCount; r++) coveredBy[r] = new int[coveredCount[r]];
        Array.Clear(coveredCount);
        for (var k = 0; k < n; k++)
            for (var j = raiseOffsets[k]; j < raiseOffsets[k + 1]; j++)
                coveredBy[raiseRequirement[j]][coveredCount[raiseRequirement[j]]++] = k;
        var ids = new BadgeId[n];
        var cost = new decimal[n];
        var costValue = new double[n];
        for (var k = 0; k < n; k++)
        {
            ids[k] = badges[local[k]].Id;
            cost[k] = context.Cost[local[k]];
            costValue[k] = (double)cost[k];
        }

        var problem = new PlanningProblem
        {
            Badge = local,
            Ids = ids,
            Hours = cost,
            Scores = context.ZeroScores,
            Groups = localGroups,
            Covers = covers,
            CoveredBy = coveredBy,
            Value = value,
        };
        return new PersonProblem
        {
            Employee = employee,
            Role = role,
            Problem = problem,
            CostPerBadge = context.Request.CostPerBadge,
            CostValue = costValue,
            Renews = renews,
            Requirement = [.. gapRequirements],
            Attained = attained,
            Required = required,
            Weight = weight,
            Goal = goal,
            RaiseOffsets = raiseOffsets,
            RaiseRequirement = [.. raiseRequirement],
            RaiseLevel = [.. raiseLevel],
            WeightedGap = weightedGap,
            Coverable = coverable,
            HasPrerequisites = Array.Exists(localGroups, g => g.Length > 0),
        };
    }
}

/// <summary>
/// The order in which the exact searches decide a person's candidates: the last prerequisite rank first (a candidate's
/// dependents before it, where the prerequisites allow), ties by candidate index; it does not depend on the budget or λ.
/// </summary>
internal sealed class DecisionOrder
{
    public required int[] Order { get; init; }
    public required int[] Position { get; init; }
    /// <summary>Whether every candidate that has this one in a prerequisite group is decided before it.</summary>
    public required bool[] DependentsFirst { get; init; }

    public static DecisionOrder For(PersonProblem p)
    {
        var n = p.Count;
        if (!p.HasPrerequisites)
        {
            var identity = new int[n];
            for (var k = 0; k < n; k++) identity[k] = k;
            var all = new bool[n];
            Array.Fill(all, true);
            return new DecisionOrder { Order = identity, Position = identity, DependentsFirst = all };
        }
        var rank = p.Problem.Rank;
        var order = Enumerable.Range(0, n).OrderByDescending(k => rank[k]).ThenBy(k => k).ToArray();
        var position = new int[n];
        for (var i = 0; i < n; i++) position[order[i]] = i;
        var dependentsFirst = new bool[n];
        for (var k = 0; k < n; k++)
            dependentsFirst[k] = p.Problem.Dependents[k].All(d => position[d.Badge] < position[k]);
        return new DecisionOrder { Order = order, Position = position, DependentsFirst = dependentsFirst };
    }
}

/// <summary>Per-thread work arrays of the searches, so that planning 100,000 people does not allocate per person and move.</summary>
internal static class Scratch
{
    [ThreadStatic] private static bool[]? _flagsA;
    [ThreadStatic] private static bool[]? _flagsB;
    [ThreadStatic] private static int[]? _counts;
    [ThreadStatic] private static byte[]? _levels;
    [ThreadStatic] private static List<int>? _list;
    // Kept cleared between uses by their users (they reset only what they set).
    [ThreadStatic] internal static bool[]? PrerequisiteHeld;
    [ThreadStatic] internal static bool[]? ValidHeld;
    [ThreadStatic] internal static bool[]? InSet;
    [ThreadStatic] internal static int[]? LocalOf;
    [ThreadStatic] internal static int[]? RequirementOf;

    /// <summary>A per-thread array of at least <paramref name="length"/> elements that its users keep cleared.</summary>
    public static T[] Buffer<T>(ref T[]? array, int length) => array is { } a && a.Length >= length ? a : array = new T[length];

    /// <summary>A cleared array of at least <paramref name="length"/> flags (first of two).</summary>
    public static bool[] FlagsA(int length) => Cleared(ref _flagsA, length);

    /// <summary>A cleared array of at least <paramref name="length"/> flags (second of two).</summary>
    public static bool[] FlagsB(int length) => Cleared(ref _flagsB, length);

    public static int[] Counts(int length)
    {
        if (_counts is null || _counts.Length < length) _counts = new int[Math.Max(length, 64)];
        else Array.Clear(_counts);
        return _counts;
    }

    /// <summary>An array of at least <paramref name="length"/> levels (contents undefined).</summary>
    public static byte[] Levels(int length) => _levels is { } l && l.Length >= length ? l : _levels = new byte[Math.Max(length, 64)];

    public static List<int> List()
    {
        _list ??= [];
        _list.Clear();
        return _list;
    }

    private static bool[] Cleared(ref bool[]? array, int length)
    {
        if (array is null || array.Length < length) array = new bool[Math.Max(length, 64)];
        else Array.Clear(array);
        return array;
    }
}
