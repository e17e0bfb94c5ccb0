using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace SkillsGap.Data.Bulk;

/// <summary>
/// What a set-based upsert writes: the target table, its natural key (a unique index), the columns whose change makes
/// a row "updated", and the columns that are written along with a change but do not count as one (e.g. the source).
/// </summary>
internal sealed record UpsertSpec(string Target, IReadOnlyList<string> Keys, IReadOnlyList<string> Compared, IReadOnlyList<string> WrittenWithChange);

/// <summary>
/// The fast bulk path (DESIGN §6): rows are put in key order with one row per key (the last one of each key wins),
/// go into a temporary staging table by the provider's fastest means (SQLite: prepared multi-row INSERTs; PostgreSQL:
/// binary COPY; SQL Server: SqlBulkCopy), then set-based SQL moves them into the target. Everything runs on the
/// context's connection inside its current transaction, which the caller must have opened: an import is atomic.
/// </summary>
internal static class BulkUpsert
{
    /// <summary>Stages <paramref name="rows"/>, upserts them and counts what the upsert did, per distinct key.</summary>
    public static async Task<ChangeCounts> RunAsync<T>(
        SkillsGapDbContext db, string stagingName, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows,
        UpsertSpec spec, CancellationToken ct)
    {
        if (rows.Count == 0) return ChangeCounts.None;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk path runs inside the caller's transaction; none is open.");
        var keys = spec.Keys.Select(k => columns.Single(c => c.Name == k)).ToArray();
        var order = KeyOrder.LastOfEachKey(rows, keys);
        var ordered = new OrderedRows<T>(rows, order);

        var connection = transaction.Connection!;
        var dialect = Dialect.For(db.Provider);
        var staging = dialect.StagingName(stagingName);
        var described = columns.Select(c => c.Describe()).ToArray();
        foreach (var sql in dialect.BeforeStaging(spec, staging, described))
            await ExecuteAsync(connection, transaction, sql, ct);
        switch (db.Provider)
        {
            case DatabaseProvider.Sqlite:
                LoadSqlite((SqliteConnection)connection, staging, columns, ordered, ct);
                break;
            case DatabaseProvider.PostgreSql:
                await LoadPostgreSqlAsync((NpgsqlConnection)connection, staging, columns, ordered, ct);
                break;
            case DatabaseProvider.SqlServer:
                await LoadSqlServerAsync((SqlConnection)connection, (SqlTransaction)transaction, staging, columns, ordered, ct);
                break;
        }
        var (inserted, updated) = await dialect.UpsertAsync(connection, transaction, spec, staging, described, ct);
        await ExecuteAsync(connection, transaction, dialect.DropStaging(staging), ct);
        return new ChangeCounts(inserted, updated, ordered.Count - inserted - updated);
    }

    /// <summary>Rows per prepared SQLite INSERT: enough to spread the per-statement cost, within SQLite's 32,766 parameters.</summary>
    private const int SqliteRowsPerInsert = 64;

