using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class EmployeeRecordTests : IDisposable
{
    private const string Header = "employee_id,name,email,role_code,manager_id,department,location,target_role_code,effective_from,left_on\n";
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Employees_read_every_column_and_may_name_managers_of_the_same_file()
    {
        var file = _temp.Csv("employees.csv", Header +
            "E-10,Ada,ada@x.org,ENGINEER,E-11,R&D,Leeds,ANALYST,2026-02-01,\n" +
            "E-11,Grace,,ANALYST,E-1,R&D,,,,2026-12-31T17:00:00Z\n");

        var result = RecordReader.ReadEmployees(file, _known);

        Assert.Empty(result.Errors);
        var ada = result.Records[0];
        Assert.Equal(new Employee(new EmployeeId("E-10"), "Ada", "ada@x.org", new RoleCode("ENGINEER"), new EmployeeId("E-11"), "R&D", "Leeds", new RoleCode("ANALYST")), ada.Employee);
        Assert.Equal(new DateOnly(2026, 2, 1), ada.EffectiveFrom);
        Assert.Equal(new DateOnly(2026, 12, 31), result.Records[1].Employee.LeftOn);
    }

    [Fact]
    public void A_manager_cycle_through_stored_links_is_reported_on_a_member_row_with_the_cycle()
    {
        // Stored: E-1 reports to E-2. The file makes E-2 report to E-10 and E-10 to E-1: E-1 → E-2 → E-10 → E-1.
        _known.Managers[new EmployeeId("E-1")] = new EmployeeId("E-2");
        _known.Managers[new EmployeeId("E-2")] = null;
        var file = _temp.Csv("employees.csv", Header +
            "E-10,Ada,,ANALYST,E-1,,,,,\n" +
            "E-2,Bob,b@x.org,ANALYST,E-10,,,,,\n");

        var result = RecordReader.ReadEmployees(file, _known);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "manager_id", "E-1"), (error.Row, error.Column, error.Value));
        Assert.Equal("manager cycle: E-10 → E-1 → E-2 → E-10", error.Reason);
        Assert.Equal("E-2", Assert.Single(result.Records).Employee.Id.Value);
    }

    [Fact]
    public void An_employee_who_manages_themselves_is_a_cycle()
    {
        var file = _temp.Csv("employees.csv", Header + "E-10,Ada,,ANALYST,E-10,,,,,\n");

        var error = Assert.Single(RecordReader.ReadEmployees(file, _known).Errors);

        Assert.Equal("manager cycle: E-10 → E-10", error.Reason);
    }

    [Fact]
    public void Unknown_roles_and_managers_are_rejected()
    {
        var file = _temp.Csv("employees.csv", Header + "E-10,Ada,,CEO,E-99,,,CTO,,\n");

        var errors = RecordReader.ReadEmployees(file, _known).Errors;

        Assert.Equal(
            [("role_code", "CEO", "unknown role 'CEO': import its role framework first"),
             ("target_role_code", "CTO", "unknown role 'CTO': import its role framework first"),
             ("manager_id", "E-99", "unknown manager 'E-99': not an employee in storage or in this file")],
            errors.Select(e => (e.Column!, e.Value!, e.Reason)));
    }

    [Fact]
    public void Duplicate_ids_and_emails_and_emails_of_other_stored_employees_are_rejected()
    {
        var file = _temp.Csv("employees.csv", Header +
            "E-10,Ada,ada@x.org,ANALYST,,,,,,\n" +
            "E-10,Ada again,,ANALYST,,,,,,\n" +
            "E-11,Eve,ADA@x.org,ANALYST,,,,,,\n" +
            "E-12,Mallory,a@x.org,ANALYST,,,,,,\n" +
            "E-13,Typo,not-an-address,ANALYST,,,,,,\n");

        var errors = RecordReader.ReadEmployees(file, _known).Errors;

        Assert.Equal(
            [(3, "employee_id", "employee_id E-10 appears twice (first on row 2)"),
             (4, "email", "e-mail ADA@x.org is used twice (first on row 2)"),
             (5, "email", "e-mail a@x.org already belongs to employee E-1"),
             (6, "email", "'not-an-address' is not an e-mail address")],
            errors.Select(e => (e.Row!.Value, e.Column!, e.Reason)));
    }

    [Fact]
    public void A_bad_date_is_rejected()
    {
        var file = _temp.Csv("employees.csv", Header + "E-10,Ada,,ANALYST,,,,,2026-02-30,\n");

        var error = Assert.Single(RecordReader.ReadEmployees(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 2, "effective_from", "2026-02-30", "'2026-02-30' is not an ISO 8601 date (yyyy-MM-dd)"), error);
    }
}
