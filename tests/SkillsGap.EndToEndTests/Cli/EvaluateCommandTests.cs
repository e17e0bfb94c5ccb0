using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task On_the_samples_the_model_ranks_next_badges_better_than_both_baselines()
    {
        var load = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder);
        Assert.True(load.ExitCode == 0, load.ToString());

        var result = await _cli.RunAsync("evaluate", "--test-months", "6", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var doc = JsonDocument.Parse(result.StdOut).RootElement;
        // The samples' last award is 2026-11-27: the test window starts six months before it.
        Assert.Equal("2026-05-28", doc.GetProperty("trainUntil").GetString());
        Assert.True(doc.GetProperty("testCases").GetInt32() > 100);
        var models = doc.GetProperty("models");
        double Ndcg(string name) => models.GetProperty(name).GetProperty("ndcg@10").GetDouble();
        foreach (var name in new[] { "model", "popularity", "gapGreedy" })
            foreach (var metric in new[] { "hitRate@5", "hitRate@10", "ndcg@10", "mrr", "coverage" })
                Assert.InRange(models.GetProperty(name).GetProperty(metric).GetDouble(), 0, 1);
        Assert.True(Ndcg("model") > Ndcg("popularity"), result.StdOut);
        Assert.True(Ndcg("model") > Ndcg("gapGreedy"), result.StdOut);
    }
}