    // The prepared statements are driven through SQLitePCL directly: ADO.NET's per-execute overhead (a data reader and
    // boxed parameters per row) costs several times the insert itself. They run on the same connection, so inside the
    // caller's transaction.
    private static void LoadSqlite<T>(SqliteConnection connection, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var handle = connection.Handle!;
        var perRow = columns.Count;
        var perInsert = Math.Min(SqliteRowsPerInsert, 32_766 / perRow);
        string Insert(int rowCount) =>
            $"INSERT INTO {staging} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES " +
            string.Join(", ", Enumerable.Repeat($"({string.Join(", ", columns.Select(_ => "?"))})", rowCount));
        var buffer = new byte[256];
        var full = rows.Count / perInsert * perInsert;
        if (full > 0)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, Insert(perInsert), out var statement));
            var nullBound = new bool[perInsert * perRow];
            using (statement)
                for (var start = 0; start < full; start += perInsert)
                {
                    if ((start & 0xFFFF) < perInsert) ct.ThrowIfCancellationRequested();
                    Step(handle, statement, columns, rows, start, perInsert, nullBound, ref buffer);
                }
        }
        if (full < rows.Count)
        {
            Check(handle, raw.sqlite3_prepare_v2(handle, Insert(rows.Count - full), out var tail));
            using (tail) Step(handle, tail, columns, rows, full, rows.Count - full, new bool[(rows.Count - full) * perRow], ref buffer);
        }
    }

    // A fresh statement's parameters are all null (nullBound false merely binds them again).
    private static void Step<T>(sqlite3 handle, sqlite3_stmt statement, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, int start, int count,
        bool[] nullBound, ref byte[] buffer)
    {
        var parameter = 0;
        for (var r = start; r < start + count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < columns.Count; i++, parameter++) columns[i].Bind(statement, parameter + 1, row, ref buffer, ref nullBound[parameter]);
        }
        var result = raw.sqlite3_step(statement);
        if (result != raw.SQLITE_DONE) Check(handle, result);
        raw.sqlite3_reset(statement);
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new SqliteException($"SQLite error {result.ToString(CultureInfo.InvariantCulture)} while staging rows: {raw.sqlite3_errmsg(handle).utf8_to_string()}", result);
    }

    private static async Task LoadPostgreSqlAsync<T>(NpgsqlConnection connection, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var copy = $"COPY {staging} ({PostgreSqlDialect.RowNumber}, {string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        var stream = await connection.BeginRawBinaryCopyAsync(copy, ct);
        try
        {
            var writer = new CopyRowWriter(stream);
            writer.Start();
            for (var r = 0; r < rows.Count; r++)
            {
                if ((r & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var row = rows[r];
                await writer.StartRowAsync(columns.Count + 1, ct);
                writer.WriteInt(r);
                foreach (var column in columns) column.Write(writer, row);
            }
            await writer.CompleteAsync(ct);
        }
        catch
        {
            // Ends the COPY without its rows (disposing would complete it with what was sent); the transaction fails.
            await stream.CancelAsync();
            throw;
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private const int SqlServerChunk = 50_000;

    private static async Task LoadSqlServerAsync<T>(SqlConnection connection, SqlTransaction transaction, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction)
        {
            DestinationTableName = staging,
            BulkCopyTimeout = 0,
            BatchSize = SqlServerChunk,
        };
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        bulk.ColumnMappings.Add(SqlServerDialect.RowNumber, SqlServerDialect.RowNumber);
        table.Columns.Add(SqlServerDialect.RowNumber, typeof(int));
        foreach (var column in columns)
        {
            bulk.ColumnMappings.Add(column.Name, column.Name);
            table.Columns.Add(column.Name, column.Type switch
            {
                BulkType.Text => typeof(string),
                BulkType.Int => typeof(int),
                BulkType.Date => typeof(DateTime),
                BulkType.Bool => typeof(bool),
                _ => throw new InvalidOperationException(),
            });
        }
        var values = new object[columns.Count + 1];
        for (var start = 0; start < rows.Count; start += SqlServerChunk)
        {
            table.Clear();
            var end = Math.Min(rows.Count, start + SqlServerChunk);
            for (var r = start; r < end; r++)
            {
                values[0] = r;
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].GetBoxed(rows[r]);
                    values[i + 1] = value is DateOnly date ? date.ToDateTime(TimeOnly.MinValue) : value;
                }
                table.Rows.Add(values);
            }
            await bulk.WriteToServerAsync(table, ct);
        }
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<int> RowsAffectedAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The rows in the order of <paramref name="order"/> (indices into <paramref name="rows"/>).</summary>
    private sealed class OrderedRows<T>(IReadOnlyList<T> rows, int[] order) : IReadOnlyList<T>
    {
        public T this[int index] => rows[order[index]];
        public int Count => order.Length;
        public IEnumerator<T> GetEnumerator() => order.Select(i => rows[i]).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>The SQL that differs between providers for staging and upserting.</summary>
internal abstract class Dialect
{
    public static Dialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.PostgreSql => PostgreSqlDialect.Instance,
        DatabaseProvider.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public virtual string StagingName(string name) => name;
    public abstract string ColumnType(StagingColumn column);

    /// <summary>The statements that prepare an upsert into <paramref name="spec"/>'s target: locks, then an empty staging table.</summary>
    public abstract IReadOnlyList<string> BeforeStaging(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns);

    public abstract string DropStaging(string staging);

    /// <summary>Runs the upsert and says how many rows it inserted and how many it updated.</summary>
    public abstract Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction transaction, UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns, CancellationToken ct);

    protected static IEnumerable<string> UpdatedColumns(UpsertSpec spec) => spec.Compared.Concat(spec.WrittenWithChange);

    protected string Definitions(IEnumerable<StagingColumn> columns) =>
        string.Join(", ", columns.Select(c => $"{c.Name} {ColumnType(c)}"));

    protected static string Names(IEnumerable<StagingColumn> columns, string? alias = null) =>
        string.Join(", ", columns.Select(c => alias is null ? c.Name : $"{alias}.{c.Name}"));

    protected static string KeysMatch(UpsertSpec spec, string a, string b) =>
        string.Join(" AND ", spec.Keys.Select(k => $"{a}.{k} = {b}.{k}"));

    /// <summary>A lock key for "bulk writes into this table" that every host derives alike (FNV-1a of the name).</summary>
    protected static int TableLockKey(string table)
    {
        var hash = 2166136261u;
        foreach (var c in table)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return unchecked((int)hash);
    }
}

internal sealed class SqliteDialect : Dialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string ColumnType(StagingColumn column) => column.Type is BulkType.Text or BulkType.Date ? "TEXT" : "INTEGER";

    // SQLite has one writer at a time: the caller's transaction already excludes every other.
    public override IReadOnlyList<string> BeforeStaging(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns) =>
        [$"DROP TABLE IF EXISTS temp.{staging}; CREATE TEMP TABLE {staging} ({Definitions(columns)});"];

    public override string DropStaging(string staging) => $"DROP TABLE IF EXISTS temp.{staging};";

    public static string Changed(IReadOnlyList<string> columns, string a, string b) =>
        string.Join(" OR ", columns.Select(c => $"{a}.{c} IS NOT {b}.{c}"));

    // "WHERE true" resolves the parsing ambiguity between a join's ON and the upsert's ON CONFLICT (SQLite docs, §2.2
    // of lang_upsert). The staging table is read in insertion order, which is key order.
    public static string Upsert(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns)
    {
        var list = Names(columns);
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"{c} = excluded.{c}"));
        var action = set.Length == 0 ? "DO NOTHING" : $"DO UPDATE SET {set} WHERE {Changed(spec.Compared, spec.Target, "excluded")}";
        return $"INSERT INTO {spec.Target} ({list}) SELECT {list} FROM {staging} WHERE true ON CONFLICT ({string.Join(", ", spec.Keys)}) {action};";
    }

    // Counting: every new row gets a rowid above the largest one before the statement (SQLite gives max(rowid) + 1, or
    // for AUTOINCREMENT one above the largest ever used, which is at least that), and an updated row keeps its rowid.
    // So the inserts are the rows above the old maximum — a range scan of the new rows only — and the statement's change
    // count is inserts plus updates (a DO UPDATE whose WHERE is false changes nothing and is not counted).
    public override async Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction transaction, UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns, CancellationToken ct)
    {
        var before = await BulkUpsert.ScalarAsync(connection, transaction, $"SELECT max(rowid) FROM {spec.Target}", ct);
        // A large upsert touches the table and its indexes all over: give it a page cache that holds them (1 GiB at
        // most, released when the statement is done) instead of spilling pages to the WAL and reading them back.
        await BulkUpsert.ExecuteAsync(connection, transaction, "PRAGMA cache_size=-1048576;", ct);
        try
        {
            var changed = await BulkUpsert.RowsAffectedAsync(connection, transaction, Upsert(spec, staging, columns), ct);
            var inserted = (int)await BulkUpsert.ScalarAsync(connection, transaction,
                $"SELECT COUNT(*) FROM {spec.Target} WHERE rowid > {before.ToString(CultureInfo.InvariantCulture)}", ct);
            return (inserted, changed - inserted);
        }
        finally
        {
            await BulkUpsert.ExecuteAsync(connection, transaction, $"PRAGMA cache_size=-{SqlitePragmaInterceptor.CacheKibibytes.ToString(CultureInfo.InvariantCulture)};", ct);
        }
    }
}

