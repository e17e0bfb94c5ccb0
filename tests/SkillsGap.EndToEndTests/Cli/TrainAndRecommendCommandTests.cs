using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

public sealed class TrainAndRecommendCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Recommend_falls_back_and_says_so_until_train_stores_a_model_on_the_samples()
    {
        var load = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder);
        Assert.True(load.ExitCode == 0, load.ToString());

        var untrained = await _cli.RunAsync("recommend", "--employee", "E-0004", "--as-of", "2026-11-28");
        var train = await _cli.RunAsync("train", "--as-of", "2026-11-28", "--format", "json");
        var trained = await _cli.RunAsync("recommend", "--employee", "E-0004", "--top", "20", "--as-of", "2026-11-28", "--format", "json");
        var missing = await _cli.RunAsync("recommend", "--employee", "NOBODY", "--as-of", "2026-11-28", "--format", "json");
        var badTop = await _cli.RunAsync("recommend", "--employee", "E-0004", "--top", "0");

        Assert.True(untrained.ExitCode == 0, untrained.ToString());
        Assert.Contains("fallback: No next-badge model has been trained", untrained.StdErr, StringComparison.Ordinal);

        Assert.True(train.ExitCode == 0, train.ToString());
        var model = JsonDocument.Parse(train.StdOut).RootElement;
        Assert.Equal("2026-11-28", model.GetProperty("asOf").GetString());
        var metadata = model.GetProperty("metadata");
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("fallbackReason").ValueKind);
        Assert.True(metadata.GetProperty("trainingCases").GetInt32() > 1000, train.StdOut);
        // The samples' awards run from 2023-11-27 to 2026-11-27.
        Assert.Equal("2023-11-27", metadata.GetProperty("dataFrom").GetString());
        Assert.Equal("2026-11-27", metadata.GetProperty("dataTo").GetString());
        Assert.Contains(metadata.GetProperty("trainer").GetString(), new[] { "LightGbmRanking", "FastTreeBinary" });

        Assert.True(trained.ExitCode == 0, trained.ToString());
        var doc = JsonDocument.Parse(trained.StdOut).RootElement; // stdout is the JSON document alone
        Assert.Equal("model", doc.GetProperty("source").GetString());
        Assert.Equal("DEV", doc.GetProperty("role").GetString());
        Assert.Equal(metadata.GetProperty("trainer").GetString(), doc.GetProperty("model").GetProperty("trainer").GetString());
        var picks = doc.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(20, picks.Count);
        Assert.Equal(Enumerable.Range(1, 20), picks.Select(p => p.GetProperty("rank").GetInt32()));
        var scores = picks.Select(p => p.GetProperty("score").GetDouble()).ToList();
        // The served list: gap-closing badges first, then those popular with peers; each part by score.
        var purposes = picks.Select(p => p.GetProperty("purpose").GetString()).ToList();
        var firstPeers = purposes.IndexOf("peers") is var at and >= 0 ? at : purposes.Count;
        Assert.All(purposes.Skip(firstPeers), p => Assert.Equal("peers", p));
        Assert.Equal(scores.Take(firstPeers).OrderDescending(), scores.Take(firstPeers));
        Assert.Equal(scores.Skip(firstPeers).OrderDescending(), scores.Skip(firstPeers));
        // E-0004 holds SQL-101, SQL-201, CS-101, TEST-201, AGILE-101, API-201, VIZ-101 and API-301, none of which expires.
        string[] held = ["SQL-101", "SQL-201", "CS-101", "TEST-201", "AGILE-101", "API-201", "VIZ-101", "API-301"];
        Assert.DoesNotContain(picks, p => held.Contains(p.GetProperty("badge").GetString()));
        // By hand: DEV requires GIT 3; no badge E-0004 holds attests GIT; GIT-101 attests GIT 2 → GIT 0→2, 4 hours.
        var git = picks.Single(p => p.GetProperty("badge").GetString() == "GIT-101");
        Assert.Equal(4m, git.GetProperty("hours").GetDecimal());
        var closes = git.GetProperty("closes").EnumerateArray().Single();
        Assert.Equal(("GIT", 0, 2), (closes.GetProperty("skill").GetString(), closes.GetProperty("from").GetInt32(), closes.GetProperty("to").GetInt32()));
        // A transition signal names E-0004's latest badge, API-301 (2026-08-25), as the badge peers came from.
        var transitions = picks.Where(p => p.GetProperty("peer").GetProperty("kind").GetString() == "transition").ToList();
        Assert.NotEmpty(transitions);
        foreach (var p in transitions)
        {
            var peer = p.GetProperty("peer");
            var share = peer.GetProperty("share").GetDouble();
            Assert.Equal("API-301", peer.GetProperty("from").GetString());
            Assert.StartsWith(Math.Round(share * 100, MidpointRounding.AwayFromZero) + "% of Developer peers who earned API-301 earned this next",
                p.GetProperty("peerSignal").GetString(), StringComparison.Ordinal);
            // "(k of n)": the share is k / n, over the peers counted.
            var counts = System.Text.RegularExpressions.Regex.Match(p.GetProperty("peerSignal").GetString()!, @"\((\d+) of (\d+)\)$");
            Assert.True(counts.Success, p.GetProperty("peerSignal").GetString());
            var (k, n) = (int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(n, peer.GetProperty("peers").GetInt32());
            Assert.Equal(Math.Round((double)k / n, 4), share, 4);
        }

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("", missing.StdOut);
        Assert.Equal(2, badTop.ExitCode);
    }
}
