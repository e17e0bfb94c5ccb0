namespace SkillsGap.Ingestion.Validation;

/// <summary>
/// Looks values up by the span of their key text without allocating a string for keys seen before, so that ids that
/// repeat over millions of rows (employees, badges) are created and checked once.
/// </summary>
internal sealed class SpanCache<TValue>
{
    private readonly Dictionary<string, TValue> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Func<string, TValue> _create;

    public SpanCache(Func<string, TValue> create)
    {
        _create = create;
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _map.Count;

    public TValue Get(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out var value)) return value;
        var text = key.ToString();
        value = _create(text);
        _map[text] = value;
        return value;
    }
}
