using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>A level on SkillsGap's default proficiency scale, 0 (none) to 5 (expert).</summary>
public readonly record struct ProficiencyLevel : IComparable<ProficiencyLevel>
{
    public const int Min = 0;
    public const int Max = 5;

    public ProficiencyLevel(int value)
    {
        if (value is < Min or > Max)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A proficiency level is between {Min} and {Max}.");
        Value = value;
    }

    public int Value { get; }

    public static readonly ProficiencyLevel None = new(0);

    /// <summary>
    /// A level read back from storage: clamped into 0–5 (and counted in <paramref name="report"/>) rather than rejected,
    /// so that a bad stored row cannot make the figures throw.
    /// </summary>
    public static ProficiencyLevel FromStored(int value, ClampReport? report = null, string field = "level", string row = "")
    {
        if (value is >= Min and <= Max) return new ProficiencyLevel(value);
        report?.Add(field, row, value.ToString(CultureInfo.InvariantCulture));
        return new ProficiencyLevel(ValueBounds.ClampLevel(value));
    }

    public int CompareTo(ProficiencyLevel other) => Value.CompareTo(other.Value);
    public static bool operator <(ProficiencyLevel a, ProficiencyLevel b) => a.Value < b.Value;
    public static bool operator >(ProficiencyLevel a, ProficiencyLevel b) => a.Value > b.Value;
    public static bool operator <=(ProficiencyLevel a, ProficiencyLevel b) => a.Value <= b.Value;
    public static bool operator >=(ProficiencyLevel a, ProficiencyLevel b) => a.Value >= b.Value;
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A declared crosswalk from another proficiency scale onto the default 0–5 scale. A source level
/// maps to the first band whose exclusive upper bound it is below; levels outside [Min, Max] are rejected,
/// never clamped.
/// </summary>
public sealed class ScaleCrosswalk
{
    private readonly (decimal UpperExclusive, int Level)[] _bands;

    public ScaleCrosswalk(string name, decimal min, decimal max, IEnumerable<(decimal UpperExclusive, int Level)> bands)
    {
        Name = name;
        Min = min;
        Max = max;
        _bands = bands.OrderBy(b => b.UpperExclusive).ToArray();
        if (_bands.Length == 0) throw new ArgumentException("A crosswalk needs at least one band.", nameof(bands));
        foreach (var (_, level) in _bands)
            _ = new ProficiencyLevel(level);
    }

    public string Name { get; }
    public decimal Min { get; }
    public decimal Max { get; }

    public bool IsInRange(decimal level) => level >= Min && level <= Max;

    public ProficiencyLevel Convert(decimal level)
    {
        if (!IsInRange(level))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Level {level.ToString(CultureInfo.InvariantCulture)} is outside the {Name} scale ({Min.ToString(CultureInfo.InvariantCulture)}–{Max.ToString(CultureInfo.InvariantCulture)}).");
        foreach (var (upper, mapped) in _bands)
            if (level < upper) return new ProficiencyLevel(mapped);
        return new ProficiencyLevel(_bands[^1].Level);
    }

    /// <summary>The default scale itself: 0–5, identity.</summary>
    public static ScaleCrosswalk Default { get; } =
        new("default 0-5", 0, 5, Enumerable.Range(0, 6).Select(l => ((decimal)l + 1, l)));

    /// <summary>
    /// SFIA levels of responsibility 1–7: 1 follow→1, 2 assist→2, 3 apply→3, 4 enable→4,
    /// 5 ensure/advise→4, 6 initiate/influence→5, 7 set strategy→5.
    /// </summary>
    public static ScaleCrosswalk Sfia { get; } =
        new("SFIA 1-7", 1, 7, [(2, 1), (3, 2), (4, 3), (5, 4), (6, 4), (8, 5)]);

    /// <summary>
    /// O*NET level (LV) 0–7, a mean of ratings: level = round(LV × 5 / 7), half up.
    /// Bands: [0, 0.7) → 0, [0.7, 2.1) → 1, [2.1, 3.5) → 2, [3.5, 4.9) → 3, [4.9, 6.3) → 4, [6.3, 7] → 5.
    /// </summary>
    public static ScaleCrosswalk OnetLevel { get; } =
        new("O*NET level 0-7", 0, 7, [(0.7m, 0), (2.1m, 1), (3.5m, 2), (4.9m, 3), (6.3m, 4), (7.01m, 5)]);

    public static ScaleCrosswalk? ByName(string name) => name.Trim().ToUpperInvariant() switch
    {
        "DEFAULT" or "0-5" => Default,
        "SFIA" => Sfia,
        "ONET" or "O*NET" => OnetLevel,
        _ => null,
    };
}
