using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;
using SkillsGap.Ingestion.Tabular;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class CsvFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_with_a_BOM_and_semicolons_is_read_with_headers_matched_loosely()
    {
        var file = _temp.Csv("skills.csv", "Skill Code;skill-name;CATEGORY\r\nPY;Python;Programming\r\nSQL;SQL;Data\r\n", bom: true);

        var result = RecordReader.ReadSkills(file);

        Assert.Empty(result.Errors);
        Assert.Equal(["PY", "SQL"], result.Records.Select(r => r.Skill.Code.Value));
        Assert.Equal("Programming", result.Records[0].Skill.Category);
        Assert.Equal([2, 3], result.Records.Select(r => r.Row));
    }

    [Fact]
    public void Quoted_fields_keep_doubled_quotes_delimiters_and_line_breaks_and_rows_count_physical_lines()
    {
        // Line 1 header; record 1 spans lines 2-3 (a line break inside quotes); record 2 is on line 4.
        var file = _temp.Csv("skills.csv",
            "skill_code,skill_name,description,aliases\n" +
            "PY,\"Python, the language\",\"Says \"\"hi\"\"\nand more\",\"py;python3\"\n" +
            "SQL,SQL,,\n");

        var result = RecordReader.ReadSkills(file);

        Assert.Empty(result.Errors);
        var python = result.Records[0].Skill;
        Assert.Equal("Python, the language", python.Name);
        Assert.Equal("Says \"hi\"\nand more", python.Description);
        Assert.Equal(["py", "python3"], python.Aliases);
        Assert.Equal(2, result.Records[0].Row);
        Assert.Equal(4, result.Records[1].Row);
    }

    [Fact]
    public void An_error_after_a_multi_line_record_names_the_first_physical_line_of_its_record()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name,description\nA,Alpha,\"two\nlines\"\n,missing code,\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal(new RowError(file.Name, null, 4, "skill_code", null, "a value is required"), error);
    }

    [Fact]
    public void Tab_separated_txt_files_are_read()
    {
        var file = _temp.Csv("skills.txt", "skill_code\tskill_name\nPY\tPython, 3\n");

        var result = RecordReader.ReadSkills(file);

        Assert.Empty(result.Errors);
        Assert.Equal("Python, 3", result.Records[0].Skill.Name);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_still_match_the_file()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name\n\nPY,Python\n,,\n\nSQL,\n");

        var result = RecordReader.ReadSkills(file);

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Row);
        Assert.Equal("skill_name", error.Column);
        Assert.Equal(3, Assert.Single(result.Records).Row);
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_is_reported()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name\nPY,Smith, John\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal(2, error.Row);
        Assert.Null(error.Column);
        Assert.Contains("3 fields but the header has 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_is_reported_on_the_row_where_it_opens()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name\nPY,Python\nSQL,\"S Q L\nML,ML\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal(3, error.Row);
        Assert.Contains("not closed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_crosses_the_read_buffer_boundary_is_read_whole()
    {
        // The reader fills 64K chars at a time: rows of filler first, then a quoted field whose doubled quote sits
        // exactly on the boundary (a description stays within its 4,000 characters).
        var text = new StringBuilder("skill_code,skill_name,description\n");
        for (var i = 0; text.Length < 62_500; i++) text.Append(CultureInfo.InvariantCulture, $"F{i},Filler,{new string('f', 1_000)}\n");
        var rowsBefore = text.ToString().Count(c => c == '\n');
        var head = new string('x', 65_536 - text.Length - "A,Alpha,\"".Length);
        var tail = new string('y', 500);
        text.Append(CultureInfo.InvariantCulture, $"A,Alpha,\"{head}\"\"{tail}\"\nB,Beta,\n");
        var file = _temp.Csv("skills.csv", text.ToString());

        var result = RecordReader.ReadSkills(file);

        Assert.Empty(result.Errors);
        var alpha = result.Records.Single(r => r.Skill.Code.Value == "A");
        Assert.Equal(head + "\"" + tail, alpha.Skill.Description);
        Assert.Equal(rowsBefore + 1, alpha.Row);
        Assert.Equal(rowsBefore + 2, result.Records.Single(r => r.Skill.Code.Value == "B").Row);
    }

    [Theory]
    [InlineData("a,b;c\n", ',')]
    [InlineData("a;b;c\n", ';')]
    [InlineData("\"x;y\",b,c\n", ',')]
    [InlineData("a\tb\tc\n", '\t')]
    public void The_delimiter_is_the_most_frequent_one_outside_quotes_on_the_header_line(string header, char expected)
    {
        var path = _temp.Write("t.csv", header + "1,2,3\n");
        using var reader = (CsvTabularReader)TabularReader.Open(InputFile.FromPath(path));

        Assert.Equal(expected, reader.Delimiter);
    }

    [Fact]
    public void A_file_without_a_header_is_rejected()
    {
        var file = _temp.Csv("empty.csv", "\n\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal(file.Name, error.File);
        Assert.Contains("no header row", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_column_given_twice_is_rejected_on_the_header_row()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name,Skill Name\nPY,Python,Py\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal((1, "Skill Name", "column 'skill_name' appears twice (columns 2 and 3)"), (error.Row, error.Column, error.Reason));
    }

    [Fact]
    public void Many_rows_stream_through_with_every_record_and_a_late_duplicate_found()
    {
        // 100,000 awards over 100 employees × 1,000 days (unique keys), then one repeat of the first row at line 100,002.
        var known = TestCatalogue.Standard();
        var lines = new System.Text.StringBuilder("employee_id,badge_id,issued_on\n");
        for (var i = 0; i < 100; i++) known.Employees[$"P-{i}"] = null;
        var day0 = new DateOnly(2020, 1, 1);
        for (var i = 0; i < 100_000; i++)
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"P-{i % 100},PY-101,{day0.AddDays(i / 100):yyyy-MM-dd}\n");
        lines.Append("P-0,PY-101,2020-01-01\n");
        var file = _temp.Csv("awards.csv", lines.ToString());

        var result = RecordReader.ReadAwards(file, known);

        Assert.Equal(100_000, result.Records.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal((100_002, "employee P-0 was awarded badge PY-101 on 2020-01-01 already on row 2"), (error.Row!.Value, error.Reason));
    }

    [Fact]
    public void A_row_in_a_legacy_encoding_is_reported_instead_of_silently_garbled()
    {
        var path = _temp.File("skills.csv");
        // "Café" in Latin-1: 0xE9 is not valid UTF-8.
        File.WriteAllBytes(path, [.. "skill_code,skill_name\nPY,Python\nCF,Caf"u8, 0xE9, (byte)'\n']);

        var result = RecordReader.ReadSkills(InputFile.FromPath(path));

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.StartsWith("the row holds bytes that are not UTF-8", error.Reason, StringComparison.Ordinal);
        Assert.Equal("PY", Assert.Single(result.Records).Skill.Code.Value);
    }
}
