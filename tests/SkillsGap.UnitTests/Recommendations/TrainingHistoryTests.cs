using SkillsGap.Core.Domain;
using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class TrainingHistoryTests
{
    private static string[] Ids(TrainingHistory h, int[] badges) => badges.Select(b => h.Snapshot.Badges[b].Id.Value).ToArray();

    [Fact]
    public void Candidates_exclude_held_badges_and_badges_whose_prerequisites_are_not_met()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "A:3:2", "B:2:1")
            .Badge("A1", "A:1").Badge("A2", "A:3", prerequisites: "A1").Badge("B1", "B:2")
            .Employee("E1", "R")
            .Award("E1", "A1", "2024-01-10").Award("E1", "B1", "2024-02-10")
            .Build("2024-12-31");

        var history = TrainingHistory.Build(snapshot);

        Assert.Equal(2, history.Cases.Count);
        var first = history.Cases[0];
        // Nothing held yet: A2 waits for A1.
        Assert.Equal(["A1", "B1"], Ids(history, first.Candidates));
        Assert.Equal(["A1"], Ids(history, first.Positives));
        Assert.Empty(first.Latest);
        var second = history.Cases[1];
        // A1 is held validly, so it is no candidate; it opens A2.
        Assert.Equal(["A2", "B1"], Ids(history, second.Candidates));
        Assert.Equal(["B1"], Ids(history, second.Positives));
        Assert.Equal(["A1"], Ids(history, second.Latest));
        Assert.Equal(1, second.Attained[snapshot.SkillIndex(new SkillCode("A"))]);
        Assert.Equal(0, second.Attained[snapshot.SkillIndex(new SkillCode("B"))]);
    }

    [Fact]
    public void An_expired_badge_is_a_candidate_again_and_marked_as_a_renewal()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "B:2:1")
            .Badge("B1", "B:2", validMonths: 12).Badge("C1", "C:1")
            .Employee("E1", "R")
            .Award("E1", "B1", "2024-01-01").Award("E1", "B1", "2025-03-01")
            .Build("2025-12-31");

        var history = TrainingHistory.Build(snapshot);

        Assert.Equal(2, history.Cases.Count);
        var renewal = history.Cases[1];
        // The first award expired on 2025-01-01, so on 2025-02-28 nothing attests B.
        Assert.Equal(["B1", "C1"], Ids(history, renewal.Candidates));
        Assert.Equal([true, false], renewal.Renews);
        Assert.Equal(["B1"], Ids(history, renewal.Positives));
        Assert.Equal(0, renewal.Attained[snapshot.SkillIndex(new SkillCode("B"))]);
    }

    [Fact]
    public void Awards_of_one_employee_on_one_day_form_one_case()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "A:1:1")
            .Badge("A1", "A:1").Badge("B1", "B:1").Badge("C1", "C:1")
            .Employee("E1", "R")
            .Award("E1", "B1", "2024-05-05").Award("E1", "A1", "2024-05-05")
            .Build("2024-12-31");

        var history = TrainingHistory.Build(snapshot);

        var only = Assert.Single(history.Cases);
        Assert.Equal(["A1", "B1"], Ids(history, only.Positives));
        Assert.Equal(["A1", "B1", "C1"], Ids(history, only.Candidates));
    }

    [Fact]
    public void A_revoked_award_meets_no_prerequisite_and_makes_no_case()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "A:3:1")
            .Badge("A1", "A:1").Badge("A2", "A:3", prerequisites: "A1").Badge("Z", "Z:1")
            .Employee("E1", "R")
            .Award("E1", "A1", "2024-01-10", VerificationState.Revoked).Award("E1", "Z", "2024-03-01")
            .Build("2024-12-31");

        var history = TrainingHistory.Build(snapshot);

        var only = Assert.Single(history.Cases);
        Assert.Equal(["A1", "Z"], Ids(history, only.Candidates));
    }

    [Fact]
    public void A_stack_needs_all_its_children_and_an_award_whose_prerequisites_were_unmet_is_skipped()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "A:3:1")
            .Badge("S", "A:3", hours: 0).Badge("C1", "A:1", stack: "S").Badge("C2", "A:2", stack: "S")
            .Employee("E1", "R")
            .Award("E1", "C1", "2024-01-01").Award("E1", "S", "2024-02-01").Award("E1", "C2", "2024-03-01")
            .Build("2024-12-31");

        var history = TrainingHistory.Build(snapshot);

        // 2024-02-01: S is not a candidate (C2 missing), so that day is skipped; on 2024-03-01 S is held validly.
        Assert.Equal(2, history.Cases.Count);
        Assert.Equal(1, history.SkippedCases);
        Assert.Equal(["C2"], Ids(history, history.Cases[1].Candidates));
    }
}
