using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Ingestion;

/// <summary>
/// The hostile corpus: small files in <c>HostileCorpus/</c> (listed with the error each must get in corpus.json), and
/// large or binary ones generated here at test time. Every one is refused with its file, row, column and reason, and
/// the large ones in bounded memory (bytes allocated while reading, measured on this thread).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Ingestion", "HostileCorpus");

    private sealed record ExpectedError(int? Row, string? Column, string Reason);

    private sealed record CorpusCase(string File, string Kind, string Class, IReadOnlyList<ExpectedError> Errors);

    private static IReadOnlyList<CorpusCase> Cases()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CorpusFolder, "corpus.json")));
        return manifest.RootElement.GetProperty("cases").EnumerateArray().Select(c => new CorpusCase(
            c.GetProperty("file").GetString()!,
            c.GetProperty("kind").GetString()!,
            c.GetProperty("class").GetString()!,
            c.GetProperty("errors").EnumerateArray().Select(e => new ExpectedError(
                e.GetProperty("row").ValueKind == JsonValueKind.Null ? null : e.GetProperty("row").GetInt32(),
                e.GetProperty("column").GetString(),
                e.GetProperty("reason").GetString()!)).ToList())).ToList();
    }

    public static TheoryData<string> CorpusFiles() => new(Cases().Select(c => c.File));

    /// <summary>The standard test catalogue, with E-2 having left on 2025-06-30.</summary>
    private static TestCatalogue Known()
    {
        var known = TestCatalogue.Standard();
        known.Left["E-2"] = new DateOnly(2025, 6, 30);
        return known;
    }

    private static (int Records, IReadOnlyList<RowError> Errors) Read(string kind, InputFile file, ReadLimits? limits = null)
    {
        var known = Known();
        return kind switch
        {
            "skills" => Summary(RecordReader.ReadSkills(file, limits)),
            "roles" => Summary(RecordReader.ReadRoles(file, known, limits)),
            "badges" => Summary(RecordReader.ReadBadges(file, known, limits)),
            "employees" => Summary(RecordReader.ReadEmployees(file, known, limits)),
            "awards" => Summary(RecordReader.ReadAwards(file, known, limits)),
            _ => throw new ArgumentException(kind, nameof(kind)),
        };

        static (int, IReadOnlyList<RowError>) Summary<T>(ParseResult<T> result) => (result.Records.Count, result.Errors);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Each_corpus_file_is_refused_with_its_file_row_column_and_reason(string name)
    {
        var expected = Cases().Single(c => c.File == name);
        var path = Path.Combine(CorpusFolder, name);

        var (records, errors) = Read(expected.Kind, InputFile.FromPath(path));

        foreach (var error in errors) output.WriteLine(error.ToString());
        Assert.Equal(0, records);
        Assert.Equal(expected.Errors.Count, errors.Count);
        foreach (var (want, got) in expected.Errors.Zip(errors))
        {
            Assert.Equal(path, got.File);
            Assert.Equal(want.Row, got.Row);
            Assert.Equal(want.Column, got.Column);
            Assert.Contains(want.Reason, got.Reason, StringComparison.Ordinal);
            // What a terminal or a page shows never carries the raw control character.
            Assert.DoesNotContain(got.ToString(), c => char.IsControl(c));
        }
    }

    [Fact]
    public void The_corpus_covers_every_class_of_the_issue()
    {
        var cases = Cases();
        foreach (var group in cases.GroupBy(c => c.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"{group.Key}: {group.Count()} files, each refused with its row, column and reason (see the theory above)");
        output.WriteLine($"{cases.Count} small files; the large and binary cases of this class are generated.");
        Assert.Equal(["characters", "dates", "duplicates", "facts", "lengths", "numbers"], cases.Select(c => c.Class).Distinct().Order(StringComparer.Ordinal));
        // Every small file is in the manifest, and every manifest entry is a file.
        var onDisk = Directory.EnumerateFiles(CorpusFolder).Select(Path.GetFileName).Where(f => f != "corpus.json").Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, cases.Select(c => c.File).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_value_just_inside_every_bound_is_accepted()
    {
        var known = Known();
        var badges = _temp.Csv("badges.csv", "badge_id,badge_name,skills,hours,valid_months\n" +
            $"B-MAX,{new string('N', 400)},PY:5,10000,1200\nB-MIN,Min,PY:0,0.25,1\n");
        var awards = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on,expires_on\n" +
            "E-1,PY-101,1900-01-01,2200-12-31\nE-2,PY-101,2025-06-30,2025-07-01\n");
        var employees = _temp.Csv("employees.csv", "employee_id,name,email,role_code,department,effective_from,left_on\n" +
            $"E-9,Zoë Ørsted-Ñúñez (مريم),{new string('a', 308)}@example.org,ANALYST,{new string('D', 200)},2024-06-01,2024-06-01\n");

        Assert.Empty(RecordReader.ReadBadges(badges, known).Errors);
        Assert.Empty(RecordReader.ReadAwards(awards, known).Errors);
        Assert.Empty(RecordReader.ReadEmployees(employees, known).Errors);
        Assert.Equal(10_000m, RecordReader.ReadBadges(badges, known).Records[0].Badge.Hours);
    }

    [Fact]
    public void An_award_issued_after_an_employee_of_the_same_batch_left_is_refused()
    {
        // The left_on the reader checks against is the stored one, or (in App) the one this batch's employees file sets.
        var known = Known();
        known.Employees["E-7"] = null;
        known.Left["E-7"] = new DateOnly(2026, 1, 31);
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on\nE-7,PY-101,2026-01-31\nE-7,SQL-101,2026-02-01\n");

        var result = RecordReader.ReadAwards(file, known);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "issued_on", "issued_on 2026-02-01 is after employee E-7 left on 2026-01-31"), (error.Row, error.Column, error.Reason));
        Assert.Equal(new DateOnly(2026, 1, 31), Assert.Single(result.Records).Award.IssuedOn);
    }

    // ---- Generated at test time: sizes ----

    private const long HostileFieldBytes = 199L * 1024 * 1024;

    /// <summary>Bytes allocated on this thread while <paramref name="read"/> runs (the readers are single-threaded).</summary>
    private static long Allocated(Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_199_MB_csv_field_is_refused_at_its_first_32K_characters_in_bounded_memory()
    {
        var file = new InputFile("skills.csv", () => new GeneratedStream(
            "skill_code,skill_name,description\nPY,Python,"u8.ToArray(), (byte)'x', HostileFieldBytes, "\n"u8.ToArray()));
        IReadOnlyList<RowError> errors = [];

        var allocated = Allocated(() => errors = Read("skills", file).Errors);

        output.WriteLine($"allocated while refusing a {HostileFieldBytes:N0}-byte field: {allocated:N0} bytes");
        var error = Assert.Single(errors);
        Assert.Equal(("skills.csv", 2, "description"), (error.File, error.Row, error.Column));
        Assert.Equal("a value is longer than 32767 characters, the limit for one field (Excel's own cell limit); the file is refused", error.Reason);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_199_MB_json_string_is_refused_in_bounded_memory_without_holding_the_document()
    {
        var file = new InputFile("skills.json", () => new GeneratedStream(
            "[{\"skill_code\":\"PY\",\"skill_name\":\"Python\",\"description\":\""u8.ToArray(), (byte)'x', HostileFieldBytes, "\"}]"u8.ToArray()));
        IReadOnlyList<RowError> errors = [];

        var allocated = Allocated(() => errors = Read("skills", file).Errors);

        output.WriteLine($"allocated while refusing a {HostileFieldBytes:N0}-byte JSON string: {allocated:N0} bytes");
        var error = Assert.Single(errors);
        Assert.Equal(("skills.json", 1, "description"), (error.File, error.Row, error.Column));
        Assert.StartsWith("a value is longer than 32767 characters", error.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_json_string_just_over_the_field_limit_is_refused_on_its_row_and_column()
    {
        var text = "[{\"skill_code\":\"PY\",\"skill_name\":\"Python\"},{\"skill_code\":\"R\",\"skill_name\":\"R\",\"description\":\"" +
                   new string('\u00e9', 32_768) + "\"}]";
        var path = _temp.Write("skills.json", text);

        var error = Assert.Single(Read("skills", InputFile.FromPath(path)).Errors);

        Assert.Equal((2, "description"), (error.Row, error.Column));
        Assert.StartsWith("a value is longer than 32767 characters", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_json_file_from_a_stream_that_cannot_seek_costs_what_the_same_rows_cost_as_csv()
    {
        // 200,000 awards (about 14 MB) through a stream that cannot seek: spooled to a temporary file, then read a row at
        // a time. The records are the bulk of what is allocated; the document itself is never held, so the JSON reader
        // allocates about what the streaming CSV reader does for the same rows.
        string[] badges = ["PY-101", "PY-201", "SQL-101"];
        var json = new StringBuilder("[");
        var csv = new StringBuilder("employee_id,badge_id,issued_on\n");
        for (var i = 0; i < 200_000; i++)
        {
            var day = new DateOnly(1950, 1, 1).AddDays(i / 3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            json.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"employee_id\":\"E-1\",\"badge_id\":\"{badges[i % 3]}\",\"issued_on\":\"{day}\"}}");
            csv.Append(CultureInfo.InvariantCulture, $"E-1,{badges[i % 3]},{day}\n");
        }
        json.Append(']');
        var jsonBytes = Encoding.UTF8.GetBytes(json.ToString());
        var csvBytes = Encoding.UTF8.GetBytes(csv.ToString());
        (json, csv) = (new StringBuilder(), new StringBuilder());
        var known = Known();
        ParseResult<ImportedAward>? fromJson = null, fromCsv = null;

        var jsonAllocated = Allocated(() => fromJson = RecordReader.ReadAwards(new InputFile("awards.json", () => new ForwardOnlyStream(jsonBytes)), known));
        var csvAllocated = Allocated(() => fromCsv = RecordReader.ReadAwards(new InputFile("awards.csv", () => new ForwardOnlyStream(csvBytes)), known));

        output.WriteLine($"{jsonBytes.Length:N0} bytes of JSON, 200,000 awards: {jsonAllocated:N0} bytes allocated; the same as CSV: {csvAllocated:N0}");
        Assert.Empty(fromJson!.Errors);
        Assert.Equal(fromCsv!.Records.Select(r => r.Award), fromJson.Records.Select(r => r.Award));
        Assert.Equal((new BadgeId("PY-201"), new DateOnly(1950, 1, 1).AddDays(199_999 / 3)), (fromJson.Records[^1].Award.Badge, fromJson.Records[^1].Award.IssuedOn));
        // A DOM of the document (the bytes, a metadata row per token, a string per value) alone would add about 4× its size.
        Assert.True(jsonAllocated < csvAllocated + jsonBytes.Length, $"JSON {jsonAllocated:N0} bytes, CSV {csvAllocated:N0} bytes");
    }

    [Fact]
    public void A_row_of_more_than_16384_columns_or_a_million_characters_is_refused()
    {
        var wide = _temp.Csv("wide.csv", "skill_code,skill_name" + string.Concat(Enumerable.Repeat(",x", 20_000)) + "\nPY,Python\n");
        var longRow = _temp.Csv("long.csv", "skill_code,skill_name,a,b\nPY,Python," +
            string.Join(",", Enumerable.Repeat(new string('y', 30_000), 40)) + "\n");
        var wideJson = _temp.Write("wide.json", "[{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":1")) + "}]");

        var wideError = Assert.Single(Read("skills", wide).Errors);
        var longError = Assert.Single(Read("skills", longRow).Errors);
        var jsonError = Assert.Single(Read("skills", InputFile.FromPath(wideJson)).Errors);

        Assert.Equal((1, "the row has more than 16384 columns, the limit (Excel's own); the file is refused"), (wideError.Row, wideError.Reason));
        Assert.Equal((2, "the row is longer than 1048576 characters, the limit for one row; the file is refused"), (longError.Row, longError.Reason));
        Assert.Equal((1, "the row has more than 16384 columns, the limit (Excel's own); the file is refused"), (jsonError.Row, jsonError.Reason));
    }

    // ---- Generated at test time: XLSX ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_48_MB_xlsx_cell_is_refused_while_streaming_it_in_bounded_memory(bool shared)
    {
        var path = _temp.File(shared ? "shared.xlsx" : "inline.xlsx");
        var huge = 48 * 1024 * 1024;
        WriteRawWorkbook(path, shared, huge);
        IReadOnlyList<RowError> errors = [];

        var allocated = Allocated(() => errors = Read("skills", InputFile.FromPath(path)).Errors);

        output.WriteLine($"{new FileInfo(path).Length:N0}-byte workbook holding a {huge:N0}-character {(shared ? "shared" : "inline")} string: {allocated:N0} bytes allocated");
        var error = Assert.Single(errors);
        Assert.Equal(path, error.File);
        if (shared)
            Assert.Equal("shared string 2 is longer than 32767 characters, the limit for one cell (Excel's own); the file is refused", error.Reason);
        else
            Assert.Equal(("Skills", 2, "description", "a value is longer than 32767 characters, the limit for one field (Excel's own cell limit); the file is refused"),
                (error.Sheet, error.Row, error.Column, error.Reason));
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void An_xlsx_whose_zip_directory_understates_the_sheet_is_refused_naming_the_file()
    {
        var path = _temp.File("lying.xlsx");
        XlsxBuilder.Write(path, ("Skills", [(1u, ["skill_code", "skill_name"]),
            .. Enumerable.Range(2, 400).Select(r => ((uint)r, new object?[] { new XlsxBuilder.Inline($"S{r}"), new XlsxBuilder.Inline($"Skill number {r}") }))]));
        StateUncompressedSize(path, "xl/worksheets/sheet1.xml", 1_000);

        var result = RecordReader.ReadSkills(InputFile.FromPath(path));

        var error = Assert.Single(result.Errors);
        output.WriteLine(error.ToString());
        Assert.Empty(result.Records);
        Assert.Equal(path, error.File);
        Assert.Contains("zip directory misstates the size of a part", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xlsx_sheet_with_a_billion_laughs_dtd_is_refused_before_any_entity_expands()
    {
        var path = _temp.File("laughs.xlsx");
        XlsxBuilder.Write(path, ("Skills", [(1u, ["skill_code", "skill_name"]), (2u, ["PY", "Python"])]));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var body = xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..];
            var dtd = "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">" +
                      string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) + "]>";
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + dtd + body.Replace("Python", "&j;", StringComparison.Ordinal));
        }
        IReadOnlyList<RowError> errors = [];

        var allocated = Allocated(() => errors = Read("skills", InputFile.FromPath(path)).Errors);

        var error = Assert.Single(errors);
        Assert.StartsWith("not a readable XLSX workbook", error.Reason, StringComparison.Ordinal);
        Assert.Contains("DTD", error.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void An_xlsx_date_cell_outside_the_business_range_is_refused()
    {
        var path = _temp.File("awards.xlsx");
        // Serial 2958465 is 9999-12-31 in the 1900 system.
        XlsxBuilder.Write(path, ("Awards", [(1u, ["employee_id", "badge_id", "issued_on"]), (2u, ["E-1", "PY-101", new XlsxBuilder.DateCell(2958465)])]));

        var error = Assert.Single(RecordReader.ReadAwards(InputFile.FromPath(path), Known()).Errors);

        Assert.Equal(("Awards", 2, "issued_on", "9999-12-31 is outside the dates SkillsGap accepts (1900-01-01 to 2200-12-31)"),
            (error.Sheet, error.Row, error.Column, error.Reason));
    }

    /// <summary>A minimal workbook written with ZipArchive directly: one sheet, a header and one row whose description holds <paramref name="length"/> random letters.</summary>
    private static void WriteRawWorkbook(string path, bool shared, int length)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Text(string name, string content)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }
        Text("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
        Text("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"" + Rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Text("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets><sheet name=\"Skills\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        Text("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            $"<Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
        static string Inline(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

        // Random letters, so that the part compresses about 1.7:1 and passes the zip bomb ratio check; a 1 MB block
        // repeated is as good, since deflate only looks 32 KB back.
        var block = new byte[1 << 20];
        var seed = 12345u;
        for (var i = 0; i < block.Length; i++)
        {
            seed = seed * 1_664_525 + 1_013_904_223;
            block[i] = (byte)('a' + (seed >> 24) % 26);
        }
        void WriteHuge(Stream stream)
        {
            for (var written = 0; written < length; written += block.Length) stream.Write(block, 0, Math.Min(block.Length, length - written));
        }

        using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        {
            var header = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">" +
                         Inline("A1", "skill_code") + Inline("B1", "skill_name") + Inline("C1", "description") + "</row><row r=\"2\">" +
                         Inline("A2", "PY") + Inline("B2", "Python");
            sheet.Write(Encoding.UTF8.GetBytes(header));
            if (shared) sheet.Write("<c r=\"C2\" t=\"s\"><v>2</v></c>"u8);
            else
            {
                sheet.Write("<c r=\"C2\" t=\"inlineStr\"><is><t>"u8);
                WriteHuge(sheet);
                sheet.Write("</t></is></c>"u8);
            }
            sheet.Write("</row></sheetData></worksheet>"u8);
        }
        using (var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open())
        {
            strings.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\"><si><t>a</t></si><si><t>b</t></si>"));
            if (shared)
            {
                strings.Write("<si><t>"u8);
                WriteHuge(strings);
                strings.Write("</t></si>"u8);
            }
            strings.Write("</sst>"u8);
        }
    }

    /// <summary>Rewrites the central directory's uncompressed size of <paramref name="entry"/>, as a hostile zip would.</summary>
    private static void StateUncompressedSize(string path, string entry, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (BitConverter.ToUInt32(bytes, i) != 0x02014b50) continue; // central directory file header
            var nameLength = BitConverter.ToUInt16(bytes, i + 28);
            if (!bytes.AsSpan(i + 46, nameLength).SequenceEqual(name)) continue;
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), size);
            File.WriteAllBytes(path, bytes);
            return;
        }
        throw new InvalidOperationException($"{entry} is not in {path}");
    }

    /// <summary>A seekable stream of a prefix, <c>count</c> copies of one byte, and a suffix, made as it is read: nothing is held.</summary>
    private sealed class GeneratedStream(byte[] prefix, byte fill, long count, byte[] suffix) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => prefix.Length + count + suffix.Length;
        public override long Position { get => _position; set => _position = value; }
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            while (n < buffer.Length && _position < Length)
            {
                var p = _position;
                if (p < prefix.Length) buffer[n] = prefix[p];
                else if (p < prefix.Length + count) buffer[n] = fill;
                else buffer[n] = suffix[p - prefix.Length - count];
                n++;
                _position++;
            }
            return n;
        }
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
