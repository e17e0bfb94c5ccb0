using System.Globalization;
using System.Text;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>
/// A streaming RFC 4180 reader: UTF-8 with or without BOM, delimiter <c>,</c> <c>;</c> or TAB detected from the header
/// line, quoted fields with doubled quotes and embedded delimiters or line breaks. Field text is copied into one
/// reused row buffer, so reading a row allocates nothing.
/// </summary>
public sealed class CsvTabularReader : TabularReader
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;
    private char _delimiter;

    private char[] _row = new char[1024];
    private int _rowLength;
    private int[] _fieldEnds = new int[32];
    private int _fieldCount;
    private int _line = 1;
    private bool _unterminatedQuote;

    public CsvTabularReader(string fileName, Stream stream, ReadLimits limits, bool tabFirst = false) : base(fileName, limits)
    {
        var limited = new LimitedStream(stream, limits.MaxFileBytes,
            () => new InputRejectedException(Error(null, null, null, TooLarge(limits))));
        _reader = new StreamReader(limited, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _delimiter = DetectDelimiter(tabFirst);

        while (ReadRecord())
        {
            if (IsBlankRecord()) continue;
            var headers = new string[_fieldCount];
            for (var i = 0; i < _fieldCount; i++) headers[i] = Field(i).Trim().ToString();
            Headers = headers;
            HeaderRow = RowNumber;
            return;
        }
        throw new InputRejectedException(Error(null, null, null, "the file is empty: it has no header row"));
    }

    /// <summary>The delimiter in use.</summary>
    public char Delimiter => _delimiter;

    /// <summary>Picks the most frequent of <c>,</c> <c>;</c> and TAB outside quotes on the first line; ties go to TAB for .tsv/.txt, else to the comma.</summary>
    private char DetectDelimiter(bool tabFirst)
    {
        Fill();
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        for (var i = 0; i < _len; i++)
        {
            var c = _buffer[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (inQuotes) continue;
            else if (c is '\n' or '\r') break;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
        }
        if (tabFirst && tabs > 0 && tabs >= commas && tabs >= semicolons) return '\t';
        if (semicolons > commas && semicolons >= tabs) return ';';
        if (tabs > commas) return '\t';
        return ',';
    }

    protected override bool ReadCore()
    {
        while (ReadRecord())
        {
            if (IsBlankRecord()) continue;
            RowProblem = null;
            if (_unterminatedQuote)
                RowProblem = "a quoted field is not closed before the end of the file";
            else if (_row.AsSpan(0, _rowLength).Contains('\uFFFD'))
                RowProblem = "the row holds bytes that are not UTF-8: save the file as UTF-8 (CSV UTF-8 in Excel)";
            else if (_fieldCount > Headers.Count)
                for (var i = Headers.Count; i < _fieldCount; i++)
                    if (!Field(i).IsWhiteSpace())
                    {
                        RowProblem = $"the row has {_fieldCount.ToString(CultureInfo.InvariantCulture)} fields but the header has {Headers.Count.ToString(CultureInfo.InvariantCulture)} (an unquoted '{_delimiter}' in a value?)";
                        break;
                    }
            return true;
        }
        return false;
    }

    public override ReadOnlySpan<char> GetSpan(int column) => column >= 0 && column < _fieldCount ? Field(column) : default;

    private ReadOnlySpan<char> Field(int i)
    {
        var start = i == 0 ? 0 : _fieldEnds[i - 1];
        return _row.AsSpan(start, _fieldEnds[i] - start);
    }

    private bool IsBlankRecord()
    {
        for (var i = 0; i < _fieldCount; i++)
            if (!Field(i).IsWhiteSpace()) return false;
        return true;
    }

    private bool Fill()
    {
        if (_pos < _len) return true;
        if (_eof) return false;
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        if (_len == 0) _eof = true;
        return _len > 0;
    }

    /// <summary>Reads one record (possibly spanning several physical lines); false at the end of the input.</summary>
    private bool ReadRecord()
    {
        _rowLength = 0;
        _fieldCount = 0;
        _unterminatedQuote = false;
        if (!Fill()) return false;
        RowNumber = _line;
        while (true)
        {
            // Start of a field.
            if (!Fill())
            {
                EndField();
                return true;
            }
            if (_buffer[_pos] == '"')
            {
                _pos++;
                ReadQuoted();
            }
            // Unquoted text, or whatever follows a closing quote, up to the delimiter or the line end.
            while (true)
            {
                if (!Fill())
                {
                    EndField();
                    return true;
                }
                var span = _buffer.AsSpan(_pos, _len - _pos);
                var i = span.IndexOfAny(_delimiter, '\r', '\n');
                if (i < 0)
                {
                    Append(span);
                    _pos = _len;
                    continue;
                }
                Append(span[..i]);
                _pos += i;
                var stop = _buffer[_pos++];
                EndField();
                if (stop == _delimiter) break;
                if (stop == '\r' && Fill() && _buffer[_pos] == '\n') _pos++;
                _line++;
                return true;
            }
        }
    }

    private void ReadQuoted()
    {
        while (true)
        {
            if (!Fill())
            {
                _unterminatedQuote = true;
                return;
            }
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var i = span.IndexOfAny('"', '\n');
            if (i < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }
            if (span[i] == '\n')
            {
                Append(span[..(i + 1)]);
                _pos += i + 1;
                _line++;
                continue;
            }
            Append(span[..i]);
            _pos += i + 1;
            if (Fill() && _buffer[_pos] == '"')
            {
                Append("\"");
                _pos++;
                continue;
            }
            return;
        }
    }

    /// <summary>
    /// Adds text to the current field. A field or row beyond its limit rejects the file here, before the text is kept:
    /// a hostile 200 MB field costs one read buffer, not the field's size in memory.
    /// </summary>
    private void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        var fieldStart = _fieldCount == 0 ? 0 : _fieldEnds[_fieldCount - 1];
        if (_rowLength - fieldStart + text.Length > Limits.MaxFieldChars) throw FieldTooLong(RowNumber, ColumnName(_fieldCount));
        if (_rowLength + text.Length > Limits.MaxRowChars) throw RowTooLong(RowNumber);
        if (_rowLength + text.Length > _row.Length)
            Array.Resize(ref _row, Math.Max(_row.Length * 2, _rowLength + text.Length));
        text.CopyTo(_row.AsSpan(_rowLength));
        _rowLength += text.Length;
    }

    private void EndField()
    {
        if (_fieldCount >= Limits.MaxColumns) throw TooManyColumns(RowNumber);
        if (_fieldCount == _fieldEnds.Length) Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        _fieldEnds[_fieldCount++] = _rowLength;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _reader.Dispose();
        base.Dispose(disposing);
    }
}
