using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>
/// Reads a JSON array of objects, or an object holding the array under a property named like the record kind
/// (<c>{"awards":[…]}</c>), as a table: properties are columns (the union over all objects), the 1-based array index
/// is the row. Strings, numbers and booleans are values; an array of scalars becomes a <c>;</c>-separated list.
/// </summary>
public sealed class JsonTabularReader : TabularReader
{
    private readonly JsonDocument _document;
    private readonly JsonElement[] _records;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private int _index = -1;
    private string?[] _cells = [];
    private CellKind[] _kinds = [];

    public JsonTabularReader(string fileName, Stream stream, string? recordsProperty, ReadLimits limits) : base(fileName, limits)
    {
        byte[] bytes;
        using (var limited = new LimitedStream(stream, limits.MaxFileBytes, () => new InputRejectedException(Error(null, null, null, TooLarge(limits)))))
        using (var copy = new MemoryStream())
        {
            limited.CopyTo(copy);
            bytes = copy.ToArray();
        }
        try
        {
            _document = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                MaxDepth = limits.MaxJsonDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}" : "";
            var reason = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"the JSON nesting depth exceeds the limit of {limits.MaxJsonDepth.ToString(CultureInfo.InvariantCulture)}{where}"
                : $"not valid JSON{where}: {e.Message}";
            throw new InputRejectedException(Error(null, null, null, reason));
        }

        var array = FindRecords(_document.RootElement, recordsProperty);
        if (array is null)
        {
            _document.Dispose();
            var expected = recordsProperty is null ? "an array of objects" : $"an array of objects, or an object with a \"{recordsProperty}\" array";
            throw new InputRejectedException(Error(null, null, null, $"expected {expected}"));
        }
        _records = [.. array.Value.EnumerateArray()];

        var headers = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in _records)
        {
            if (record.ValueKind != JsonValueKind.Object) continue;
            foreach (var property in record.EnumerateObject())
            {
                if (_columns.ContainsKey(property.Name)) continue;
                var key = HeaderName.Normalize(property.Name);
                if (!seen.TryGetValue(key, out var column))
                {
                    column = headers.Count;
                    seen[key] = column;
                    headers.Add(property.Name);
                }
                _columns[property.Name] = column;
            }
        }
        Headers = headers;
        HeaderRow = null;
    }

    private static JsonElement? FindRecords(JsonElement root, string? recordsProperty)
    {
        if (root.ValueKind == JsonValueKind.Array) return root;
        if (root.ValueKind != JsonValueKind.Object || recordsProperty is null) return null;
        var wanted = HeaderName.Normalize(recordsProperty);
        foreach (var property in root.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.Array && HeaderName.Normalize(property.Name) == wanted)
                return property.Value;
        return null;
    }

    protected override bool ReadCore()
    {
        while (++_index < _records.Length)
        {
            RowNumber = _index + 1;
            RowProblem = null;
            _cells = new string?[Headers.Count];
            _kinds = new CellKind[Headers.Count];
            var record = _records[_index];
            if (record.ValueKind != JsonValueKind.Object)
            {
                RowProblem = $"expected an object, found {Describe(record.ValueKind)}";
                return true;
            }
            var any = false;
            foreach (var property in record.EnumerateObject())
            {
                var column = _columns[property.Name];
                (_cells[column], _kinds[column]) = Cell(property.Value);
                any |= _kinds[column] != CellKind.Empty;
            }
            if (any) return true;
        }
        return false;
    }

    private static (string?, CellKind) Cell(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString() ?? "";
                return (text, text.AsSpan().IsWhiteSpace() ? CellKind.Empty : CellKind.Text);
            case JsonValueKind.Number:
                return (value.GetRawText(), CellKind.Number);
            case JsonValueKind.True:
                return ("true", CellKind.Boolean);
            case JsonValueKind.False:
                return ("false", CellKind.Boolean);
            case JsonValueKind.Array:
                var parts = new StringBuilder();
                foreach (var item in value.EnumerateArray())
                {
                    var (part, kind) = Cell(item);
                    if (kind == CellKind.Invalid) return ("(nested value)", CellKind.Invalid);
                    if (kind == CellKind.Empty) continue;
                    if (parts.Length > 0) parts.Append(';');
                    parts.Append(part);
                }
                return (parts.ToString(), parts.Length == 0 ? CellKind.Empty : CellKind.Text);
            case JsonValueKind.Object:
                return ("(object)", CellKind.Invalid);
            default:
                return ("", CellKind.Empty);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a value",
    };

    public override ReadOnlySpan<char> GetSpan(int column) =>
        column >= 0 && column < _cells.Length ? _cells[column].AsSpan() : default;

    public override CellKind GetKind(int column) =>
        column >= 0 && column < _kinds.Length ? _kinds[column] : CellKind.Empty;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _document.Dispose();
        base.Dispose(disposing);
    }
}
