using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class GroupAnalysisTests
{
    private readonly OrganisationFigures _f = SmallOrganisation.Figures();

    private GroupFigures Analyse(GroupKind kind, string? key, AnalysisOptions? options = null) =>
        GroupAnalysis.Analyse(_f, new GroupSelector(_f.Snapshot).Select(kind, key), options);

    [Fact]
    public void Team_summary_is_the_mean_readiness_against_own_roles_with_the_ready_share_and_histogram()
    {
        var team = Analyse(GroupKind.Team, "M1");
        // E1 1, E3 38/42 = 19/21, E2 10/18 = 5/9: mean = (63 + 57 + 35) / 63 / 3 = 155/189 ≈ 0.8201.
        Assert.Equal(3, team.Summary.People);
        Assert.Equal(155.0 / 189, team.Summary.MeanReadiness!.Value, 12);
        // E1 and E3 ready (E3: 0.9048 ≥ 0.9, ML gap not critical); E2 has a critical PY gap.
        Assert.Equal(2, team.Summary.Ready);
        Assert.Equal(2.0 / 3, team.Summary.ReadyShare!.Value, 12);
        // E2 0.5556 → bin 5; E3 0.9048 and E1 1.0 → bin 9.
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0, 2], team.Summary.Histogram);
    }

    [Fact]
    public void Team_skills_give_coverage_mean_gap_and_people_with_a_gap_ordered_by_weighted_gap()
    {
        var skills = Analyse(GroupKind.Team, "M1").Skills;
        // PY: required of E1 (3), E2 (3), E3 (4); gaps 0, 2, 0 → coverage 2/3, mean gap 2/3, 1 with gap, Σ w·gap = 4·2 = 8.
        // ML: E3 only, 5 − 4 = 1 → coverage 0, mean gap 1, weighted 4·1 = 4.
        // SQL: everyone at 2 → coverage 1, no gap.
        Assert.Equal(["PY", "ML", "SQL"], skills.Select(s => s.Skill.Value));
        var py = skills[0];
        Assert.Equal((3, 1, 8L), (py.PeopleRequired, py.PeopleWithGap, py.WeightedGap));
        Assert.Equal(2.0 / 3, py.Coverage, 12);
        Assert.Equal(2.0 / 3, py.MeanGap, 12);
        var ml = skills[1];
        Assert.Equal((1, 0.0, 1.0, 1, 4L), (ml.PeopleRequired, ml.Coverage, ml.MeanGap, ml.PeopleWithGap, ml.WeightedGap));
        var sql = skills[2];
        Assert.Equal((3, 1.0, 0.0, 0, 0L), (sql.PeopleRequired, sql.Coverage, sql.MeanGap, sql.PeopleWithGap, sql.WeightedGap));
    }

    [Fact]
    public void Organisation_figures_cover_everyone_still_employed()
    {
        var org = Analyse(GroupKind.Organisation, null);
        // M1 1, E1 1, E2 5/9, E3 19/21, E4 6/18 = 1/3, M2 1 (E5 has left):
        // Σ = 3 + 5/9 + 19/21 + 1/3 = (189 + 35 + 57 + 21) / 63 = 302/63; mean = 302/378 = 151/189.
        Assert.Equal(6, org.Summary.People);
        Assert.Equal(151.0 / 189, org.Summary.MeanReadiness!.Value, 12);
        Assert.Equal(4, org.Summary.Ready);
        // E4 1/3 → bin 3; E2 5/9 → bin 5; E3 and the three at 1.0 → bin 9.
        Assert.Equal([0, 0, 0, 1, 0, 1, 0, 0, 0, 4], org.Summary.Histogram);
        // PY over E1, E2, E3, E4: gaps 0, 2, 0, 3 → coverage 2/4, mean gap 5/4, weighted 4·2 + 4·3 = 20.
        var py = org.Skills[0];
        Assert.Equal("PY", py.Skill.Value);
        Assert.Equal((4, 0.5, 1.25, 2, 20L), (py.PeopleRequired, py.Coverage, py.MeanGap, py.PeopleWithGap, py.WeightedGap));
    }

    [Fact]
    public void A_department_and_a_team_with_the_same_people_have_the_same_figures()
    {
        var department = Analyse(GroupKind.Department, "Data");
        var team = Analyse(GroupKind.Team, "M1");
        Assert.Equal(team.Summary.MeanReadiness!.Value, department.Summary.MeanReadiness!.Value, 12);
        Assert.Equal(team.Summary.Histogram, department.Summary.Histogram);
        Assert.Equal(team.Skills, department.Skills);
    }

    [Fact]
    public void Bench_lists_people_outside_a_role_who_are_ready_for_it_within_the_group()
    {
        var bench = Analyse(GroupKind.Organisation, null).Bench;
        // MANAGER requires nothing and is left out of a group's bench.
        Assert.Equal(["ANALYST", "SCIENTIST"], bench.Select(b => b.Role.Value));
        // ANALYST: M1 (PY 0, critical) no; E3 PY 4 ≥ 3, SQL 2 → 18/18 yes; M2 PY 3, SQL 2 → 18/18 yes.
        Assert.Equal([("E3", "SCIENTIST", 1.0), ("M2", "MANAGER", 1.0)],
            bench[0].Candidates.Select(c => (c.Employee.Value, c.CurrentRole.Value, c.Readiness)));
        // SCIENTIST needs PY 4 (critical): nobody outside it has PY 4.
        Assert.Empty(bench[1].Candidates);
        // Within M1's team, ANALYST's bench is E3 only.
        Assert.Equal(["E3"], Analyse(GroupKind.Team, "M1").Bench[0].Candidates.Select(c => c.Employee.Value));
    }

    [Fact]
    public void Bench_keeps_someone_exactly_at_the_threshold_and_drops_someone_just_below()
    {
        // R needs A 5 (w5) and B 5 (w5): Σ = 50. AT has A 5, B 4 → 45/50 = 0.9 (ready); BELOW has A 5, B 3 → 40/50.
        // CRIT has everything but the critical C 1 → 50/51 ≥ 0.9 yet not ready.
        var f = new SnapshotBuilder().Skill("A", "B", "C")
            .Role("R", "A:5:5", "B:5:5").Role("R2", "A:5:5", "B:5:5", "C:1:1!").Role("OTHER", "A:1:1")
            .Badge("A-5", "A:5").Badge("B-4", "B:4").Badge("B-3", "B:3").Badge("B-5", "B:5")
            .Employee("AT", "OTHER").Employee("BELOW", "OTHER").Employee("CRIT", "OTHER")
            .Award("AT", "A-5", "2025-01-01").Award("AT", "B-4", "2025-01-01")
            .Award("BELOW", "A-5", "2025-01-01").Award("BELOW", "B-3", "2025-01-01")
            .Award("CRIT", "A-5", "2025-01-01").Award("CRIT", "B-5", "2025-01-01")
            .Figures("2026-01-31");
        var bench = GroupAnalysis.Analyse(f, [0, 1, 2]).Bench;
        // R: CRIT (50/50 = 1) then AT (0.9). R2 (Σ 51): CRIT has a critical gap in C; AT 45/51 < 0.9.
        Assert.Equal([("CRIT", 1.0), ("AT", 0.9)], bench[0].Candidates.Select(c => (c.Employee.Value, c.Readiness)));
        Assert.Empty(bench[1].Candidates);
    }

    [Fact]
    public void Bench_of_a_role_group_is_that_role_over_the_whole_organisation()
    {
        var role = Analyse(GroupKind.Role, "ANALYST", new AnalysisOptions(BenchRole: new RoleCode("ANALYST")));
        var bench = Assert.Single(role.Bench);
        Assert.Equal("ANALYST", bench.Role.Value);
        // Not analysts: M1 (not ready), E3 and M2 (ready, 18/18); E5 has left.
        Assert.Equal(["E3", "M2"], bench.Candidates.Select(c => c.Employee.Value));
        // The role group's own summary: E1 1, E2 10/18, E4 6/18 → mean (18 + 10 + 6) / 54 = 34/54.
        Assert.Equal(34.0 / 54, role.Summary.MeanReadiness!.Value, 12);
    }

    [Fact]
    public void Uncoverable_gaps_are_required_levels_no_badge_attests()
    {
        // SCIENTIST needs ML 5; the best badge (ML-301) attests ML 4. Only E3 is a scientist.
        var org = Analyse(GroupKind.Organisation, null);
        var gap = Assert.Single(org.Uncoverable);
        Assert.Equal(("SCIENTIST", "ML", 5, 4, 1), (gap.Role.Value, gap.Skill.Value, gap.Required, gap.Best, gap.Affected));
        // M2's team (E4, an analyst) needs nothing the catalogue cannot attest.
        Assert.Empty(Analyse(GroupKind.Team, "M2").Uncoverable);
    }

    [Fact]
    public void A_skill_no_badge_attests_at_all_is_uncoverable_with_best_zero()
    {
        var f = new SnapshotBuilder().Skill("PY", "RUST")
            .Role("DEV", "PY:2:3", "RUST:3:2")
            .Badge("PY-2", "PY:2")
            .Employee("A", "DEV").Employee("B", "DEV")
            .Figures("2026-01-31");
        var gap = Assert.Single(GroupAnalysis.Analyse(f, [0, 1]).Uncoverable);
        Assert.Equal(("RUST", 3, 0, 2), (gap.Skill.Value, gap.Required, gap.Best, gap.Affected));
    }

    [Fact]
    public void Expiring_soon_lists_awards_that_would_open_a_gap_with_the_gap_now_and_then()
    {
        var expiring = Analyse(GroupKind.Organisation, null).ExpiringSoon;
        // As of 2026-01-31, within 90 days (to 2026-05-01):
        //  E3 PY-101 expires 2026-02-20, but PY-301 keeps PY 4: no gap opens, not listed.
        //  E1 PY-201 expires 2026-03-15: PY 3 → 0, gap 0 → 3.
        //  E2 PY-101 expires 2026-04-01: PY 1 → 0, gap 2 → 3.
        //  M2's PY-201 (2026-12-01) and E3's ML-301 (2027-06-01) are beyond the window; E4's has already expired.
        Assert.Equal(2, expiring.Count);
        Assert.Equal(("E1", "PY-201", "2025-03-15", "2026-03-15"), Describe(expiring[0]));
        Assert.Equal([new OpeningGap(new SkillCode("PY"), 0, 3)], expiring[0].Opens);
        Assert.Equal(("E2", "PY-101", "2025-04-01", "2026-04-01"), Describe(expiring[1]));
        Assert.Equal([new OpeningGap(new SkillCode("PY"), 2, 3)], expiring[1].Opens);
    }

    [Theory]
    // 2026-01-31 + 43 days = 2026-03-15 (E1's expiry); E2's is 60 days away.
    [InlineData(42, new string[0])]
    [InlineData(43, new[] { "E1" })]
    [InlineData(59, new[] { "E1" })]
    [InlineData(60, new[] { "E1", "E2" })]
    public void Expiring_soon_includes_an_expiry_exactly_n_days_ahead(int days, string[] expected)
    {
        var expiring = Analyse(GroupKind.Organisation, null, new AnalysisOptions(ExpiringWithinDays: days)).ExpiringSoon;
        Assert.Equal(expected, expiring.Select(x => x.Employee.Value));
    }

    [Fact]
    public void An_expiring_award_opens_only_gaps_in_skills_it_attests()
    {
        // A and B expire the same day. Only B attests SQL, so only B is said to open the SQL gap.
        var f = new SnapshotBuilder().Skill("PY", "SQL")
            .Role("R", "PY:1:1", "SQL:2:1")
            .Badge("A", "PY:1", validMonths: 12).Badge("B", "SQL:2", validMonths: 12).Badge("P", "PY:1")
            .Employee("E", "R")
            .Award("E", "A", "2025-03-01").Award("E", "B", "2025-03-01").Award("E", "P", "2024-01-01")
            .Figures("2026-01-31");
        var only = Assert.Single(GroupAnalysis.Analyse(f, [0]).ExpiringSoon);
        Assert.Equal("B", only.Badge.Value);
        Assert.Equal([new OpeningGap(new SkillCode("SQL"), 0, 2)], only.Opens);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.0999, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.8999, 8)]
    [InlineData(0.9, 9)]
    [InlineData(0.99, 9)]
    [InlineData(1.0, 9)]
    public void Histogram_bins_are_closed_below_and_one_goes_in_the_last(double readiness, int bin) =>
        Assert.Equal(bin, GroupAnalysis.HistogramBin(readiness));

    [Fact]
    public void A_readiness_that_is_exactly_a_tenth_lands_in_the_bin_it_opens()
    {
        // k/10 computed as a ratio of sums, the way readiness is: 3·w / 10·w for several w.
        for (var k = 0; k <= 10; k++)
            foreach (var w in new[] { 1, 3, 7, 41 })
                Assert.Equal(Math.Min(k, 9), GroupAnalysis.HistogramBin((double)(k * w) / (10 * w)));
    }

    [Fact]
    public void An_empty_group_has_no_mean()
    {
        var empty = GroupAnalysis.Analyse(_f, []);
        Assert.Equal(0, empty.Summary.People);
        Assert.Null(empty.Summary.MeanReadiness);
        Assert.Null(empty.Summary.ReadyShare);
        Assert.Empty(empty.Skills);
    }

    private static (string, string, string, string) Describe(ExpiringAward x) =>
        (x.Employee.Value, x.Badge.Value, x.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            x.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
