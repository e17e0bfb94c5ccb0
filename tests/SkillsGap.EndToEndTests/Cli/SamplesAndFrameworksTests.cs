using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

/// <summary>`demo`, `generate` and public frameworks (O*NET, ESCO) through the real command.</summary>
public sealed class SamplesAndFrameworksTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_loads_the_samples_prints_the_organisation_and_writes_its_gaps()
    {
        var outDir = Path.Combine(_cli.WorkFolder, "demo-out");

        var result = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder, "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var employees = File.ReadLines(Path.Combine(CliRunner.SamplesFolder, "employees.csv")).Count() - 1;
        Assert.Contains($"{employees} people", result.StdOut, StringComparison.Ordinal);
        var org = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "org-gaps.json"))).RootElement;
        Assert.Equal(employees, org.GetProperty("summary").GetProperty("people").GetInt32());
        // The samples keep two levels out of every badge's reach (SEC-ENG needs SEC-IR 4, CEO needs STRATEGY 5).
        var uncoverable = org.GetProperty("uncoverable").EnumerateArray()
            .Select(u => $"{u.GetProperty("role").GetString()}/{u.GetProperty("skill").GetString()}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["CEO/STRATEGY", "SEC-ENG/SEC-IR"], uncoverable);

        // A second demo re-imports the same rows: nothing changes.
        var again = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain(" inserted, 1", again.StdOut, StringComparison.Ordinal);
        Assert.Contains($"awards {Path.Combine(CliRunner.SamplesFolder, "awards.csv")}: ", again.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"awards .*: (\d+) records, 0 inserted, 0 updated, \1 unchanged", again.StdOut);
    }

    [Fact]
    public async Task Generate_writes_an_organisation_that_imports_cleanly()
    {
        var outDir = Path.Combine(_cli.WorkFolder, "gen");

        var result = await _cli.RunAsync("generate", "--employees", "60", "--seed", "7", "--out", outDir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(61, File.ReadLines(Path.Combine(outDir, "employees.csv")).Count());
        var demo = await _cli.RunAsync("demo", "--samples", outDir);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("60 people", demo.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onet_occupation_imports_as_a_role_through_the_declared_crosswalk()
    {
        var skills = Path.Combine(CliRunner.ExternalFolder, "onet-29.0", "Skills.txt");

        var result = await _cli.RunAsync("import", "roles", "--format", "onet", skills);

        Assert.True(result.ExitCode == 0, result.ToString());
        // Computer Programmers 15-1251.00: Programming IM 4.75 → weight round(4.75) = 5, critical (IM ≥ 4.5);
        // LV 4.88 → round(4.88 × 5 / 7) = round(3.49) = 3.
        await _cli.RunAsync("import", "employees", _cli.WriteFile("dev.csv", "employee_id,name,role_code\nP-1,Pat Coder,15-1251.00\n"));
        var gaps = await _cli.RunAsync("gaps", "--employee", "P-1", "--format", "json");
        Assert.True(gaps.ExitCode == 0, gaps.ToString());
        var programming = JsonDocument.Parse(gaps.StdOut).RootElement.GetProperty("employees")[0].GetProperty("requirements")
            .EnumerateArray().Single(r => r.GetProperty("skill").GetString() == "onet:2.B.3.e");
        Assert.Equal((3, 5, true), (programming.GetProperty("required").GetInt32(), programming.GetProperty("weight").GetInt32(),
            programming.GetProperty("critical").GetBoolean()));

        // 18 of Computer Programmers' skills have IM ≥ 3.0 (counted in the ingestion tests from the file).
        Assert.Equal(18, JsonDocument.Parse(gaps.StdOut).RootElement.GetProperty("employees")[0].GetProperty("requirements").GetArrayLength());

        // Skills.txt and Knowledge.txt given together make one framework: 18 skills + 6 knowledge areas = 24.
        var both = await _cli.RunAsync("import", "roles", "--format", "onet", skills,
            Path.Combine(CliRunner.ExternalFolder, "onet-29.0", "Knowledge.txt"));
        Assert.True(both.ExitCode == 0, both.ToString());
        var withKnowledge = await _cli.RunAsync("gaps", "--employee", "P-1", "--format", "json");
        Assert.Equal(24, JsonDocument.Parse(withKnowledge.StdOut).RootElement.GetProperty("employees")[0].GetProperty("requirements").GetArrayLength());

        // 15-1252.00 Software Developers has a title but no ratings in O*NET 29.0: no role, and no error.
        var none = await _cli.RunAsync("import", "employees", _cli.WriteFile("sd.csv", "employee_id,name,role_code\nP-2,Sam Dev,15-1252.00\n"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("15-1252.00", none.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_esco_occupation_imports_its_essential_skills_as_critical_requirements()
    {
        var relations = Path.Combine(CliRunner.ExternalFolder, "esco-1.1.1-ict-subset", "occupationSkillRelations.csv");

        var result = await _cli.RunAsync("import", "roles", "--format", "esco", relations);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("112 records, 112 inserted", result.StdOut, StringComparison.Ordinal);
        var again = await _cli.RunAsync("import", "roles", "--format", "esco", relations);
        Assert.Contains("112 records, 0 inserted, 0 updated, 112 unchanged", again.StdOut, StringComparison.Ordinal);
    }
}
