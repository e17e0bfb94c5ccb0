namespace SkillsGap.EndToEndTests.Cli;

public sealed class ImportCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> OrgGapsAsync() => _cli.RunAsync("gaps", "--org", "--as-of", "2026-01-31", "--format", "json");

    /// <summary>Imports a bad file and checks exit 2, the error's place, and that the figures did not move.</summary>
    private async Task AssertRejectedAsync(string kind, string fileName, string content, params string[] expectedInError)
    {
        await TinyOrganisation.LoadAsync(_cli);
        var before = await OrgGapsAsync();
        Assert.True(before.ExitCode == 0, before.ToString());

        var result = await _cli.RunAsync("import", kind, _cli.WriteFile(fileName, content));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(fileName, result.StdErr, StringComparison.Ordinal);
        foreach (var expected in expectedInError)
            Assert.Contains(expected, result.StdErr, StringComparison.OrdinalIgnoreCase);
        var after = await OrgGapsAsync();
        Assert.Equal(before.StdOut, after.StdOut);
    }

    [Fact]
    public async Task Importing_the_same_rows_again_changes_nothing()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var before = await OrgGapsAsync();

        var again = await _cli.RunAsync("import", "awards", _cli.WriteFile("awards.csv", TinyOrganisation.Awards));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("8 records, 0 inserted, 0 updated, 8 unchanged", again.StdOut, StringComparison.Ordinal);
        var roles = await _cli.RunAsync("import", "roles", _cli.WriteFile("roles.csv", TinyOrganisation.Roles));
        Assert.Contains("0 inserted, 0 updated", roles.StdOut, StringComparison.Ordinal);
        Assert.Equal(before.StdOut, (await OrgGapsAsync()).StdOut);
    }

    [Fact]
    public async Task A_dry_run_reports_the_change_and_writes_nothing()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var before = await OrgGapsAsync();

        var result = await _cli.RunAsync("import", "awards", "--dry-run",
            _cli.WriteFile("more.csv", "employee_id,badge_id,issued_on\nE-4,PY-101,2025-01-01\n"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dry run", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 records, 1 inserted", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(before.StdOut, (await OrgGapsAsync()).StdOut);
    }

    [Fact]
    public Task An_award_for_an_unknown_employee_is_rejected_naming_row_and_column() =>
        AssertRejectedAsync("awards", "awards-unknown.csv",
            "employee_id,badge_id,issued_on\nE-2,SQL-201,2025-09-01\nE-999,PY-101,2025-01-01\n",
            "row 3", "employee_id", "E-999");

    [Fact]
    public Task An_award_of_an_unknown_badge_is_rejected() =>
        AssertRejectedAsync("awards", "awards-badge.csv", "employee_id,badge_id,issued_on\nE-2,NOPE-1,2025-01-01\n",
            "row 2", "badge_id", "NOPE-1");

    [Fact]
    public Task A_bad_date_is_rejected() =>
        AssertRejectedAsync("awards", "awards-date.csv", "employee_id,badge_id,issued_on\nE-2,SQL-201,31/01/2025\n",
            "row 2", "issued_on", "31/01/2025");

    [Fact]
    public Task A_missing_required_column_is_rejected() =>
        AssertRejectedAsync("awards", "awards-columns.csv", "employee_id,badge\nE-2,SQL-201\n", "issued_on");

    [Fact]
    public Task A_manager_cycle_is_rejected() =>
        // E-1 → E-3 closes E-1 ← E-2 ← E-3 into a cycle.
        AssertRejectedAsync("employees", "employees-cycle.csv",
            "employee_id,name,email,role_code,manager_id,department\nE-1,Ada Lead,ada@example.com,LEAD,E-3,Data\n",
            "cycle", "E-1");

    [Fact]
    public Task An_employee_with_an_unknown_role_is_rejected() =>
        AssertRejectedAsync("employees", "employees-role.csv",
            "employee_id,name,email,role_code\nE-5,Eve New,eve@example.com,ASTRONAUT\n", "row 2", "role_code", "ASTRONAUT");

    [Fact]
    public Task A_level_outside_the_scale_is_rejected() =>
        AssertRejectedAsync("roles", "roles-level.csv",
            "role_code,role_title,skill_code,required_level\nANALYST,Data Analyst,PY,6\n", "row 2", "required_level", "6");

    [Fact]
    public Task A_requirement_of_an_unknown_skill_is_rejected() =>
        AssertRejectedAsync("roles", "roles-skill.csv",
            "role_code,role_title,skill_code,required_level\nANALYST,Data Analyst,COBOL,2\n", "row 2", "skill_code", "COBOL");

    [Fact]
    public Task A_validity_beyond_100_years_is_rejected_before_it_can_break_a_figure() =>
        AssertRejectedAsync("badges", "badges-months.csv",
            "badge_id,badge_name,skills,hours,valid_months\nPY-301,Python Deep,PY:4,30,200000\n",
            "row 2", "valid_months", "200000 is more than the limit of 1200");

    [Fact]
    public Task An_award_dated_9999_12_31_is_rejected() =>
        AssertRejectedAsync("awards", "awards-far.csv", "employee_id,badge_id,issued_on\nE-2,SQL-201,9999-12-31\n",
            "row 2", "issued_on", "outside the dates SkillsGap accepts (1900-01-01 to 2200-12-31)");

    [Fact]
    public Task A_field_longer_than_an_excel_cell_is_rejected() =>
        AssertRejectedAsync("skills", "skills-long.csv", "skill_code,skill_name,description\nGO,Go," + new string('g', 40_000) + "\n",
            "row 2", "description", "longer than 32767 characters");

    [Fact]
    public Task A_json_record_with_a_key_twice_is_rejected() =>
        AssertRejectedAsync("awards", "awards-twice.json",
            "[{\"employee_id\":\"E-2\",\"badge_id\":\"SQL-201\",\"issued_on\":\"2025-09-01\",\"employee_id\":\"E-3\"}]",
            "row 1", "employee_id", "appears twice in this record");

    [Fact]
    public async Task A_nul_in_an_id_is_rejected_and_shown_escaped_never_raw()
    {
        await AssertRejectedAsync("employees", "employees-nul.csv",
            "employee_id,name,email,role_code\nE-\u00005,Eve New,eve@example.com,ANALYST\n", "row 2", "employee_id", "E-\\u00005", "U+0000 (NUL)");
        var result = await _cli.RunAsync("import", "employees", _cli.WriteFile("employees-esc.csv",
            "employee_id,name,email,role_code\nE-5,Eve \u001b[2J New,eve@example.com,ANALYST\n"));
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.StdErr);
        Assert.Contains("\\u001B[2J", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_duplicate_key_is_rejected() =>
        AssertRejectedAsync("skills", "skills-dup.csv", "skill_code,skill_name\nGO,Go\nGO,Golang\n", "row 3", "skill_code", "GO");

    [Fact]
    public async Task A_batch_with_one_bad_file_writes_none_of_its_files()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var before = await OrgGapsAsync();

        var good = _cli.WriteFile("good.csv", "employee_id,badge_id,issued_on\nE-4,PY-101,2025-01-01\n");
        var bad = _cli.WriteFile("bad.csv", "employee_id,badge_id,issued_on\nE-4,PY-101,not-a-date\n");
        var result = await _cli.RunAsync("import", "awards", good, bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.csv", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before.StdOut, (await OrgGapsAsync()).StdOut);
    }

    [Fact]
    public async Task Awards_can_name_the_employee_by_email()
    {
        await TinyOrganisation.LoadAsync(_cli);
        // E-4 had nothing; VIZ-101 gives VIZ 2: readiness = 2·2 / 25 = 0.16.
        var result = await _cli.RunAsync("import", "awards", _cli.WriteFile("by-email.csv", "email,badge_id,issued_on\nDI@example.com,VIZ-101,2026-01-02\n"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var gaps = await _cli.RunAsync("gaps", "--employee", "E-4", "--as-of", "2026-01-31", "--format", "json");
        Assert.Contains("\"readiness\":0.16", gaps.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_and_lists_the_bad_ones()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var result = await _cli.RunAsync("import", "awards", "--skip-invalid", _cli.WriteFile("mixed.csv",
            "employee_id,badge_id,issued_on\nE-4,VIZ-101,2026-01-02\nE-404,PY-101,2026-01-02\n"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 records, 1 inserted", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("skipped:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("row 3", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("E-404", result.StdErr, StringComparison.Ordinal);
        // E-4 now holds VIZ-101: readiness = 2·2 / 25 = 0.16.
        var gaps = await _cli.RunAsync("gaps", "--employee", "E-4", "--as-of", "2026-01-31", "--format", "json");
        Assert.Contains("\"readiness\":0.16", gaps.StdOut, StringComparison.Ordinal);
    }
}
