using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;
using static SkillsGap.IntegrationTests.Data.Org;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>The storage cases, once per available provider (a temporary SQLite file; a real PostgreSQL server).</summary>
public sealed class StorageTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly ImportDay = D("2026-01-01");

    /// <summary>
    /// The tiny organisation of the figure tests. Role ANALYST v1 from 2026-01-01: PY ≥ 3 (weight 4, critical),
    /// SQL ≥ 2 (weight 2). PY-101 attests PY 2 for 12 months; PY-201 attests PY 3 for ever (needs PY-101); SQL-101
    /// attests SQL 2 for 24 months. E1 manages E2; E3 left on 2026-03-31.
    /// </summary>
    private static async Task SeedAsync(SkillsGapDbContext db)
    {
        var writer = new ImportWriter(db);
        await writer.UpsertSkillsAsync([Skill("PY", "Python", "python3"), Skill("SQL"), Skill("ML")], None);
        await writer.ApplyRolesAsync([Role("ANALYST", "Data Analyst", D("2026-01-01"), Req("PY", 3, 4, true), Req("SQL", 2, 2))], ImportDay, None);
        await writer.UpsertBadgesAsync(
        [
            Badge("PY-101", "PY", 2, 10, validMonths: 12),
            Badge("PY-201", "PY", 3, 20, prerequisites: "PY-101"),
            Badge("SQL-101", "SQL", 2, 8, validMonths: 24),
        ], None);
        await writer.ApplyEmployeesAsync(
        [
            Person("E1", "ANALYST", from: D("2026-01-01")),
            Person("E2", "ANALYST", "E1", D("2026-01-01")),
            Person("E3", "ANALYST", "E1", D("2026-01-01"), leftOn: D("2026-03-31")),
        ], ImportDay, None);
        await writer.UpsertAwardsAsync(
        [
            Award("E1", "PY-101", "2025-06-01"),
            Award("E1", "PY-201", "2026-01-10"),
            Award("E1", "SQL-101", "2024-01-01"),  // expires 2026-01-01 (24 months)
            Award("E1", "SQL-101", "2026-02-01"),  // the renewal, valid until 2028-02-01
            Award("E2", "PY-101", "2025-01-15"),   // expires 2026-01-15
            Award("E2", "SQL-101", "2025-03-01"),  // valid until 2027-03-01
            Award("E3", "PY-201", "2026-01-05"),
        ], None);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Migrations_create_every_table_and_leave_nothing_pending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Skills.CountAsync());
        Assert.Equal(0, await db.RoleVersions.CountAsync());
        Assert.Equal(0, await db.RoleRequirements.CountAsync());
        Assert.Equal(0, await db.Badges.CountAsync());
        Assert.Equal(0, await db.BadgeSkills.CountAsync());
        Assert.Equal(0, await db.BadgePrerequisites.CountAsync());
        Assert.Equal(0, await db.Employees.CountAsync());
        Assert.Equal(0, await db.EmployeeHistory.CountAsync());
        Assert.Equal(0, await db.Awards.CountAsync());
        Assert.Equal(0, await db.Imports.CountAsync());
        Assert.Equal(0, await db.Settings.CountAsync());
        Assert.Equal(0, await db.Models.CountAsync());
        Assert.Equal(0, await db.ReportRuns.CountAsync());
        Assert.Equal(0, await db.Jobs.CountAsync());
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
            Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync());
            Assert.Equal(10_000L, await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync());
        }
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Reimporting_the_same_rows_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var first = database.NewContext()) await SeedAsync(first);

        await using var db = database.NewContext();
        var writer = new ImportWriter(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // A later import date: unchanged people must not get a new history row dated that day.
        var later = D("2026-03-01");
        Assert.Equal(new ChangeCounts(0, 0, 3), await writer.UpsertSkillsAsync([Skill("PY", "Python", "python3"), Skill("SQL"), Skill("ML")], None));
        Assert.Equal(new ChangeCounts(0, 0, 1), await writer.ApplyRolesAsync([Role("ANALYST", "Data Analyst", null, Req("SQL", 2, 2), Req("PY", 3, 4, true))], later, None));
        Assert.Equal(new ChangeCounts(0, 0, 3), await writer.UpsertBadgesAsync(
        [
            Badge("PY-101", "PY", 2, 10, validMonths: 12),
            Badge("PY-201", "PY", 3, 20, prerequisites: "PY-101"),
            Badge("SQL-101", "SQL", 2, 8, validMonths: 24),
        ], None));
        Assert.Equal(new ChangeCounts(0, 0, 2), await writer.ApplyEmployeesAsync(
            [Person("E1", "ANALYST"), Person("E2", "ANALYST", "E1")], later, None));
        Assert.Equal(new ChangeCounts(0, 0, 2), await writer.UpsertAwardsAsync(
            [Award("E1", "PY-201", "2026-01-10", source: "another import"), Award("E2", "SQL-101", "2025-03-01")], None));
        await transaction.CommitAsync();

        Assert.Equal(1, await db.RoleVersions.CountAsync());
        Assert.Equal(3, await db.EmployeeHistory.CountAsync());
        Assert.Equal(7, await db.Awards.CountAsync());
        // Unchanged rows keep their source.
        Assert.Equal("test", await db.Awards.Where(a => a.EmployeeId == "E1" && a.BadgeId == "PY-201").Select(a => a.Source).SingleAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_changed_requirement_makes_version_2_from_its_date_and_earlier_snapshots_keep_version_1(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);

        // SQL now needs 3; no effective_from column, so the import date 2026-07-01 applies.
        var counts = await writer.ApplyRolesAsync([Role("ANALYST", "Data Analyst", null, Req("PY", 3, 4, true), Req("SQL", 3, 2))], D("2026-07-01"), None);
        Assert.Equal(new ChangeCounts(0, 1, 0), counts);
        // A title change alone renames the latest version in place.
        Assert.Equal(new ChangeCounts(0, 1, 0), await writer.ApplyRolesAsync(
            [Role("ANALYST", "Senior Data Analyst", null, Req("PY", 3, 4, true), Req("SQL", 3, 2))], D("2026-08-01"), None));

        var loader = new SnapshotLoader(db);
        var history = await loader.LoadRoleHistoryAsync(new RoleCode("ANALYST"), None);
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal([D("2026-01-01"), D("2026-07-01")], history.Select(v => v.EffectiveFrom));
        Assert.Equal(["Data Analyst", "Senior Data Analyst"], history.Select(v => v.Title));

        var before = (await loader.LoadAsync(D("2026-06-30"), None)).FindRole(new RoleCode("ANALYST"))!;
        var after = (await loader.LoadAsync(D("2026-07-01"), None)).FindRole(new RoleCode("ANALYST"))!;
        Assert.Equal(1, before.Version);
        Assert.Equal(2, before.Requirements.Single(r => r.Skill.Value == "SQL").Required.Value);
        Assert.Equal(2, after.Version);
        Assert.Equal(3, after.Requirements.Single(r => r.Skill.Value == "SQL").Required.Value);
        // Before any version is in force the earliest one is used.
        Assert.Equal(1, (await loader.LoadAsync(D("2025-01-01"), None)).FindRole(new RoleCode("ANALYST"))!.Version);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_roster_as_of_a_date_follows_role_changes_and_leavers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);

        // E2 becomes an engineer from 2026-05-01; E4 joins on 2026-04-01; E1 is restated unchanged.
        var counts = await writer.ApplyEmployeesAsync(
        [
            Person("E1", "ANALYST"),
            Person("E2", "ENGINEER", "E1", D("2026-05-01")),
            Person("E4", "ANALYST", "E2", D("2026-04-01")),
        ], D("2026-05-02"), None);
        Assert.Equal(new ChangeCounts(1, 1, 1), counts);

        var loader = new SnapshotLoader(db);
        var february = await loader.LoadAsync(D("2026-02-01"), None);
        Assert.Equal(["E1", "E2", "E3"], february.Employees.Select(e => e.Id.Value));
        Assert.Equal("ANALYST", february.FindEmployee(new EmployeeId("E2"))!.Role.Value);

        // E3 left on 2026-03-31: gone that day. E4 not yet joined on 2026-03-31.
        var endOfMarch = await loader.LoadAsync(D("2026-03-31"), None);
        Assert.Equal(["E1", "E2"], endOfMarch.Employees.Select(e => e.Id.Value));

        var lastOfApril = await loader.LoadAsync(D("2026-04-30"), None);
        Assert.Equal(["E1", "E2", "E4"], lastOfApril.Employees.Select(e => e.Id.Value));
        Assert.Equal("ANALYST", lastOfApril.FindEmployee(new EmployeeId("E2"))!.Role.Value);

        var may = await loader.LoadAsync(D("2026-05-01"), None);
        Assert.Equal("ENGINEER", may.FindEmployee(new EmployeeId("E2"))!.Role.Value);
        Assert.Equal("E1", may.FindEmployee(new EmployeeId("E2"))!.Manager!.Value.Value);
        // E3's awards leave with E3.
        Assert.DoesNotContain(may.Awards, a => a.Employee.Value == "E3");
        Assert.Equal(2, await db.EmployeeHistory.CountAsync(h => h.EmployeeId == "E2"));

        // A leaver reported late: the row takes effect on the leaving day, not the import day.
        Assert.Equal(new ChangeCounts(0, 1, 0), await writer.ApplyEmployeesAsync(
            [Person("E4", "ANALYST", "E2", leftOn: D("2026-06-15"))], D("2026-07-01"), None));
        Assert.DoesNotContain((await loader.LoadAsync(D("2026-06-20"), None)).Employees, e => e.Id.Value == "E4");
        Assert.Contains((await loader.LoadAsync(D("2026-06-14"), None)).Employees, e => e.Id.Value == "E4");
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task One_file_can_carry_an_employees_history_on_several_dates(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);

        // Rows out of date order; per row: the first makes E5 (Inserted), the later one changes E5 (Updated).
        var counts = await writer.ApplyEmployeesAsync(
        [
            Person("E5", "ENGINEER", "E1", D("2026-03-01"), department: "Platform"),
            Person("E5", "ANALYST", "E1", D("2026-01-01")),
        ], ImportDay, None);
        Assert.Equal(new ChangeCounts(1, 1, 0), counts);
        // The same file again changes nothing.
        Assert.Equal(new ChangeCounts(0, 0, 2), await writer.ApplyEmployeesAsync(
        [
            Person("E5", "ENGINEER", "E1", D("2026-03-01"), department: "Platform"),
            Person("E5", "ANALYST", "E1", D("2026-01-01")),
        ], D("2026-04-01"), None));

        var loader = new SnapshotLoader(db);
        var february = (await loader.LoadAsync(D("2026-02-28"), None)).FindEmployee(new EmployeeId("E5"))!;
        var march = (await loader.LoadAsync(D("2026-03-01"), None)).FindEmployee(new EmployeeId("E5"))!;
        Assert.Equal(("ANALYST", "Analytics"), (february.Role.Value, february.Department));
        Assert.Equal(("ENGINEER", "Platform"), (march.Role.Value, march.Department));
        Assert.Equal(2, await db.EmployeeHistory.CountAsync(h => h.EmployeeId == "E5"));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Awards_upsert_updates_a_changed_expiry_and_leaves_identical_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);

        var counts = await writer.UpsertAwardsAsync(
        [
            Award("E1", "PY-201", "2026-01-10", expires: "2027-01-10", source: "second"), // expiry set: updated
            Award("E2", "SQL-101", "2025-03-01", source: "second"),                     // same: unchanged
            Award("E2", "PY-201", "2026-02-01", source: "second"),                      // new: inserted
            Award("E2", "PY-101", "2025-01-15", state: VerificationState.Revoked),      // state changed: updated
        ], None);

        Assert.Equal(new ChangeCounts(1, 2, 1), counts);
        var py201 = await db.Awards.AsNoTracking().SingleAsync(a => a.EmployeeId == "E1" && a.BadgeId == "PY-201");
        Assert.Equal(D("2027-01-10"), py201.ExpiresOn);
        Assert.Equal("second", py201.Source);
        Assert.Equal("test", await db.Awards.Where(a => a.EmployeeId == "E2" && a.BadgeId == "SQL-101").Select(a => a.Source).SingleAsync());
        Assert.Equal((int)VerificationState.Revoked, await db.Awards.Where(a => a.EmployeeId == "E2" && a.BadgeId == "PY-101").Select(a => a.State).SingleAsync());
        Assert.Equal(8, await db.Awards.CountAsync());
        // The snapshot reads the stored values back exactly (dates, state, source).
        var snapshot = await new SnapshotLoader(db).LoadAsync(D("2026-06-01"), None);
        Assert.Equal(7, snapshot.Awards.Count); // E3 has left: their award stays out
        var loaded = snapshot.Awards.Single(a => a.Employee.Value == "E1" && a.Badge.Value == "PY-201");
        Assert.Equal((D("2026-01-10"), (DateOnly?)D("2027-01-10"), VerificationState.Recorded, "second"), (loaded.IssuedOn, loaded.ExpiresOn, loaded.State, loaded.Source));
        var revoked = snapshot.Awards.Single(a => a.Employee.Value == "E2" && a.Badge.Value == "PY-101");
        Assert.Equal((D("2025-01-15"), (DateOnly?)null, VerificationState.Revoked, "test"), (revoked.IssuedOn, revoked.ExpiresOn, revoked.State, revoked.Source));

        // Removing the explicit expiry again is a change too (NULL compared as a value).
        Assert.Equal(new ChangeCounts(0, 1, 0), await writer.UpsertAwardsAsync([Award("E1", "PY-201", "2026-01-10")], None));
        Assert.Null(await db.Awards.Where(a => a.EmployeeId == "E1" && a.BadgeId == "PY-201").Select(a => a.ExpiresOn).SingleAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_rolled_back_import_leaves_the_database_unchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var seed = database.NewContext()) await SeedAsync(seed);

        await using (var db = database.NewContext())
        {
            var writer = new ImportWriter(db);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await writer.UpsertSkillsAsync([Skill("PY", "Python 3"), Skill("GO")], None);
            await writer.ApplyRolesAsync([Role("ANALYST", "Data Analyst", null, Req("PY", 4, 4, true))], D("2026-09-01"), None);
            await writer.UpsertBadgesAsync([Badge("GO-101", "GO", 2)], None);
            await writer.ApplyEmployeesAsync([Person("E9", "ANALYST"), Person("E2", "ENGINEER", "E1")], D("2026-09-01"), None);
            var counts = await writer.UpsertAwardsAsync([Award("E9", "GO-101", "2026-09-01"), Award("E1", "PY-101", "2025-06-01", expires: "2030-01-01")], None);
            Assert.Equal(new ChangeCounts(1, 1, 0), counts);
            // Inside the transaction the writes are visible (the dry run's report).
            Assert.Equal(4, await db.Skills.CountAsync());
            await transaction.RollbackAsync();
        }

        await using var check = database.NewContext();
        Assert.Equal(["ML", "PY", "SQL"], (await check.Skills.Select(s => s.Code).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("Python", await check.Skills.Where(s => s.Code == "PY").Select(s => s.Name).SingleAsync());
        Assert.Equal(1, await check.RoleVersions.CountAsync());
        Assert.Equal(3, await check.Badges.CountAsync());
        Assert.Equal(3, await check.Employees.CountAsync());
        Assert.Equal(3, await check.EmployeeHistory.CountAsync());
        Assert.Equal(7, await check.Awards.CountAsync());
        Assert.Null(await check.Awards.Where(a => a.EmployeeId == "E1" && a.BadgeId == "PY-101").Select(a => a.ExpiresOn).SingleAsync());
        // No staging table survives.
        var snapshot = await new SnapshotLoader(check).LoadAsync(D("2026-06-01"), None);
        Assert.Equal(["E1", "E2"], snapshot.Employees.Select(e => e.Id.Value));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_snapshot_loads_beside_an_open_import_and_sees_only_committed_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var seed = database.NewContext()) await SeedAsync(seed);

        await using var importing = database.NewContext();
        await using var transaction = await importing.Database.BeginTransactionAsync();
        var writer = new ImportWriter(importing);
        await writer.ApplyEmployeesAsync([Person("E7", "ANALYST", "E1")], D("2026-02-01"), None);
        await writer.UpsertAwardsAsync([Award("E7", "PY-201", "2026-02-02"), Award("E2", "PY-201", "2026-02-02")], None);

        await using (var reading = database.NewContext())
        {
            var snapshot = await new SnapshotLoader(reading).LoadAsync(D("2026-06-01"), None);
            Assert.Equal(["E1", "E2"], snapshot.Employees.Select(e => e.Id.Value));
            Assert.Equal(6, snapshot.Awards.Count); // the 7 seeded minus E3's (left); not the 2 uncommitted ones
        }

        await transaction.CommitAsync();
        await using var after = database.NewContext();
        var committed = await new SnapshotLoader(after).LoadAsync(D("2026-06-01"), None);
        Assert.Equal(["E1", "E2", "E7"], committed.Employees.Select(e => e.Id.Value));
        Assert.Equal(8, committed.Awards.Count);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Snapshot_figures_count_a_renewed_award_but_not_an_expired_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var loader = new SnapshotLoader(db);

        // As of 2026-06-01. E1: PY-201 (PY 3, never expires); SQL-101 of 2024 expired on 2026-01-01 but its renewal of
        // 2026-02-01 holds SQL 2. Readiness = (4·min(3,3) + 2·min(2,2)) / (4·3 + 2·2) = 16/16 = 1, ready.
        // E2: PY-101 expired on 2026-01-15, so PY 0; SQL-101 of 2025-03-01 holds SQL 2.
        // Readiness = (4·0 + 2·2) / 16 = 0.25; a critical gap in PY; not ready.
        var june = GapEngine.Compute(await loader.LoadAsync(D("2026-06-01"), None));
        Assert.Equal(2, june.EmployeeCount);
        var e1 = june.ForEmployee(june.Snapshot.EmployeeIndex(new EmployeeId("E1")));
        var e2 = june.ForEmployee(june.Snapshot.EmployeeIndex(new EmployeeId("E2")));
        Assert.Equal(1.0, e1.Readiness, 10);
        Assert.True(e1.Ready);
        Assert.Equal(0.25, e2.Readiness, 10);
        Assert.True(e2.HasCriticalGap);
        Assert.False(e2.Ready);
        Assert.Equal(3, e2.Requirements.Single(r => r.Skill.Value == "PY").Gap);
        Assert.Equal(0, e2.Requirements.Single(r => r.Skill.Value == "SQL").Gap);

        // As of 2026-01-12 E2's PY-101 is still valid: (4·2 + 2·2) / 16 = 0.75. E1's old SQL-101 has expired and the
        // renewal is not issued yet: (4·3 + 2·0) / 16 = 0.75, and E3 (joined, not yet left) is in the roster.
        var january = GapEngine.Compute(await loader.LoadAsync(D("2026-01-12"), None));
        Assert.Equal(3, january.EmployeeCount);
        Assert.Equal(0.75, january.Readiness(january.Snapshot.EmployeeIndex(new EmployeeId("E2"))), 10);
        Assert.Equal(0.75, january.Readiness(january.Snapshot.EmployeeIndex(new EmployeeId("E1"))), 10);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Badges_keep_their_prerequisite_groups_and_change_in_place(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);

        var stack = new Badge(new BadgeId("DATA-STACK"), "Data stack", "Acme Academy",
            [new BadgeSkill(new SkillCode("PY"), new ProficiencyLevel(4)), new BadgeSkill(new SkillCode("SQL"), new ProficiencyLevel(3))],
            2.5m, PrerequisiteRule.Parse("PY-201;SQL-101|SQL-102"), null, null, NeedsReview: true);
        Assert.Equal(new ChangeCounts(2, 1, 2), await writer.UpsertBadgesAsync(
        [
            stack,
            Badge("SQL-102", "SQL", 2, 6, stack: "DATA-STACK"),
            Badge("PY-101", "PY", 2, 12, validMonths: 12), // hours changed
            Badge("PY-201", "PY", 3, 20, prerequisites: "PY-101"),
            Badge("SQL-101", "SQL", 2, 8, validMonths: 24),
        ], None));

        var snapshot = await new SnapshotLoader(db).LoadAsync(D("2026-06-01"), None);
        var stored = snapshot.FindBadge(new BadgeId("DATA-STACK"))!;
        Assert.Equal("PY-201;SQL-101|SQL-102", stored.Prerequisites.ToString());
        Assert.Equal(2.5m, stored.Hours);
        Assert.True(stored.NeedsReview);
        Assert.Equal(["PY:4", "SQL:3"], stored.Skills.Select(s => $"{s.Skill}:{s.Level}"));
        Assert.Equal("DATA-STACK", snapshot.FindBadge(new BadgeId("SQL-102"))!.StackId!.Value.Value);
        Assert.Equal(12m, snapshot.FindBadge(new BadgeId("PY-101"))!.Hours);

        // Change the stack's groups and skills: one group fewer, one skill replaced.
        var changed = stack with
        {
            Skills = [new BadgeSkill(new SkillCode("ML"), new ProficiencyLevel(2)), new BadgeSkill(new SkillCode("SQL"), new ProficiencyLevel(4))],
            Prerequisites = PrerequisiteRule.Parse("SQL-102|SQL-101"),
        };
        Assert.Equal(new ChangeCounts(0, 1, 0), await writer.UpsertBadgesAsync([changed], None));
        Assert.Equal(new ChangeCounts(0, 0, 1), await writer.UpsertBadgesAsync([changed], None));
        var again = (await new SnapshotLoader(db).LoadAsync(D("2026-06-01"), None)).FindBadge(new BadgeId("DATA-STACK"))!;
        Assert.Equal("SQL-102|SQL-101", again.Prerequisites.ToString());
        Assert.Equal(["ML:2", "SQL:4"], again.Skills.Select(s => $"{s.Skill}:{s.Level}"));
        Assert.Equal(2, await db.BadgePrerequisites.CountAsync(p => p.BadgeId == "DATA-STACK"));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Stored_keys_list_codes_ids_emails_and_current_managers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        await new ImportWriter(db).ApplyEmployeesAsync([Person("E2", "ANALYST", "E3", D("2026-02-01"))], ImportDay, None);

        var keys = await new SnapshotLoader(db).LoadKeysAsync(None);

        Assert.True(keys.Skills.SetEquals([new SkillCode("PY"), new SkillCode("SQL"), new SkillCode("ML")]));
        Assert.True(keys.Roles.SetEquals([new RoleCode("ANALYST")]));
        Assert.True(keys.Badges.SetEquals([new BadgeId("PY-101"), new BadgeId("PY-201"), new BadgeId("SQL-101")]));
        Assert.True(keys.Employees.SetEquals([new EmployeeId("E1"), new EmployeeId("E2"), new EmployeeId("E3")]));
        Assert.Equal(new EmployeeId("E2"), keys.EmployeesByEmail["E2@Example.org"]);
        Assert.Null(keys.ManagerLinks[new EmployeeId("E1")]);
        Assert.Equal(new EmployeeId("E3"), keys.ManagerLinks[new EmployeeId("E2")]);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_bulk_path_counts_every_row_of_a_large_file(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedAsync(db);
        var writer = new ImportWriter(db);
        const int people = 2_000;
        var employees = Enumerable.Range(0, people).Select(i => Person($"P{i:D5}", "ANALYST", "E1")).ToList();
        Assert.Equal(new ChangeCounts(people, 0, 0), await writer.ApplyEmployeesAsync(employees, ImportDay, None));

        // 10 awards per person: 20,000 rows.
        string[] badges = ["PY-101", "PY-201", "SQL-101"];
        var awards = Enumerable.Range(0, people * 10)
            .Select(i => Award($"P{i / 10:D5}", badges[i % 3], D("2024-01-01").AddDays(i % 10 * 30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(new ChangeCounts(awards.Count, 0, 0), await writer.UpsertAwardsAsync(awards, None));
            await transaction.CommitAsync();
        }
        // Every 4th row gets an expiry: 5,000 updated, 15,000 unchanged.
        var changed = awards.Select((a, i) => i % 4 == 0 ? a with { ExpiresOn = a.IssuedOn.AddYears(3) } : a).ToList();
        Assert.Equal(new ChangeCounts(0, awards.Count / 4, awards.Count - awards.Count / 4), await writer.UpsertAwardsAsync(changed, None));
        Assert.Equal(awards.Count + 7, await db.Awards.CountAsync());
        Assert.Equal(awards.Count / 4, await db.Awards.CountAsync(a => a.ExpiresOn != null && a.EmployeeId.StartsWith("P")));
    }
}