/// <summary>
/// PostgreSQL: binary COPY into a temporary table, then one join of staging and target that finds the existing keys
/// (and which of them changed), an UPDATE of the changed rows and a plain INSERT of the new ones. No per-row
/// speculative insertion (ON CONFLICT) and no per-row foreign-key trigger: the awards table's references are checked by
/// statement-level triggers (migration <c>ScaleOutStorage</c>). Bulk writers of one table are serialised by a
/// transaction-scoped advisory lock, so no other bulk writer can add a key between the join and the INSERT.
/// </summary>
internal sealed class PostgreSqlDialect : Dialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    /// <summary>The staging column that numbers rows in key order.</summary>
    public const string RowNumber = "row_no";

    /// <summary>First half of every advisory lock key SkillsGap takes ("SG" and a version).</summary>
    public const int AdvisoryLockClass = 0x5347_0001;

    public override string ColumnType(StagingColumn column) => column.Type switch
    {
        BulkType.Text => "text",
        BulkType.Int => "integer",
        BulkType.Date => "date",
        BulkType.Bool => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    // pg_temp. makes sure that DROP never reaches a permanent table of the same name. JIT compilation of the
    // set-based statements costs more than it saves here (SET LOCAL: until the caller's transaction ends).
    public override IReadOnlyList<string> BeforeStaging(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns) =>
    [
        $"SELECT pg_advisory_xact_lock({AdvisoryLockClass.ToString(CultureInfo.InvariantCulture)}, {TableLockKey(spec.Target).ToString(CultureInfo.InvariantCulture)});",
        "SET LOCAL jit = off;",
        $"DROP TABLE IF EXISTS pg_temp.{staging}; DROP TABLE IF EXISTS pg_temp.{staging}_found; " +
        $"CREATE TEMP TABLE {staging} ({RowNumber} integer NOT NULL, {Definitions(columns)}) ON COMMIT DROP;",
    ];

    public override string DropStaging(string staging) => $"DROP TABLE IF EXISTS pg_temp.{staging}; DROP TABLE IF EXISTS pg_temp.{staging}_found;";

    public static string Changed(IReadOnlyList<string> columns, string a, string b) =>
        $"({string.Join(", ", columns.Select(c => $"{a}.{c}"))}) IS DISTINCT FROM ({string.Join(", ", columns.Select(c => $"{b}.{c}"))})";

    /// <summary>The upsert's statements: the join that finds existing keys, the UPDATE of changed rows (null when nothing is updatable) and the INSERT of new ones.</summary>
    public static (string Find, string? Update, string Insert) UpsertStatements(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns)
    {
        var found = staging + "_found";
        var changed = spec.Compared.Count == 0 ? "false" : Changed(spec.Compared, "t", "s");
        // ANALYZE: the planner needs the staging table's size to choose between index probes and a hash join.
        var find = $"ANALYZE {staging}; " +
                   $"CREATE TEMP TABLE {found} ON COMMIT DROP AS SELECT s.{RowNumber}, {changed} AS changed FROM {staging} s JOIN {spec.Target} t ON {KeysMatch(spec, "t", "s")}; " +
                   $"ANALYZE {found};";
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"{c} = s.{c}"));
        var update = set.Length == 0 ? null :
            $"UPDATE {spec.Target} t SET {set} FROM {staging} s JOIN {found} f ON f.{RowNumber} = s.{RowNumber} AND f.changed WHERE {KeysMatch(spec, "t", "s")};";
        // The staging table is scanned in the order it was written, which is key order.
        var insert = $"INSERT INTO {spec.Target} ({Names(columns)}) SELECT {Names(columns, "s")} FROM {staging} s " +
                     $"WHERE NOT EXISTS (SELECT 1 FROM {found} f WHERE f.{RowNumber} = s.{RowNumber});";
        return (find, update, insert);
    }

    // PostgreSQL reports the rows each statement affected in its command tag, whatever the session settings.
    public override async Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction transaction, UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns, CancellationToken ct)
    {
        var (find, update, insert) = UpsertStatements(spec, staging, columns);
        await BulkUpsert.ExecuteAsync(connection, transaction, find, ct);
        var updated = update is null ? 0 : await BulkUpsert.RowsAffectedAsync(connection, transaction, update, ct);
        var inserted = await BulkUpsert.RowsAffectedAsync(connection, transaction, insert, ct);
        return (inserted, updated);
    }
}

