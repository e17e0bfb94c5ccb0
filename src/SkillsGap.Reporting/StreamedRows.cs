using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.Reporting;

/// <summary>
/// The style of a streamed cell: its number format (null: General), centred or not, wrapped or not, whether it
/// carries the quote prefix (text that starts like a formula), and its solid fill (<c>#RRGGBB</c>, null: none).
/// </summary>
internal readonly record struct CellStyle(string? NumberFormat = null, bool Centred = false, bool Wrap = false, bool QuotePrefix = false,
    string? Fill = null, bool Border = false);

/// <summary>
/// The data rows <see cref="FirstRow"/>–<see cref="LastRow"/> (1-based) of the sheet <see cref="Sheet"/>, which ClosedXML
/// left empty: <see cref="Write"/> streams them into the saved workbook with a <see cref="SheetRowWriter"/>.
/// </summary>
internal sealed record StreamedRows(string Sheet, int FirstRow, int LastRow, Action<SheetRowWriter> Write);

/// <summary>
/// Writes the big sheets' data rows into a workbook that ClosedXML saved with everything else (header and footer rows,
/// column widths, frozen panes, auto-filter, conditional formats, print setup): ClosedXML 0.95 spends about 20 µs per
/// cell it holds, this about 2 µs. Each worksheet part is read back with the Open XML SDK (OpenXmlReader) and written
/// again as a stream, the streamed rows put between ClosedXML's rows; strings go to the shared string table and each
/// distinct <see cref="CellStyle"/> becomes one cell format (a copy of the default one, xf 0).
/// </summary>
internal static class SheetStreamer
{
    /// <summary>Streams every sheet's rows of <paramref name="sheets"/> into <paramref name="document"/>.</summary>
    public static void Fill(SpreadsheetDocument document, IReadOnlyList<StreamedRows> sheets)
    {
        if (sheets.Count == 0) return;
        var book = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var styles = new CellStyles(book.WorkbookStylesPart?.Stylesheet ?? throw new InvalidDataException("The workbook has no styles."));
        var strings = new SharedStrings(book.SharedStringTablePart ?? book.AddNewPart<SharedStringTablePart>());
        foreach (var rows in sheets)
        {
            var sheet = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == rows.Sheet)
                ?? throw new InvalidDataException($"The workbook has no sheet '{rows.Sheet}'.");
            Fill((WorksheetPart)book.GetPartById(sheet.Id!.Value!), rows, styles, strings);
        }
        styles.Save();
        strings.Save();
    }

    private static void Fill(WorksheetPart part, StreamedRows rows, CellStyles styles, SharedStrings strings)
    {
        Worksheet saved;
        using (var reader = OpenXmlReader.Create(part))
        {
            while (reader.Read() && reader.ElementType != typeof(Worksheet))
            {
            }
            saved = reader.ElementType == typeof(Worksheet) ? (Worksheet)reader.LoadCurrentElement()!
                : throw new InvalidDataException($"The part of sheet '{rows.Sheet}' holds no worksheet.");
        }

        // The saved worksheet is in memory now: the part is rewritten in place with a plain XmlWriter, ClosedXML's elements
        // through OpenXmlElement.WriteTo (measured: OpenXmlWriter's per-element bookkeeping doubles the cost of a cell).
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument(true);
        xml.WriteStartElement(saved.Prefix, saved.LocalName, saved.NamespaceUri);
        foreach (var (prefix, uri) in saved.NamespaceDeclarations)
            if (prefix != saved.Prefix || uri != saved.NamespaceUri) xml.WriteAttributeString("xmlns", prefix, null, uri);
        foreach (var attribute in saved.GetAttributes())
            xml.WriteAttributeString(attribute.Prefix, attribute.LocalName, attribute.NamespaceUri, attribute.Value);
        foreach (var child in saved.ChildElements)
        {
            if (child is not SheetData data)
            {
                child.WriteTo(xml);
                continue;
            }
            var existing = data.Elements<Row>().ToArray();
            if (existing.FirstOrDefault(r => r.RowIndex is { } i && i.Value >= rows.FirstRow && i.Value <= rows.LastRow) is { } clash)
                throw new InvalidOperationException($"Row {clash.RowIndex} of sheet '{rows.Sheet}' is both in the saved sheet and streamed.");
            xml.WriteStartElement(data.Prefix, data.LocalName, data.NamespaceUri);
            foreach (var row in existing.Where(r => r.RowIndex is null || r.RowIndex.Value < rows.FirstRow)) row.WriteTo(xml);
            var rowWriter = new SheetRowWriter(xml, data.Prefix, styles.IndexOf, strings.IndexOf, rows.FirstRow, rows.LastRow);
            rows.Write(rowWriter);
            rowWriter.Finish();
            foreach (var row in existing.Where(r => r.RowIndex is not null && r.RowIndex.Value > rows.LastRow)) row.WriteTo(xml);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Text as a spreadsheet stores it: characters XML cannot hold, and text that looks like such an escape, as <c>_xHHHH_</c>.</summary>
    internal static string Escape(string text)
    {
        var plain = true;
        foreach (var ch in text)
            if (ch == '_' || ch < ' ' && ch is not ('\t' or '\n' or '\r') || char.IsSurrogate(ch) || ch is '\uFFFE' or '\uFFFF')
            {
                plain = false;
                break;
            }
        if (plain) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && text.AsSpan(i + 2, 4).ContainsAnyExcept(HexDigits) is false)
                sb.Append("_x005F");
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
                continue;
            }
            if (XmlConvert.IsXmlChar(ch)) sb.Append(ch);
            else sb.Append(CultureInfo.InvariantCulture, $"_x{(int)ch:X4}_");
        }
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");

    /// <summary>One cell format per distinct <see cref="CellStyle"/>, added to the stylesheet as a copy of xf 0.</summary>
    private sealed class CellStyles(Stylesheet stylesheet)
    {
        private readonly Dictionary<CellStyle, uint> _index = [];
        private bool _changed;

        public uint IndexOf(CellStyle style)
        {
            if (style == default) return 0;
            if (_index.TryGetValue(style, out var index)) return index;
            var formats = stylesheet.CellFormats ?? throw new InvalidDataException("The stylesheet has no cell formats.");
            var xf = formats.Elements<CellFormat>().FirstOrDefault() is { } first ? (CellFormat)first.CloneNode(true) : new CellFormat();
            xf.NumberFormatId = NumberFormatId(style.NumberFormat);
            xf.ApplyNumberFormat = true;
            var alignment = xf.Alignment ??= new Alignment();
            // Text (no number format) to the left, numbers as spreadsheets place them (to the right).
            alignment.Horizontal = style.Centred ? HorizontalAlignmentValues.Center
                : style.NumberFormat is null ? HorizontalAlignmentValues.Left : HorizontalAlignmentValues.General;
            alignment.WrapText = style.Wrap;
            // Rows of wrapped text are taller than one line: every cell of them starts at the top.
            alignment.Vertical = VerticalAlignmentValues.Top;
            xf.ApplyAlignment = true;
            if (style.QuotePrefix) xf.QuotePrefix = true;
            if (style.Fill is { } fill)
            {
                xf.FillId = FillId(fill);
                xf.ApplyFill = true;
            }
            if (style.Border)
            {
                xf.BorderId = ThinBorderId();
                xf.ApplyBorder = true;
            }
            formats.Append(xf);
            index = (uint)formats.Elements<CellFormat>().Count() - 1;
            formats.Count = index + 1;
            _index[style] = index;
            _changed = true;
            return index;
        }

        private readonly Dictionary<string, uint> _fills = new(StringComparer.OrdinalIgnoreCase);
        private uint? _thinBorder;

        /// <summary>A solid fill of colour <paramref name="hex"/> (<c>#RRGGBB</c>), added once.</summary>
        private uint FillId(string hex)
        {
            if (_fills.TryGetValue(hex, out var id)) return id;
            var fills = stylesheet.Fills ??= new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
            var argb = "FF" + hex.TrimStart('#').ToUpperInvariant();
            fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            id = (uint)fills.Elements<Fill>().Count() - 1;
            fills.Count = id + 1;
            _fills[hex] = id;
            return id;
        }

        /// <summary>A thin light-grey border on all four sides, added once (so that cells of one colour stay apart on paper).</summary>
        private uint ThinBorderId()
        {
            if (_thinBorder is { } known) return known;
            var borders = stylesheet.Borders ??= new Borders(new Border());
            static T Side<T>() where T : BorderPropertiesType, new() =>
                new() { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFA6A6A6" } };
            borders.Append(new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder()));
            var id = (uint)borders.Elements<Border>().Count() - 1;
            borders.Count = id + 1;
            _thinBorder = id;
            return id;
        }

        private uint NumberFormatId(string? code)
        {
            if (code is null) return 0;
            var formats = stylesheet.NumberingFormats ??= new NumberingFormats();
            var known = formats.Elements<NumberingFormat>().ToArray();
            if (known.FirstOrDefault(f => f.FormatCode?.Value == code) is { NumberFormatId: { } id }) return id.Value;
            // Custom formats take ids from 164 on; 0–163 are built in.
            var next = Math.Max(164u, known.Select(f => f.NumberFormatId?.Value ?? 0).DefaultIfEmpty(0u).Max() + 1);
            formats.Append(new NumberingFormat { NumberFormatId = next, FormatCode = code });
            formats.Count = (uint)known.Length + 1;
            return next;
        }

        public void Save()
        {
            if (_changed) stylesheet.Save();
        }
    }

    /// <summary>The shared string table, with the strings streamed cells use appended.</summary>
    private sealed class SharedStrings
    {
        private readonly SharedStringTablePart _part;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _added = [];
        private readonly int _existing;

        public SharedStrings(SharedStringTablePart part)
        {
            _part = part;
            var items = part.SharedStringTable?.Elements<SharedStringItem>().ToArray() ?? [];
            _existing = items.Length;
            for (var i = 0; i < items.Length; i++)
                if (items[i].ChildElements.Count == 1 && items[i].Text is { } text)
                    _index.TryAdd(text.Text, i);
        }

        /// <summary>The index of <paramref name="text"/> (already escaped) in the table.</summary>
        public int IndexOf(string text)
        {
            if (_index.TryGetValue(text, out var index)) return index;
            index = _existing + _added.Count;
            _added.Add(text);
            _index[text] = index;
            return index;
        }

        public void Save()
        {
            if (_added.Count == 0) return;
            var table = _part.SharedStringTable ??= new SharedStringTable();
            foreach (var text in _added)
            {
                var t = new Text(text);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0))
                    t.Space = SpaceProcessingModeValues.Preserve;
                table.Append(new SharedStringItem(t));
            }
            var count = (uint)(_existing + _added.Count);
            table.Count = count;
            table.UniqueCount = count;
            table.Save();
        }
    }
}

