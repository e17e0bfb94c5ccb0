using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.Validation;

/// <summary>Collects row errors up to a cap; beyond it only counts them, and ends with one "… and N more" error.</summary>
internal sealed class ErrorCollector(int cap)
{
    private readonly List<RowError> _errors = [];
    private long _count;
    private string _file = "";

    public long Count => _count;

    public void Add(RowError error)
    {
        _count++;
        _file = error.File;
        if (_errors.Count < cap) _errors.Add(error);
    }

    /// <summary>The errors in row order (file-level ones first; a stable sort keeps each row's errors in the order found).</summary>
    public IReadOnlyList<RowError> ToList()
    {
        var sorted = _errors.OrderBy(e => e.Row ?? 0).ToList();
        if (_count <= _errors.Count) return sorted;
        var more = _count - _errors.Count;
        return [.. sorted, new RowError(_file, null, null, null, null,
            $"… and {more.ToString(CultureInfo.InvariantCulture)} more errors")];
    }
}
