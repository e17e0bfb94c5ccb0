using System.Globalization;
using System.Text.Json;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>
/// Reads a JSON array of objects, or an object holding the array under a property named like the record kind
/// (<c>{"awards":[…]}</c>), as a table: properties are columns (the union over all objects), the 1-based array index
/// is the row. Strings, numbers and booleans are values; an array of scalars becomes a <c>;</c>-separated list.
/// </summary>
/// <remarks>
/// Streamed in two passes over the file (a stream that cannot seek is spooled to a temporary file first): the first
/// checks the whole document — syntax, depth, one value per top-level key — and collects the columns; the second reads
/// the rows, so memory holds one row, never the document. A value longer than <see cref="ReadLimits.MaxFieldChars"/> is
/// refused where it is met; a key given twice in one record is that row's error, as a repeated CSV header is the file's.
/// </remarks>
public sealed class JsonTabularReader : TabularReader
{
    private readonly Stream _stream;
    private readonly long _origin;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnLookup;
    private readonly string? _recordsProperty;
    private JsonTokenStream _tokens;
    private int _arrayDepth;
    private bool _done;
    private int _index;
    private string? _column; // the property being read, for errors

    private char[] _row = new char[1024];
    private int _rowLength;
    private int[] _cellStart = [];
    private int[] _cellLength = [];
    private CellKind[] _kinds = [];
    private int[] _seenInRow = [];

    public JsonTabularReader(string fileName, Stream stream, string? recordsProperty, ReadLimits limits) : base(fileName, limits)
    {
        _recordsProperty = recordsProperty;
        _columnLookup = _columns.GetAlternateLookup<ReadOnlySpan<char>>();
        Stream? opened = null;
        try
        {
            _stream = opened = Rewindable(stream, limits);
            _origin = _stream.Position;
            _tokens = Tokens();
            Headers = Scan();
            HeaderRow = null;
            _stream.Position = _origin;
            _tokens = Tokens();
            MoveToRecords();
        }
        catch (JsonException e)
        {
            (opened ?? stream).Dispose();
            // A file-level error: the message names the line.
            throw new InputRejectedException(Error(null, null, null, NotValid(e)));
        }
        catch
        {
            (opened ?? stream).Dispose();
            throw;
        }
        var n = Headers.Count;
        (_cellStart, _cellLength, _kinds, _seenInRow) = (new int[n], new int[n], new CellKind[n], new int[n]);
    }

    /// <summary>The stream itself when it can seek, else a temporary file holding it (deleted on close).</summary>
    private Stream Rewindable(Stream stream, ReadLimits limits)
    {
        if (stream.CanSeek) return stream;
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose);
        try
        {
            using (var limited = new LimitedStream(stream, limits.MaxFileBytes, () => new InputRejectedException(Error(null, null, null, TooLarge(limits)))))
                limited.CopyTo(spool);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private JsonTokenStream Tokens() => new(_stream,
        new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true },
        // Room for the longest value written with \uXXXX escapes throughout, and its key.
        Limits.MaxFieldChars * 6 + 1024,
        () => FieldTooLong(_index == 0 ? null : _index, _column),
        reason => new InputRejectedException(Error(_index == 0 ? null : _index, _column, null, reason)));

