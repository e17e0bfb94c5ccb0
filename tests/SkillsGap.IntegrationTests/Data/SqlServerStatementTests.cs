using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SkillsGap.App.Figures;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Bulk;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>
/// SQL Server cannot run on these machines, so every statement SkillsGap sends to it is parsed by Microsoft's own T-SQL
/// parser (ScriptDom, SQL Server 2022 grammar) — the migration script, the bulk upsert, the report-run ledger, the
/// snapshot loader and Hangfire's schema — and the shape that keeps a large import from locking out other hosts is
/// checked on the parse tree. What only a real server can prove is listed in the README.
/// </summary>
public sealed class SqlServerStatementTests
{
    private static IReadOnlyList<ParseError> ParseErrors(string sql, out TSqlFragment tree)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        tree = parser.Parse(reader, out var errors);
        return [.. errors];
    }

    private static TSqlFragment AssertParses(string sql)
    {
        var errors = ParseErrors(sql, out var tree);
        Assert.True(errors.Count == 0,
            $"T-SQL parse errors:\n{string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"))}\nin:\n{sql}");
        return tree;
    }

    [Fact]
    public void The_parser_rejects_what_SQL_Server_would_reject()
    {
        // The check can fail: PostgreSQL's upsert and a misspelt keyword are not T-SQL.
        Assert.NotEmpty(ParseErrors("INSERT INTO awards (id) VALUES (1) ON CONFLICT (id) DO NOTHING", out _));
        Assert.NotEmpty(ParseErrors("SELEC id FROM awards", out _));
        Assert.Empty(ParseErrors("SELECT id FROM awards", out _));
    }

    [Fact]
    public void The_idempotent_migration_script_parses_with_no_error()
    {
        using var db = new SqlServerRecorder().NewContext();
        var migrator = db.GetService<IMigrator>();

        // What `dotnet ef migrations script --idempotent --context SqlServerSkillsGapDbContext` writes.
        var idempotent = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        AssertParses(idempotent);
        AssertParses(migrator.GenerateScript());

        Assert.Contains("ALLOW_SNAPSHOT_ISOLATION ON", idempotent, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE [awards] SET (LOCK_ESCALATION = DISABLE)", idempotent, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE [awards] ALTER COLUMN [employee_id] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", idempotent, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE [employees] ALTER COLUMN [id] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", idempotent, StringComparison.Ordinal);
        // The collation of a key column can only change while no key uses it: dropped before, added again after.
        var drop = idempotent.IndexOf("ALTER TABLE [employees] DROP CONSTRAINT [PK_employees]", StringComparison.Ordinal);
        var alter = idempotent.IndexOf("ALTER TABLE [employees] ALTER COLUMN [id] nvarchar(200) COLLATE", StringComparison.Ordinal);
        var add = idempotent.IndexOf("ALTER TABLE [employees] ADD CONSTRAINT [PK_employees] PRIMARY KEY ([id])", StringComparison.Ordinal);
        Assert.True(drop >= 0 && drop < alter && alter < add, "PK_employees must be dropped before the collation change and added after it.");
        Assert.True(idempotent.IndexOf("DROP CONSTRAINT [FK_awards_employees_employee_id]", StringComparison.Ordinal) < drop,
            "The foreign keys to employees must go before its primary key.");
    }

    [Fact]
    public void The_model_compares_codes_and_ids_by_code_point_on_SQL_Server()
    {
        using var db = new SqlServerRecorder().NewContext();
        var script = db.Database.GenerateCreateScript();

        AssertParses(script);
        Assert.Contains("[code] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[badge_id] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[credential_id] nvarchar(450) COLLATE Latin1_General_100_BIN2 NULL", script, StringComparison.Ordinal);
        Assert.Contains("[subject] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL", script, StringComparison.Ordinal);
        // Names and e-mails keep the database's collation: people are matched by e-mail case-insensitively anyway.
        Assert.Contains("[email] nvarchar(320) NULL", script, StringComparison.Ordinal);
    }

    public static TheoryData<string> BulkTargets => new() { "awards", "employees", "employee_history" };

    [Theory, MemberData(nameof(BulkTargets))]
    public void The_bulk_upsert_parses_and_merges_in_batches_with_no_table_lock(string target)
    {
        var (spec, columns) = target switch
        {
            "awards" => (ImportWriter.AwardSpec, ImportWriter.AwardColumns.Select(c => c.Describe()).ToArray()),
            "employees" => (ImportWriter.EmployeeSpec, ImportWriter.EmployeeColumns.Select(c => c.Describe()).ToArray()),
            _ => (ImportWriter.HistorySpec, ImportWriter.HistoryColumns.Select(c => c.Describe()).ToArray()),
        };
        var dialect = SqlServerDialect.Instance;
        var staging = dialect.StagingName("stg_" + target);

        foreach (var statement in dialect.BeforeStaging(spec, staging, columns)) AssertParses(statement);
        var upsert = AssertParses(SqlServerDialect.UpsertBatch(spec, staging, columns));
        AssertParses(dialect.DropStaging(staging));

        var shape = new MergeShape();
        upsert.Accept(shape);
        Assert.Equal(1, shape.Merges);
        Assert.Equal(1, shape.MergesInsideWhile);
        Assert.Equal(["HoldLock"], shape.TargetHints);
        Assert.True(shape.OutputsAction, "The MERGE must report each row's action through OUTPUT $action.");
        Assert.Contains($"@from + {SqlServerDialect.MergeBatch}", SqlServerDialect.UpsertBatch(spec, staging, columns), StringComparison.Ordinal);
        Assert.True(SqlServerDialect.MergeBatch * 4 < 5_000, "A batch must stay below SQL Server's lock escalation threshold.");
    }

    /// <summary>What the bulk MERGE looks like on the parse tree.</summary>
    private sealed class MergeShape : TSqlFragmentVisitor
    {
        private int _whileDepth;
        public int Merges { get; private set; }
        public int MergesInsideWhile { get; private set; }
        public List<string> TargetHints { get; } = [];
        public bool OutputsAction { get; private set; }

        public override void ExplicitVisit(WhileStatement node)
        {
            _whileDepth++;
            base.ExplicitVisit(node);
            _whileDepth--;
        }

        public override void ExplicitVisit(MergeStatement node)
        {
            Merges++;
            if (_whileDepth > 0) MergesInsideWhile++;
            if (node.MergeSpecification.Target is NamedTableReference target)
                TargetHints.AddRange(target.TableHints.Select(h => h.HintKind.ToString()));
            OutputsAction = node.MergeSpecification.OutputIntoClause?.SelectColumns.Count == 1;
            base.ExplicitVisit(node);
        }
    }

    [Fact]
    public async Task The_report_run_ledger_statements_parse_and_claims_read_the_changed_row_back()
    {
        var recorder = new SqlServerRecorder();
        var ledger = new ReportRunLedger(recorder.Factory(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero)),
            Options.Create(new ReportOptions()));
        var week = IsoWeek.Of(new DateOnly(2026, 11, 23));

        await ledger.EnsureRunsAsync(week, [("manager", "E2"), ("org", "")]);
        await ledger.RequestAsync(ReportRequest.ForManager(new EmployeeId("E1"), week));
        await ledger.IsFannedOutAsync(week);
        await ledger.DueRunIdsAsync();
        var claim = await ledger.TryClaimAsync(1);
        Assert.NotNull(claim);
        Assert.True(await ledger.StoreContentAsync(claim, "report.xlsx", [1, 2, 3]));
        Assert.True(await ledger.MarkDeliveredAsync(claim, "manager@example.org"));
        Assert.Equal(ReportRunStatus.Pending, await ledger.MarkFailedAsync(claim, "SMTP refused", permanent: false));
        await ledger.QueueDueRunsAsync();
        Assert.True(await ledger.RenewLeaseAsync(claim));
        await using (var db = recorder.NewContext()) await DataVersion.ReadAsync(db);

        Assert.True(recorder.Statements.Count >= 12, string.Join("\n---\n", recorder.Statements));
        foreach (var statement in recorder.Statements) AssertParses(statement);
        // Re-request, claim, store, delivered, failed, queue, renew: each learns whether (or which rows) it changed from
        // the ids it returns.
        var updates = recorder.Statements.Where(s => s.TrimStart().StartsWith("UPDATE report_runs", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, updates.Count);
        Assert.All(updates, s => Assert.Contains("OUTPUT inserted.id AS [Value]", s, StringComparison.Ordinal));
        // The recorder answers that E1's run exists already: the runs of E2 and of the organisation are inserted.
        var inserts = recorder.Statements.Where(s => s.TrimStart().StartsWith("INSERT INTO report_runs", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, inserts.Count);
        Assert.All(inserts, s => Assert.Contains("OUTPUT inserted.id AS [Value]", s, StringComparison.Ordinal));
    }

    [Fact]
    public void The_snapshot_loader_statements_parse()
    {
        foreach (var statement in SnapshotLoader.Statements) AssertParses(statement);
    }

    [Fact]
    public void Hangfire_SqlServer_schema_script_parses()
    {
        // What Hangfire.SqlServer runs at a host's first start unless PrepareSchemaIfNecessary is off (README: Storage).
        var script = Hangfire.SqlServer.SqlServerObjectsInstaller.GetInstallScript("HangFire", false);

        AssertParses(script);
        Assert.Contains("CREATE TABLE", script, StringComparison.Ordinal);
    }
}
