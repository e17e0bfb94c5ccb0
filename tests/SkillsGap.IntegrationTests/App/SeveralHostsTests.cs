using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkillsGap.App.Figures;
using SkillsGap.App.Imports;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.App;

/// <summary>
/// What a host does when others share its database: it asks for the data stamp once per interval however many requests
/// arrive, keeps serving the previous figures while another host's change is recomputed in the background (its own
/// writes show at once: see <see cref="WriteSideTests"/>), and opens at most its capped pool of connections. Run alone:
/// "this process's writes" (<see cref="DataVersion.LocalWrites"/>) counts every test's imports.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class SeveralHostsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-hosts-").FullName;
    private static readonly DateOnly AsOf = new(2026, 11, 28);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    private async Task<AppServices> HostAsync(TestDatabase database, string stampCheckSeconds)
    {
        var app = AppServices.Create(database, settings: new Dictionary<string, string?> { ["Figures:StampCheckSeconds"] = stampCheckSeconds });
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nPY,Python\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical\nAN,Analyst,PY,3,1,false\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv", "badge_id,badge_name,skills,hours\nPY-3,Py 3,PY:3,20\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv",
            "employee_id,name,email,role_code,manager_id\nA,Ann,a@x.org,AN,\nB,Ben,b@x.org,AN,A\n")]));
        return app;
    }

    /// <summary>Another host's write, as this process sees it: rows and a new stamp, committed by another connection.</summary>
    private static async Task AnotherHostAwardsAsync(TestDatabase database, string employee)
    {
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO awards (employee_id, badge_id, issued_on, state) VALUES ({employee}, {"PY-3"}, {new DateOnly(2026, 1, 5)}, {0})");
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE settings SET value = {Guid.NewGuid().ToString("N")} WHERE name = {DataVersion.SettingName}");
        await transaction.CommitAsync();
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Fifty_requests_after_the_interval_read_the_stamp_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HostAsync(database, "0.2");
        var cache = app.Get<FiguresCache>();
        var figures = await cache.GetAsync(AsOf);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var before = cache.StampReads;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.GetAsync(AsOf))));

        Assert.Equal(before + 1, cache.StampReads);
        Assert.All(answers, a => Assert.Same(figures, a));
        // Within the interval, no query at all.
        await cache.GetAsync(AsOf);
        Assert.Equal(before + 1, cache.StampReads);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Another_hosts_change_is_computed_in_the_background_while_requests_keep_the_previous_figures(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HostAsync(database, "0");
        var cache = app.Get<FiguresCache>();
        var previous = await cache.GetAsync(AsOf);
        Assert.Empty(previous.Snapshot.Awards);

        await AnotherHostAwardsAsync(database, "A");

        // The stamp moved (checked on every request here): this request still gets the figures it had, and starts the refresh.
        Assert.Same(previous, await cache.GetAsync(AsOf));
        await cache.RefreshesAsync();
        var refreshed = await cache.GetAsync(AsOf);
        Assert.NotSame(previous, refreshed);
        // By hand: Ann holds PY 3 of the Analyst's PY ≥ 3 (weight 1): readiness 1; Ben none: 0.
        var ann = refreshed.Snapshot.Employees.ToList().FindIndex(e => e.Id.Value == "A");
        var ben = refreshed.Snapshot.Employees.ToList().FindIndex(e => e.Id.Value == "B");
        Assert.Equal(1.0, refreshed.Readiness(ann));
        Assert.Equal(0.0, refreshed.Readiness(ben));
        Assert.Same(refreshed, await cache.GetAsync(AsOf));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task One_persons_gaps_are_computed_from_that_person_alone_and_equal_the_organisations(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HostAsync(database, "1");
        await app.Get<ImportData>().RunAsync(new ImportRequest(ImportKind.Awards, [File("awards.csv",
            "employee_id,badge_id,issued_on\nA,PY-3,2026-01-05\n")]));
        var cache = app.Get<FiguresCache>();
        cache.Clear();
        var gaps = app.Get<SkillsGap.App.Gaps.GapsQuery>();

        var ann = await gaps.EmployeeAsync(new SkillsGap.Core.Domain.EmployeeId("A"), AsOf);
        var ben = await gaps.EmployeeAsync(new SkillsGap.Core.Domain.EmployeeId("B"), AsOf);

        // Nobody else was computed: the cache still holds no figures of the organisation.
        Assert.Null(await cache.CachedAsync(AsOf));
        // By hand: Ann holds PY 3 against the Analyst's PY ≥ 3: readiness 1, ready; Ben nothing: 0, gap 3.
        var a = Assert.Single(ann.Employees);
        Assert.Equal(("A", 1.0, true), (a.Id, a.Readiness, a.Ready));
        var b = Assert.Single(ben.Employees);
        Assert.Equal(("B", 0.0, false, 3), (b.Id, b.Readiness, b.Ready, Assert.Single(b.Requirements).Gap));
        // The same documents as from the whole organisation's figures.
        var whole = await cache.GetAsync(AsOf);
        foreach (var (id, one) in new[] { ("A", ann), ("B", ben) })
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize((object)gaps.Build(whole, new SkillsGap.App.Gaps.GapsRequest(SkillsGap.Analytics.GroupKind.Employee, id, AsOf))),
                System.Text.Json.JsonSerializer.Serialize<object>(one));
        await Assert.ThrowsAsync<SkillsGap.App.NotFoundException>(() => gaps.EmployeeAsync(new SkillsGap.Core.Domain.EmployeeId("NOBODY"), AsOf));
    }

    [Fact]
    public void A_host_opens_at_most_its_pool_limit_unless_the_connection_string_names_one()
    {
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(
            DatabaseOptions.WithPoolLimit(DatabaseProvider.PostgreSql, "Host=db;Database=sg", DatabaseOptions.DefaultMaxPoolSize)).MaxPoolSize);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(
            DatabaseOptions.WithPoolLimit(DatabaseProvider.PostgreSql, "Host=db;Database=sg", 7)).MaxPoolSize);
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(
            DatabaseOptions.WithPoolLimit(DatabaseProvider.PostgreSql, "Host=db;Maximum Pool Size=50", 20)).MaxPoolSize);
        Assert.Equal(40, new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(
            DatabaseOptions.WithPoolLimit(DatabaseProvider.SqlServer, "Server=db;Database=sg;Max Pool Size=40", 20)).MaxPoolSize);
        Assert.Equal(20, new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(
            DatabaseOptions.WithPoolLimit(DatabaseProvider.SqlServer, "Server=db;Database=sg", 20)).MaxPoolSize);
        Assert.Equal("Data Source=x.db", DatabaseOptions.WithPoolLimit(DatabaseProvider.Sqlite, "Data Source=x.db", 20));
    }

    [Fact]
    public void The_job_server_has_a_pool_of_its_own_capped_at_its_workers_plus_five()
    {
        var jobs = new NpgsqlConnectionStringBuilder(
            new SkillsGap.App.StorageChoice(SkillsGap.App.StorageKind.PostgreSql, "Host=db;Database=sg").JobConnectionString(workers: 2));
        Assert.Equal(("skillsgap-jobs", 7), (jobs.ApplicationName, jobs.MaxPoolSize));
        var sqlServer = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(
            new SkillsGap.App.StorageChoice(SkillsGap.App.StorageKind.SqlServer, "Server=db;Database=sg;Max Pool Size=9").JobConnectionString(workers: 4));
        Assert.Equal(("skillsgap-jobs", 9), (sqlServer.ApplicationName, sqlServer.MaxPoolSize));
    }

    [Theory, PostgreSqlData]
    public async Task Twelve_concurrent_readers_share_a_pool_of_three_connections(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // The pool of this connection string alone (its own application name; the test server's strings turn pooling off), capped at 3.
        var connection = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { Pooling = true, ApplicationName = "pool-of-three" }.ConnectionString;
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connection, MaxPoolSize = 3 };
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var db = SkillsGapDbContextOptions.Create(options);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.2)");
        }));
        await using var probe = database.NewContext();
        var open = await probe.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pool-of-three'").SingleAsync();
        // The pool keeps its connections open once returned: as many as it ever opened at once.
        Assert.InRange(open, 1, 3);
        await using (var pooled = new NpgsqlConnection(DatabaseOptions.WithPoolLimit(provider, connection, 3))) NpgsqlConnection.ClearPool(pooled);
    }
}

/// <summary>Test classes that must not run beside others in this process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
