using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.Ingestion.Tabular;

/// <summary>
/// Reads one worksheet of an XLSX workbook: the package, workbook and styles through the Open XML SDK, the sheet and its
/// shared strings streamed with an <see cref="XmlReader"/> (no DTD, each value read in chunks up to the field limit): shared and
/// inline strings, numbers, booleans, and date cells (date number formats, 1900 and 1904 systems) as ISO dates.
/// Before the package is opened the zip directory is checked against the size and compression-ratio limits.
/// </summary>
public sealed class XlsxTabularReader : TabularReader
{
    private const long RatioCheckFromBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly SpreadsheetDocument _document;
    private readonly Stream _sheetStream;
    private readonly XmlReader _sheet;
    private readonly string _ns;
    private readonly List<string> _sharedStrings = [];
    private readonly HashSet<uint> _dateStyles = [];
    private readonly bool _date1904;
    private readonly StringBuilder _text = new();
    private readonly char[] _chunk = new char[4096];

    private string[] _cells = new string[16];
    private CellKind[] _kinds = new CellKind[16];
    private int _cellCount;
    private int _rowChars;
    private int _nextRowNumber = 1;

    public XlsxTabularReader(string fileName, Stream stream, string? sheetName, ReadLimits limits) : base(fileName, limits)
    {
        _stream = Seekable(stream, limits);
        CheckZip(_stream, limits);
        try
        {
            // The DOM is only loaded for the small parts (workbook, styles); the sheet and the shared strings are streamed.
            _document = SpreadsheetDocument.Open(_stream, false, new OpenSettings { MaxCharactersInPart = MaxDomPartChars });
            var workbookPart = _document.WorkbookPart ?? throw Reject("the workbook has no workbook part");
            var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            if (sheets.Count == 0) throw Reject("the workbook has no sheets");
            var sheet = sheetName is null
                ? sheets[0]
                : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase))
                  ?? throw Reject($"the workbook has no sheet named '{sheetName}' (sheets: {string.Join(", ", sheets.Select(s => s.Name?.Value))})");
            SheetName = sheet.Name?.Value;
            if (sheet.Id?.Value is not string relId || workbookPart.GetPartById(relId) is not WorksheetPart worksheetPart)
                throw Reject($"sheet '{SheetName}' is not a worksheet");

            _date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value ?? false;
            if (workbookPart.SharedStringTablePart is { } sst) LoadSharedStrings(sst);
            if (workbookPart.WorkbookStylesPart is { } styles) LoadDateStyles(styles);

