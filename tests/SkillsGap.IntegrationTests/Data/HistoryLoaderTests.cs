using SkillsGap.Analytics.Gamification;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;
using static SkillsGap.IntegrationTests.Data.Org;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>Every role version and employee history row read back, and skill points counted against the role of each award's day.</summary>
public sealed class HistoryLoaderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// ANALYST v1 from 2024-01-01 needs SQL 3 (w4); v2 from 2025-06-01 also PY 2 (w3). LEAD needs PY 2 (w5).
    /// E1 is an Analyst from 2024-01-01 and a Lead from 2025-03-01 (target role ANALYST then). SQL-101 attests SQL 2, PY-101 PY 2.
    /// E1 earns SQL-101 on 2024-06-01 (as an Analyst: SQL 0→2, 4·2 = 8) and PY-101 on 2025-04-01 (as a Lead: PY 0→2, 5·2 = 10;
    /// against the target role ANALYST v1 it closes nothing).
    /// </summary>
    private static async Task SeedAsync(SkillsGapDbContext db)
    {
        var writer = new ImportWriter(db);
        await writer.UpsertSkillsAsync([Skill("SQL"), Skill("PY")], None);
        await writer.ApplyRolesAsync([Role("ANALYST", "Analyst", D("2024-01-01"), Req("SQL", 3, 4)), Role("LEAD", "Lead", D("2024-01-01"), Req("PY", 2, 5))],
            D("2024-01-01"), None);
        await writer.ApplyRolesAsync([Role("ANALYST", "Analyst", D("2025-06-01"), Req("SQL", 3, 4), Req("PY", 2, 3))], D("2025-06-01"), None);
        await writer.UpsertBadgesAsync([Badge("SQL-101", "SQL", 2), Badge("PY-101", "PY", 2)], None);
        await writer.ApplyEmployeesAsync([Person("E1", "ANALYST", from: D("2024-01-01"))], D("2024-01-01"), None);
        var lead = new Employee(new EmployeeId("E1"), "Person E1", "e1@example.org", new RoleCode("LEAD"), null, "Analytics", "Leeds", new RoleCode("ANALYST"));
        await writer.ApplyEmployeesAsync([new EmployeeChange(lead, D("2025-03-01"))], D("2025-03-01"), None);
        await writer.UpsertAwardsAsync([Award("E1", "SQL-101", "2024-06-01"), Award("E1", "PY-101", "2025-04-01")], None);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Every_role_version_and_history_row_is_loaded_and_points_follow_the_role_of_each_award_day(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext()) await SeedAsync(db);

        await using var read = database.NewContext();
        var history = await new HistoryLoader(read).LoadAsync(None);

        Assert.Equal([1, 2], history.VersionsOf(new RoleCode("ANALYST")).Select(v => v.Version));
        Assert.Equal(1, history.RoleOn(new RoleCode("ANALYST"), D("2025-05-31"))!.Version);
        Assert.Equal(2, history.RoleOn(new RoleCode("ANALYST"), D("2025-06-01"))!.Version);
        Assert.Equal(["SQL", "PY"], history.RoleOn(new RoleCode("ANALYST"), D("2026-01-01"))!.Requirements.Select(q => q.Skill.Value).OrderDescending());
        Assert.Equal(new RoleCode("ANALYST"), history.PeriodOn(new EmployeeId("E1"), D("2025-02-28"))!.Role);
        var lead = history.PeriodOn(new EmployeeId("E1"), D("2025-03-01"))!;
        Assert.Equal((new RoleCode("LEAD"), (RoleCode?)new RoleCode("ANALYST")), (lead.Role, lead.TargetRole));
        // Before the first row, the first row stands.
        Assert.Equal(new RoleCode("ANALYST"), history.PeriodOn(new EmployeeId("E1"), D("2020-01-01"))!.Role);
        Assert.Null(history.PeriodOn(new EmployeeId("NOBODY"), D("2025-01-01")));

        var snapshot = await new SnapshotLoader(read).LoadAsync(D("2026-01-01"), None);
        var figures = GapEngine.Compute(snapshot);
        var points = SkillPoints.Compute(figures, history);
        var e1 = snapshot.EmployeeIndex(new EmployeeId("E1"));
        Assert.Equal([("SQL-101", 8, "ANALYST"), ("PY-101", 10, "LEAD")], points.OfEmployee(e1).Select(p => (p.Badge.Value, p.Points, p.Against!.Value.Value)));
    }
}
