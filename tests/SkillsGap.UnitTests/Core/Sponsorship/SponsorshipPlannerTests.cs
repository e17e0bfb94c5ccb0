using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Sponsorship;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Core.Sponsorship;

public class SponsorshipPlannerTests
{
    /// <summary>
    /// Worked by hand (as of 2026-01-31):
    /// <code>
    /// ANALYST   SQL 3 (w4, critical), PY 2 (w3), VIZ 2 (w2)          Σ w·req = 12 + 6 + 4 = 22
    /// Badges    SQL-1 SQL:2 8 h · SQL-2 SQL:3 12 h (needs SQL-1) · PY-1 PY:2 10 h · VIZ-1 VIZ:2 6 h · COMBO PY:1;VIZ:1 4 h
    /// A         holds SQL-1 → SQL 2, PY 0, VIZ 0: gap 4·1 + 3·2 + 2·2 = 14, readiness 8/22
    /// B         nothing      → gap 4·3 + 3·2 + 2·2 = 22, readiness 0
    /// Moves (gap closed / hours): COMBO for A or B 5/4; SQL-1 for B 8/8; VIZ-1 4/6 (2/6 after COMBO); PY-1 6/10 (3/10
    /// after COMBO); SQL-2 4/12 (for B only with SQL-1: 12/20).
    /// Within 20 h: both COMBOs and B's SQL-1 = 16 h closing 5 + 5 + 8 = 18; the 4 h left buy nothing. Every other
    /// choice closes less (e.g. COMBO, SQL-1 and VIZ-1 for B and nothing for A: 18 h, 5 + 8 + 2 = 15; SQL-1 and SQL-2
    /// for B: 20 h, 12).
    /// After: A SQL 2, PY 1, VIZ 1 → (8 + 3 + 2)/22 = 13/22; B the same, 13/22.
    /// </code>
    /// </summary>
    private static OrganisationFigures HandWorked() => new SnapshotBuilder()
        .Skill("SQL", "PY", "VIZ")
        .Role("ANALYST", "SQL:3:4!", "PY:2:3", "VIZ:2:2")
        .Badge("SQL-1", "SQL:2", hours: 8).Badge("SQL-2", "SQL:3", prerequisites: "SQL-1", hours: 12)
        .Badge("PY-1", "PY:2", hours: 10).Badge("VIZ-1", "VIZ:2", hours: 6).Badge("COMBO", "PY:1;VIZ:1", hours: 4)
        .Employee("A", "ANALYST").Employee("B", "ANALYST")
        .Award("A", "SQL-1", "2025-06-01")
        .Figures("2026-01-31");

    private static int[] Everyone(OrganisationFigures f) => [.. Enumerable.Range(0, f.EmployeeCount)];

    [Fact]
    public void Hand_worked_plan_sponsors_both_combos_and_the_first_sql_badge_within_twenty_hours()
    {
        var f = HandWorked();
        var plan = SponsorshipPlanner.Plan(f, Everyone(f), new SponsorshipRequest(20m));

        Assert.True(plan.Optimal);
        Assert.Null(plan.Bound);
        Assert.Equal(36, plan.WeightedGapBefore);
        Assert.Equal(18, plan.WeightedGapClosed);
        Assert.Equal(18, plan.WeightedGapAfter);
        Assert.Equal(16m, plan.HoursUsed);
        Assert.Equal(16m, plan.BudgetUsed);
        // B closes 13 and comes first; their COMBO (5 per 4 h) before SQL-1 (8 per 8 h).
        Assert.Equal([("B", "COMBO", 5), ("B", "SQL-1", 8), ("A", "COMBO", 5)],
            plan.Choices.Select(c => (c.Employee.Value, c.Badge.Value, c.WeightedGapClosed)));
        var combo = plan.Choices[0];
        Assert.Equal([("PY", 0, 1, 3), ("VIZ", 0, 1, 2)], combo.Closes.Select(c => (c.Skill.Value, c.From, c.To, c.Weight)));
        var sql = plan.Choices[1];
        Assert.Equal(("SQL", 0, 2, 3, true), (sql.Closes[0].Skill.Value, sql.Closes[0].From, sql.Closes[0].To, sql.Closes[0].Required, sql.Closes[0].Critical));

        Assert.Equal(4.0 / 22, plan.ReadinessBefore!.Value, 12);
        Assert.Equal(13.0 / 22, plan.ReadinessAfter!.Value, 12);
        Assert.Equal((0, 0), (plan.ReadyBefore, plan.ReadyAfter));
        var b = plan.Sponsored[0];
        Assert.Equal(("B", 2, 12m, 22L, 9L), (b.Employee.Value, b.Badges, b.Hours, b.WeightedGapBefore, b.WeightedGapAfter));
        Assert.Equal((0.0, 13.0 / 22), (b.ReadinessBefore, b.ReadinessAfter));
        var a = plan.Sponsored[1];
        Assert.Equal(("A", 8.0 / 22, 13.0 / 22), (a.Employee.Value, a.ReadinessBefore, a.ReadinessAfter));
    }

