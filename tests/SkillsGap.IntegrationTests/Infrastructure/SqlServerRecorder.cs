using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SkillsGap.Data;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>
/// SQL Server without a server: contexts of the real SQL Server provider whose connection opens are suppressed, whose
/// transactions are stand-ins and whose commands are replaced by recording ones. Every statement EF Core would send
/// (the SQL Server provider generates it, parameters named as it names them) is kept in <see cref="Statements"/>, and a
/// query is answered with one row whose columns are taken from its own select list (values from <see cref="Answers"/>),
/// so that the code under test runs its whole path.
/// </summary>
public sealed partial class SqlServerRecorder : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public List<string> Statements { get; } = [];

    /// <summary>The value a query returns for a column of that name.</summary>
    public Dictionary<string, object> Answers { get; } = new(StringComparer.Ordinal)
    {
        ["Value"] = 1L,
        ["id"] = 1L,
        ["scope"] = "manager",
        ["subject"] = "E1",
        ["iso_week"] = "2026-W48",
        ["IsoWeek"] = "2026-W48",
        ["attempts"] = 1,
        ["value"] = "stamp",
    };

    /// <summary>A context of the SQL Server provider, as the product configures it (retrying execution strategy included).</summary>
    public SkillsGapDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<SqlServerSkillsGapDbContext>();
        SkillsGapDbContextOptions.Configure(options, new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=127.0.0.1,1;Database=SkillsGap;User Id=sa;Password=unused;TrustServerCertificate=true",
        });
        options.AddInterceptors(this);
        return new SqlServerSkillsGapDbContext(options.Options);
    }

    /// <summary>A context factory over <see cref="NewContext"/>.</summary>
    public IDbContextFactory<SkillsGapDbContext> Factory() => new ContextFactory(this);

    private sealed class ContextFactory(SqlServerRecorder recorder) : IDbContextFactory<SkillsGapDbContext>
    {
        public SkillsGapDbContext CreateDbContext() => recorder.NewContext();
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result) => new RecordingCommand(this);

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        InterceptionResult<DbTransaction>.SuppressWithResult(new StandInTransaction(connection, eventData.IsolationLevel));

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    private DbDataReader Answer(string sql)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        var columns = ReturnedColumns(sql);
        var values = columns.Select(AnswerFor).ToArray();
        for (var i = 0; i < columns.Count; i++) table.Columns.Add(columns[i], values[i].GetType());
        if (columns.Count > 0) table.Rows.Add(values);
        return table.CreateDataReader();
    }

    // EF aliases columns in its own casing ([r].[scope] AS [Scope]): an exact name first, then one that differs in case.
    private object AnswerFor(string column) =>
        Answers.TryGetValue(column, out var exact) ? exact
        : Answers.FirstOrDefault(a => string.Equals(a.Key, column, StringComparison.OrdinalIgnoreCase)).Value ?? "x";

    /// <summary>The names of the columns a statement returns: its OUTPUT or outermost SELECT list, aliases preferred.</summary>
    private static List<string> ReturnedColumns(string sql)
    {
        var list = OutputList().Match(sql) is { Success: true } output ? output.Groups[1].Value
            : SelectList().Match(sql) is { Success: true } select ? select.Groups[1].Value
            : "";
        return [.. list.Split(',').Select(item => item.Trim()).Where(item => item.Length > 0)
            .Select(item => ColumnName().Match(item) is { Success: true } m ? m.Groups[1].Value : item)];
    }

    [GeneratedRegex(@"OUTPUT\s+(.+?)\s+(?:WHERE|SELECT|VALUES|INTO)\b", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OutputList();

    [GeneratedRegex(@"SELECT\s+(?:TOP\s*\(\s*@?\w+\s*\)\s+)?(.+?)\s+FROM\b", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectList();

    // "[r].[scope]", "id AS [Value]", "id AS \"Value\"", "inserted.id AS [Value]": the last bracketed, quoted or bare name.
    [GeneratedRegex(@"(?:\[|"")?(\w+)(?:\]|"")?\s*$")]
    private static partial Regex ColumnName();

    /// <summary>A command that records its text and answers from the recorder.</summary>
    [SuppressMessage("Security", "CA2100", Justification = "Only recorded, never executed.")]
    private sealed class RecordingCommand(SqlServerRecorder recorder) : DbCommand
    {
        private readonly SqlParameterCollection _parameters = new SqlCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => _parameters;
        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel() { }
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => new SqlParameter();

        public override int ExecuteNonQuery()
        {
            recorder.Statements.Add(CommandText);
            return 1;
        }

        public override object? ExecuteScalar()
        {
            recorder.Statements.Add(CommandText);
            return 1L;
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            recorder.Statements.Add(CommandText);
            return recorder.Answer(CommandText);
        }
    }

    private sealed class StandInTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel { get; } = isolationLevel;
        protected override DbConnection DbConnection { get; } = connection;
        public override void Commit() { }
        public override void Rollback() { }
    }
}
