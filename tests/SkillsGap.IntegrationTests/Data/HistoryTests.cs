using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;
using SkillsGap.Recommendations;
using SkillsGap.Reporting;
using static SkillsGap.IntegrationTests.Data.Org;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>
/// One read of the whole history gives every date what a snapshot read for that date gives: the same roster, role
/// versions and awards, and the same readiness — so a 12-week trend needs one read instead of twelve.
/// </summary>
public sealed class HistoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// ANALYST v1 from 2026-01-01: PY ≥ 3 (weight 4, critical), SQL ≥ 2 (weight 2); v2 from 2026-03-01: PY ≥ 2 (weight 4,
    /// critical), SQL ≥ 3 (weight 2). LEAD from 2026-01-01: SQL ≥ 1 (weight 1). E1 and E3 analysts from 2026-01-01 (E3
    /// left on 2026-03-31); E2 an analyst, then a lead from 2026-02-15; E4 joins on 2026-03-10 under E2.
    /// PY-101: PY 2 for 12 months; PY-201: PY 3; SQL-101: SQL 2 for 24 months.
    /// </summary>
    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var writer = new ImportWriter(db);
        await writer.UpsertSkillsAsync([Skill("PY"), Skill("SQL")], None);
        await writer.ApplyRolesAsync(
            [Role("ANALYST", "Analyst", D("2026-01-01"), Req("PY", 3, 4, true), Req("SQL", 2, 2)), Role("LEAD", "Lead", D("2026-01-01"), Req("SQL", 1, 1))],
            D("2026-01-01"), None);
        await writer.ApplyRolesAsync([Role("ANALYST", "Analyst", D("2026-03-01"), Req("PY", 2, 4, true), Req("SQL", 3, 2))], D("2026-03-01"), None);
        await writer.UpsertBadgesAsync([Badge("PY-101", "PY", 2, validMonths: 12), Badge("PY-201", "PY", 3), Badge("SQL-101", "SQL", 2, validMonths: 24)], None);
        await writer.ApplyEmployeesAsync(
        [
            Person("E1", "ANALYST", from: D("2026-01-01")),
            Person("E2", "ANALYST", "E1", D("2026-01-01")),
            Person("E3", "ANALYST", "E1", D("2026-01-01"), leftOn: D("2026-03-31")),
        ], D("2026-01-01"), None);
        await writer.ApplyEmployeesAsync([Person("E2", "LEAD", "E1", D("2026-02-15")), Person("E4", "ANALYST", "E2", D("2026-03-10"))], D("2026-03-10"), None);
        await writer.UpsertAwardsAsync(
        [
            Award("E1", "PY-201", "2026-01-10"),
            Award("E1", "SQL-101", "2026-02-01"),
            Award("E2", "PY-101", "2025-01-15"),
            Award("E2", "SQL-101", "2025-03-01"),
            Award("E3", "PY-201", "2026-01-05"),
            Award("E4", "SQL-101", "2026-03-12"),
        ], None);
        return database;
    }

    private static readonly DateOnly[] Dates = [D("2025-12-31"), D("2026-01-04"), D("2026-01-31"), D("2026-02-28"), D("2026-03-15"), D("2026-04-05")];

    [Theory, SqliteData, PostgreSqlData]
    public async Task Every_date_of_one_history_read_equals_the_snapshot_read_for_that_date(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        OrganisationTimeline history;
        await using (var db = database.NewContext()) history = await new SnapshotLoader(db).LoadTimelineAsync(None);

        foreach (var date in Dates)
        {
            OrganisationSnapshot loaded;
            await using (var db = database.NewContext()) loaded = await new SnapshotLoader(db).LoadAsync(date, None);
            var derived = history.SnapshotAsOf(date);

            Assert.Equal(loaded.Employees, derived.Employees);
            Assert.Equal(loaded.Roles.Select(r => (r.Code, r.Version)), derived.Roles.Select(r => (r.Code, r.Version)));
            Assert.Equal(loaded.Awards, derived.Awards);
            var figures = GapEngine.Compute(loaded);
            var fromHistory = history.FiguresAsOf(date);
            Assert.Equal(figures.Awards.Offsets, fromHistory.Awards.Offsets);
            Assert.Equal(figures.Awards.Badge, fromHistory.Awards.Badge);
            Assert.Equal(figures.Awards.Expires, fromHistory.Awards.Expires);
            Assert.Equal(figures.Awards.SourceIndex, fromHistory.Awards.SourceIndex);
            Assert.Equal(figures.Snapshot.Skills.Select(k => k.Code), fromHistory.Snapshot.Skills.Select(k => k.Code));
            for (var e = 0; e < figures.EmployeeCount; e++)
            {
                Assert.Equal(figures.AttainedRow(e).ToArray(), fromHistory.AttainedRow(e).ToArray());
                Assert.Equal(figures.Readiness(e), fromHistory.Readiness(e));
            }
            var readiness = history.ReadinessAsOf(date);
            Assert.Equal(figures.EmployeeCount, readiness.EmployeeCount);
            for (var e = 0; e < figures.EmployeeCount; e++)
            {
                Assert.Equal(figures.Readiness(e), readiness.Readiness(e));
                Assert.Equal(figures.IsReady(e), readiness.IsReady(e));
            }
        }
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_history_gives_the_hand_computed_roster_and_readiness_of_each_date(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        OrganisationTimeline history;
        await using (var db = database.NewContext()) history = await new SnapshotLoader(db).LoadTimelineAsync(None);

        string Roster(DateOnly d) => string.Join(" ", history.ReadinessAsOf(d).Roster.Employees.Select(e => $"{e.Id}:{e.Role}"));
        Assert.Equal("", Roster(D("2025-12-31")));
        Assert.Equal("E1:ANALYST E2:ANALYST E3:ANALYST", Roster(D("2026-01-04")));
        Assert.Equal("E1:ANALYST E2:LEAD E3:ANALYST E4:ANALYST", Roster(D("2026-03-15")));
        Assert.Equal("E1:ANALYST E2:LEAD E4:ANALYST", Roster(D("2026-04-05")));

        // 2026-01-31, ANALYST v1 (PY ≥ 3 ×4 critical, SQL ≥ 2 ×2; Σ weight·required = 16): E1 holds PY 3, not yet SQL:
        // 4·3 / 16 = 0.75. E2's PY-101 expired on 2026-01-15, SQL 2: 2·2 / 16 = 0.25.
        var january = history.ReadinessAsOf(D("2026-01-31"));
        Assert.Equal(0.75, january.Readiness(0), 12);
        Assert.Equal(0.25, january.Readiness(1), 12);
        // 2026-03-15, ANALYST v2 (PY ≥ 2 ×4 critical, SQL ≥ 3 ×2; Σ = 14): E1 PY 3 → 8, SQL 2 → 4: 12/14. E2 is a LEAD
        // (SQL ≥ 1) with SQL 2: 1, ready. E3 PY 3 → 8: 8/14. E4 SQL 2 → 4: 4/14, a critical gap.
        var march = history.ReadinessAsOf(D("2026-03-15"));
        Assert.Equal(12.0 / 14, march.Readiness(0), 12);
        Assert.Equal(1.0, march.Readiness(1), 12);
        Assert.True(march.IsReady(1));
        Assert.Equal(8.0 / 14, march.Readiness(2), 12);
        Assert.Equal(4.0 / 14, march.Readiness(3), 12);
        Assert.False(march.IsReady(0));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_trend_from_one_history_read_equals_the_trend_from_a_snapshot_per_week(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        OrganisationTimeline history;
        await using (var db = database.NewContext()) history = await new SnapshotLoader(db).LoadTimelineAsync(None);
        var week = IsoWeek.Of(D("2026-04-05"));

        foreach (var request in new[] { ReportRequest.ForOrganisation(week), ReportRequest.ForManager(new EmployeeId("E1"), week), ReportRequest.ForManager(new EmployeeId("E2"), week) })
        {
            var fromHistory = WeeklyReportModels.Trend(request, d => history.ReadinessAsOf(d));
            var perWeek = new List<TrendWeek>();
            for (var back = WeeklyReportModels.TrendWeeks - 1; back >= 0; back--)
            {
                var w = IsoWeek.Of(request.Week.Monday.AddDays(-7 * back));
                await using var db = database.NewContext();
                perWeek.Add(WeeklyReportModels.TrendPoint(w, GapEngine.Compute(await new SnapshotLoader(db).LoadAsync(w.Sunday, None)), request));
            }

            Assert.Equal(perWeek.Select(Point), fromHistory.Select(Point));
            var current = GapEngine.Compute(history.SnapshotAsOf(week.Sunday));
            var previous = GapEngine.Compute(history.SnapshotAsOf(week.Previous.Sunday));
            var recommender = new Recommender(null);
            Assert.Equal(
                Headline(WeeklyReportModels.Build(request, current, previous, perWeek, recommender)),
                Headline(WeeklyReportModels.Build(request, history.FiguresAsOf(week.Sunday), history.FiguresAsOf(week.Previous.Sunday), fromHistory, recommender)));
            // The trend's week before last is the week before: the "change since last week" baseline.
            Assert.Equal(Figure(WeeklyReportModels.Readiness(previous, WeeklyReportModels.Members(previous, request))), Figure(fromHistory[^2].Figure));
        }

        static string Point(TrendWeek t) => FormattableString.Invariant($"{t.Week} {t.AsOf:yyyy-MM-dd} {Figure(t.Figure)}");
        static string Figure(ReadinessFigure? f) => f is null ? "none" : FormattableString.Invariant($"{f.People} {f.MeanReadiness:R} {f.Ready} {f.ReadyShare:R} {string.Join(",", f.Histogram)}");
        static string Headline(WeeklyReportModel m) => FormattableString.Invariant($"{m.AsOf:yyyy-MM-dd} {m.PreviousAsOf:yyyy-MM-dd} {Figure(m.Current)} {Figure(m.Previous)}");
    }
}
