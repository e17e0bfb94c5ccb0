using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class PopularityFeatureTests
{
    // Role R; peers P1..P3 earned X, X, Y on 2024-01-01 and Y, Z, X on 2024-02-01. E holds nothing, so X, Y, Z are its
    // candidates (badge indices 0, 1, 2).
    private static TrainingHistory History() => TrainingHistory.Build(new HistoryBuilder()
        .Role("R", "A:3:4")
        .Badge("X", "A:3", hours: 12).Badge("Y", "A:2", hours: 1).Badge("Z", "A:1", hours: 0)
        .Employee("P1", "R").Employee("P2", "R").Employee("P3", "R").Employee("E", "R")
        .Award("P1", "X", "2024-01-01").Award("P2", "X", "2024-01-01").Award("P3", "Y", "2024-01-01")
        .Award("P1", "Y", "2024-02-01").Award("P2", "Z", "2024-02-01").Award("P3", "X", "2024-02-01")
        .Build("2024-12-31"));

    private static float[] ColumnAt(TrainingHistory h, string cutoff, int column)
    {
        var c = h.StateBefore(h.Snapshot.EmployeeIndex(new("E")), HistoryBuilder.D("2024-12-01"));
        var peers = new PeerStatistics(h);
        peers.AdvanceTo(HistoryBuilder.D(cutoff).DayNumber);
        return CandidateFeatures.Column(CandidateFeatures.Build(h, c, peers), c.Candidates.Length, column);
    }

    [Fact]
    public void Popularity_rank_is_the_place_the_popularity_baseline_gives_each_candidate()
    {
        var h = History();

        // Nothing known yet: every popularity is 0, so the places follow the badge index, as RankingMetrics.Rank breaks ties.
        Assert.Equal([0f, 1f, 2f], ColumnAt(h, "2023-12-01", CandidateFeatures.PopularityRank));
        // Up to 2024-01-15: X 2/3, Y 1/3, Z 0.
        Assert.Equal([0f, 1f, 2f], ColumnAt(h, "2024-01-15", CandidateFeatures.PopularityRank));
        // Up to 2024-03-01, all six awards: X 3/6, Y 2/6, Z 1/6 — still X, Y, Z.
        Assert.Equal([0f, 1f, 2f], ColumnAt(h, "2024-03-01", CandidateFeatures.PopularityRank));
    }

    [Fact]
    public void Popularity_rank_puts_the_more_popular_badge_first_whatever_its_index()
    {
        // Z is earned by everyone, Y by one, X by none: popularity Z 3/4, Y 1/4, X 0 gives places X 2, Y 1, Z 0.
        var h = TrainingHistory.Build(new HistoryBuilder()
            .Role("R", "A:3:4")
            .Badge("X", "A:3", hours: 1).Badge("Y", "A:2", hours: 1).Badge("Z", "A:1", hours: 1)
            .Employee("P1", "R").Employee("P2", "R").Employee("P3", "R").Employee("E", "R")
            .Award("P1", "Z", "2024-01-01").Award("P2", "Z", "2024-01-01").Award("P3", "Z", "2024-01-01").Award("P3", "Y", "2024-01-02")
            .Build("2024-12-31"));

        Assert.Equal([2f, 1f, 0f], ColumnAt(h, "2024-06-01", CandidateFeatures.PopularityRank));
    }

    [Fact]
    public void Recent_popularity_weighs_each_award_by_half_for_every_ninety_days_it_is_older_than_the_latest()
    {
        var h = History();

        // Up to 2024-01-15 the three awards of 2024-01-01 weigh the same: X 2/3, Y 1/3, Z 0.
        var early = ColumnAt(h, "2024-01-15", CandidateFeatures.RecentRolePopularity);
        Assert.Equal([2.0 / 3, 1.0 / 3, 0], early.Select(v => Math.Round(v, 6)), (a, b) => Math.Abs(a - b) < 1e-6);
        // With all six, the awards of 2024-01-01 are 31 days older than those of 2024-02-01: weight w = 2^(−31/90) ≈ 0.78762
        // against 1. X (2w + 1) / (3w + 3) ≈ 0.48020, Y (w + 1) / (3w + 3) = 1/3, Z 1 / (3w + 3) ≈ 0.18647.
        var w = Math.Pow(2, -31.0 / 90);
        double[] expected = [(2 * w + 1) / (3 * w + 3), 1.0 / 3, 1 / (3 * w + 3)];
        Assert.Equal(0.48020, expected[0], 5);
        var late = ColumnAt(h, "2024-06-01", CandidateFeatures.RecentRolePopularity);
        Assert.Equal(expected, late.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);
        // Half a year later with no new award changes nothing: weights are relative to the latest award.
        Assert.Equal(late, ColumnAt(h, "2024-12-01", CandidateFeatures.RecentRolePopularity));
        // Plain popularity counts each award once: X 3/6, Y 2/6, Z 1/6.
        Assert.Equal([3f / 6, 2f / 6, 1f / 6], ColumnAt(h, "2024-06-01", CandidateFeatures.RolePopularity));
    }

    [Fact]
    public void A_popularity_blend_orders_by_the_weighted_places_and_breaks_ties_by_the_trees()
    {
        // Four candidates; the trees place them 0: c, 1: a, 2: d, 3: b (scores 0.5, 0.1, 0.9, 0.3), popularity places
        // a 0, b 1, c 3, d 2.
        float[] trees = [0.5f, 0.1f, 0.9f, 0.3f];
        int[] popularityPlace = [0, 1, 3, 2];
        var features = new float[4 * CandidateFeatures.Count];
        for (var k = 0; k < 4; k++) features[k * CandidateFeatures.Count + CandidateFeatures.PopularityRank] = popularityPlace[k];

        // Weight 0 leaves the trees' scores as they are.
        Assert.Equal(trees, NextBadgeModel.Blend(trees, features, 0));

        // Weight 0.5: a (1 + 0)/2 = 0.5, b (3 + 1)/2 = 2, c (0 + 3)/2 = 1.5, d (2 + 2)/2 = 2 → a, c, then b and d tied
        // at 2, where the trees put d (place 2) before b (place 3). Scores are 4 − final place.
        Assert.Equal([4f, 1f, 3f, 2f], NextBadgeModel.Blend(trees, features, 0.5));
        Assert.Equal([0, 2, 3, 1], RankingMetrics.Rank([0, 1, 2, 3], NextBadgeModel.Blend(trees, features, 0.5)));
    }

    [Fact]
    public void A_stored_model_trained_on_other_features_falls_back_to_gap_greedy_and_says_to_train_again()
    {
        var history = TrainingHistory.Build(HistoryBuilder.Chains(30));
        var model = NextBadgeModel.Train(history, HistoryBuilder.D("2023-09-01"));
        Assert.True(model.CanScore);
        using var file = new MemoryStream();
        model.Save(file);
        // The metadata of a version 1 model: twelve feature columns.
        using (var zip = new ZipArchive(file, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("metadata.json")!;
            JsonNode metadata;
            using (var read = entry.Open()) metadata = JsonNode.Parse(read)!;
            metadata["version"] = 1;
            metadata["features"] = new JsonArray([.. CandidateFeatures.Names.Take(12).Select(n => (JsonNode)JsonValue.Create(n))]);
            entry.Delete();
            using var write = zip.CreateEntry("metadata.json").Open();
            JsonSerializer.Serialize(write, metadata);
        }
        file.Position = 0;

        var loaded = NextBadgeModel.Load(file);

        Assert.False(loaded.CanScore);
        Assert.Contains("train again", loaded.Metadata.FallbackReason, StringComparison.Ordinal);
        var recommender = new Recommender(loaded);
        Assert.Equal(loaded.Metadata.FallbackReason, recommender.FallbackReason);
    }
}