            _sheetStream = worksheetPart.GetStream(FileMode.Open, FileAccess.Read);
            _sheet = XmlReader.Create(_sheetStream, XmlSettings);
            _sheet.MoveToContent();
            _ns = _sheet.NamespaceURI;
            while (ReadSheetRow())
            {
                if (_cellCount == 0) continue;
                var headers = new string[_cellCount];
                for (var i = 0; i < _cellCount; i++) headers[i] = (_cells[i] ?? "").Trim();
                Headers = headers;
                HeaderRow = RowNumber;
                return;
            }
            throw Reject($"sheet '{SheetName}' is empty: it has no header row");
        }
        catch (InputRejectedException)
        {
            DisposeAll();
            throw;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            DisposeAll();
            throw Reject(Unreadable(e));
        }
    }

    /// <summary>Largest workbook or styles part loaded as a DOM, in characters (16 M; real ones are a few hundred K).</summary>
    private const long MaxDomPartChars = 16L * 1024 * 1024;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static bool IsUnreadable(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or XmlException or IOException or InvalidOperationException
            or ArgumentException or FormatException or OverflowException;

    private string Unreadable(Exception e) =>
        $"not a readable XLSX workbook: {e.Message} (the file is damaged, or its zip directory misstates the size of a part)";

    private void DisposeAll()
    {
        _sheet?.Dispose();
        _sheetStream?.Dispose();
        _document?.Dispose();
        _stream.Dispose();
    }

    private InputRejectedException Reject(string reason) => new(Error(null, null, null, reason));

    private Stream Seekable(Stream stream, ReadLimits limits)
    {
        if (stream.CanSeek) return stream;
        var copy = new MemoryStream();
        using (var limited = new LimitedStream(stream, limits.MaxFileBytes, () => Reject(TooLarge(limits))))
            limited.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Zip bomb guard: reads the central directory (no decompression) and rejects absurd sizes or ratios.</summary>
    private void CheckZip(Stream stream, ReadLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxXlsxUncompressedBytes)
                    throw Reject($"the workbook would unpack to more than {limits.MaxXlsxUncompressedBytes.ToString(CultureInfo.InvariantCulture)} bytes (entry '{entry.FullName}'): refused as a possible zip bomb");
                if (entry.Length > RatioCheckFromBytes &&
                    (entry.CompressedLength == 0 || (double)entry.Length / entry.CompressedLength > limits.MaxCompressionRatio))
                    throw Reject($"entry '{entry.FullName}' expands {entry.Length.ToString(CultureInfo.InvariantCulture)} bytes from {entry.CompressedLength.ToString(CultureInfo.InvariantCulture)}: refused as a possible zip bomb");
            }
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw Reject($"not a readable XLSX workbook (not a zip file): {e.Message}");
        }
        catch (InputRejectedException)
        {
            stream.Dispose();
            throw;
        }
        stream.Position = 0;
    }

    /// <summary>
    /// The shared string table, streamed: each string at most <see cref="ReadLimits.MaxFieldChars"/> characters (Excel
    /// itself cannot make a longer one) and all of them at most <see cref="ReadLimits.MaxSharedStringChars"/>.
    /// </summary>
    private void LoadSharedStrings(SharedStringTablePart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, XmlSettings);
        reader.MoveToContent();
        var ns = reader.NamespaceURI;
        long total = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si" || reader.NamespaceURI != ns) continue;
            var text = ReadRichText(reader, ns, () => Reject(
                $"shared string {_sharedStrings.Count.ToString(CultureInfo.InvariantCulture)} is longer than {Limits.MaxFieldChars.ToString(CultureInfo.InvariantCulture)} characters, the limit for one cell (Excel's own); the file is refused"));
            total += text.Length;
            if (total > Limits.MaxSharedStringChars)
                throw Reject($"the shared strings hold more than {Limits.MaxSharedStringChars.ToString(CultureInfo.InvariantCulture)} characters, the limit; the file is refused");
            _sharedStrings.Add(text);
        }
    }

    private void LoadDateStyles(WorkbookStylesPart part)
    {
        var stylesheet = part.Stylesheet;
        if (stylesheet?.CellFormats is null) return;
        var customDates = new HashSet<uint>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            if (format.NumberFormatId?.Value is uint id && IsDateFormatCode(format.FormatCode?.Value))
                customDates.Add(id);
        uint index = 0;
        foreach (var cellFormat in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = cellFormat.NumberFormatId?.Value ?? 0;
            if (IsBuiltInDateFormat(id) || customDates.Contains(id)) _dateStyles.Add(index);
            index++;
        }
    }

    /// <summary>Built-in number formats that show a date (ECMA-376 §18.8.30, plus the East Asian date ids).</summary>
    private static bool IsBuiltInDateFormat(uint id) => id is (>= 14 and <= 17) or 22 or (>= 27 and <= 36) or (>= 50 and <= 58);

    /// <summary>A custom format shows a date when it uses d or y outside quoted text, escapes and [brackets].</summary>
    internal static bool IsDateFormatCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return false;
        var inQuotes = false;
        var inBracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inQuotes) { inQuotes = c != '"'; continue; }
            if (inBracket) { inBracket = c != ']'; continue; }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case '[': inBracket = true; break;
                case '\\' or '_' or '*': i++; break;
                case 'd' or 'D' or 'y' or 'Y': return true;
            }
        }
        return false;
    }

    protected override bool ReadCore()
    {
        try
        {
            while (ReadSheetRow())
            {
                var blank = true;
                for (var i = 0; i < _cellCount && blank; i++)
                    blank = _kinds[i] == CellKind.Empty;
                if (!blank) return true;
            }
            return false;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            // A sheet cut short (a zip directory that understates the part's size) or broken XML after the header.
            throw new InputRejectedException(Error(RowNumber, null, null,
                $"the sheet cannot be read after row {RowNumber.ToString(CultureInfo.InvariantCulture)}: {e.Message} (the file is damaged, or its zip directory misstates the size of a part)"));
        }
    }

    public override ReadOnlySpan<char> GetSpan(int column) =>
        column >= 0 && column < _cellCount ? _cells[column].AsSpan() : default;

    public override CellKind GetKind(int column) =>
        column >= 0 && column < _cellCount ? _kinds[column] : CellKind.Empty;

    /// <summary>Reads the next &lt;row&gt; of the sheet into the cell arrays; false at the end of sheetData.</summary>
    private bool ReadSheetRow()
    {
        while (_sheet.Read())
        {
            if (_sheet.NodeType != XmlNodeType.Element || _sheet.LocalName != "row" || _sheet.NamespaceURI != _ns) continue;
            var rowNumber = _nextRowNumber;
            if (int.TryParse(_sheet.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0) rowNumber = r;
            RowNumber = rowNumber;
            _nextRowNumber = rowNumber + 1;
            ReadCells();
            return true;
        }
        return false;
    }

    /// <summary>Reads the cells of the current &lt;row&gt; (the reader on its start tag) up to its end tag.</summary>
    private void ReadCells()
    {
        Array.Clear(_cells, 0, _cellCount);
        Array.Clear(_kinds, 0, _cellCount);
        _cellCount = 0;
        _rowChars = 0;
        if (_sheet.IsEmptyElement) return;
        var nextColumn = 0;
        while (_sheet.Read())
        {
            if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.LocalName == "row" && _sheet.NamespaceURI == _ns) return;
            if (_sheet.NodeType != XmlNodeType.Element || _sheet.LocalName != "c" || _sheet.NamespaceURI != _ns) continue;
            var column = ColumnIndex(_sheet.GetAttribute("r")) ?? nextColumn;
            if (column >= Limits.MaxColumns) throw TooManyColumns(RowNumber);
            var type = _sheet.GetAttribute("t");
            _ = uint.TryParse(_sheet.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style);
            string? value = null;
            string? inline = null;
            if (!_sheet.IsEmptyElement)
            {
                var depth = _sheet.Depth;
                var moved = false; // Skip() leaves the reader on the next node already
                while ((moved || _sheet.Read()) && _sheet.Depth > depth)
                {
                    moved = false;
                    if (_sheet.NodeType != XmlNodeType.Element) continue;
                    if (_sheet.NamespaceURI == _ns && _sheet.LocalName == "v")
                        value = ReadText(_sheet, () => FieldTooLong(RowNumber, ColumnName(column)));
                    else if (_sheet.NamespaceURI == _ns && _sheet.LocalName == "is")
                        inline = ReadRichText(_sheet, _ns, () => FieldTooLong(RowNumber, ColumnName(column)), countRow: true);
                    else if (!_sheet.IsEmptyElement)
                    {
                        _sheet.Skip(); // a formula, an extension: not the value
                        moved = true;
                    }
                }
            }
            Store(column, type, style, inline ?? value);
            nextColumn = column + 1;
        }
    }

    /// <summary>
    /// The text of a rich-text item (&lt;si&gt; or &lt;is&gt;, the reader on its start tag): its &lt;t&gt; runs,
    /// phonetic runs left out. Read in chunks, so that an overlong one is refused before it is held.
    /// </summary>
    private string ReadRichText(XmlReader reader, string ns, Func<Exception> tooLong, bool countRow = false)
    {
        _text.Clear();
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        var moved = false;
        while ((moved || reader.Read()) && reader.Depth > depth)
        {
            moved = false;
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != ns) continue;
            if (reader.LocalName == "t") AppendText(reader, tooLong, countRow);
            else if (reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                reader.Skip(); // phonetic runs are a reading aid, not the value
                moved = true;
            }
        }
        return _text.ToString();
    }

    /// <summary>The text of one element (the reader on its start tag), read in chunks up to the field limit.</summary>
    private string ReadText(XmlReader reader, Func<Exception> tooLong)
    {
        _text.Clear();
        AppendText(reader, tooLong, countRow: true);
        return _text.ToString();
    }

    /// <summary>Appends an element's text (the reader on its start tag, left on its end tag), chunk by chunk.</summary>
    private void AppendText(XmlReader reader, Func<Exception> tooLong, bool countRow)
    {
        if (reader.IsEmptyElement) return;
        var depth = reader.Depth;
        var moved = false;
        while ((moved || reader.Read()) && reader.Depth > depth)
        {
            moved = false;
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    if (_text.Length + n > Limits.MaxFieldChars) throw tooLong();
                    if (countRow && (_rowChars += n) > Limits.MaxRowChars) throw RowTooLong(RowNumber);
                    _text.Append(_chunk, 0, n);
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
            {
                reader.Skip();
                moved = true;
            }
        }
    }

    private void Store(int column, string? type, uint style, string? raw)
    {
        if (column >= _cells.Length)
        {
            var size = Math.Max(column + 1, _cells.Length * 2);
            Array.Resize(ref _cells, size);
            Array.Resize(ref _kinds, size);
        }
        if (column >= _cellCount) _cellCount = column + 1;
        if (raw is null || (type is not "inlineStr" && raw.Length == 0))
        {
            _cells[column] = "";
            _kinds[column] = CellKind.Empty;
            return;
        }
        switch (type)
        {
            case "s":
                _cells[column] = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count
                    ? _sharedStrings[index] : "";
                _kinds[column] = _cells[column].AsSpan().IsWhiteSpace() ? CellKind.Empty : CellKind.Text;
                break;
            case "inlineStr" or "str":
                _cells[column] = raw;
                _kinds[column] = raw.AsSpan().IsWhiteSpace() ? CellKind.Empty : CellKind.Text;
                break;
            case "b":
                _cells[column] = raw == "1" ? "true" : "false";
                _kinds[column] = CellKind.Boolean;
                break;
            case "e":
                _cells[column] = raw;
                _kinds[column] = CellKind.Invalid;
                break;
            case "d":
                _cells[column] = raw.Length >= 10 ? raw[..10] : raw;
                _kinds[column] = CellKind.Date;
                break;
            default:
                if (_dateStyles.Contains(style) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                    && SerialToDate(serial, _date1904) is DateOnly date)
                {
                    _cells[column] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    _kinds[column] = CellKind.Date;
                }
                else
                {
                    _cells[column] = raw;
                    _kinds[column] = CellKind.Number;
                }
                break;
        }
    }

    /// <summary>
    /// An Excel date serial as a date (time of day dropped). 1900 system: 1 = 1900-01-01, and serials from 61 on are
    /// offset by Excel's phantom 1900-02-29 (serial 60, rejected). 1904 system: 0 = 1904-01-01.
    /// </summary>
    public static DateOnly? SerialToDate(double serial, bool date1904 = false)
    {
        if (double.IsNaN(serial) || serial < 0 || serial >= 2958466) return null;
        var days = (int)Math.Floor(serial);
        if (date1904) return new DateOnly(1904, 1, 1).AddDays(days);
        if (days < 1 || days == 60) return null;
        return days < 60 ? new DateOnly(1899, 12, 31).AddDays(days) : new DateOnly(1899, 12, 30).AddDays(days);
    }

    /// <summary>0-based column index of a cell reference such as <c>AB12</c>.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z') break;
            index = index * 26 + (upper - 'A' + 1);
            letters++;
        }
        return letters is 0 or > 3 ? null : index - 1;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DisposeAll();
        base.Dispose(disposing);
    }
}
