using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class AwardRecordTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Awards_resolve_employees_by_id_or_email_and_keep_explicit_expiry_and_evidence()
    {
        var file = _temp.Csv("awards.csv",
            "employee_id,email,badge_id,issued_on,expires_on,evidence_url\n" +
            "E-1,,PY-101,2025-03-01,2027-03-01,https://evidence.example/1\n" +
            ",B@X.org,SQL-101,2025-04-02T10:00:00+02:00,,\n");

        var result = RecordReader.ReadAwards(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal(new Award(new EmployeeId("E-1"), new BadgeId("PY-101"), new DateOnly(2025, 3, 1), new DateOnly(2027, 3, 1), "https://evidence.example/1"),
            result.Records[0].Award);
        Assert.Equal(new Award(new EmployeeId("E-2"), new BadgeId("SQL-101"), new DateOnly(2025, 4, 2)), result.Records[1].Award);
        Assert.Equal(VerificationState.Recorded, result.Records[1].Award.State);
    }

    [Fact]
    public void An_email_only_file_is_accepted()
    {
        var file = _temp.Csv("awards.csv", "Email,Badge ID,Issued On\na@x.org,PY-201,2025-01-01\n");

        var result = RecordReader.ReadAwards(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal("E-1", result.Records[0].Award.Employee.Value);
    }

    [Fact]
    public void A_file_without_employee_id_or_email_column_is_rejected_on_the_header_row()
    {
        var file = _temp.Csv("awards.csv", "badge_id,issued_on\nPY-101,2025-01-01\n");

        var error = Assert.Single(RecordReader.ReadAwards(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 1, "employee_id", null, "missing required column 'employee_id' (or 'email')"), error);
    }

    [Fact]
    public void A_duplicate_award_is_rejected_on_its_second_row()
    {
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on\nE-1,PY-101,2025-01-01\nE-1,PY-101,2025-06-01\nE-1,PY-101,2025-01-01T08:00:00Z\n");

        var result = RecordReader.ReadAwards(file, _known);

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "issued_on"), (error.Row, error.Column));
        Assert.Equal("employee E-1 was awarded badge PY-101 on 2025-01-01 already on row 2", error.Reason);
        Assert.Equal(2, result.Records.Count);
    }

    [Fact]
    public void Unknown_employees_badges_and_emails_are_rejected()
    {
        var file = _temp.Csv("awards.csv", "employee_id,email,badge_id,issued_on\nE-9,,PY-101,2025-01-01\n,who@x.org,PY-101,2025-01-01\nE-1,,XX-1,2025-01-01\nE-1,b@x.org,PY-101,2025-01-01\n");

        var errors = RecordReader.ReadAwards(file, _known).Errors;

        Assert.Equal(
            [(2, "employee_id", "E-9", "unknown employee 'E-9'"),
             (3, "email", "who@x.org", "no employee has the e-mail 'who@x.org'"),
             (4, "badge_id", "XX-1", "unknown badge 'XX-1': it is not in the catalogue"),
             (5, "email", "b@x.org", "e-mail b@x.org belongs to employee E-2, not E-1")],
            errors.Select(e => (e.Row!.Value, e.Column!, e.Value!, e.Reason)));
    }

    [Fact]
    public void An_expiry_before_the_issue_date_is_rejected()
    {
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on,expires_on\nE-1,PY-101,2025-05-01,2025-04-30\n");

        var error = Assert.Single(RecordReader.ReadAwards(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 2, "expires_on", "2025-04-30", "expires_on 2025-04-30 is before issued_on 2025-05-01"), error);
    }

    [Fact]
    public void Bad_dates_and_missing_values_are_all_collected_not_just_the_first()
    {
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on,evidence_url\nE-1,PY-101,01/05/2025,\nE-1,,2025-01-01,\nE-2,PY-101,,not a url\n");

        var errors = RecordReader.ReadAwards(file, _known).Errors;

        Assert.Equal(
            [(2, "issued_on", "'01/05/2025' is not an ISO 8601 date (yyyy-MM-dd)"),
             (3, "badge_id", "a value is required"),
             (4, "issued_on", "a value is required"),
             (4, "evidence_url", "'not a url' is not an absolute URL")],
            errors.Select(e => (e.Row!.Value, e.Column!, e.Reason)));
    }

    [Fact]
    public void Errors_beyond_the_cap_are_summarised_in_one_final_error()
    {
        var rows = string.Concat(Enumerable.Range(0, 25).Select(i => $"E-9{i},PY-101,2025-01-01\n"));
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on\n" + rows);

        var errors = RecordReader.ReadAwards(file, _known, new ReadLimits(MaxErrors: 10)).Errors;

        Assert.Equal(11, errors.Count);
        Assert.Equal("… and 15 more errors", errors[^1].Reason);
    }

    [Fact]
    public void A_row_without_a_badge_does_not_count_as_an_award_of_another_badge()
    {
        // Row 2 has no badge; row 3 is E-1's first and only PY-101 award that day, so only row 2 is wrong.
        var file = _temp.Csv("awards.csv", "employee_id,badge_id,issued_on\nE-1,,2025-01-01\nE-1,PY-101,2025-01-01\n");

        var result = RecordReader.ReadAwards(file, _known);

        Assert.Equal((2, "badge_id"), (Assert.Single(result.Errors).Row!.Value, result.Errors[0].Column!));
        Assert.Equal(3, Assert.Single(result.Records).Row);
    }
}
