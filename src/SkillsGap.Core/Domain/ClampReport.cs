using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>
/// Stored values found outside <see cref="ValueBounds"/> and clamped into them, counted per field with the first few
/// examples, so that a caller can log them: the figures are computed, and nobody is left unaware of the bad rows.
/// Safe to add to from several threads.
/// </summary>
public sealed class ClampReport
{
    private const int ExamplesPerField = 3;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, (int Count, List<string> Examples)> _fields = new(StringComparer.Ordinal);

    /// <summary>How many values were clamped in all.</summary>
    public int Total { get; private set; }

    /// <summary>Clamped values per field (<c>badges.valid_months</c>, <c>awards.issued_on</c>, …).</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (_lock) return _fields.ToDictionary(f => f.Key, f => f.Value.Count, StringComparer.Ordinal);
        }
    }

    /// <summary>Records that <paramref name="field"/> of <paramref name="row"/> held <paramref name="value"/> and was clamped.</summary>
    public void Add(string field, string row, string value)
    {
        lock (_lock)
        {
            Total++;
            if (!_fields.TryGetValue(field, out var entry)) entry = (0, []);
            if (entry.Examples.Count < ExamplesPerField) entry.Examples.Add($"{row}: {value}");
            _fields[field] = (entry.Count + 1, entry.Examples);
        }
    }

    /// <summary>One line for a log: "3 stored values were outside their bounds and clamped: badges.valid_months 1 (B-X: 200000); …", or "" when none.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            if (Total == 0) return "";
            var parts = _fields.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{f.Key} {f.Value.Count} ({string.Join(", ", f.Value.Examples)}{(f.Value.Count > f.Value.Examples.Count ? ", …" : "")})"));
            return string.Create(CultureInfo.InvariantCulture,
                $"{Total} stored value(s) were outside their bounds and clamped for the figures: {string.Join("; ", parts)}");
        }
    }
}
