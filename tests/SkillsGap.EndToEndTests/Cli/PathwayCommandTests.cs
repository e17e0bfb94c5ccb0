using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

public sealed class PathwayCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_pathway_closes_every_gap_with_the_least_hours_in_a_useful_order()
    {
        await TinyOrganisation.LoadAsync(_cli);

        var result = await _cli.RunAsync("pathway", "--employee", "E-3", "--as-of", "2026-01-31", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var doc = JsonDocument.Parse(result.StdOut).RootElement;
        // E-3 holds PY-101 (PY 1), SQL-101 (SQL 2), VIZ-101 (VIZ 2). PY needs 3: PY-201 (22 h, PY-101 held);
        // SQL needs 3: SQL-201 (16 h, SQL-101 held). Total 38 h; readiness 14/25 = 0.56 → 25/25 = 1.
        Assert.True(doc.GetProperty("optimal").GetBoolean());
        Assert.Equal(38m, doc.GetProperty("totalHours").GetDecimal());
        Assert.Equal(0.56, doc.GetProperty("readinessBefore").GetDouble(), 10);
        Assert.Equal(1.0, doc.GetProperty("readinessAfter").GetDouble(), 10);
        var steps = doc.GetProperty("steps").EnumerateArray().ToArray();
        // PY-201 first: 4·2 weighted levels in 22 h beat SQL-201's 3·1 in 16 h; after it (12 + 6 + 4) / 25 = 0.88.
        Assert.Equal(["PY-201", "SQL-201"], steps.Select(s => s.GetProperty("badge").GetString()!));
        Assert.Equal(0.88, steps[0].GetProperty("readinessAfter").GetDouble(), 10);
        var closes = steps[0].GetProperty("closes")[0];
        Assert.Equal(("PY", 1, 3), (closes.GetProperty("skill").GetString(), closes.GetProperty("from").GetInt32(), closes.GetProperty("to").GetInt32()));
        Assert.Empty(doc.GetProperty("uncoverable").EnumerateArray());
    }
}
