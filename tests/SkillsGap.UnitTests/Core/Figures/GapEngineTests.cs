using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Core.Figures;

public class GapEngineTests
{
    private static int Attained(OrganisationFigures f, string employee, string skill) =>
        f.Attained(f.Snapshot.EmployeeIndex(new EmployeeId(employee)), f.Snapshot.SkillIndex(new SkillCode(skill)));

    private static EmployeeFigures Figures(OrganisationFigures f, string employee, string? target = null) =>
        f.ForEmployee(f.Snapshot.EmployeeIndex(new EmployeeId(employee)), target is null ? null : new RoleCode(target));

    /// <summary>ANALYST needs PY 3 (weight 4, critical) and SQL 2 (weight 3): Σ w·required = 4·3 + 3·2 = 18.</summary>
    private static SnapshotBuilder Analysts() => new SnapshotBuilder()
        .Skill("PY", "SQL")
        .Role("ANALYST", "PY:3:4!", "SQL:2:3")
        .Badge("PY-201", "PY:3", validMonths: 12)
        .Badge("SQL-101", "SQL:2")
        .Employee("E1", "ANALYST");

    [Theory]
    // Issued 2024-01-15, valid 12 months → expires 2025-01-15; valid while issued_on ≤ date < expires_on.
    [InlineData("2024-01-14", 0)]
    [InlineData("2024-01-15", 3)]
    [InlineData("2025-01-14", 3)]
    [InlineData("2025-01-15", 0)]
    public void An_award_counts_from_its_issue_date_until_the_day_before_it_expires(string asOf, int expected)
    {
        var f = Analysts().Award("E1", "PY-201", "2024-01-15").Figures(asOf);
        Assert.Equal(expected, Attained(f, "E1", "PY"));
    }

    [Fact]
    public void Expired_award_is_not_counted()
    {
        // Issued 2023-03-01 + 12 months = 2024-03-01 < 2024-06-01: PY 0, gap 3 − 0 = 3.
        var f = Analysts().Award("E1", "PY-201", "2023-03-01").Figures("2024-06-01");
        var py = Figures(f, "E1").Requirements.Single(q => q.Skill.Value == "PY");
        Assert.Equal(0, py.Attained);
        Assert.Equal(3, py.Gap);
    }

    [Fact]
    public void Gap_is_zero_when_an_expired_badge_is_renewed()
    {
        // First award expired 2024-03-01; the renewal (2024-02-20 → 2025-02-20) is valid on 2024-06-01.
        var f = Analysts()
            .Award("E1", "PY-201", "2023-03-01")
            .Award("E1", "PY-201", "2024-02-20")
            .Figures("2024-06-01");
        var py = Figures(f, "E1").Requirements.Single(q => q.Skill.Value == "PY");
        Assert.Equal(3, py.Attained);
        Assert.Equal(0, py.Gap);
    }

