using System.Collections.Concurrent;
using SkillsGap.Core.Domain;

namespace SkillsGap.Core.Figures;

/// <summary>A requirement of a role next to what one employee has attained.</summary>
public sealed record RequirementGap(SkillCode Skill, int Required, int Attained, int Gap, int Weight, bool Critical);

/// <summary>One employee's figures against one role.</summary>
public sealed record EmployeeFigures(Employee Employee, RoleCode Role, double Readiness, bool Ready, bool HasCriticalGap, IReadOnlyList<RequirementGap> Requirements);

/// <summary>A role's requirements as dense arrays over the snapshot's skill indices.</summary>
public sealed class CompiledRole
{
    internal CompiledRole(RoleVersion role, int[] skills, byte[] required, byte[] weights, bool[] critical)
    {
        Role = role;
        Skills = skills;
        Required = required;
        Weights = weights;
        Critical = critical;
        for (var i = 0; i < skills.Length; i++) WeightedRequired += weights[i] * required[i];
    }

    public RoleVersion Role { get; }
    public int[] Skills { get; }
    public byte[] Required { get; }
    public byte[] Weights { get; }
    public bool[] Critical { get; }
    /// <summary>Σ weight · required, the denominator of readiness.</summary>
    public long WeightedRequired { get; }
}

/// <summary>
/// The figures of DESIGN §2 for a whole organisation at once: attained levels as an employees × skills byte
/// matrix, readiness and ready per employee against their own role.
/// </summary>
public sealed class OrganisationFigures
{
    private readonly byte[] _attained;
    private readonly int[] _roleOf;
    private readonly double[] _readiness;
    private readonly bool[] _ready;
    private readonly bool[] _criticalGap;

    internal OrganisationFigures(OrganisationSnapshot snapshot, FigureOptions options, CompiledRole[] roles, byte[] attained,
        int[] roleOf, byte[] bestAttestable, CompiledAwards awards)
    {
        Snapshot = snapshot;
        Options = options;
        CompiledRoles = roles;
        _attained = attained;
        _roleOf = roleOf;
        BestAttestable = bestAttestable;
        Awards = awards;
        var n = snapshot.Employees.Count;
        _readiness = new double[n];
        _ready = new bool[n];
        _criticalGap = new bool[n];
        GapEngine.ForRanges(n, 4096, range =>
        {
            for (var e = range.Item1; e < range.Item2; e++)
            {
                if (roleOf[e] < 0) { _readiness[e] = 1; _ready[e] = true; continue; }
                var (readiness, critical) = Score(AttainedRow(e), roles[roleOf[e]]);
                _readiness[e] = readiness;
                _criticalGap[e] = critical;
                _ready[e] = readiness >= options.ReadyThreshold && !critical;
            }
        });
    }

    public OrganisationSnapshot Snapshot { get; }
    public FigureOptions Options { get; }
    public DateOnly AsOf => Snapshot.AsOf;
    public int SkillCount => Snapshot.Skills.Count;
    public int EmployeeCount => Snapshot.Employees.Count;
    public IReadOnlyList<CompiledRole> CompiledRoles { get; }

    /// <summary>Per skill, the highest level any badge of the catalogue attests.</summary>
    public byte[] BestAttestable { get; }

    /// <summary>The awards in dense form, grouped by employee.</summary>
    public CompiledAwards Awards { get; }

    public ReadOnlySpan<byte> AttainedRow(int employee) => _attained.AsSpan(employee * SkillCount, SkillCount);
    public int Attained(int employee, int skill) => _attained[employee * SkillCount + skill];
    public int RoleIndexOf(int employee) => _roleOf[employee];
    public double Readiness(int employee) => _readiness[employee];
    public bool IsReady(int employee) => _ready[employee];
    public bool HasCriticalGap(int employee) => _criticalGap[employee];

