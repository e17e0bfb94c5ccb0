using System.Text.Json;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Recommendations;

public class NextBadgeModelTests(ITestOutputHelper output)
{
    // 3 roles × 30 people × 5 awards = 450 cases, from 2023-01-01 to about 2023-12-26.
    private static readonly Lazy<TrainingHistory> ChainHistory = new(() => TrainingHistory.Build(HistoryBuilder.Chains(30)));
    private static readonly DateOnly TrainUntil = HistoryBuilder.D("2023-09-01");

    [Fact]
    public void The_model_learns_a_sequential_pattern_that_gap_greedy_cannot_see()
    {
        var report = Evaluation.Run(ChainHistory.Value, NextBadgeModel.Train(ChainHistory.Value, TrainUntil), TrainUntil);
        output.WriteLine(report.ToJson());

        Assert.True(report.TestCases > 50);
        Assert.Null(report.FallbackReason);
        // Every badge attests the same unrequired skill, so gap-greedy is pure index order; the transitions fix the next badge.
        Assert.True(report.Models["model"].Mrr > 0.8, "model MRR " + report.Models["model"].Mrr);
        Assert.True(report.Models["model"].Mrr > report.Models["gapGreedy"].Mrr);
        Assert.True(report.Models["model"].HitRate5 >= report.Models["popularity"].HitRate5);
    }

    [Fact]
    public void Training_twice_on_the_same_data_gives_the_same_metrics()
    {
        var first = Evaluation.Run(ChainHistory.Value, NextBadgeModel.Train(ChainHistory.Value, TrainUntil), TrainUntil).ToJson();
        var second = Evaluation.Run(ChainHistory.Value, NextBadgeModel.Train(ChainHistory.Value, TrainUntil), TrainUntil).ToJson();

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_saved_model_loads_with_its_metadata_and_scores_the_same()
    {
        var history = ChainHistory.Value;
        var model = NextBadgeModel.Train(history, TrainUntil);
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;

        var loaded = NextBadgeModel.Load(file);

        Assert.True(loaded.CanScore);
        Assert.Equal(model.Metadata.Trainer, loaded.Metadata.Trainer);
        Assert.Equal(model.Metadata.TrainUntil, loaded.Metadata.TrainUntil);
        Assert.Equal(model.Metadata.TrainingCases, loaded.Metadata.TrainingCases);
        Assert.Equal(model.Metadata.Validation.Keys.Order(), loaded.Metadata.Validation.Keys.Order());
        var test = history.Cases.Where(c => c.Day >= TrainUntil).Take(20).ToList();
        var features = CandidateFeatures.BuildAll(history, test, TrainUntil);
        foreach (var f in features) Assert.Equal(model.Score(f), loaded.Score(f));
    }

    [Fact]
    public void With_too_little_history_the_recommender_falls_back_to_gap_greedy_and_says_so()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "A:3:4", "B:2:1")
            .Badge("X", "A:3", hours: 12).Badge("Y", "B:2", hours: 1).Badge("Z", "A:1", hours: 0)
            .Employee("P1", "R").Employee("E", "R")
            .Award("P1", "X", "2024-01-01").Award("P1", "Y", "2024-02-01")
            .Build("2024-12-31");
        var history = TrainingHistory.Build(snapshot);
        var model = NextBadgeModel.Train(history, HistoryBuilder.D("2024-06-01"));
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;

        var recommender = new Recommender(NextBadgeModel.Load(file));
        var figures = GapEngine.Compute(snapshot);
        var picks = recommender.Recommend(figures, snapshot.EmployeeIndex(new("E")), top: 3);

        Assert.False(model.CanScore);
        Assert.Contains("2 training cases", recommender.FallbackReason, StringComparison.Ordinal);
        Assert.NotNull(new Recommender(null).FallbackReason);
        // Gap-greedy: Z 4·1/1 = 4, Y 1·2/1 = 2, X 4·3/12 = 1.
        Assert.Equal(["Z", "Y", "X"], picks.Select(p => p.Badge.Id.Value));
        Assert.Equal([4.0, 2.0, 1.0], picks.Select(p => p.Score));
        var z = picks[0];
        var closes = Assert.Single(z.Closes);
        Assert.Equal(("A", 0, 1), (closes.Skill.Value, closes.From, closes.To));
        // E has no badge yet, so no transition applies: of the 2 people in R (P1, E), P1 has earned X.
        Assert.Equal("50% of R title peers have earned this badge (1 of 2)", picks[2].PeerSignal);
    }

    [Fact]
    public void The_recommender_scores_with_the_model_and_never_offers_a_badge_held_validly()
    {
        var history = ChainHistory.Value;
        var model = NextBadgeModel.Train(history, TrainUntil);
        var recommender = new Recommender(model);
        var snapshot = history.Snapshot;
        var figures = GapEngine.Compute(snapshot);
        // E000 (role R0) holds its whole chain, none of which expires.
        var picks = recommender.Recommend(figures, snapshot.EmployeeIndex(new("E000")), top: 5);

        Assert.Null(recommender.FallbackReason);
        Assert.Equal(5, picks.Count);
        string[] held = ["B00", "B07", "B03", "B11", "B05"];
        Assert.DoesNotContain(picks, p => held.Contains(p.Badge.Id.Value));
    }

    [Fact]
    public void Pooled_prediction_engines_score_the_same_from_many_threads()
    {
        var history = ChainHistory.Value;
        var recommender = new Recommender(NextBadgeModel.Train(history, TrainUntil));
        var figures = GapEngine.Compute(history.Snapshot);
        var employees = Enumerable.Range(0, figures.EmployeeCount).ToArray();
        var serial = employees.Select(e => recommender.Recommend(figures, e, 3).Select(p => (p.Badge.Id, p.Score)).ToArray()).ToArray();

        var parallel = new (SkillsGap.Core.Domain.BadgeId Id, double Score)[employees.Length][];
        Parallel.For(0, employees.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            e => parallel[e] = recommender.Recommend(figures, e, 3).Select(p => (p.Badge.Id, p.Score)).ToArray());

        for (var e = 0; e < employees.Length; e++) Assert.Equal(serial[e], parallel[e]);
    }

    [Fact]
    public void The_evaluation_document_has_the_keys_of_the_cli_contract()
    {
        var snapshot = HistoryBuilder.Chains(2);
        var json = Evaluation.Run(snapshot, HistoryBuilder.D("2023-02-15")).ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("2023-02-15", root.GetProperty("trainUntil").GetString());
        Assert.Equal("2023-02-15", root.GetProperty("testFrom").GetString());
        Assert.True(root.GetProperty("testCases").GetInt32() > 0);
        foreach (var name in new[] { "model", "popularity", "gapGreedy" })
        {
            var m = root.GetProperty("models").GetProperty(name);
            foreach (var key in new[] { "hitRate@5", "hitRate@10", "ndcg@10", "mrr", "coverage" })
                Assert.InRange(m.GetProperty(key).GetDouble(), 0, 1);
        }
        Assert.Equal("gapGreedy", root.GetProperty("trainer").GetString());
        // The chains' badges attest no required skill: nothing the served list shows closes a gap, and no case's next badge did.
        var served = root.GetProperty("served");
        Assert.Equal(0, served.GetProperty("gapClosingShare").GetDouble());
        Assert.Equal(0, served.GetProperty("gapCases").GetInt32());
        foreach (var key in new[] { "modelGapClosingShare", "hitRate@10", "ndcg@10", "modelHitRate@10", "modelNdcg@10" })
            Assert.Equal(0, served.GetProperty(key).GetDouble());
    }
}
