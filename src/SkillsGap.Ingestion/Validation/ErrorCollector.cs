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

    public IReadOnlyList<RowError> ToList()
    {
        if (_count <= _errors.Count) return _errors;
        var more = _count - _errors.Count;
        return [.. _errors, new RowError(_file, null, null, null, null,
            $"… and {more.ToString(CultureInfo.InvariantCulture)} more errors")];
    }
}