/// <summary>Writes the rows of one sheet, in order, each cell in column order: text as shared strings, numbers as numbers.</summary>
internal sealed class SheetRowWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly XmlWriter _writer;
    private readonly string _prefix;
    private readonly Func<CellStyle, uint> _style;
    private readonly Func<string, int> _string;
    private readonly int _first, _last;
    private readonly List<string> _columns = [];
    private int _row, _column = -1;
    private string _rowText = "";

    internal SheetRowWriter(XmlWriter writer, string prefix, Func<CellStyle, uint> style, Func<string, int> sharedString, int first, int last)
    {
        _writer = writer;
        _prefix = prefix;
        _style = style;
        _string = sharedString;
        _first = first;
        _last = last;
        _row = first - 1;
    }

    /// <summary>Starts row <paramref name="row"/> (1-based, after the previous one), of <paramref name="height"/> points when given.</summary>
    public void StartRow(int row, double? height = null)
    {
        if (_column >= 0) EndRow();
        if (row <= _row || row < _first || row > _last)
            throw new InvalidOperationException($"Row {row} is out of order or outside rows {_first}–{_last}.");
        _row = row;
        _rowText = row.ToString(CultureInfo.InvariantCulture);
        _column = 0;
        _writer.WriteStartElement(_prefix, "row", Main);
        _writer.WriteAttributeString("r", _rowText);
        if (height is double h)
        {
            _writer.WriteAttributeString("ht", h.ToString("R", CultureInfo.InvariantCulture));
            _writer.WriteAttributeString("customHeight", "1");
        }
    }

    /// <summary>A text cell; one that starts like a formula gets the quote prefix (DESIGN §7).</summary>
    public void Text(int column, string? text, CellStyle style = default)
    {
        text ??= "";
        if (SafeText.LooksLikeFormula(text)) style = style with { QuotePrefix = true };
        Cell(column, style, "s", _string(SheetStreamer.Escape(text)).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A number cell; a value that is not finite leaves the cell empty.</summary>
    public void Number(int column, double value, CellStyle style = default)
    {
        // 15 significant digits, as ClosedXML writes the other sheets' numbers.
        if (double.IsFinite(value)) Cell(column, style, null, value.ToString("G15", CultureInfo.InvariantCulture));
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        if (_column < 0) throw new InvalidOperationException("No row is open.");
        _writer.WriteEndElement();
        _column = -1;
    }

    internal void Finish()
    {
        if (_column >= 0) EndRow();
    }

    private void Cell(int column, CellStyle style, string? type, string value)
    {
        if (_column < 0) throw new InvalidOperationException("A cell needs an open row.");
        if (column <= _column) throw new InvalidOperationException($"Column {column} of row {_row} is out of order.");
        _column = column;
        _writer.WriteStartElement(_prefix, "c", Main);
        _writer.WriteAttributeString("r", ColumnName(column) + _rowText);
        var xf = _style(style);
        if (xf != 0) _writer.WriteAttributeString("s", xf.ToString(CultureInfo.InvariantCulture));
        if (type is not null) _writer.WriteAttributeString("t", type);
        _writer.WriteStartElement(_prefix, "v", Main);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>The letters of 1-based <paramref name="column"/>: A, …, Z, AA, ….</summary>
    private string ColumnName(int column)
    {
        while (_columns.Count < column)
        {
            var n = _columns.Count + 1;
            var name = "";
            while (n > 0)
            {
                var m = (n - 1) % 26;
                name = (char)('A' + m) + name;
                n = (n - 1) / 26;
            }
            _columns.Add(name);
        }
        return _columns[column - 1];
    }
}
