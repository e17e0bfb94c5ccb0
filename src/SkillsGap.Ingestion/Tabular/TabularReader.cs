using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>What a cell held in its source: text, a number (XLSX/JSON), a date cell (XLSX), a boolean, or something that is no value.</summary>
public enum CellKind
{
    Empty,
    Text,
    Number,
    Date,
    Boolean,
    /// <summary>An XLSX error value (<c>#N/A</c>) or a JSON object: not usable as a value.</summary>
    Invalid,
}

/// <summary>
/// Rows and columns of a CSV, XLSX or JSON file, read forward one row at a time. Cell text is exposed as spans that
/// stay valid until the next <see cref="Read"/>. Blank rows are skipped.
/// </summary>
public abstract class TabularReader : IDisposable
{
    private long _rows;

    protected TabularReader(string fileName, ReadLimits limits)
    {
        FileName = fileName;
        Limits = limits;
    }

    /// <summary>The file's display name, as errors name it.</summary>
    public string FileName { get; }

    /// <summary>The XLSX sheet read, else null.</summary>
    public string? SheetName { get; protected set; }

    /// <summary>Column headers as written in the file (JSON: the union of property names, in order of first appearance).</summary>
    public IReadOnlyList<string> Headers { get; protected set; } = [];

    /// <summary>The row number of the header (CSV line, Excel row), or null for JSON which has none.</summary>
    public int? HeaderRow { get; protected set; }

    /// <summary>The current row's number as the user sees it: CSV line of its first physical line, Excel row, JSON 1-based array index.</summary>
    public int RowNumber { get; protected set; }

    protected ReadLimits Limits { get; }

    /// <summary>A structural problem of the current row (e.g. an unterminated quote, too many fields), else null.</summary>
    public string? RowProblem { get; protected set; }

    /// <summary>The column <see cref="RowProblem"/> is in, when it is in one (a JSON property given twice).</summary>
    public string? RowProblemColumn { get; protected set; }

    /// <summary>Moves to the next non-blank data row; false at the end.</summary>
    /// <exception cref="InputRejectedException">The file breaks a limit or is malformed beyond the current row.</exception>
    public bool Read()
    {
        if (!ReadCore()) return false;
        if (++_rows > Limits.MaxRows)
            throw new InputRejectedException(Error(RowNumber, null, null,
                $"the file has more than {Limits.MaxRows.ToString(CultureInfo.InvariantCulture)} data rows, the limit"));
        return true;
    }

    protected abstract bool ReadCore();

    /// <summary>The current row's cell in <paramref name="column"/> (a header index); empty when the row is shorter.</summary>
    public abstract ReadOnlySpan<char> GetSpan(int column);

    /// <summary>What kind of value the cell held.</summary>
    public virtual CellKind GetKind(int column) => GetSpan(column).IsWhiteSpace() ? CellKind.Empty : CellKind.Text;

    /// <summary>The trimmed cell text.</summary>
    public string GetString(int column) => GetSpan(column).Trim().ToString();

    /// <summary>An error located in this file (and sheet); control and invisible characters of any part are shown as <c>\uXXXX</c>.</summary>
    public RowError Error(int? row, string? column, string? value, string reason) =>
        new(Visible(FileName)!, Visible(SheetName), row, Visible(column), Visible(value), Visible(reason)!);

    private static string? Visible(string? text) => text is null ? null : Validation.TextRules.Visible(text);

    protected virtual void Dispose(bool disposing)
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Opens <paramref name="file"/> as a table. <paramref name="recordsProperty"/> names the JSON property that may hold the
    /// records (<c>{"awards":[…]}</c>).
    /// </summary>
    /// <exception cref="InputRejectedException">The file cannot be read as a table at all.</exception>
    public static TabularReader Open(InputFile file, ReadLimits? limits = null, string? recordsProperty = null)
    {
        limits ??= ReadLimits.Default;
        var format = ResolveFormat(file);
        var rejected = new RowError(file.Name, null, null, null, null, "");
        Stream stream;
        try
        {
            stream = file.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputRejectedException(rejected with { Reason = $"the file cannot be opened: {e.Message}" });
        }
        try
        {
            if (stream.CanSeek && stream.Length > limits.MaxFileBytes)
                throw new InputRejectedException(rejected with { Reason = TooLarge(limits) });
            return format switch
            {
                InputFormat.Xlsx => new XlsxTabularReader(file.Name, stream, file.Sheet, limits),
                InputFormat.Json => new JsonTabularReader(file.Name, stream, recordsProperty, limits),
                _ => new CsvTabularReader(file.Name, stream, limits,
                    tabFirst: Path.GetExtension(file.Name).ToUpperInvariant() is ".TSV" or ".TXT" || format == InputFormat.Onet),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The header of column <paramref name="index"/>, or "column N" where there is none (yet).</summary>
    protected string ColumnName(int index) =>
        index < Headers.Count && !string.IsNullOrWhiteSpace(Headers[index]) ? Headers[index] : $"column {(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A value longer than <see cref="ReadLimits.MaxFieldChars"/>: the file is refused at once, the rest unread.</summary>
    protected InputRejectedException FieldTooLong(int? row, string? column) => new(Error(row, column, null,
        $"a value is longer than {Limits.MaxFieldChars.ToString(CultureInfo.InvariantCulture)} characters, the limit for one field (Excel's own cell limit); the file is refused"));

    /// <summary>A row longer than <see cref="ReadLimits.MaxRowChars"/>.</summary>
    protected InputRejectedException RowTooLong(int? row) => new(Error(row, null, null,
        $"the row is longer than {Limits.MaxRowChars.ToString(CultureInfo.InvariantCulture)} characters, the limit for one row; the file is refused"));

    /// <summary>A row with more than <see cref="ReadLimits.MaxColumns"/> columns.</summary>
    protected InputRejectedException TooManyColumns(int? row) => new(Error(row, null, null,
        $"the row has more than {Limits.MaxColumns.ToString(CultureInfo.InvariantCulture)} columns, the limit (Excel's own); the file is refused"));

    internal static string TooLarge(ReadLimits limits) =>
        $"the file is larger than the limit of {limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes";

    /// <summary>The format of <paramref name="file"/>: its declared one, else from the extension (.csv/.tsv/.txt, .xlsx/.xlsm, .json).</summary>
    /// <exception cref="InputRejectedException">The extension names no supported format.</exception>
    public static InputFormat ResolveFormat(InputFile file)
    {
        if (file.Format != InputFormat.Auto) return file.Format;
        return Path.GetExtension(file.Name).ToUpperInvariant() switch
        {
            ".CSV" or ".TSV" or ".TXT" => InputFormat.Csv,
            ".XLSX" or ".XLSM" => InputFormat.Xlsx,
            ".JSON" => InputFormat.Json,
            ".XLS" => throw new InputRejectedException(new RowError(file.Name, null, null, null, null,
                "XLS (Excel 97-2003) workbooks are not supported: save the file as .xlsx")),
            var ext => throw new InputRejectedException(new RowError(file.Name, null, null, null, null,
                $"cannot tell the format from the extension '{ext}': use .csv, .tsv, .txt, .xlsx or .json, or name the format")),
        };
    }
}

/// <summary>A read-only stream that refuses to deliver more than a set number of bytes.</summary>
internal sealed class LimitedStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > limit) throw tooLarge();
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
