using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

public sealed class GapsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<JsonElement> GapsJsonAsync(params string[] args)
    {
        var result = await _cli.RunAsync(["gaps", .. args, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement;
    }

    private static JsonElement Requirement(JsonElement employee, string skill) =>
        employee.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("skill").GetString() == skill);

    [Fact]
    public async Task Employee_figures_count_the_renewed_badge_and_drop_the_explicitly_expired_one()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var doc = await GapsJsonAsync("--employee", "E-2", "--as-of", "2026-01-31");

        Assert.Equal("2026-01-31", doc.GetProperty("asOf").GetString());
        var e2 = Assert.Single(doc.GetProperty("employees").EnumerateArray());
        Assert.Equal("E-2", e2.GetProperty("id").GetString());
        Assert.Equal("ANALYST", e2.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, e2.GetProperty("targetRole").ValueKind);
        // PY 3 from PY-201. SQL: the 2023 award expired 2025-01-15 (24 months), the 2025-02-01 renewal holds → 2.
        // VIZ: explicit expiry 2025-12-31 is before 2026-01-31 → 0.
        // readiness = (4·min(3,3) + 3·min(2,3) + 2·min(0,2)) / 25 = 18 / 25 = 0.72
        Assert.Equal(0.72, e2.GetProperty("readiness").GetDouble(), 10);
        Assert.False(e2.GetProperty("ready").GetBoolean());
        Assert.Equal(3, e2.GetProperty("requirements").GetArrayLength());
        var py = Requirement(e2, "PY");
        Assert.Equal((3, 3, 0, 4, true), (py.GetProperty("required").GetInt32(), py.GetProperty("attained").GetInt32(),
            py.GetProperty("gap").GetInt32(), py.GetProperty("weight").GetInt32(), py.GetProperty("critical").GetBoolean()));
        Assert.Equal((2, 1), (Requirement(e2, "SQL").GetProperty("attained").GetInt32(), Requirement(e2, "SQL").GetProperty("gap").GetInt32()));
        Assert.Equal((0, 2), (Requirement(e2, "VIZ").GetProperty("attained").GetInt32(), Requirement(e2, "VIZ").GetProperty("gap").GetInt32()));
    }

    [Fact]
    public async Task The_as_of_date_picks_the_awards_valid_then()
    {
        await TinyOrganisation.LoadAsync(_cli);

        // 2025-01-20: the first SQL-101 expired on 2025-01-15 and the renewal is not issued yet; VIZ not earned yet.
        // readiness = (4·3 + 3·0 + 2·0) / 25 = 12 / 25 = 0.48
        var doc = await GapsJsonAsync("--employee", "E-2", "--as-of", "2025-01-20");
        var e2 = doc.GetProperty("employees")[0];
        Assert.Equal(0.48, e2.GetProperty("readiness").GetDouble(), 10);
        Assert.Equal(0, Requirement(e2, "SQL").GetProperty("attained").GetInt32());
    }

    [Fact]
    public async Task A_critical_gap_is_reported_and_the_target_role_replaces_the_requirements()
    {
        await TinyOrganisation.LoadAsync(_cli);

        // E-3 as of 2026-01-31: PY 1, SQL 2, VIZ 2 (VIZ-101 of 2025-03-15 lasts 12 months, to 2026-03-15).
        // readiness = (4·1 + 3·2 + 2·2) / 25 = 14 / 25 = 0.56; PY is critical and short → not ready.
        var doc = await GapsJsonAsync("--employee", "E-3", "--as-of", "2026-01-31");
        var e3 = doc.GetProperty("employees")[0];
        Assert.Equal(0.56, e3.GetProperty("readiness").GetDouble(), 10);
        Assert.Equal(2, Requirement(e3, "PY").GetProperty("gap").GetInt32());

        // Against LEAD (SQL 2, weight 3): SQL 2 → readiness 1, ready.
        var target = await GapsJsonAsync("--employee", "E-3", "--as-of", "2026-01-31", "--target-role", "LEAD");
        var asLead = target.GetProperty("employees")[0];
        Assert.Equal("LEAD", asLead.GetProperty("targetRole").GetString());
        Assert.Equal(1.0, asLead.GetProperty("readiness").GetDouble(), 10);
        Assert.True(asLead.GetProperty("ready").GetBoolean());
        Assert.Single(asLead.GetProperty("requirements").EnumerateArray());
    }

    [Fact]
    public async Task A_team_is_the_managers_whole_reporting_tree_without_the_manager()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var doc = await GapsJsonAsync("--manager", "E-1", "--as-of", "2026-01-31");
        var ids = doc.GetProperty("employees").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["E-2", "E-3"], ids);
        // mean readiness = (0.72 + 0.56) / 2 = 0.64; nobody ready.
        var summary = doc.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("people").GetInt32());
        Assert.Equal(0.64, summary.GetProperty("meanReadiness").GetDouble(), 4);
        Assert.Equal(0, summary.GetProperty("ready").GetInt32());
    }

    [Fact]
    public async Task Csv_output_has_one_row_per_employee_and_requirement()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var result = await _cli.RunAsync("gaps", "--org", "--as-of", "2026-01-31", "--format", "csv");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // header + E-1 (1 requirement) + E-2, E-3, E-4 (3 each) = 1 + 1 + 9
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("employee_id", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_employee_is_rejected_with_exit_code_2()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var result = await _cli.RunAsync("gaps", "--employee", "E-404", "--format", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("E-404", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }
}
