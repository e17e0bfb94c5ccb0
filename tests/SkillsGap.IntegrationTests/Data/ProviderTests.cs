using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.Data;
using SkillsGap.Data.Bulk;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>Provider wiring, and SQL Server checked as far as it can be without a server.</summary>
public sealed class ProviderTests
{
    private static readonly string[] Tables =
        ["skills", "role_versions", "role_requirements", "badges", "badge_skills", "badge_prerequisites",
         "employees", "employee_history", "awards", "imports", "settings", "models", "report_runs", "jobs"];

    private static SkillsGapDbContext SqlServerContext() => SkillsGapDbContextOptions.Create(new DatabaseOptions
    {
        Provider = DatabaseProvider.SqlServer,
        ConnectionString = "Server=127.0.0.1,1;Database=SkillsGap;User Id=sa;Password=unused;TrustServerCertificate=true",
    });

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteSkillsGapDbContext), "Data Source=unused.db")]
    [InlineData(DatabaseProvider.PostgreSql, typeof(PostgreSqlSkillsGapDbContext), "Host=127.0.0.1;Database=unused")]
    [InlineData(DatabaseProvider.SqlServer, typeof(SqlServerSkillsGapDbContext), "Server=127.0.0.1,1;Database=unused")]
    public async Task AddSkillsGapData_registers_the_subclass_of_the_configured_provider(DatabaseProvider provider, Type expected, string connectionString)
    {
        var services = new ServiceCollection()
            .AddSkillsGapData(new DatabaseOptions { Provider = provider, ConnectionString = connectionString })
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<SkillsGapDbContext>();
        Assert.IsType(expected, db);
        Assert.Equal(provider, db.Provider);
        await using var fromFactory = await services.GetRequiredService<IDbContextFactory<SkillsGapDbContext>>().CreateDbContextAsync();
        Assert.IsType(expected, fromFactory);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ImportWriter>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<SnapshotLoader>());
    }

    [Fact]
    public void A_missing_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SkillsGapDbContextOptions.Build(new DatabaseOptions()));
        Assert.Contains("ConnectionStrings:SkillsGap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SQL_Server_create_script_has_every_table_and_the_unique_natural_keys()
    {
        using var db = SqlServerContext();

        var script = db.Database.GenerateCreateScript();

        foreach (var table in Tables)
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_awards_employee_id_badge_id_issued_on] ON [awards] ([employee_id], [badge_id], [issued_on]);", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_awards_credential_id] ON [awards] ([credential_id]) WHERE credential_id IS NOT NULL;", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_employees_email] ON [employees] ([email]) WHERE email IS NOT NULL;", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_employee_history_employee_id_effective_from]", script, StringComparison.Ordinal);
        Assert.Contains("[employee_id] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[issued_on] date NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SQL_Server_migrations_match_the_model_and_script_every_table()
    {
        using var db = SqlServerContext();

        var migrations = db.Database.GetMigrations().ToList();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.EndsWith("_Initial", migrations[0], StringComparison.Ordinal);
        foreach (var table in Tables)
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        Assert.Contains("__ef_migrations_history", script, StringComparison.Ordinal);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the SQL Server migrations were generated.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused")]
    public void The_committed_migrations_match_the_model(DatabaseProvider provider, string connectionString)
    {
        using var db = SkillsGapDbContextOptions.Create(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changed since the {provider} migrations were generated.");
    }

    [Fact]
    public void The_SQL_Server_bulk_upsert_merges_one_batch_of_staged_rows_and_updates_only_changed_ones()
    {
        var spec = new UpsertSpec("awards", ["employee_id", "badge_id", "issued_on"], ["expires_on", "evidence_url", "state"], ["source"]);
        StagingColumn[] columns =
        [
            new("employee_id", BulkType.Text, 200, Ordinal: true), new("badge_id", BulkType.Text, 200, Ordinal: true),
            new("issued_on", BulkType.Date), new("expires_on", BulkType.Date), new("evidence_url", BulkType.Text, 2000),
            new("state", BulkType.Int), new("source", BulkType.Text, 400),
        ];

        var merge = SqlServerDialect.Merge(spec, "#stg_awards", columns);

        // Written out by hand: one batch of 500 staged rows by row number; HOLDLOCK on this batch's keys only; EXCEPT
        // so that NULL = NULL counts as unchanged, text compared by code point; every action counted through OUTPUT.
        Assert.Equal(
            "MERGE INTO awards WITH (HOLDLOCK) AS t " +
            "USING (SELECT employee_id, badge_id, issued_on, expires_on, evidence_url, state, source FROM #stg_awards WHERE row_no >= @from AND row_no < @from + 500) AS s " +
            "ON t.employee_id = s.employee_id AND t.badge_id = s.badge_id AND t.issued_on = s.issued_on " +
            "WHEN MATCHED AND EXISTS (SELECT s.expires_on, s.evidence_url COLLATE Latin1_General_100_BIN2, s.state EXCEPT SELECT t.expires_on, t.evidence_url COLLATE Latin1_General_100_BIN2, t.state) " +
            "THEN UPDATE SET t.expires_on = s.expires_on, t.evidence_url = s.evidence_url, t.state = s.state, t.source = s.source " +
            "WHEN NOT MATCHED BY TARGET THEN INSERT (employee_id, badge_id, issued_on, expires_on, evidence_url, state, source) " +
            "VALUES (s.employee_id, s.badge_id, s.issued_on, s.expires_on, s.evidence_url, s.state, s.source) " +
            "OUTPUT $action INTO #merge_actions (merge_action);",
            merge);
        Assert.Equal("nvarchar(200) COLLATE Latin1_General_100_BIN2", SqlServerDialect.Instance.ColumnType(columns[0]));
        Assert.Equal("nvarchar(2000) COLLATE DATABASE_DEFAULT", SqlServerDialect.Instance.ColumnType(columns[4]));
        Assert.Equal("nvarchar(max) COLLATE DATABASE_DEFAULT", SqlServerDialect.Instance.ColumnType(new StagingColumn("notes", BulkType.Text)));
    }
}
