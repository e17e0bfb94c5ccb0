using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Core.Figures;

/// <summary>
/// Rows that the readers now refuse but a database may still hold (written before the checks, or by another tool):
/// no figure throws; each value is clamped into <see cref="ValueBounds"/> and counted in <see cref="OrganisationSnapshot.Clamped"/>.
/// </summary>
public sealed class StoredValueTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);

    /// <summary>
    /// ANALYST needs PY 3 (weight stored as 300), SQL 2 (weight 2), ML 1 (weight 1). B-LONG: PY 3, 4 h, valid 200,000 months;
    /// B-HUGE: SQL 2 and B-HUGE2: ML 1, each 79,228,162,514,264,337,593,543,950,335 h (decimal.MaxValue); B-FAR: PY 4, 2 h, valid 12 months.
    /// E1 holds B-LONG (2020-01-01) and B-FAR issued 9999-12-31. E2 holds B-HUGE (2025-01-01, achieved level 40,000, a state
    /// numbered 7) and B-LONG (2024-01-01) with an explicit expiry of 0001-01-01.
    /// </summary>
    private static OrganisationSnapshot Hostile() => new(AsOf,
        [new Skill(new SkillCode("PY"), "Python"), new Skill(new SkillCode("SQL"), "SQL"), new Skill(new SkillCode("ML"), "ML")],
        [new RoleVersion(new RoleCode("ANALYST"), "Analyst", null, 1, new DateOnly(2020, 1, 1),
            [Requirement("PY", 3, 300), Requirement("SQL", 2, 2), Requirement("ML", 1, 1)])],
        [
            Badge("B-LONG", "PY", 3, 4m, 200_000),
            Badge("B-HUGE", "SQL", 2, decimal.MaxValue, null),
            Badge("B-HUGE2", "ML", 1, decimal.MaxValue, null),
            Badge("B-FAR", "PY", 4, 2m, 12),
        ],
        [
            new Employee(new EmployeeId("E1"), "One", "e1@example.org", new RoleCode("ANALYST")),
            new Employee(new EmployeeId("E2"), "Two", "e2@example.org", new RoleCode("ANALYST")),
        ],
        [
            new Award(new EmployeeId("E1"), new BadgeId("B-LONG"), new DateOnly(2020, 1, 1)),
            new Award(new EmployeeId("E1"), new BadgeId("B-FAR"), DateOnly.MaxValue),
            new Award(new EmployeeId("E2"), new BadgeId("B-HUGE"), new DateOnly(2025, 1, 1), State: (VerificationState)7, AchievedLevel: 40_000),
            new Award(new EmployeeId("E2"), new BadgeId("B-LONG"), new DateOnly(2024, 1, 1), DateOnly.MinValue),
        ]);

    private static RoleRequirement Requirement(string skill, int level, int weight) => new(new SkillCode(skill), new ProficiencyLevel(level), weight);

    private static Badge Badge(string id, string skill, int level, decimal hours, int? validMonths) =>
        new(new BadgeId(id), id, null, [new BadgeSkill(new SkillCode(skill), new ProficiencyLevel(level))], hours, PrerequisiteRule.None, validMonths);

    [Fact]
    public void An_expiry_beyond_the_calendar_saturates_instead_of_throwing()
    {
        var badge = Badge("B", "PY", 3, 1m, 200_000);

        Assert.Equal(DateOnly.MaxValue, badge.ExpiryFor(new DateOnly(9999, 12, 31), null));
        // 200,000 months counts as the bound, 1,200 months (100 years).
        Assert.Equal(new DateOnly(2126, 1, 1), badge.ExpiryFor(new DateOnly(2026, 1, 1), null));
        Assert.Equal(new DateOnly(2026, 2, 1), (badge with { ValidMonths = -5 }).ExpiryFor(new DateOnly(2026, 1, 1), null));
        Assert.Equal(DateOnly.MaxValue, ValueBounds.AddMonthsSaturating(new DateOnly(9999, 12, 1), 1));
        Assert.Equal(DateOnly.MinValue, ValueBounds.AddMonthsSaturating(new DateOnly(1, 2, 1), -5));
    }

    [Fact]
    public void Every_out_of_bounds_value_is_clamped_and_counted()
    {
        var snapshot = Hostile();

        Assert.Equal(8, snapshot.Clamped.Total);
        Assert.Equal(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["awards.achieved_level"] = 1,
            ["awards.expires_on"] = 1,
            ["awards.issued_on"] = 1,
            ["awards.state"] = 1,
            ["badges.hours"] = 2,
            ["badges.valid_months"] = 1,
            ["role_requirements.weight"] = 1,
        }, snapshot.Clamped.Counts);
        Assert.Contains("badges.valid_months 1 (B-LONG: 200000)", snapshot.Clamped.ToString(), StringComparison.Ordinal);
        Assert.Contains("awards.issued_on 1 (E1/B-FAR/9999-12-31: 9999-12-31)", snapshot.Clamped.ToString(), StringComparison.Ordinal);
        Assert.Equal(ValueBounds.MaxHours, snapshot.FindBadge(new BadgeId("B-HUGE"))!.Hours);
        Assert.Equal(1_200, snapshot.FindBadge(new BadgeId("B-LONG"))!.ValidMonths);
    }

    [Fact]
    public void Gaps_and_readiness_are_computed_from_the_clamped_values()
    {
        var figures = GapEngine.Compute(Hostile());

        // Weighted required = 5·3 + 2·2 + 1·1 = 20 (the stored weight 300 counts as 5).
        // E1: PY 3 from B-LONG (valid for 100 years); B-FAR, issued in 2200 at the earliest, does not count yet → 15 / 20.
        Assert.Equal(0.75, figures.Readiness(0), 12);
        Assert.Equal([3, 0, 0], figures.AttainedRow(0).ToArray().Select(b => (int)b).Take(3));
        // E2: SQL 2 from B-HUGE (achieved level 40,000 caps nothing; the unknown state counts as unverified, which counts);
        // B-LONG expired on its explicit (clamped) expiry 1900-01-01 → 2·2 / 20.
        Assert.Equal(0.2, figures.Readiness(1), 12);
        Assert.Equal([0, 2, 0], figures.AttainedRow(1).ToArray().Select(b => (int)b).Take(3));
    }

    [Fact]
    public void A_pathway_over_two_badges_of_the_largest_decimal_hours_does_not_overflow()
    {
        var figures = GapEngine.Compute(Hostile());

        var e1 = PathwayPlanner.Plan(figures, new EmployeeId("E1"));
        var e2 = PathwayPlanner.Plan(figures, new EmployeeId("E2"));

        // E1 lacks SQL 2 and ML 1: only B-HUGE and B-HUGE2 attest them, 10,000 h each once clamped (unclamped, their sum overflows decimal).
        Assert.Equal(20_000m, e1.TotalHours);
        Assert.Equal(["B-HUGE", "B-HUGE2"], e1.Steps.Select(s => s.Badge.Value).Order(StringComparer.Ordinal));
        Assert.Equal(1.0, e1.ReadinessAfter, 12);
        // E2 lacks PY 3 and ML 1: B-FAR (2 h, PY 4) beats B-LONG (4 h), and B-HUGE2 → 10,002 h.
        Assert.Equal(10_002m, e2.TotalHours);
        Assert.Equal(["B-FAR", "B-HUGE2"], e2.Steps.Select(s => s.Badge.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Group_figures_and_recommendations_are_computed_from_such_rows_too()
    {
        var figures = GapEngine.Compute(Hostile());

        var org = GroupAnalysis.Analyse(figures, [0, 1]);
        var history = TrainingHistory.Build(figures.Snapshot);
        var picks = new Recommender(null).Recommend(figures, 1, top: 3);

        Assert.Equal(2, org.Summary.People);
        Assert.Equal((0.75 + 0.2) / 2, org.Summary.MeanReadiness!.Value, 12);
        Assert.NotNull(history);
        Assert.Contains(picks, p => p.Badge.Id.Value == "B-FAR");
    }
}