    [Theory]
    // Explicit expiry 2024-06-30 overrides issued + 12 months (2025-01-01), for a badge that expires and for one that never does.
    [InlineData("PY-201", "2024-06-29", 3)]
    [InlineData("PY-201", "2024-06-30", 0)]
    [InlineData("PY-201", "2024-12-31", 0)]
    [InlineData("PY-FOREVER", "2024-06-29", 3)]
    [InlineData("PY-FOREVER", "2024-06-30", 0)]
    public void An_explicit_expiry_date_overrides_the_badge_validity(string badge, string asOf, int expected)
    {
        var f = Analysts().Badge("PY-FOREVER", "PY:3")
            .Award("E1", badge, "2024-01-01", expires: "2024-06-30")
            .Figures(asOf);
        Assert.Equal(expected, Attained(f, "E1", "PY"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_revoked_award_never_counts(bool countUnverified)
    {
        var f = Analysts()
            .Award("E1", "SQL-101", "2024-01-01", state: VerificationState.Revoked)
            .Figures("2024-06-01", new FigureOptions(CountUnverified: countUnverified));
        Assert.Equal(0, Attained(f, "E1", "SQL"));
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public void An_unverified_award_counts_unless_configured_otherwise(bool countUnverified, int expected)
    {
        var f = Analysts()
            .Award("E1", "SQL-101", "2024-01-01", state: VerificationState.Unverified)
            .Figures("2024-06-01", new FigureOptions(CountUnverified: countUnverified));
        Assert.Equal(expected, Attained(f, "E1", "SQL"));
    }

    [Theory]
    [InlineData(VerificationState.Recorded)]
    [InlineData(VerificationState.Verified)]
    public void Recorded_and_verified_awards_count_even_when_unverified_ones_do_not(VerificationState state)
    {
        var f = Analysts()
            .Award("E1", "SQL-101", "2024-01-01", state: state)
            .Figures("2024-06-01", new FigureOptions(CountUnverified: false));
        Assert.Equal(2, Attained(f, "E1", "SQL"));
    }

    [Theory]
    // Badge attests PY 4; the credential's achievedLevel caps it: min(4, achieved).
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 4)]
    public void The_achieved_level_caps_the_badge_level(int achieved, int expected)
    {
        var f = Analysts().Badge("PY-401", "PY:4")
            .Award("E1", "PY-401", "2024-01-01", achievedLevel: achieved)
            .Figures("2024-06-01");
        Assert.Equal(expected, Attained(f, "E1", "PY"));
    }

    [Fact]
    public void The_highest_level_over_valid_awards_is_attained()
    {
        var f = Analysts().Badge("PY-101", "PY:1")
            .Award("E1", "PY-101", "2024-01-01")
            .Award("E1", "PY-201", "2024-02-01")
            .Figures("2024-06-01");
        Assert.Equal(3, Attained(f, "E1", "PY"));
    }

    [Fact]
    public void Readiness_is_the_weighted_share_of_required_levels_met()
    {
        // PY 1 of 3 (weight 4), SQL 2 of 2 (weight 3): (4·1 + 3·2) / (4·3 + 3·2) = 10 / 18.
        var f = Analysts().Badge("PY-101", "PY:1")
            .Award("E1", "PY-101", "2024-01-01")
            .Award("E1", "SQL-101", "2024-01-01")
            .Figures("2024-06-01");
        var figures = Figures(f, "E1");
        Assert.Equal(10.0 / 18, figures.Readiness, 12);
        Assert.Equal(10.0 / 18, f.Readiness(0), 12);
        Assert.False(figures.Ready);
        Assert.Equal([2, 0], figures.Requirements.Select(q => q.Gap));
    }

    [Fact]
    public void A_critical_gap_makes_ready_false_even_with_readiness_at_or_above_the_threshold()
    {
        // PY 1 (weight 1, critical) unmet, SQL 5 (weight 5) met: readiness = 25 / 26 ≈ 0.9615 ≥ 0.9, but a critical gap.
        var f = new SnapshotBuilder().Skill("PY", "SQL")
            .Role("LEAD", "PY:1:1!", "SQL:5:5")
            .Badge("SQL-501", "SQL:5")
            .Employee("E1", "LEAD")
            .Award("E1", "SQL-501", "2024-01-01")
            .Figures("2024-06-01");
        var figures = Figures(f, "E1");
        Assert.Equal(25.0 / 26, figures.Readiness, 12);
        Assert.True(figures.HasCriticalGap);
        Assert.False(figures.Ready);
        Assert.False(f.IsReady(0));
    }

    [Theory]
    // A 5 (weight 5) and B 5 (weight 5): Σ w·required = 50. B at 4 → (25 + 20) / 50 = 0.9 exactly: ready.
    // B at 3 → 40 / 50 = 0.8: not ready.
    [InlineData("B-4", 0.9, true)]
    [InlineData("B-3", 0.8, false)]
    public void Readiness_exactly_at_the_threshold_is_ready(string badge, double readiness, bool ready)
    {
        var f = new SnapshotBuilder().Skill("A", "B")
            .Role("R", "A:5:5", "B:5:5")
            .Badge("A-5", "A:5").Badge("B-4", "B:4").Badge("B-3", "B:3")
            .Employee("E1", "R")
            .Award("E1", "A-5", "2024-01-01")
            .Award("E1", badge, "2024-01-01")
            .Figures("2024-06-01");
        Assert.Equal(readiness, f.Readiness(0));
        Assert.Equal(ready, f.IsReady(0));
    }

    [Fact]
    public void A_role_with_no_requirements_gives_readiness_one()
    {
        var f = new SnapshotBuilder().Skill("PY")
            .Role("MANAGER")
            .Employee("M1", "MANAGER")
            .Figures("2024-06-01");
        var figures = Figures(f, "M1");
        Assert.Equal(1.0, figures.Readiness);
        Assert.True(figures.Ready);
        Assert.Empty(figures.Requirements);
        Assert.Equal(1.0, f.Readiness(0));
    }

    [Fact]
    public void A_stack_award_attests_the_stacks_own_skills_and_its_children_do_not()
    {
        // DS-STACK attests ML 3; its children ML-101 (ML 1) and ML-201 (ML 2, PY 2) name it as their stack.
        var f = new SnapshotBuilder().Skill("ML", "PY")
            .Role("SCIENTIST", "ML:3:4", "PY:2:2")
            .Badge("DS-STACK", "ML:3")
            .Badge("ML-101", "ML:1", stack: "DS-STACK")
            .Badge("ML-201", "ML:2;PY:2", stack: "DS-STACK")
            .Employee("CHILDREN", "SCIENTIST")
            .Employee("STACK", "SCIENTIST")
            .Award("CHILDREN", "ML-101", "2024-01-01")
            .Award("CHILDREN", "ML-201", "2024-02-01")
            .Award("STACK", "DS-STACK", "2024-03-01")
            .Figures("2024-06-01");
        // Children only: ML = max(1, 2) = 2, not the stack's 3; PY 2.
        Assert.Equal(2, Attained(f, "CHILDREN", "ML"));
        Assert.Equal(2, Attained(f, "CHILDREN", "PY"));
        // The stack alone: its own ML 3, and none of its children's skills (PY 0).
        Assert.Equal(3, Attained(f, "STACK", "ML"));
        Assert.Equal(0, Attained(f, "STACK", "PY"));
        // Readiness: CHILDREN (4·2 + 2·2) / (4·3 + 2·2) = 12/16; STACK (4·3 + 0) / 16 = 12/16.
        Assert.Equal(0.75, Figures(f, "CHILDREN").Readiness);
        Assert.Equal(0.75, Figures(f, "STACK").Readiness);
    }

    [Fact]
    public void The_same_awards_give_different_figures_on_two_dates()
    {
        // PY-201 2025-03-01 → 2026-03-01; SQL-101 never expires. VIZ-101 only from 2026-02-01.
        // ANALYST2: PY 3 (w4), SQL 2 (w3), VIZ 2 (w2): Σ w·required = 12 + 6 + 4 = 22.
        var builder = new SnapshotBuilder().Skill("PY", "SQL", "VIZ")
            .Role("ANALYST2", "PY:3:4!", "SQL:2:3", "VIZ:2:2")
            .Badge("PY-201", "PY:3", validMonths: 12)
            .Badge("SQL-101", "SQL:2")
            .Badge("VIZ-101", "VIZ:2")
            .Employee("E1", "ANALYST2")
            .Award("E1", "PY-201", "2025-03-01")
            .Award("E1", "SQL-101", "2025-06-01")
            .Award("E1", "VIZ-101", "2026-02-01");
        // 2026-01-31: PY 3, SQL 2, VIZ 0 → (12 + 6 + 0) / 22 = 18/22.
        var january = builder.Figures("2026-01-31");
        Assert.Equal(18.0 / 22, january.Readiness(0), 12);
        Assert.Equal([3, 2, 0], january.AttainedRow(0).ToArray().Select(b => (int)b));
        // 2026-03-01: PY expired, VIZ 2 → (0 + 6 + 4) / 22 = 10/22, and a critical gap in PY.
        var march = builder.Figures("2026-03-01");
        Assert.Equal(10.0 / 22, march.Readiness(0), 12);
        Assert.Equal([0, 2, 2], march.AttainedRow(0).ToArray().Select(b => (int)b));
        Assert.True(march.HasCriticalGap(0));
    }

    [Fact]
    public void Attained_on_another_date_looks_ahead_from_the_same_awards()
    {
        var f = Analysts().Award("E1", "PY-201", "2025-03-15").Figures("2026-01-31");
        Assert.Equal(3, Attained(f, "E1", "PY"));
        // On the expiry date 2026-03-15 the award no longer counts.
        Assert.Equal(0, f.AttainedOn(0, SnapshotBuilder.D("2026-03-15"))[f.Snapshot.SkillIndex(new SkillCode("PY"))]);
        Assert.Equal(3, f.AttainedOn(0, SnapshotBuilder.D("2026-03-14"))[f.Snapshot.SkillIndex(new SkillCode("PY"))]);
    }

    [Fact]
    public void A_target_role_is_measured_with_its_own_requirements()
    {
        // LEAD needs PY 4 (w2) and SQL 2 (w1): E1 has PY 3, SQL 2 → (2·3 + 1·2) / (2·4 + 1·2) = 8/10.
        var f = Analysts().Role("LEAD", "PY:4:2", "SQL:2:1")
            .Award("E1", "PY-201", "2025-03-15")
            .Award("E1", "SQL-101", "2025-03-15")
            .Figures("2026-01-31");
        var figures = Figures(f, "E1", "LEAD");
        Assert.Equal(new RoleCode("LEAD"), figures.Role);
        Assert.Equal(0.8, figures.Readiness, 12);
        Assert.Equal(["PY", "SQL"], figures.Requirements.Select(q => q.Skill.Value));
        Assert.Equal([1, 0], figures.Requirements.Select(q => q.Gap));
        Assert.False(figures.Ready);
        // Against their own role E1 is fully ready: (12 + 6) / 18.
        Assert.Equal(1.0, f.Readiness(0));
    }

    [Fact]
    public void The_best_attestable_level_is_the_highest_any_badge_gives()
    {
        var f = Analysts().Badge("PY-101", "PY:1").Badge("ML-4", "ML:4;PY:2").Figures("2026-01-31");
        Assert.Equal(3, f.BestAttestable[f.Snapshot.SkillIndex(new SkillCode("PY"))]);
        Assert.Equal(4, f.BestAttestable[f.Snapshot.SkillIndex(new SkillCode("ML"))]);
        Assert.Equal(2, f.BestAttestable[f.Snapshot.SkillIndex(new SkillCode("SQL"))]);
    }
}
