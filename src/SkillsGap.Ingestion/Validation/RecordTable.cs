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
        _rowUnreadable = false;
        if (Reader.RowProblem is string problem)
        {
            Fail(Reader.RowProblemColumn, null, problem);
            // The row's fields cannot be trusted (a quote left open swallows the rest): one error says so, not one per cell.
            _rowUnreadable = true;
        }
        return true;
    }

    private bool _rowUnreadable;

    public void Fail(Column column, string reason) => Fail(column.Name, ValueOf(column), reason);

    public void Fail(string? column, string? value, string reason)
    {
        RowHasErrors = true;
        if (!_rowUnreadable) Errors.Add(Reader.Error(Row, column, Shown(value), reason));
    }

    /// <summary>An error found after the row was read (a cross-row check), placed on <paramref name="row"/>.</summary>
    public void FailAt(int row, Column column, string? value, string reason) =>
        Errors.Add(Reader.Error(row, column.Name, Shown(value), reason));

    /// <summary>A value as an error shows it: at most 200 characters, control and invisible characters as <c>\uXXXX</c>.</summary>
    private static string? Shown(string? value) =>
        value is null ? null : TextRules.Visible(value.Length > MaxValueInError ? value[..MaxValueInError] + "…" : value);

    private string? ValueOf(Column column) => column.Present && !Span(column).IsEmpty ? Span(column).ToString() : null;

    public ReadOnlySpan<char> Span(Column column) => column.Present ? Reader.GetSpan(column.Index).Trim() : default;

    public bool IsEmpty(Column column) => Span(column).IsEmpty;

    /// <summary>
    /// The trimmed text, or null when empty or refused (the reason recorded): a cell that holds no value (an XLSX error, a
    /// JSON object), text longer than <paramref name="maxLength"/>, or a character that <paramref name="kind"/> does not allow.
    /// By default one line of at most <see cref="ValueBounds.MaxNameLength"/> characters (a name, title or label).
    /// </summary>
    public string? Text(Column column, TextRules.Kind kind = TextRules.Kind.Line, int maxLength = ValueBounds.MaxNameLength) =>
        TryText(column, kind, maxLength, out var text) ? text : null;

    public string? RequiredText(Column column, TextRules.Kind kind = TextRules.Kind.Line, int maxLength = ValueBounds.MaxNameLength)
    {
        if (!TryText(column, kind, maxLength, out var text)) return null;
        if (text is null) Fail(column, "a value is required");
        return text;
    }

    /// <summary>False when the cell's value is refused (recorded); else true, with null for an empty or absent cell. No character check when <paramref name="kind"/> is null.</summary>
    private bool TryText(Column column, TextRules.Kind? kind, int maxLength, out string? text)
    {
        text = null;
        if (!column.Present) return true;
        if (Reader.GetKind(column.Index) == CellKind.Invalid)
        {
            Fail(column, "the cell holds no usable value");
            return false;
        }
        var span = Span(column);
        if (span.IsEmpty) return true;
        if (span.Length > maxLength)
        {
            Fail(column, $"the value is {span.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {maxLength.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }
        if (kind is TextRules.Kind k && TextRules.Problem(span, k) is string problem)
        {
            Fail(column, problem);
            return false;
        }
        text = span.ToString();
        return true;
    }

    /// <summary>Why <paramref name="text"/> cannot be an identifier (at most 200 characters, nothing invisible or controlling), or null.</summary>
    public static string? IdentifierProblem(ReadOnlySpan<char> text, string what = "an identifier") =>
        text.Length > ValueBounds.MaxIdLength
            ? $"{what} must be at most {ValueBounds.MaxIdLength.ToString(CultureInfo.InvariantCulture)} characters"
            : TextRules.Problem(text, TextRules.Kind.Identifier);

    /// <summary>An identifier (trimmed, non-empty, at most 200 characters, no control or invisible character), or null after recording why not.</summary>
    public T? Id<T>(Column column, Func<string, T> create, bool required = true) where T : struct =>
        IdText(column, required) is string text ? create(text) : null;

    /// <summary>The text of an identifier cell (see <see cref="Id{T}"/>), or null after recording why not.</summary>
    public string? IdText(Column column, bool required = true)
    {
        // Length first, then characters: the identifier's own checks give its own messages.
        if (!TryText(column, null, int.MaxValue, out var text)) return null;
        if (text is null)
        {
            if (required) Fail(column, "a value is required");
            return null;
        }
        if (IdentifierProblem(text) is string problem)
        {
            Fail(column, problem);
            return null;
        }
        return text;
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
            if (XlsxTabularReader.SerialToDate(serial) is DateOnly fromSerial) return InRange(column, fromSerial);
            Fail(column, $"{Span(column)} is not a date serial number Excel can show");
            return null;
        }
        if (!ValueParser.TryParseDate(Span(column), out var date, out var reason))
        {
            Fail(column, reason!);
            return null;
        }
        return InRange(column, date);
    }

    /// <summary>The date when it lies in the business range (<see cref="ValueBounds"/>), else null after recording why not.</summary>
    private DateOnly? InRange(Column column, DateOnly date)
    {
        if (ValueBounds.IsInRange(date)) return date;
        Fail(column, $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is outside the dates SkillsGap accepts ({ValueBounds.DateRange})");
        return null;
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
        if (hours > ValueBounds.MaxHours)
        {
            Fail(column, $"hours {hours.ToString(CultureInfo.InvariantCulture)} is more than the limit of {ValueBounds.MaxHours.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (hours.Scale > ValueBounds.HoursDecimals && hours != Math.Round(hours, ValueBounds.HoursDecimals))
        {
            Fail(column, $"hours {hours.ToString(CultureInfo.InvariantCulture)} has more than {ValueBounds.HoursDecimals.ToString(CultureInfo.InvariantCulture)} decimal places");
            return null;
        }
        return hours;
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>, or null when the cell is empty or refused (recorded).</summary>
    public int? PositiveInteger(Column column, string what, int max = int.MaxValue)
    {
        if (IsEmpty(column)) return null;
        if (!ValueParser.TryParseInteger(Span(column), out var value) || value <= 0)
        {
            Fail(column, $"{what} '{Span(column)}' is not a positive whole number");
            return null;
        }
        if (value > max)
        {
            Fail(column, $"{what} {value.ToString(CultureInfo.InvariantCulture)} is more than the limit of {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return value;
    }
}