    [Fact]
    public void A_badge_comes_with_the_prerequisites_the_person_still_lacks_and_their_hours_count()
    {
        // SQL 3 required (w1) and nothing held: SQL-2 (level 3) needs SQL-1, so reaching 3 takes 8 + 12 = 20 h.
        var sqlOnly = new SnapshotBuilder().Skill("SQL").Role("DBA", "SQL:3:1")
            .Badge("SQL-1", "SQL:2", hours: 8).Badge("SQL-2", "SQL:3", prerequisites: "SQL-1", hours: 12)
            .Employee("B", "DBA").Figures("2026-01-31");
        var plan = SponsorshipPlanner.Plan(sqlOnly, [0], new SponsorshipRequest(20m));
        Assert.Equal([("SQL-1", 2, ["SQL-2"]), ("SQL-2", 1, Array.Empty<string>())],
            plan.Choices.Select(c => (c.Badge.Value, c.WeightedGapClosed, c.NeededBy.Select(n => n.Value).ToArray())));
        Assert.Equal(20m, plan.HoursUsed);

        // 19 h cannot pay for both: SQL-1 alone (2 levels) is the best.
        var short19 = SponsorshipPlanner.Plan(sqlOnly, [0], new SponsorshipRequest(19m));
        Assert.Equal(["SQL-1"], short19.Choices.Select(c => c.Badge.Value));
        Assert.Equal(2, short19.WeightedGapClosed);
    }

    [Fact]
    public void Cost_per_badge_is_charged_to_the_budget_but_not_to_the_hours()
    {
        var f = HandWorked();
        // Each badge now costs 2 h more. Within 16: SQL-1 for B (10) and one COMBO (6) closes 8 + 5 = 13; two COMBOs
        // (12) and nothing else that fits in 4 close 10.
        var plan = SponsorshipPlanner.Plan(f, Everyone(f), new SponsorshipRequest(16m, CostPerBadge: 2m));
        Assert.True(plan.Optimal);
        Assert.Equal(13, plan.WeightedGapClosed);
        Assert.Equal(12m, plan.HoursUsed);
        Assert.Equal(16m, plan.BudgetUsed);
    }

    [Fact]
    public void An_expired_badge_can_be_sponsored_again_and_says_it_renews()
    {
        var f = new SnapshotBuilder().Skill("SQL").Role("DBA", "SQL:2:3")
            .Badge("SQL-1", "SQL:2", validMonths: 12, hours: 8)
            .Employee("E", "DBA").Award("E", "SQL-1", "2024-01-01").Figures("2026-01-31");
        var plan = SponsorshipPlanner.Plan(f, [0], new SponsorshipRequest(8m));
        var choice = Assert.Single(plan.Choices);
        Assert.True(choice.Renews);
        Assert.Equal(6, plan.WeightedGapClosed);
        Assert.Equal((0.0, 1.0), (plan.ReadinessBefore!.Value, plan.ReadinessAfter!.Value));
    }

    [Fact]
    public void With_target_the_gaps_are_those_of_each_persons_target_role_or_their_own_without_one()
    {
        var f = new SnapshotBuilder().Skill("SQL", "PY").Role("DEV", "PY:2:1").Role("LEAD", "SQL:2:5", "PY:2:1")
            .Badge("SQL-1", "SQL:2", hours: 5).Badge("PY-1", "PY:2", hours: 5)
            .Employee("T", "DEV", target: "LEAD").Employee("N", "DEV")
            .Figures("2026-01-31");
        // Own roles: T and N each lack PY 2 (w1): 2 + 2 = 4. Targets: T is measured against LEAD (SQL 2·5 + PY 2·1 = 12),
        // N has no target and keeps DEV (2): 14. Within 5 h: SQL-1 for T closes 10.
        var own = SponsorshipPlanner.Plan(f, [0, 1], new SponsorshipRequest(5m));
        Assert.Equal((4L, 2L), (own.WeightedGapBefore, own.WeightedGapClosed));
        var target = SponsorshipPlanner.Plan(f, [0, 1], new SponsorshipRequest(5m, Target: true));
        Assert.Equal((14L, 10L), (target.WeightedGapBefore, target.WeightedGapClosed));
        var choice = Assert.Single(target.Choices);
        Assert.Equal(("T", "LEAD", "SQL-1"), (choice.Employee.Value, choice.Role.Value, choice.Badge.Value));
    }

    [Fact]
    public void A_zero_budget_or_a_group_without_gaps_sponsors_nothing()
    {
        var f = HandWorked();
        var none = SponsorshipPlanner.Plan(f, Everyone(f), new SponsorshipRequest(0m));
        Assert.Empty(none.Choices);
        Assert.True(none.Optimal);
        Assert.Equal(none.ReadinessBefore, none.ReadinessAfter);
        var empty = SponsorshipPlanner.Plan(f, [], new SponsorshipRequest(100m));
        Assert.Equal((0, 0L), (empty.People, empty.WeightedGapBefore));
        Assert.Null(empty.ReadinessBefore);
        Assert.Throws<ArgumentOutOfRangeException>(() => SponsorshipPlanner.Plan(f, Everyone(f), new SponsorshipRequest(-1m)));
    }
}
