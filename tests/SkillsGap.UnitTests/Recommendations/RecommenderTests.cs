using System.Globalization;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class RecommenderTests
{
    [Fact]
    public void The_peer_signal_is_the_share_of_role_peers_who_earned_the_badge_next_after_the_employees_latest_badge()
    {
        // Role R: A, B, C earned S1 and then moved on (A → T then V, B → T, C → U); D earned S1 only; E earned S1 last.
        // F is in role Q and went S1 → U: other roles do not count.
        var snapshot = new HistoryBuilder()
            .Role("R", "K:1:1").Role("Q", "K:1:1")
            .Badge("S1", "K:1").Badge("T", "K:1").Badge("U", "K:1").Badge("V", "K:1").Badge("W", "K:1")
            .Employee("A", "R").Employee("B", "R").Employee("C", "R").Employee("D", "R").Employee("E", "R").Employee("F", "Q")
            .Award("A", "S1", "2024-01-01").Award("A", "T", "2024-02-01").Award("A", "V", "2024-03-01")
            .Award("B", "S1", "2024-01-05").Award("B", "T", "2024-01-20")
            .Award("C", "S1", "2024-01-07").Award("C", "U", "2024-04-01")
            .Award("D", "S1", "2024-05-01")
            .Award("E", "S1", "2024-06-01")
            .Award("F", "S1", "2024-01-01").Award("F", "U", "2024-01-02")
            .Build("2024-12-31");
        var figures = GapEngine.Compute(snapshot);
        var recommender = new Recommender(null);
        var e = snapshot.EmployeeIndex(new("E"));
        PeerSignal Of(string badge) => recommender.PeerSignalOf(figures, e, snapshot.BadgeIndex(new(badge)));

        // Of the 3 R peers who earned S1 and then another badge (A, B, C), 2 earned T next: 2/3 = 67%.
        var t = Of("T");
        Assert.Equal((PeerSignal.TransitionKind, 2.0 / 3, 3, "S1"), (t.Kind, t.Share, t.Peers, t.From?.Value));
        Assert.Equal("67% of R title peers who earned S1 earned this next (2 of 3)", t.Text);
        // U: only C of R (F is in Q): 1/3 = 33%.
        Assert.Equal("33% of R title peers who earned S1 earned this next (1 of 3)", Of("U").Text);
        // Nobody earned V next after S1; of the 5 people in R, A has earned it: 1/5 = 20%.
        var v = Of("V");
        Assert.Equal((PeerSignal.PopularityKind, 0.2, 5), (v.Kind, v.Share, v.Peers));
        Assert.Equal("20% of R title peers have earned this badge (1 of 5)", v.Text);
        Assert.Equal(PeerSignal.NoneKind, Of("W").Kind);
    }

    /// <summary>
    /// 150 people of role R earn START, then Z-PREF 30 days later; Z-PREF and A-OTHER attest the same skill at the same
    /// level for the same hours, so only the model (transition and popularity) tells them apart.
    /// </summary>
    private static OrganisationSnapshot TieHistory()
    {
        var builder = new HistoryBuilder()
            .Role("R", "Z:2:3")
            .Badge("START", "Y:1", hours: 2).Badge("A-OTHER", "Z:2", hours: 10).Badge("Z-PREF", "Z:2", hours: 10)
            .Employee("E", "R").Award("E", "START", "2025-06-01");
        var start = HistoryBuilder.D("2024-01-01");
        for (var i = 0; i < 150; i++)
        {
            var id = "P" + i.ToString("000", CultureInfo.InvariantCulture);
            builder.Employee(id, "R").Award(id, "START", start.AddDays(i * 2)).Award(id, "Z-PREF", start.AddDays(i * 2 + 30));
        }
        return builder.Build("2025-12-31");
    }

    [Fact]
    public void With_equal_hours_the_pathway_takes_the_badge_the_model_prefers()
    {
        var snapshot = TieHistory();
        var history = TrainingHistory.Build(snapshot);
        var recommender = new Recommender(NextBadgeModel.Train(history, HistoryBuilder.D("2025-12-31")));
        var figures = GapEngine.Compute(snapshot);
        var e = snapshot.EmployeeIndex(new("E"));
        var scores = recommender.ScoreBadges(figures, e);

        var byId = PathwayPlanner.Plan(figures, e);
        var byModel = PathwayPlanner.Plan(figures, e, options: new PathwayOptions(
            Score: id => scores[snapshot.BadgeIndex(id)],
            PeerSignal: id => recommender.PeerSignalOf(figures, e, snapshot.BadgeIndex(id)).Text));

        Assert.Null(recommender.FallbackReason);
        Assert.True(scores[snapshot.BadgeIndex(new("Z-PREF"))] > scores[snapshot.BadgeIndex(new("A-OTHER"))]);
        // Without scores the tie goes to the smaller id; with them, to the model's choice, at the same 10 hours.
        Assert.Equal(["A-OTHER"], byId.Steps.Select(s => s.Badge.Value));
        Assert.Equal(["Z-PREF"], byModel.Steps.Select(s => s.Badge.Value));
        Assert.Equal(byId.TotalHours, byModel.TotalHours);
        // All 150 R peers who earned START moved on to Z-PREF next.
        Assert.Contains("100% of R title peers who earned START earned this next (150 of 150)", byModel.Steps[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_equal_hours_free_choices_of_order_follow_the_model()
    {
        // Two requirements, each closed by one 10-hour badge that raises readiness equally: the order is a free choice.
        var builder = new HistoryBuilder()
            .Role("R", "Z:2:3", "X:2:3")
            .Badge("START", "Y:1", hours: 2).Badge("A-OTHER", "X:2", hours: 10).Badge("Z-PREF", "Z:2", hours: 10)
            .Employee("E", "R").Award("E", "START", "2025-06-01");
        var start = HistoryBuilder.D("2024-01-01");
        for (var i = 0; i < 150; i++)
        {
            var id = "P" + i.ToString("000", CultureInfo.InvariantCulture);
            builder.Employee(id, "R").Award(id, "START", start.AddDays(i * 2)).Award(id, "Z-PREF", start.AddDays(i * 2 + 30))
                .Award(id, "A-OTHER", start.AddDays(i * 2 + 90));
        }
        // 30 later peers earn START and then Z-PREF only, so Z-PREF is also the more popular and the more recently earned:
        // every signal of the model points to Z-PREF first.
        for (var i = 0; i < 30; i++)
        {
            var id = "Q" + i.ToString("000", CultureInfo.InvariantCulture);
            builder.Employee(id, "R").Award(id, "START", start.AddDays(300 + i * 2)).Award(id, "Z-PREF", start.AddDays(330 + i * 2));
        }
        var snapshot = builder.Build("2025-12-31");
        var recommender = new Recommender(NextBadgeModel.Train(TrainingHistory.Build(snapshot), HistoryBuilder.D("2025-12-31")));
        var figures = GapEngine.Compute(snapshot);
        var e = snapshot.EmployeeIndex(new("E"));
        var scores = recommender.ScoreBadges(figures, e);

        var byId = PathwayPlanner.Plan(figures, e);
        var byModel = PathwayPlanner.Plan(figures, e, options: new PathwayOptions(Score: id => scores[snapshot.BadgeIndex(id)]));

        Assert.True(scores[snapshot.BadgeIndex(new("Z-PREF"))] > scores[snapshot.BadgeIndex(new("A-OTHER"))]);
        Assert.Equal(["A-OTHER", "Z-PREF"], byId.Steps.Select(s => s.Badge.Value));
        Assert.Equal(["Z-PREF", "A-OTHER"], byModel.Steps.Select(s => s.Badge.Value));
    }

    [Fact]
    public void Model_scores_from_many_threads_equal_the_single_threaded_scores()
    {
        var history = TrainingHistory.Build(HistoryBuilder.Chains(30));
        var until = HistoryBuilder.D("2023-09-01");
        var model = NextBadgeModel.Train(history, until);
        var features = CandidateFeatures.BuildAll(history, history.Cases, until);
        var serial = features.Select(model.Score).ToArray();
        // The first call checked the directly evaluated trees against ML.NET's prediction engine; they agreed.
        Assert.True(model.ScoresCompiledTrees);

        var parallel = new float[16][][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            var mine = new float[features.Length][];
            // Each thread walks the cases from its own starting point, so that the threads score different rows at once.
            for (var k = 0; k < features.Length; k++)
            {
                var i = (k + t * 37) % features.Length;
                mine[i] = model.Score(features[i]);
            }
            parallel[t] = mine;
        });

        foreach (var run in parallel)
            for (var i = 0; i < serial.Length; i++) Assert.Equal(serial[i], run[i]);
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_model_and_scores()
    {
        var snapshot = HistoryBuilder.Chains(30);
        var until = HistoryBuilder.D("2023-09-01");
        var first = NextBadgeModel.Train(TrainingHistory.Build(snapshot), until);
        var second = NextBadgeModel.Train(TrainingHistory.Build(snapshot), until);
        var figures = GapEngine.Compute(snapshot);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Metadata), System.Text.Json.JsonSerializer.Serialize(second.Metadata));
        for (var e = 0; e < figures.EmployeeCount; e += 7)
            Assert.Equal(new Recommender(first).ScoreBadges(figures, e), new Recommender(second).ScoreBadges(figures, e));
    }
}
