using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class BaselineTests
{
    // Role R needs A at 3 (weight 4) and B at 2 (weight 1). Peers P1..P3 earned X, X, Y on 2024-01-01 and then
    // P1: Y, P2: Z, P3: Y... on 2024-02-01 (P3 earns X then). E holds nothing.
    private static TrainingHistory History() => TrainingHistory.Build(new HistoryBuilder()
        .Role("R", "A:3:4", "B:2:1")
        .Badge("X", "A:3", hours: 12).Badge("Y", "B:2", hours: 1).Badge("Z", "A:1", hours: 0)
        .Employee("P1", "R").Employee("P2", "R").Employee("P3", "R").Employee("E", "R")
        .Award("P1", "X", "2024-01-01").Award("P2", "X", "2024-01-01").Award("P3", "Y", "2024-01-01")
        .Award("P1", "Y", "2024-02-01").Award("P2", "Z", "2024-02-01").Award("P3", "X", "2024-02-01")
        .Build("2024-12-31"));

    private static string[] Ranked(TrainingHistory h, int[] candidates, float[] scores) =>
        RankingMetrics.Rank(candidates, scores).Select(b => h.Snapshot.Badges[b].Id.Value).ToArray();

    [Fact]
    public void Gap_greedy_ranks_by_weighted_gap_closed_per_hour()
    {
        var h = History();
        var e = h.Snapshot.EmployeeIndex(new("E"));
        var c = h.StateBefore(e, HistoryBuilder.D("2024-06-01"));
        var peers = new PeerStatistics(h);
        var features = CandidateFeatures.Build(h, c, peers);

        var greedy = CandidateFeatures.Column(features, c.Candidates.Length, CandidateFeatures.GapGreedy);

        // X: 4·3 / 12 = 1; Y: 1·2 / 1 = 2; Z: 4·1 / max(0, 1) = 4.
        Assert.Equal([1f, 2f, 4f], greedy);
        Assert.Equal(["Z", "Y", "X"], Ranked(h, c.Candidates, greedy));
    }

    [Fact]
    public void Popularity_is_the_share_of_role_peers_awards_up_to_the_cut_off()
    {
        var h = History();
        var e = h.Snapshot.EmployeeIndex(new("E"));
        var c = h.StateBefore(e, HistoryBuilder.D("2024-06-01"));
        var peers = new PeerStatistics(h);

        // Up to 2024-01-15 only the first three awards are known: X 2/3, Y 1/3, Z 0.
        peers.AdvanceTo(HistoryBuilder.D("2024-01-15").DayNumber);
        var early = CandidateFeatures.Column(CandidateFeatures.Build(h, c, peers), c.Candidates.Length, CandidateFeatures.RolePopularity);
        Assert.Equal([2f / 3, 1f / 3, 0f], early);
        Assert.Equal(["X", "Y", "Z"], Ranked(h, c.Candidates, early));

        // All six: X 3/6, Y 2/6, Z 1/6.
        peers.AdvanceTo(HistoryBuilder.D("2024-06-01").DayNumber);
        var late = CandidateFeatures.Column(CandidateFeatures.Build(h, c, peers), c.Candidates.Length, CandidateFeatures.RolePopularity);
        Assert.Equal([3f / 6, 2f / 6, 1f / 6], late);
    }

    [Fact]
    public void Transition_score_is_the_share_of_those_who_earned_the_latest_badge_and_earned_this_next()
    {
        var h = History();
        var peers = new PeerStatistics(h);
        peers.AdvanceTo(HistoryBuilder.D("2024-06-01").DayNumber);
        int x = h.Snapshot.BadgeIndex(new("X")), y = h.Snapshot.BadgeIndex(new("Y")), z = h.Snapshot.BadgeIndex(new("Z"));

        // After X: P1 earned Y, P2 earned Z → 1/2 each; after Y: P3 earned X → 1.
        Assert.Equal((0.5, x), peers.Transition([x], y));
        Assert.Equal((0.5, x), peers.Transition([x], z));
        Assert.Equal((1.0, y), peers.Transition([x, y], x));
        Assert.Equal((0.0, -1), peers.Transition([z], x));
    }

    [Fact]
    public void Transitions_are_not_known_before_the_next_award_day()
    {
        var h = History();
        var peers = new PeerStatistics(h);
        peers.AdvanceTo(HistoryBuilder.D("2024-02-01").DayNumber);
        int x = h.Snapshot.BadgeIndex(new("X")), y = h.Snapshot.BadgeIndex(new("Y"));

        Assert.Equal(0.0, peers.Transition([x], y).Share);
    }

    [Fact]
    public void Department_popularity_counts_only_the_department_s_awards()
    {
        var h = TrainingHistory.Build(new HistoryBuilder()
            .Role("R", "A:1:1")
            .Badge("X", "A:1").Badge("Y", "B:1")
            .Employee("P1", "R", "Sales").Employee("P2", "R", "Finance").Employee("P3", "R", "Finance").Employee("E", "R", "Finance")
            .Award("P1", "X", "2024-01-01").Award("P2", "Y", "2024-01-01").Award("P3", "X", "2024-01-01")
            .Build("2024-12-31"));
        var c = h.StateBefore(h.Snapshot.EmployeeIndex(new("E")), HistoryBuilder.D("2024-06-01"));
        var peers = new PeerStatistics(h);
        peers.AdvanceTo(HistoryBuilder.D("2024-06-01").DayNumber);

        var department = CandidateFeatures.Column(CandidateFeatures.Build(h, c, peers), c.Candidates.Length, CandidateFeatures.DepartmentPopularity);

        // Finance: P2 earned Y, P3 earned X → 1/2 each; P1's X in Sales does not count.
        Assert.Equal(["Sales", "Finance"], h.Departments);
        Assert.Equal([0.5f, 0.5f], department);
    }
}
