using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Figures;
using SkillsGap.App.Imports;
using SkillsGap.App.Writes;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.App;

/// <summary>
/// The one write path (<see cref="DataWrite"/>) and the import's place in it, on each provider: every import writes its own
/// ledger rows and reports them, awards name their row as source, the data version moves once per committed write and
/// never for a dry run or a rejection, concurrent imports each get their own rows, and a writer that bypasses the path is
/// stopped.
/// </summary>
public sealed class WriteSideTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-writes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    private async Task LoadAsync(ImportData import)
    {
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nPY,Python\nSQL,SQL\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical\nAN,Analyst,PY,3,4,true\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv",
            "badge_id,badge_name,skills,hours\nPY-1,Py 1,PY:1,5\nPY-3,Py 3,PY:3,20\nSQL-2,Sql 2,SQL:2,8\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv",
            "employee_id,name,email,role_code,manager_id\nM,Manager,m@x.org,AN,\nA,Ann,a@x.org,AN,M\nB,Ben,b@x.org,AN,A\n")]));
    }

    private static async Task<string> StampAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await DataVersion.ReadAsync(db);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task An_import_returns_its_own_ledger_rows_and_its_awards_name_theirs_as_source(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app.Get<ImportData>());

        var outcome = await app.Get<ImportData>().RunAsync(new ImportRequest(ImportKind.Awards,
        [
            File("first.csv", "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\nA,PY-3,2025-03-01\n"),
            File("second.csv", "employee_id,badge_id,issued_on\nB,SQL-2,2026-02-01\n"),
        ]));

        // One row per file, in file order, each with that file's counts.
        Assert.Equal(2, outcome.ImportIds.Count);
        await using var db = database.NewContext();
        var rows = await db.Imports.AsNoTracking().Where(i => outcome.ImportIds.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([("awards", "first.csv", "imported", 2), ("awards", "second.csv", "imported", 1)],
            rows.Select(r => (r.Kind, Path.GetFileName(r.FileName), r.Status, r.Inserted)));
        Assert.Equal(outcome.ImportIds, rows.Select(r => r.Id));
        // The awards say which import brought them.
        var sources = await db.Awards.AsNoTracking().OrderBy(a => a.EmployeeId).ThenBy(a => a.IssuedOn).Select(a => a.Source).ToListAsync();
        Assert.Equal([ImportLedger.SourceOf(rows[0].Id), ImportLedger.SourceOf(rows[0].Id), ImportLedger.SourceOf(rows[1].Id)], sources);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_data_version_moves_once_per_committed_import_and_never_for_a_dry_run_or_a_rejection(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app.Get<ImportData>());
        var import = app.Get<ImportData>();
        var cache = app.Get<FiguresCache>();
        var asOf = new DateOnly(2026, 11, 28);
        var before = await StampAsync(database);
        var figuresBefore = await cache.GetAsync(asOf);

        var dry = await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("dry.csv", "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\n")], DryRun: true));
        await Assert.ThrowsAsync<ImportRejectedException>(() => import.RunAsync(new ImportRequest(ImportKind.Awards,
            [File("bad.csv", "employee_id,badge_id,issued_on\nZ,PY-1,2025-01-01\n")])));
        Assert.Equal(before, await StampAsync(database));
        Assert.Same(figuresBefore, await cache.GetAsync(asOf));
        // The dry run is recorded as such, with what it would have changed; nothing else was written.
        await using (var db = database.NewContext())
        {
            var row = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == dry.ImportIds[0]);
            Assert.Equal(("dry-run", true, 1), (row.Status, row.DryRun, row.Inserted));
            Assert.Equal(0, await db.Awards.CountAsync());
        }

        await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("real.csv", "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\n")]));

        Assert.NotEqual(before, await StampAsync(database));
        // This process's cache sees its own write at once, without waiting for the stamp's lifetime.
        var after = await cache.GetAsync(asOf);
        Assert.NotSame(figuresBefore, after);
        Assert.Single(after.Snapshot.Awards);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Two_imports_at_once_each_report_their_own_ledger_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app.Get<ImportData>());
        var a = File("ann.csv", "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\nA,PY-3,2025-03-01\nA,SQL-2,2025-06-01\n");
        var b = File("ben.csv", "employee_id,badge_id,issued_on\nB,SQL-2,2026-02-01\n");

        // Two scopes, as two requests or two jobs on two workers have; both start before either finishes.
        await using var first = app.NewScope();
        await using var second = app.NewScope();
        var both = await Task.WhenAll(
            Task.Run(() => first.ServiceProvider.GetRequiredService<ImportData>().RunAsync(new ImportRequest(ImportKind.Awards, [a]))),
            Task.Run(() => second.ServiceProvider.GetRequiredService<ImportData>().RunAsync(new ImportRequest(ImportKind.Awards, [b]))));

        await using var db = database.NewContext();
        var annRow = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == Assert.Single(both[0].ImportIds));
        var benRow = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == Assert.Single(both[1].ImportIds));
        Assert.Equal(("ann.csv", 3), (Path.GetFileName(annRow.FileName), annRow.Inserted));
        Assert.Equal(("ben.csv", 1), (Path.GetFileName(benRow.FileName), benRow.Inserted));
        Assert.Equal(3, await db.Awards.CountAsync(a => a.Source == ImportLedger.SourceOf(annRow.Id)));
        Assert.Equal(1, await db.Awards.CountAsync(a => a.Source == ImportLedger.SourceOf(benRow.Id)));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_writer_that_bypasses_the_write_path_is_stopped_and_one_that_uses_it_gets_the_version_bump(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app.Get<ImportData>());
        var before = await StampAsync(database);

        // A context from App's services refuses organisation data saved outside DataWrite…
        var db = app.Get<SkillsGapDbContext>();
        db.Awards.Add(new AwardEntity { EmployeeId = "A", BadgeId = "PY-1", IssuedOn = new DateOnly(2025, 1, 1), State = (int)VerificationState.Recorded });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("DataWrite", refused.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        // …but writes its operational ledgers (a job row) directly.
        db.Jobs.Add(new JobEntity { Kind = "test", Status = "queued", CreatedAt = app.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Assert.Equal(before, await StampAsync(database));

        // The same award through DataWrite: saved, and every host's figures marked stale.
        var id = await app.Get<DataWrite>().RunAsync(async (write, ct) =>
        {
            var award = new AwardEntity { EmployeeId = "A", BadgeId = "PY-1", IssuedOn = new DateOnly(2025, 1, 1), State = (int)VerificationState.Recorded };
            write.Awards.Add(award);
            await write.SaveChangesAsync(ct);
            return award.Id;
        });

        await using var check = database.NewContext();
        Assert.True(await check.Awards.AnyAsync(a => a.Id == id));
        Assert.NotEqual(before, await StampAsync(database));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_write_that_throws_leaves_nothing_and_does_not_move_the_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app.Get<ImportData>());
        var before = await StampAsync(database);

        await Assert.ThrowsAsync<TimeoutException>(() => app.Get<DataWrite>().RunAsync<int>(async (write, ct) =>
        {
            write.Awards.Add(new AwardEntity { EmployeeId = "A", BadgeId = "PY-1", IssuedOn = new DateOnly(2025, 1, 1) });
            await write.SaveChangesAsync(ct);
            throw new TimeoutException("the writer failed half way");
        }));

        await using var check = database.NewContext();
        Assert.Equal(0, await check.Awards.CountAsync());
        Assert.Equal(before, await StampAsync(database));
    }
}