    /// <summary>Readiness and whether any critical requirement has a gap, for attained levels against a role.</summary>
    public static (double Readiness, bool CriticalGap) Score(ReadOnlySpan<byte> attained, CompiledRole role)
    {
        if (role.WeightedRequired == 0) return (1.0, false);
        long met = 0;
        var critical = false;
        for (var i = 0; i < role.Skills.Length; i++)
        {
            int have = attained[role.Skills[i]], need = role.Required[i];
            met += role.Weights[i] * Math.Min(have, need);
            if (have < need && role.Critical[i]) critical = true;
        }
        return ((double)met / role.WeightedRequired, critical);
    }

    /// <summary>Whether these readiness figures make someone ready: unrounded readiness ≥ threshold and no critical gap.</summary>
    public bool IsReadyFor(int employee, CompiledRole role)
    {
        var (readiness, critical) = Score(AttainedRow(employee), role);
        return readiness >= Options.ReadyThreshold && !critical;
    }

    /// <summary>An employee's figures against their own role, or <paramref name="targetRole"/> when given.</summary>
    public EmployeeFigures ForEmployee(int employee, RoleCode? targetRole = null)
    {
        var person = Snapshot.Employees[employee];
        var roleCode = targetRole ?? person.Role;
        var roleIndex = targetRole is null ? _roleOf[employee] : Snapshot.RoleIndex(roleCode);
        if (roleIndex < 0)
            return new EmployeeFigures(person, roleCode, 1.0, true, false, []);
        var role = CompiledRoles[roleIndex];
        var row = AttainedRow(employee);
        var (readiness, critical) = Score(row, role);
        var requirements = new RequirementGap[role.Skills.Length];
        for (var i = 0; i < requirements.Length; i++)
        {
            int have = row[role.Skills[i]], need = role.Required[i];
            requirements[i] = new RequirementGap(Snapshot.Skills[role.Skills[i]].Code, need, have, Math.Max(0, need - have),
                role.Weights[i], role.Critical[i]);
        }
        return new EmployeeFigures(person, roleCode, readiness, readiness >= Options.ReadyThreshold && !critical, critical, requirements);
    }

    /// <summary>Attained levels of one employee on another date, from their awards only (for expiry look-ahead).</summary>
    public byte[] AttainedOn(int employee, DateOnly date, int excludeAward = -1)
    {
        var row = new byte[SkillCount];
        Awards.Accumulate(employee, date, Options, row, excludeAward);
        return row;
    }
}

/// <summary>Awards as parallel arrays grouped by employee (CSR), with the badge skills they attest.</summary>
public sealed class CompiledAwards
{
    internal CompiledAwards(int[] offsets, int[] badge, int[] issued, int[] expires, VerificationState[] state, short[] achieved,
        int[] badgeSkillOffsets, int[] badgeSkills, byte[] badgeLevels, int[] sourceIndex)
    {
        Offsets = offsets;
        Badge = badge;
        Issued = issued;
        Expires = expires;
        State = state;
        Achieved = achieved;
        BadgeSkillOffsets = badgeSkillOffsets;
        BadgeSkills = badgeSkills;
        BadgeLevels = badgeLevels;
        SourceIndex = sourceIndex;
    }

    /// <summary>Awards of employee e are [Offsets[e], Offsets[e+1]).</summary>
    public int[] Offsets { get; }
    public int[] Badge { get; }
    /// <summary>Day numbers (<see cref="DateOnly.DayNumber"/>).</summary>
    public int[] Issued { get; }
    /// <summary>Day number of the effective expiry, int.MaxValue for never.</summary>
    public int[] Expires { get; }
    public VerificationState[] State { get; }
    /// <summary>The credential's achieved level, or -1.</summary>
    public short[] Achieved { get; }
    public int[] BadgeSkillOffsets { get; }
    public int[] BadgeSkills { get; }
    public byte[] BadgeLevels { get; }
    /// <summary>Index of each compiled award in the snapshot's award list.</summary>
    public int[] SourceIndex { get; }

    public bool Counts(int award, FigureOptions options) =>
        State[award] != VerificationState.Revoked && (options.CountUnverified || State[award] != VerificationState.Unverified);