/// <summary>
/// SQL Server: SqlBulkCopy into a #temp table keyed by row number, then MERGE in batches of <see cref="MergeBatch"/>
/// rows inside one server-side loop. Each batch takes key-range locks (HOLDLOCK) on its own keys only and stays far
/// below the 5,000 locks at which SQL Server escalates a statement to a table lock (the migration also turns escalation
/// off for awards and employee_history), so readers and other hosts are not blocked by a table lock while a large
/// import runs. Bulk writers of one table are serialised by an application lock. Counts come from OUTPUT $action,
/// never from rows-affected (which SET NOCOUNT or the server's user options can hide). Compiled and parsed
/// (ScriptDom) here; never run — no SQL Server is available on these machines.
/// </summary>
internal sealed class SqlServerDialect : Dialect
{
    public static SqlServerDialect Instance { get; } = new();

    public const string RowNumber = "row_no";

    /// <summary>Rows per MERGE statement: with a lock per row in each of the target's indexes, well below 5,000 locks.</summary>
    public const int MergeBatch = 500;

    public override string StagingName(string name) => "#" + name;

    // Temp tables take tempdb's collation; a code column takes the target's binary collation and free text the database
    // default, so that joins against the target have no collation conflict and compare as the target does.
    public override string ColumnType(StagingColumn column) => column.Type switch
    {
        BulkType.Text => $"nvarchar({(column.MaxLength is int n && n <= 4000 ? n.ToString(CultureInfo.InvariantCulture) : "max")}) COLLATE {(column.Ordinal ? SkillsGapDbContext.OrdinalCollation : "DATABASE_DEFAULT")}",
        BulkType.Int => "int",
        BulkType.Date => "date",
        BulkType.Bool => "bit",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override IReadOnlyList<string> BeforeStaging(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns) =>
    [
        "DECLARE @lock int; " +
        $"EXEC @lock = sp_getapplock @Resource = N'skillsgap-bulk-{spec.Target}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1; " +
        $"IF @lock < 0 THROW 50001, N'Could not take the bulk-write lock on {spec.Target}.', 1;",
        $"IF OBJECT_ID('tempdb..{staging}') IS NOT NULL DROP TABLE {staging}; " +
        $"CREATE TABLE {staging} ({RowNumber} int NOT NULL PRIMARY KEY, {Definitions(columns)});",
    ];

    public override string DropStaging(string staging) => $"IF OBJECT_ID('tempdb..{staging}') IS NOT NULL DROP TABLE {staging};";

    // EXCEPT compares NULLs as equal, unlike <>. Text is compared by code point, as on SQLite and PostgreSQL: a change of
    // case in a URL is a change even where the database's default collation ignores case.
    public static string Changed(IReadOnlyList<StagingColumn> columns, string a, string b)
    {
        string Side(string alias) => string.Join(", ", columns.Select(c =>
            c.Type == BulkType.Text ? $"{alias}.{c.Name} COLLATE {SkillsGapDbContext.OrdinalCollation}" : $"{alias}.{c.Name}"));
        return $"EXISTS (SELECT {Side(a)} EXCEPT SELECT {Side(b)})";
    }

    /// <summary>One MERGE of the staging rows whose row number lies in [@from, @from + <see cref="MergeBatch"/>).</summary>
    public static string Merge(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns)
    {
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var on = KeysMatch(spec, "t", "s");
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"t.{c} = s.{c}"));
        var matched = set.Length == 0 ? "" : $"WHEN MATCHED AND {Changed([.. spec.Compared.Select(c => byName[c])], "s", "t")} THEN UPDATE SET {set} ";
        return $"MERGE INTO {spec.Target} WITH (HOLDLOCK) AS t " +
               $"USING (SELECT {Names(columns)} FROM {staging} WHERE {RowNumber} >= @from AND {RowNumber} < @from + {MergeBatch.ToString(CultureInfo.InvariantCulture)}) AS s ON {on} " +
               matched +
               $"WHEN NOT MATCHED BY TARGET THEN INSERT ({Names(columns)}) VALUES ({Names(columns, "s")}) " +
               "OUTPUT $action INTO #merge_actions (merge_action);";
    }

    /// <summary>The whole upsert as one batch: the batched MERGE loop, then the counts as one row.</summary>
    public static string UpsertBatch(UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns) =>
        "SET NOCOUNT ON; " +
        "IF OBJECT_ID('tempdb..#merge_actions') IS NOT NULL DROP TABLE #merge_actions; " +
        "CREATE TABLE #merge_actions (merge_action nvarchar(10) NOT NULL); " +
        $"DECLARE @from int = 0, @rows int = (SELECT COUNT(*) FROM {staging}); " +
        "WHILE @from < @rows BEGIN " +
        Merge(spec, staging, columns) + " " +
        $"SET @from = @from + {MergeBatch.ToString(CultureInfo.InvariantCulture)}; " +
        "END; " +
        "SELECT COALESCE(SUM(CASE WHEN merge_action = N'INSERT' THEN 1 ELSE 0 END), 0) AS inserted, " +
        "COALESCE(SUM(CASE WHEN merge_action = N'UPDATE' THEN 1 ELSE 0 END), 0) AS updated FROM #merge_actions; " +
        "DROP TABLE #merge_actions;";

    public override async Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction transaction, UpsertSpec spec, string staging, IReadOnlyList<StagingColumn> columns, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertBatch(spec, staging, columns);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            if (reader.FieldCount == 2 && await reader.ReadAsync(ct))
                return (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
        while (await reader.NextResultAsync(ct));
        throw new InvalidOperationException("The MERGE returned no counts.");
    }
}
