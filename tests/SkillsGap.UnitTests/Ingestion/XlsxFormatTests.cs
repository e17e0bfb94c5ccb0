using System.IO.Compression;
using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;
using SkillsGap.Ingestion.Tabular;
using static SkillsGap.UnitTests.Ingestion.XlsxBuilder;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class XlsxFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    /// <summary>A "Notes" sheet first, then "Awards": headers on row 1, data on rows 2, 3 and (after two empty rows) 6.</summary>
    private string AwardsWorkbook()
    {
        var path = _temp.File("awards.xlsx");
        Write(path,
            ("Notes", [(1u, ["just notes"])]),
            ("Awards",
            [
                (1u, ["Employee ID", "Badge ID", "Issued On", "Expires On"]),
                // 45658 = 2025-01-01: 45292 is 2024-01-01 (Excel's 1900 system) and 2024 has 366 days.
                (2u, ["E-1", new Inline("PY-101"), new DateCell(45658), "2026-01-01"]),
                // A custom yyyy-mm-dd date format; and 45700 = 2025-01-01 + 42 days = 2025-02-12 as a bare number.
                (3u, ["E-2", "SQL-101", new DateCell(45689.75, CustomFormat: true), 45700d]),
                (6u, ["E-2", "NOPE", "2025-03-01T00:00:00Z", null]),
            ]));
        return path;
    }

    [Fact]
    public void A_named_sheet_is_read_with_shared_and_inline_strings_date_cells_serials_and_ISO_text()
    {
        var result = RecordReader.ReadAwards(InputFile.FromPath(AwardsWorkbook(), sheet: "awards"), _known);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal(new Award(new EmployeeId("E-1"), new BadgeId("PY-101"), new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)), result.Records[0].Award);
        // 45689.75 = 2025-02-01 18:00; the time of day is dropped.
        Assert.Equal(new Award(new EmployeeId("E-2"), new BadgeId("SQL-101"), new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 12)), result.Records[1].Award);
        Assert.Equal(3, result.Records[1].Row);
        // The error names the sheet, the row as Excel shows it and the column by its header.
        Assert.Equal(new RowError(result.Errors[0].File, "Awards", 6, "Badge ID", "NOPE", "unknown badge 'NOPE': it is not in the catalogue"), error);
    }

    [Fact]
    public void Without_a_sheet_name_the_first_sheet_is_read()
    {
        var result = RecordReader.ReadAwards(InputFile.FromPath(AwardsWorkbook()), _known);

        // "Notes" has the header "just notes" only: all three required columns are missing there.
        Assert.Equal(["employee_id", "badge_id", "issued_on"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(("Notes", 1), (e.Sheet!, e.Row!.Value)));
    }

    [Fact]
    public void A_missing_sheet_is_rejected_and_the_sheets_are_listed()
    {
        var error = Assert.Single(RecordReader.ReadAwards(InputFile.FromPath(AwardsWorkbook(), sheet: "Badges"), _known).Errors);

        Assert.Equal("the workbook has no sheet named 'Badges' (sheets: Notes, Awards)", error.Reason);
    }

    [Fact]
    public void Levels_may_be_number_cells_and_a_bad_level_names_sheet_row_and_header()
    {
        var path = _temp.File("roles.xlsx");
        Write(path, ("Roles",
        [
            (1u, ["Role Code", "Role Title", "Skill Code", "Required Level", "Critical"]),
            (2u, ["ANALYST", "Analyst", "PY", 3d, true]),
            (3u, ["ANALYST", "Analyst", "SQL", 9d, false]),
        ]));

        var result = RecordReader.ReadRoles(InputFile.FromPath(path), _known);

        Assert.Equal(new RowError(path, "Roles", 3, "Required Level", "9", "level 9 is outside the scale 0–5"), Assert.Single(result.Errors));
    }

    [Fact]
    public void A_matrix_workbook_is_read()
    {
        var path = _temp.File("matrix.xlsx");
        Write(path, ("Matrix",
        [
            (1u, ["role_code", "role_title", "PY", "SQL"]),
            (2u, ["ANALYST", "Analyst", 2d, "4!"]),
        ]));

        var role = Assert.Single(RecordReader.ReadRoles(InputFile.FromPath(path), _known).Records);

        Assert.Equal([new RoleRequirement(new SkillCode("PY"), new ProficiencyLevel(2)), new RoleRequirement(new SkillCode("SQL"), new ProficiencyLevel(4), 3, true)],
            role.Requirements);
    }

    [Fact]
    public void Valueless_cells_and_empty_rows_do_not_shift_columns_or_rows()
    {
        var path = _temp.File("skills.xlsx");
        Write(path, ("Skills",
        [
            (1u, ["skill_code", "skill_name", "category"]),
            (2u, [new Blank(), "Python", new Blank()]),
            (3u, []),
            (4u, ["SQL", new Blank(), "Data"]),
            (5u, ["ML", "Machine learning", "Data"]),
        ]));

        var result = RecordReader.ReadSkills(InputFile.FromPath(path));

        Assert.Equal([(2, "skill_code"), (4, "skill_name")], result.Errors.Select(e => (e.Row!.Value, e.Column!)));
        Assert.Equal(("ML", "Data", 5), (result.Records.Single().Skill.Code.Value, result.Records.Single().Skill.Category!, result.Records.Single().Row));
    }

    [Theory]
    [InlineData(1, 1900, 1, 1)]
    [InlineData(59, 1900, 2, 28)]
    [InlineData(61, 1900, 3, 1)]
    [InlineData(45658, 2025, 1, 1)]
    public void Excel_serials_in_the_1900_system_map_to_dates(double serial, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), XlsxTabularReader.SerialToDate(serial));

    [Fact]
    public void The_phantom_1900_leap_day_is_not_a_date() => Assert.Null(XlsxTabularReader.SerialToDate(60));

    [Fact]
    public void A_zip_entry_with_an_absurd_compression_ratio_is_refused_before_the_package_is_opened()
    {
        var path = _temp.File("bomb.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal);
            using var stream = entry.Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 20; i++) stream.Write(zeros); // 20 MB of zeros deflate to ~20 KB: a ratio near 1000
        }

        var error = Assert.Single(RecordReader.ReadSkills(InputFile.FromPath(path)).Errors);

        Assert.Contains("zip bomb", error.Reason, StringComparison.Ordinal);
        Assert.Contains("xl/worksheets/sheet1.xml", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_that_would_unpack_beyond_the_limit_is_refused()
    {
        var path = AwardsWorkbook();

        var error = Assert.Single(RecordReader.ReadAwards(InputFile.FromPath(path), _known, new ReadLimits(MaxXlsxUncompressedBytes: 500)).Errors);

        Assert.Contains("would unpack to more than 500 bytes", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xl/worksheets/")]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/sharedStrings.xml")]
    [InlineData("xl/styles.xml")]
    public void A_part_with_a_DTD_and_an_external_entity_is_refused_and_the_entity_never_resolved(string part)
    {
        var secret = _temp.Write("secret.txt", "TOP-SECRET");
        var path = _temp.File("xxe.xlsx");
        Write(path, ("Skills", [(1u, ["skill_code", "skill_name"]), (2u, ["PY", "Python"])]));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith(part, StringComparison.Ordinal));
            var name = entry.FullName;
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var body = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml;
            body = body.Replace("Python", "&xxe;", StringComparison.Ordinal);
            xml = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://{secret}\">]>" + body;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        var result = RecordReader.ReadSkills(InputFile.FromPath(path));

        Assert.Empty(result.Records);
        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("TOP-SECRET", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("not a readable XLSX workbook", error.Reason, StringComparison.Ordinal);
        Assert.Contains("DTD", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_rejected_as_not_an_xlsx()
    {
        var path = _temp.Write("fake.xlsx", "skill_code,skill_name\nPY,Python\n");

        var error = Assert.Single(RecordReader.ReadSkills(InputFile.FromPath(path)).Errors);

        Assert.StartsWith("not a readable XLSX workbook", error.Reason, StringComparison.Ordinal);
    }
}