    public bool IsValidOn(int award, int day) => Issued[award] <= day && day < Expires[award];

    internal void Accumulate(int employee, DateOnly date, FigureOptions options, Span<byte> row, int excludeAward = -1)
    {
        var day = date.DayNumber;
        for (var a = Offsets[employee]; a < Offsets[employee + 1]; a++)
        {
            if (a == excludeAward || !IsValidOn(a, day) || !Counts(a, options)) continue;
            var b = Badge[a];
            var cap = Achieved[a] >= 0 ? Achieved[a] : byte.MaxValue;
            for (var k = BadgeSkillOffsets[b]; k < BadgeSkillOffsets[b + 1]; k++)
            {
                var level = (byte)Math.Min(BadgeLevels[k], cap);
                ref var slot = ref row[BadgeSkills[k]];
                if (level > slot) slot = level;
            }
        }
    }
}

/// <summary>Computes the organisation's figures as of the snapshot's date.</summary>
public static class GapEngine
{
    private const int RangeSize = 4096;

    /// <summary>Runs <paramref name="body"/> over [0, count) in ranges spread over the cores (nothing for an empty range).</summary>
    internal static void ForRanges(int count, int rangeSize, Action<Tuple<int, int>> body)
    {
        if (count <= 0) return;
        if (count <= rangeSize) { body(Tuple.Create(0, count)); return; }
        Parallel.ForEach(Partitioner.Create(0, count, rangeSize), body);
    }

    public static OrganisationFigures Compute(OrganisationSnapshot snapshot, FigureOptions? options = null) =>
        Compute(snapshot, options, (offsets, skills, levels) => CompileAwards(snapshot, offsets, skills, levels));

    /// <summary>The figures of <paramref name="snapshot"/> with its awards compiled by <paramref name="compileAwards"/> (given the badge-skill CSR).</summary>
    internal static OrganisationFigures Compute(OrganisationSnapshot snapshot, FigureOptions? options, Func<int[], int[], byte[], CompiledAwards> compileAwards)
    {
        options ??= FigureOptions.Default;
        var skillCount = snapshot.Skills.Count;
        var roles = snapshot.Roles.Select(r => Compile(snapshot, r)).ToArray();

        var (badgeSkillOffsets, badgeSkills, badgeLevels) = CompileBadgeSkills(snapshot.Badges, snapshot.SkillIndex);
        var best = new byte[skillCount];
        for (var k = 0; k < badgeSkills.Length; k++)
            if (badgeLevels[k] > best[badgeSkills[k]]) best[badgeSkills[k]] = badgeLevels[k];

        var awards = compileAwards(badgeSkillOffsets, badgeSkills, badgeLevels);
        var employees = snapshot.Employees.Count;
        var attained = new byte[(long)employees * skillCount];
        var roleOf = new int[employees];
        // Each employee's row is written by one worker only: ranges of employees run in parallel.
        ForRanges(employees, RangeSize, range =>
        {
            for (var e = range.Item1; e < range.Item2; e++)
            {
                awards.Accumulate(e, snapshot.AsOf, options, attained.AsSpan(e * skillCount, skillCount));
                roleOf[e] = snapshot.RoleIndex(snapshot.Employees[e].Role);
            }
        });
        return new OrganisationFigures(snapshot, options, roles, attained, roleOf, best, awards);
    }

    public static CompiledRole Compile(OrganisationSnapshot snapshot, RoleVersion role) => Compile(role, snapshot.SkillIndex);

