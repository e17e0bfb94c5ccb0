using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkillsGap.Analytics;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Gaps;
using SkillsGap.App.Imports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.App;

/// <summary>The import and gaps use cases end to end on each provider: files in, figures out, rejections leave nothing.</summary>
public sealed class ImportAndGapsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-app-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    private static BusinessCalendar Calendar() =>
        new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)), Options.Create(new SkillsGapOptions { TimeZone = "UTC" }));

    private async Task LoadAsync(AppServices app)
    {
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nPY,Python\nSQL,SQL\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical\nAN,Analyst,PY,3,4,true\nAN,Analyst,SQL,2,1,false\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv",
            "badge_id,badge_name,skills,hours,prerequisites,valid_months\nPY-1,Py 1,PY:1,5,,\nPY-3,Py 3,PY:3,20,PY-1,\nSQL-2,Sql 2,SQL:2,8,,12\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv",
            "employee_id,name,email,role_code,manager_id\nM,Manager,m@x.org,AN,\nA,Ann,a@x.org,AN,M\nB,Ben,b@x.org,AN,A\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("awards.csv",
            "employee_id,badge_id,issued_on\nA,PY-1,2025-01-01\nA,PY-3,2025-03-01\nA,SQL-2,2025-06-01\nB,SQL-2,2026-02-01\n")]));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Imported_files_give_the_hand_computed_team_figures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app);
        var gaps = new GapsQuery(new FiguresCache(database.Factory(), Options.Create(new FiguresOptions())), Calendar(), Options.Create(new FiguresOptions()));

        var team = (GroupGapsDocument)await gaps.RunAsync(new GapsRequest(GroupKind.Team, "M", new DateOnly(2026, 3, 1)));

        // Σ w·req = 4·3 + 1·2 = 14. A: PY 3, SQL 2 (SQL-2 of 2025-06-01 lasts 12 months) → 14/14 = 1, ready.
        // B: SQL 2 only → 2/14 = 0.142857…, critical PY gap → not ready. Mean = (1 + 0.142857) / 2 = 0.5714.
        Assert.Equal(["A", "B"], team.Employees.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(0.5714, team.Summary.MeanReadiness);
        Assert.Equal(1, team.Summary.Ready);
        // On 2026-06-01 A's SQL-2 has expired: 12/14 = 0.8571 and not ready.
        var later = (EmployeeGapsDocument)await gaps.RunAsync(new GapsRequest(GroupKind.Employee, "A", new DateOnly(2026, 6, 1)));
        Assert.Equal(0.8571, later.Employees[0].Readiness);
        Assert.False(later.Employees[0].Ready);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_rejected_batch_writes_no_record_but_its_own_import_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await using var db = database.NewContext();
        await LoadAsync(app);
        var awardsBefore = await db.Awards.CountAsync();

        var import = app.Get<ImportData>();
        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => import.RunAsync(new ImportRequest(ImportKind.Awards,
            [File("ok.csv", "employee_id,badge_id,issued_on\nM,PY-1,2026-01-01\n"), File("bad.csv", "employee_id,badge_id,issued_on\nZ,PY-1,2026-01-01\n")])));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((2, "employee_id", "Z"), (error.Row, error.Column, error.Value));
        Assert.EndsWith("bad.csv", error.File, StringComparison.Ordinal);
        Assert.Equal(awardsBefore, await db.Awards.CountAsync());
        var ledger = await db.Imports.Where(i => i.Status == "rejected").OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(2, ledger.Count);
        Assert.Equal(1, ledger.Single(i => i.FileName.EndsWith("bad.csv", StringComparison.Ordinal)).ErrorCount);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_dry_run_counts_the_changes_and_rolls_them_back(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await using var db = database.NewContext();
        await LoadAsync(app);

        var outcome = await app.Get<ImportData>().RunAsync(new ImportRequest(ImportKind.Awards,
            [File("more.csv", "employee_id,badge_id,issued_on\nM,PY-1,2026-01-01\nA,PY-1,2025-01-01\n")], DryRun: true));

        Assert.Equal((1, 0, 1), (outcome.Total.Inserted, outcome.Total.Updated, outcome.Total.Unchanged));
        Assert.Equal(4, await db.Awards.CountAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task An_award_issued_after_the_stored_left_on_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app);
        await using var db = database.NewContext();
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("left.csv",
            "employee_id,name,email,role_code,manager_id,effective_from,left_on\nB,Ben,b@x.org,AN,A,2026-03-01,2026-03-31\n")]));
        var awardsBefore = await db.Awards.CountAsync();

        var rejected = await Assert.ThrowsAnyAsync<InputRejectedException>(() => import.RunAsync(new ImportRequest(ImportKind.Awards,
            [File("late.csv", "employee_id,badge_id,issued_on\nB,PY-1,2026-03-31\nB,PY-3,2026-04-01\n")])));

        // The stored employee's latest row says B left on 2026-03-31: an award that day still counts, one after it cannot.
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((3, "issued_on", "issued_on 2026-04-01 is after employee B left on 2026-03-31"), (error.Row, error.Column, error.Reason));
        Assert.Equal(awardsBefore, await db.Awards.CountAsync());
        Assert.Equal(new DateOnly(2026, 3, 31), (await new SnapshotLoader(db).LoadKeysAsync(default)).LeftOn[new SkillsGap.Core.Domain.EmployeeId("B")]);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Rows_another_tool_wrote_out_of_bounds_still_give_figures_and_are_counted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = AppServices.Create(database))
            await LoadAsync(app);
        await using var db = database.NewContext();
        // What the readers refuse, written straight into the tables (the column types allow it).
        await db.Database.ExecuteSqlRawAsync("UPDATE badges SET valid_months = 200000 WHERE id = 'SQL-2'");
        await db.Database.ExecuteSqlRawAsync("UPDATE badge_skills SET level = 9 WHERE badge_id = 'PY-3'");
        await db.Database.ExecuteSqlRawAsync("UPDATE role_requirements SET weight = 300 WHERE skill_code = 'PY'");
        await db.Database.ExecuteSqlRawAsync("UPDATE awards SET issued_on = '9999-12-31' WHERE employee_id = 'B'");

        var snapshot = await new SnapshotLoader(db).LoadAsync(new DateOnly(2026, 6, 1), default);
        var figures = SkillsGap.Core.Figures.GapEngine.Compute(snapshot);
        var pathway = SkillsGap.Core.Pathways.PathwayPlanner.Plan(figures, new SkillsGap.Core.Domain.EmployeeId("B"));
        var gaps = new GapsQuery(new FiguresCache(database.Factory(), Options.Create(new FiguresOptions())), Calendar(), Options.Create(new FiguresOptions()));
        var a = (EmployeeGapsDocument)await gaps.RunAsync(new GapsRequest(GroupKind.Employee, "A", new DateOnly(2026, 6, 1)));

        Assert.Equal(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["awards.issued_on"] = 1,
            ["badge_skills.level"] = 1,
            ["badges.valid_months"] = 1,
            ["role_requirements.weight"] = 1,
        }, snapshot.Clamped.Counts);
        // Σ w·req = 5·3 (weight 300 counts as 5) + 1·2 = 17. A: PY 5 from PY-3 (level 9 counts as 5), capped at 3 → 15;
        // SQL-2 of 2025-06-01 now lasts 1,200 months, not 200,000 (which would throw) → SQL 2 → 17/17.
        Assert.Equal(1.0, a.Employees[0].Readiness);
        // B's only award is dated 9999-12-31 (counted as 2200-12-31): nothing yet; the plan closes PY 3 and SQL 2.
        Assert.Equal(["PY-1", "PY-3", "SQL-2"], pathway.Steps.Select(s => s.Badge.Value).Order(StringComparer.Ordinal));
        Assert.Equal(33m, pathway.TotalHours);
    }
}
