using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Tabular;

namespace SkillsGap.Ingestion.Validation;

/// <summary>A column of the file contract bound to a header: its index (-1 when absent) and the name errors use.</summary>
internal readonly record struct Column(int Index, string Name)
{
    public bool Present => Index >= 0;
}

/// <summary>
/// A table read against the file contract: binds columns by matched header names, and parses the current row's cells,
/// recording an error (file, sheet, row, column, value, reason) for each value that fails.
/// </summary>
internal sealed class RecordTable
{
    private const int MaxValueInError = 200;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly bool _numbersAreDateSerials;
    private readonly Dictionary<string, int> _repeated = new(StringComparer.Ordinal);

    public RecordTable(TabularReader reader, ErrorCollector errors)
    {
        Reader = reader;
        Errors = errors;
        _numbersAreDateSerials = reader is XlsxTabularReader;
        for (var i = 0; i < reader.Headers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(reader.Headers[i])) continue;
            if (!_columns.TryAdd(HeaderName.Normalize(reader.Headers[i]), i)) _repeated.TryAdd(HeaderName.Normalize(reader.Headers[i]), i);
        }
    }

    public TabularReader Reader { get; }
    public ErrorCollector Errors { get; }
    public int Row => Reader.RowNumber;
    public bool RowHasErrors { get; private set; }
    public bool MissingRequiredColumn { get; private set; }

    /// <summary>The column matching <paramref name="name"/>, or an absent one; a contract column given twice is an error on the header row.</summary>
    public Column Optional(string name)
    {
        var key = HeaderName.Normalize(name);
        if (!_columns.TryGetValue(key, out var index)) return new Column(-1, name);
        if (_repeated.Remove(key, out var second))
            MissingColumn(Reader.Headers[second], $"column '{name}' appears twice (columns {(index + 1).ToString(CultureInfo.InvariantCulture)} and {(second + 1).ToString(CultureInfo.InvariantCulture)})");
        return new Column(index, Reader.Headers[index]);
    }

    public Column Required(string name)
    {
        var column = Optional(name);
        if (!column.Present) MissingColumn(name, $"missing required column '{name}'");
        return column;
    }

    public void MissingColumn(string name, string reason)
    {
        MissingRequiredColumn = true;
        Errors.Add(Reader.Error(Reader.HeaderRow, name, null, reason));
    }

    /// <summary>Whether a header matches <paramref name="name"/>.</summary>
    public bool Has(string name) => _columns.ContainsKey(HeaderName.Normalize(name));

    /// <summary>Moves to the next row, reporting its structural problem if any.</summary>
    public bool Next()
    {
        if (!Reader.Read()) return false;
        RowHasErrors = false;
        if (Reader.RowProblem is string problem) Fail(null, null, problem);
        return true;
    }

    public void Fail(Column column, string reason) => Fail(column.Name, ValueOf(column), reason);

    public void Fail(string? column, string? value, string reason)
    {
        RowHasErrors = true;
        if (value is { Length: > MaxValueInError }) value = value[..MaxValueInError] + "…";
        Errors.Add(Reader.Error(Row, column, value, reason));
    }

    /// <summary>An error found after the row was read (a cross-row check), placed on <paramref name="row"/>.</summary>
    public void FailAt(int row, Column column, string? value, string reason)
    {
        if (value is { Length: > MaxValueInError }) value = value[..MaxValueInError] + "…";
        Errors.Add(Reader.Error(row, column.Name, value, reason));
    }

    private string? ValueOf(Column column) => column.Present && !Span(column).IsEmpty ? Span(column).ToString() : null;

    public ReadOnlySpan<char> Span(Column column) => column.Present ? Reader.GetSpan(column.Index).Trim() : default;

    public bool IsEmpty(Column column) => Span(column).IsEmpty;

    /// <summary>The trimmed text, or null when empty; a cell that holds no value (an XLSX error, a JSON object) is an error.</summary>
    public string? Text(Column column)
    {
        if (!column.Present) return null;
        var kind = Reader.GetKind(column.Index);
        if (kind == CellKind.Invalid)
        {
            Fail(column, "the cell holds no usable value");
            return null;
        }
        var span = Span(column);
        return span.IsEmpty ? null : span.ToString();
    }

    public string? RequiredText(Column column)
    {
        var text = Text(column);
        if (text is null && !RowHasErrorFor(column)) Fail(column, "a value is required");
        return text;
    }

    private bool RowHasErrorFor(Column column) => column.Present && Reader.GetKind(column.Index) == CellKind.Invalid;

    /// <summary>An identifier (trimmed, non-empty, at most 200 characters), or null after recording why not.</summary>
    public T? Id<T>(Column column, Func<string, T> create, bool required = true) where T : struct
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null) return null;
        if (text.Length > 200)
        {
            Fail(column, "an identifier must be at most 200 characters");
            return null;
        }
        return create(text);
    }

    public int? Level(Column column, bool required = true)
    {
        if (IsEmpty(column))
        {
            if (required) RequiredText(column);
            return null;
        }
        if (!ValueParser.TryParseLevel(Span(column), out var level, out var reason))
        {
            Fail(column, reason!);
            return null;
        }
        return level;
    }

    public DateOnly? Date(Column column, bool required = false)
    {
        if (IsEmpty(column))
        {
            if (required) RequiredText(column);
            return null;
        }
        var kind = Reader.GetKind(column.Index);
        if (kind == CellKind.Number && _numbersAreDateSerials
            && double.TryParse(Span(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            if (XlsxTabularReader.SerialToDate(serial) is DateOnly fromSerial) return fromSerial;
            Fail(column, $"{Span(column)} is not a date serial number Excel can show");
            return null;
        }
        if (!ValueParser.TryParseDate(Span(column), out var date, out var reason))
        {
            Fail(column, reason!);
            return null;
        }
        return date;
    }

    public bool Bool(Column column, bool whenEmpty)
    {
        if (IsEmpty(column)) return whenEmpty;
        if (ValueParser.TryParseBool(Span(column), out var value)) return value;
        Fail(column, $"'{Span(column)}' is not true/false (yes/no, y/n, 1/0)");
        return whenEmpty;
    }

    public int Weight(Column column)
    {
        if (IsEmpty(column)) return 3;
        if (!ValueParser.TryParseInteger(Span(column), out var weight))
        {
            Fail(column, $"weight '{Span(column)}' is not a whole number from {RoleRequirement.MinWeight} to {RoleRequirement.MaxWeight}");
            return 3;
        }
        if (weight is < RoleRequirement.MinWeight or > RoleRequirement.MaxWeight)
        {
            Fail(column, $"weight {weight.ToString(CultureInfo.InvariantCulture)} is outside {RoleRequirement.MinWeight}–{RoleRequirement.MaxWeight}");
            return 3;
        }
        return weight;
    }

    public decimal? Hours(Column column)
    {
        if (IsEmpty(column))
        {
            RequiredText(column);
            return null;
        }
        if (!ValueParser.TryParseDecimal(Span(column), out var hours))
        {
            Fail(column, $"hours '{Span(column)}' is not a number");
            return null;
        }
        if (hours < 0)
        {
            Fail(column, "hours must not be negative");
            return null;
        }
        return hours;
    }

    public int? PositiveInteger(Column column, string what)
    {
        if (IsEmpty(column)) return null;
        if (!ValueParser.TryParseInteger(Span(column), out var value) || value <= 0)
        {
            Fail(column, $"{what} '{Span(column)}' is not a positive whole number");
            return null;
        }
        return value;
    }
}