    /// <summary>A role's requirements as arrays over the skill indices that <paramref name="skillIndex"/> gives.</summary>
    public static CompiledRole Compile(RoleVersion role, Func<SkillCode, int> skillIndex)
    {
        var n = role.Requirements.Count;
        var skills = new int[n];
        var required = new byte[n];
        var weights = new byte[n];
        var critical = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var q = role.Requirements[i];
            skills[i] = skillIndex(q.Skill);
            required[i] = (byte)q.Required.Value;
            weights[i] = (byte)ValueBounds.ClampWeight(q.Weight);
            critical[i] = q.Critical;
        }
        return new CompiledRole(role, skills, required, weights, critical);
    }

    /// <summary>Badge → attested skills and levels, CSR over the skill indices that <paramref name="skillIndex"/> gives.</summary>
    internal static (int[] Offsets, int[] Skills, byte[] Levels) CompileBadgeSkills(IReadOnlyList<Badge> badges, Func<SkillCode, int> skillIndex)
    {
        var offsets = new int[badges.Count + 1];
        for (var b = 0; b < badges.Count; b++) offsets[b + 1] = offsets[b] + badges[b].Skills.Count;
        var skills = new int[offsets[^1]];
        var levels = new byte[offsets[^1]];
        for (var b = 0; b < badges.Count; b++)
            for (var k = 0; k < badges[b].Skills.Count; k++)
            {
                skills[offsets[b] + k] = skillIndex(badges[b].Skills[k].Skill);
                levels[offsets[b] + k] = (byte)badges[b].Skills[k].Level.Value;
            }
        return (offsets, skills, levels);
    }

    private static CompiledAwards CompileAwards(OrganisationSnapshot snapshot, int[] badgeSkillOffsets, int[] badgeSkills, byte[] badgeLevels)
    {
        var source = snapshot.Awards;
        var employeeOf = new int[source.Count];
        var badgeOf = new int[source.Count];
        // The id look-ups (string hashing) are most of the cost: spread them over the cores, then count serially.
        ForRanges(source.Count, RangeSize * 8, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                employeeOf[i] = snapshot.EmployeeIndex(source[i].Employee);
                badgeOf[i] = snapshot.BadgeIndex(source[i].Badge);
            }
        });
        return CompileAwards(source, snapshot.Badges, snapshot.Employees.Count, employeeOf, badgeOf, badgeSkillOffsets, badgeSkills, badgeLevels);
    }

    /// <summary>
    /// Awards grouped by employee (CSR), given each award's employee and badge index (-1: not in the figures). The
    /// awards of one employee keep the order of <paramref name="source"/>.
    /// </summary>
    internal static CompiledAwards CompileAwards(IReadOnlyList<Award> source, IReadOnlyList<Badge> badges, int employees, int[] employeeOf, int[] badgeOf,
        int[] badgeSkillOffsets, int[] badgeSkills, byte[] badgeLevels)
    {
        var counts = new int[employees + 1];
        for (var i = 0; i < source.Count; i++)
            if (employeeOf[i] >= 0 && badgeOf[i] >= 0) counts[employeeOf[i] + 1]++;
        for (var e = 0; e < employees; e++) counts[e + 1] += counts[e];
        var total = counts[employees];
        var offsets = (int[])counts.Clone();
        // Where each award goes, in the source's order (stable within an employee), as plain ints...
        var position = new int[source.Count];
        var cursor = (int[])counts.Clone();
        for (var i = 0; i < source.Count; i++)
            position[i] = employeeOf[i] >= 0 && badgeOf[i] >= 0 ? cursor[employeeOf[i]]++ : -1;
        var badge = new int[total];
        var issued = new int[total];
        var expires = new int[total];
        var state = new VerificationState[total];
        var achieved = new short[total];
        var sourceIndex = new int[total];
        // ...then the award records, scattered in memory, are read once, on all cores.
        ForRanges(source.Count, RangeSize * 8, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var a = position[i];
                if (a < 0) continue;
                var award = source[i];
                var expiry = badges[badgeOf[i]].ExpiryFor(award.IssuedOn, award.ExpiresOn);
                badge[a] = badgeOf[i];
                issued[a] = award.IssuedOn.DayNumber;
                expires[a] = expiry?.DayNumber ?? int.MaxValue;
                state[a] = award.State;
                achieved[a] = (short)(award.AchievedLevel ?? -1);
                sourceIndex[a] = i;
            }
        });
        return new CompiledAwards(offsets, badge, issued, expires, state, achieved, badgeSkillOffsets, badgeSkills, badgeLevels, sourceIndex);
    }
}
