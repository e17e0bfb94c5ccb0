using System.Runtime.CompilerServices;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>
/// The per-skill totals of a group over its members' own-role requirements, defined once: per skill, the people whose
/// role requires it, those who meet it, Σ gap, the people with a gap and Σ weight·gap. A group's
/// <see cref="SkillAggregate"/>s (coverage, mean gap, top gaps) are read from them; totals of parts add up to the whole.
/// </summary>
public sealed class SkillTotals
{
    private readonly int[] _required;
    private readonly int[] _meeting;
    private readonly long[] _gapSum;
    private readonly int[] _withGap;
    private readonly long[] _weighted;

    public SkillTotals(int skillCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skillCount);
        _required = new int[skillCount];
        _meeting = new int[skillCount];
        _gapSum = new long[skillCount];
        _withGap = new int[skillCount];
        _weighted = new long[skillCount];
    }

    /// <summary>The totals of <paramref name="members"/> (employee indices) against their own roles.</summary>
    public static SkillTotals Of(OrganisationFigures f, IEnumerable<int> members)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(members);
        var totals = new SkillTotals(f.SkillCount);
        foreach (var e in members) totals.Add(f, e);
        return totals;
    }

    public int SkillCount => _required.Length;

    /// <summary>People whose role requires skill <paramref name="skill"/>.</summary>
    public int Required(int skill) => _required[skill];

    /// <summary>Of them, those whose attained level meets the requirement.</summary>
    public int Meeting(int skill) => _meeting[skill];

    /// <summary>Σ gap over the people required.</summary>
    public long GapSum(int skill) => _gapSum[skill];

    /// <summary>People with a gap in the skill.</summary>
    public int WithGap(int skill) => _withGap[skill];

    /// <summary>Σ weight · gap over the people required.</summary>
    public long WeightedGap(int skill) => _weighted[skill];

    /// <summary>Adds one person's own-role requirements (nothing when their role is unknown on the date).</summary>
    public void Add(OrganisationFigures f, int employee)
    {
        ArgumentNullException.ThrowIfNull(f);
        var r = f.RoleIndexOf(employee);
        if (r >= 0) Add(f.AttainedRow(employee), f.CompiledRoles[r]);
    }

    /// <summary>Adds one person's requirements of <paramref name="role"/> given their attained levels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<byte> attained, CompiledRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var skills = role.Skills.AsSpan();
        var levels = role.Required.AsSpan();
        var weights = role.Weights.AsSpan();
        for (var i = 0; i < skills.Length; i++)
        {
            var s = skills[i];
            var gap = levels[i] - attained[s];
            _required[s]++;
            if (gap <= 0)
            {
                _meeting[s]++;
                continue;
            }
            _gapSum[s] += gap;
            _withGap[s]++;
            _weighted[s] += weights[i] * gap;
        }
    }

    /// <summary>Adds another group's totals (of the same figures) to these.</summary>
    public void Add(SkillTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.SkillCount != SkillCount) throw new ArgumentException("The totals are of different skill sets.", nameof(other));
        for (var s = 0; s < SkillCount; s++)
        {
            _required[s] += other._required[s];
            _meeting[s] += other._meeting[s];
            _gapSum[s] += other._gapSum[s];
            _withGap[s] += other._withGap[s];
            _weighted[s] += other._weighted[s];
        }
    }

    /// <summary>The aggregate of one skill, or null when no member's role requires it.</summary>
    public SkillAggregate? Aggregate(OrganisationFigures f, int skill)
    {
        ArgumentNullException.ThrowIfNull(f);
        var required = _required[skill];
        return required == 0 ? null : new SkillAggregate(f.Snapshot.Skills[skill].Code, required, (double)_meeting[skill] / required,
            (double)_gapSum[skill] / required, _withGap[skill], _weighted[skill]);
    }

    /// <summary>Every skill some member's role requires, top gaps first (<see cref="TopGaps.Order"/>).</summary>
    public IReadOnlyList<SkillAggregate> Aggregates(OrganisationFigures f)
    {
        var result = new List<SkillAggregate>();
        for (var s = 0; s < SkillCount; s++)
            if (Aggregate(f, s) is { } aggregate) result.Add(aggregate);
        result.Sort(TopGaps.Order);
        return result;
    }
}

/// <summary>
/// "Top gaps", defined once: the skills with a weighted gap (Σ weight·gap &gt; 0), largest first (then by skill code,
/// ordinal), at most <see cref="Count"/>. Pages, workbooks, the API and the CLI all take them from here.
/// </summary>
public static class TopGaps
{
    /// <summary>How many top gaps are shown.</summary>
    public const int Count = 10;

    /// <summary>The order of skills by gap: Σ weight·gap descending, then skill code (ordinal).</summary>
    public static int Order(SkillAggregate a, SkillAggregate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return b.WeightedGap != a.WeightedGap ? b.WeightedGap.CompareTo(a.WeightedGap) : string.CompareOrdinal(a.Skill.Value, b.Skill.Value);
    }

    /// <summary>The top gaps of a group's skills (already in <see cref="Order"/>, as every analysis gives them).</summary>
    public static IReadOnlyList<SkillAggregate> Of(IEnumerable<SkillAggregate> skills) =>
        [.. skills.Where(k => k.WeightedGap > 0).Take(Count)];

    /// <summary>The top gaps of a <c>gaps</c> document's skills (already in <see cref="Order"/>).</summary>
    public static IReadOnlyList<SkillLine> Of(IEnumerable<SkillLine> skills) =>
        [.. skills.Where(k => k.WeightedGap > 0).Take(Count)];

    /// <summary>The one top gap of a group (the skill with the largest Σ weight·gap), or null when it has no gap.</summary>
    public static SkillAggregate? First(IEnumerable<SkillAggregate> skills) => Of(skills).FirstOrDefault();
}