    private string NotValid(JsonException e)
    {
        var where = e.LineNumber is long line ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}" : "";
        return e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"the JSON nesting depth exceeds the limit of {Limits.MaxJsonDepth.ToString(CultureInfo.InvariantCulture)}{where}"
            : $"not valid JSON{where}: {e.Message}";
    }

    private InputRejectedException Reject(string reason) => new(Error(null, null, null, reason));

    /// <summary>The first pass: the whole document checked, the records array found and the union of its objects' keys collected.</summary>
    private List<string> Scan()
    {
        var headers = new List<string>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_tokens.Next()) throw Reject("the file is empty: expected " + Expected());
        var found = false;
        if (_tokens.TokenType == JsonTokenType.StartArray)
        {
            ScanRecords(headers, byKey);
            found = true;
        }
        else if (_tokens.TokenType == JsonTokenType.StartObject)
        {
            var wanted = _recordsProperty is null ? null : HeaderName.Normalize(_recordsProperty);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (_tokens.Next() && _tokens.TokenType == JsonTokenType.PropertyName)
            {
                var name = _tokens.Chars.ToString();
                if (!keys.Add(name)) throw Reject($"the key \"{Shown(name)}\" appears twice at the top level of the file (JSON keys must be unique)");
                if (!_tokens.Next()) break;
                if (!found && wanted is not null && _tokens.TokenType == JsonTokenType.StartArray && HeaderName.Normalize(name) == wanted)
                {
                    ScanRecords(headers, byKey);
                    found = true;
                }
                else SkipValue();
            }
        }
        // Whatever follows the root value is a syntax error that the reader reports here, before any row is read.
        while (_tokens.Next()) SkipValue();
        if (!found) throw Reject("expected " + Expected());
        return headers;
    }

    private string Expected() => _recordsProperty is null
        ? "an array of objects"
        : $"an array of objects, or an object with a \"{_recordsProperty}\" array";

    private void ScanRecords(List<string> headers, Dictionary<string, int> byKey)
    {
        var depth = _tokens.Depth;
        _index = 0;
        while (_tokens.Next() && !(_tokens.TokenType == JsonTokenType.EndArray && _tokens.Depth == depth))
        {
            _index++;
            if (_tokens.TokenType != JsonTokenType.StartObject)
            {
                SkipValue();
                continue;
            }
            while (_tokens.Next() && _tokens.TokenType == JsonTokenType.PropertyName)
            {
                if (!_columnLookup.TryGetValue(_tokens.Chars, out var column))
                {
                    if (_tokens.Chars.Length > Limits.MaxFieldChars) throw FieldTooLong(_index, null);
                    var name = _tokens.Chars.ToString();
                    var key = HeaderName.Normalize(name);
                    if (!byKey.TryGetValue(key, out column))
                    {
                        if (headers.Count == Limits.MaxColumns) throw TooManyColumns(_index);
                        column = headers.Count;
                        byKey[key] = column;
                        headers.Add(name);
                    }
                    _columns[name] = column;
                }
                _column = headers[column];
                _tokens.Next();
                SkipValue();
                _column = null;
            }
        }
        _index = 0;
    }

    /// <summary>Leaves the current value: past the end of an object or array, or nothing for a scalar.</summary>
    private void SkipValue()
    {
        if (_tokens.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = _tokens.Depth;
        while (_tokens.Next() && !(_tokens.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && _tokens.Depth == depth)) { }
    }

    /// <summary>The second pass starts here: on the records array's start.</summary>
    private void MoveToRecords()
    {
        _tokens.Next();
        if (_tokens.TokenType == JsonTokenType.StartArray)
        {
            _arrayDepth = _tokens.Depth;
            return;
        }
        var wanted = HeaderName.Normalize(_recordsProperty!);
        while (_tokens.Next() && _tokens.TokenType == JsonTokenType.PropertyName)
        {
            var matches = HeaderName.Normalize(_tokens.Chars.ToString()) == wanted;
            _tokens.Next();
            if (matches && _tokens.TokenType == JsonTokenType.StartArray)
            {
                _arrayDepth = _tokens.Depth;
                return;
            }
            SkipValue();
        }
        throw new InvalidOperationException("The records array found by the first pass is gone.");
    }

    protected override bool ReadCore()
    {
        try
        {
            while (!_done)
            {
                if (!_tokens.Next() || (_tokens.TokenType == JsonTokenType.EndArray && _tokens.Depth == _arrayDepth))
                {
                    _done = true;
                    return false;
                }
                RowNumber = ++_index;
                if (ReadRecord()) return true;
            }
            return false;
        }
        catch (JsonException e)
        {
            throw new InputRejectedException(Error(_index, _column, null, NotValid(e)));
        }
    }

    /// <summary>Reads one array element into the row; false for an object whose values are all empty (a blank row).</summary>
    private bool ReadRecord()
    {
        RowProblem = null;
        RowProblemColumn = null;
        _rowLength = 0;
        Array.Clear(_cellLength);
        Array.Clear(_kinds);
        if (_tokens.TokenType != JsonTokenType.StartObject)
        {
            RowProblem = $"expected an object, found {Describe(_tokens.TokenType)}";
            SkipValue();
            return true;
        }
        var any = false;
        while (_tokens.Next() && _tokens.TokenType == JsonTokenType.PropertyName)
        {
            var column = _columnLookup.TryGetValue(_tokens.Chars, out var c) ? c : -1;
            _column = column >= 0 ? Headers[column] : null;
            if (column >= 0 && _seenInRow[column] == _index && RowProblem is null)
            {
                RowProblem = $"the key \"{Shown(_tokens.Chars.ToString())}\" appears twice in this record (JSON keys must be unique, as CSV headers must)";
                RowProblemColumn = Headers[column];
            }
            _tokens.Next();
            if (column < 0)
            {
                SkipValue();
                continue;
            }
            _seenInRow[column] = _index;
            _cellStart[column] = _rowLength;
            _kinds[column] = ReadCell(column);
            _cellLength[column] = _rowLength - _cellStart[column];
            any |= _kinds[column] != CellKind.Empty;
        }
        _column = null;
        return any || RowProblem is not null;
    }

    /// <summary>Appends the current value's text to the row buffer and says what kind of value it was.</summary>
    private CellKind ReadCell(int column)
    {
        switch (_tokens.TokenType)
        {
            case JsonTokenType.String:
                Append(_tokens.Chars, column);
                return _tokens.Chars.IsWhiteSpace() ? CellKind.Empty : CellKind.Text;
            case JsonTokenType.Number:
                Append(_tokens.Chars, column);
                return CellKind.Number;
            case JsonTokenType.True:
                Append("true", column);
                return CellKind.Boolean;
            case JsonTokenType.False:
                Append("false", column);
                return CellKind.Boolean;
            case JsonTokenType.StartArray:
                var depth = _tokens.Depth;
                var parts = 0;
                var invalid = false;
                while (_tokens.Next() && !(_tokens.TokenType == JsonTokenType.EndArray && _tokens.Depth == depth))
                {
                    if (_tokens.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        invalid = true;
                        SkipValue();
                        continue;
                    }
                    if (invalid || _tokens.TokenType == JsonTokenType.Null
                        || (_tokens.TokenType == JsonTokenType.String && _tokens.Chars.IsWhiteSpace())) continue;
                    if (parts++ > 0) Append(";", column);
                    Append(_tokens.TokenType switch
                    {
                        JsonTokenType.True => "true",
                        JsonTokenType.False => "false",
                        _ => _tokens.Chars,
                    }, column);
                }
                if (invalid)
                {
                    _rowLength = _cellStart[column];
                    Append("(nested value)", column);
                    return CellKind.Invalid;
                }
                return parts == 0 ? CellKind.Empty : CellKind.Text;
            case JsonTokenType.StartObject:
                SkipValue();
                Append("(object)", column);
                return CellKind.Invalid;
            default:
                return CellKind.Empty;
        }
    }

    private void Append(ReadOnlySpan<char> text, int column)
    {
        if (_rowLength - _cellStart[column] + text.Length > Limits.MaxFieldChars) throw FieldTooLong(_index, Headers[column]);
        if (_rowLength + text.Length > Limits.MaxRowChars) throw RowTooLong(_index);
        if (_rowLength + text.Length > _row.Length) Array.Resize(ref _row, Math.Max(_row.Length * 2, _rowLength + text.Length));
        text.CopyTo(_row.AsSpan(_rowLength));
        _rowLength += text.Length;
    }

    /// <summary>A key as an error shows it: at most 100 characters, control characters escaped.</summary>
    private static string Shown(string key) => Validation.TextRules.Visible(key.Length > 100 ? key[..100] + "…" : key);

    private static string Describe(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "a value",
    };

    public override ReadOnlySpan<char> GetSpan(int column) =>
        column >= 0 && column < _cellLength.Length ? _row.AsSpan(_cellStart[column], _cellLength[column]) : default;

    public override CellKind GetKind(int column) =>
        column >= 0 && column < _kinds.Length ? _kinds[column] : CellKind.Empty;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
        base.Dispose(disposing);
    }
}
