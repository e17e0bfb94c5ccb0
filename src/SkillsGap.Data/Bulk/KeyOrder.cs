using System.Numerics;

namespace SkillsGap.Data.Bulk;

/// <summary>
/// Orders bulk rows by their natural key and keeps the last row of each key, before they are staged: the upsert then
/// reads the staging table in key order (the target's unique index grows by appends, not page splits all over it),
/// and no key reaches the database twice (a later row of a file overrides an earlier one, as in every writer).
/// </summary>
internal static class KeyOrder
{
    /// <summary>
    /// Indices into <paramref name="rows"/>: one per distinct key (its last occurrence), in ascending key order. Text
    /// keys compare ordinally (UTF-16 code units: the order of SQLite's BINARY and PostgreSQL's "C" collation except
    /// for characters beyond U+FFFF, which only costs the upsert a few out-of-order index inserts), dates and integers
    /// by value. Keys must not be null.
    /// </summary>
    public static int[] LastOfEachKey<T>(IReadOnlyList<T> rows, IReadOnlyList<BulkColumn<T>> keys)
    {
        var n = rows.Count;
        if (n == 0) return [];
        // Each key column becomes a dense rank (0 .. distinct-1) in key order.
        var ranks = new int[keys.Count][];
        var widths = new long[keys.Count];
        for (var k = 0; k < keys.Count; k++)
            (ranks[k], widths[k]) = keys[k].Type == BulkType.Text ? TextRanks(rows, keys[k]) : NumberRanks(rows, keys[k]);

        var bits = widths.Sum(w => w <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(w - 1)));
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        if (bits <= 63)
        {
            // The ranks packed into one long: a primitive sort, several times faster than comparing tuples.
            var packed = new long[n];
            for (var i = 0; i < n; i++)
            {
                long key = 0;
                for (var k = 0; k < ranks.Length; k++) key = key * widths[k] + ranks[k][i];
                packed[i] = key;
            }
            Array.Sort(packed, order);
            return LastOfEachRun(order, (i, j) => packed[i] == packed[j]);
        }
        Array.Sort(order, (a, b) =>
        {
            for (var k = 0; k < ranks.Length; k++)
            {
                var c = ranks[k][a].CompareTo(ranks[k][b]);
                if (c != 0) return c;
            }
            return a.CompareTo(b);
        });
        return LastOfEachRun(order, (i, j) =>
        {
            for (var k = 0; k < ranks.Length; k++)
                if (ranks[k][order[i]] != ranks[k][order[j]]) return false;
            return true;
        });
    }

    // Equal keys sit next to each other after the sort (sameKey compares two sorted positions); of each run the highest
    // original index is the last occurrence.
    private static int[] LastOfEachRun(int[] order, Func<int, int, bool> sameKey)
    {
        var result = new List<int>(order.Length);
        for (var i = 0; i < order.Length;)
        {
            var last = order[i];
            var j = i + 1;
            for (; j < order.Length && sameKey(i, j); j++)
                last = Math.Max(last, order[j]);
            result.Add(last);
            i = j;
        }
        return [.. result];
    }

    private static (int[] Ranks, long Width) TextRanks<T>(IReadOnlyList<T> rows, BulkColumn<T> column)
    {
        var n = rows.Count;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var rank = new int[n];
        for (var i = 0; i < n; i++)
        {
            var value = column.KeyText(rows[i]) ?? throw new ArgumentException($"Key column {column.Name} of row {i} is null.", nameof(rows));
            if (!ids.TryGetValue(value, out var id)) ids[value] = id = ids.Count;
            rank[i] = id;
        }
        var distinct = new string[ids.Count];
        foreach (var (value, id) in ids) distinct[id] = value;
        var firstSeen = new int[distinct.Length];
        for (var i = 0; i < firstSeen.Length; i++) firstSeen[i] = i;
        Array.Sort(distinct, firstSeen, StringComparer.Ordinal);
        var position = new int[distinct.Length];
        for (var p = 0; p < firstSeen.Length; p++) position[firstSeen[p]] = p;
        for (var i = 0; i < n; i++) rank[i] = position[rank[i]];
        return (rank, distinct.Length);
    }

    private static (int[] Ranks, long Width) NumberRanks<T>(IReadOnlyList<T> rows, BulkColumn<T> column)
    {
        var n = rows.Count;
        var values = new long[n];
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            var value = column.KeyNumber(rows[i]) ?? throw new ArgumentException($"Key column {column.Name} of row {i} is null.", nameof(rows));
            values[i] = value;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        var rank = new int[n];
        if (max - min < int.MaxValue)
        {
            for (var i = 0; i < n; i++) rank[i] = (int)(values[i] - min);
            return (rank, max - min + 1);
        }
        // A range too wide for an int (never for dates): rank the distinct values instead.
        var distinct = values.Distinct().Order().ToArray();
        for (var i = 0; i < n; i++) rank[i] = Array.BinarySearch(distinct, values[i]);
        return (rank, distinct.Length);
    }
}
