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
/// The fast bulk path (DESIGN §6): rows go into a temporary staging table by the provider's fastest means (SQLite: a
/// prepared INSERT per row; PostgreSQL: binary COPY; SQL Server: SqlBulkCopy), then one set-based upsert moves them
/// into the target. Everything runs on the context's connection inside its current transaction.
/// </summary>
internal static class BulkUpsert
{
    private const int SqlServerChunk = 50_000;

    /// <summary>Stages <paramref name="rows"/>, upserts them and counts what the upsert did. Rows must be unique by key.</summary>
    public static async Task<ChangeCounts> RunAsync<T>(
        SkillsGapDbContext db, string stagingName, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows,
        UpsertSpec spec, CancellationToken ct)
    {
        if (rows.Count == 0) return new ChangeCounts(0, 0, 0);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var dialect = Dialect.For(db.Provider);
            var staging = dialect.StagingName(stagingName);

            await ExecuteAsync(connection, transaction, dialect.CreateStaging(staging, columns.Select(c => (c.Name, dialect.ColumnType(c.Type, c.MaxLength)))), ct);
            switch (db.Provider)
            {
                case DatabaseProvider.Sqlite:
                    LoadSqlite((SqliteConnection)connection, staging, columns, rows, ct);
                    break;
                case DatabaseProvider.PostgreSql:
                    await LoadPostgreSqlAsync((NpgsqlConnection)connection, staging, columns, rows, ct);
                    break;
                case DatabaseProvider.SqlServer:
                    await LoadSqlServerAsync((SqlConnection)connection, (SqlTransaction?)transaction, staging, columns, rows, ct);
                    break;
            }
            var (inserted, updated) = await dialect.UpsertAsync(connection, transaction, spec, staging, columns.Select(c => c.Name).ToArray(), ct);
            await ExecuteAsync(connection, transaction, dialect.DropStaging(staging), ct);
            return new ChangeCounts(inserted, updated, rows.Count - inserted - updated);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The prepared statement is driven through SQLitePCL directly: ADO.NET's per-execute overhead (a data reader and
    // boxed parameters per row) costs several times the insert itself. It runs on the same connection, so inside the
    // caller's transaction.
    private static void LoadSqlite<T>(SqliteConnection connection, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var sql = $"INSERT INTO {staging} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var handle = connection.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            var buffer = new byte[256];
            for (var r = 0; r < rows.Count; r++)
            {
                if ((r & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var row = rows[r];
                for (var i = 0; i < columns.Count; i++) columns[i].Bind(statement, i + 1, row, ref buffer);
                var result = raw.sqlite3_step(statement);
                if (result != raw.SQLITE_DONE) Check(handle, result);
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void Check(sqlite3 handle, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new SqliteException($"SQLite error {result.ToString(CultureInfo.InvariantCulture)} while staging rows: {raw.sqlite3_errmsg(handle).utf8_to_string()}", result);
    }

    private static async Task LoadPostgreSqlAsync<T>(NpgsqlConnection connection, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var copy = $"COPY {staging} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var row = rows[r];
            await importer.StartRowAsync(ct);
            foreach (var column in columns) column.Write(importer, row);
        }
        await importer.CompleteAsync(ct);
    }

    private static async Task LoadSqlServerAsync<T>(SqlConnection connection, SqlTransaction? transaction, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction)
        {
            DestinationTableName = staging,
            BulkCopyTimeout = 0,
            BatchSize = SqlServerChunk,
        };
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
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
        var values = new object[columns.Count];
        for (var start = 0; start < rows.Count; start += SqlServerChunk)
        {
            table.Clear();
            var end = Math.Min(rows.Count, start + SqlServerChunk);
            for (var r = start; r < end; r++)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].GetBoxed(rows[r]);
                    values[i] = value is DateOnly date ? date.ToDateTime(TimeOnly.MinValue) : value;
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
    public abstract string ColumnType(BulkType type, int? maxLength);
    public abstract string CreateStaging(string staging, IEnumerable<(string Name, string Type)> columns);
    public abstract string DropStaging(string staging);
    /// <summary>A predicate, true when any of <paramref name="columns"/> differs between the two aliases (NULL = NULL).</summary>
    public abstract string Changed(IReadOnlyList<string> columns, string a, string b);
    public abstract string Upsert(UpsertSpec spec, string staging, IReadOnlyList<string> columns);

    /// <summary>Runs the upsert and says how many rows it inserted and how many it updated.</summary>
    public abstract Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction? transaction, UpsertSpec spec, string staging, IReadOnlyList<string> columns, CancellationToken ct);

    protected static async Task<(int, int)> ReadPairAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.FieldCount < 2 || !await reader.ReadAsync(ct))
            if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("The upsert returned no counts.");
        return (ToInt(reader.GetValue(0)), ToInt(reader.GetValue(1)));
    }

    protected static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static int ToInt(object value) => value is DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    protected static IEnumerable<string> UpdatedColumns(UpsertSpec spec) => spec.Compared.Concat(spec.WrittenWithChange);

    protected static string Definitions(IEnumerable<(string Name, string Type)> columns) =>
        string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));
}

internal sealed class SqliteDialect : Dialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string ColumnType(BulkType type, int? maxLength) => type is BulkType.Text or BulkType.Date ? "TEXT" : "INTEGER";

    public override string CreateStaging(string staging, IEnumerable<(string Name, string Type)> columns) =>
        $"DROP TABLE IF EXISTS temp.{staging}; CREATE TEMP TABLE {staging} ({Definitions(columns)});";

    public override string DropStaging(string staging) => $"DROP TABLE IF EXISTS temp.{staging};";

    public override string Changed(IReadOnlyList<string> columns, string a, string b) =>
        string.Join(" OR ", columns.Select(c => $"{a}.{c} IS NOT {b}.{c}"));

    // "WHERE true" resolves the parsing ambiguity between a join's ON and the upsert's ON CONFLICT (SQLite docs, §2.2 of lang_upsert).
    public override string Upsert(UpsertSpec spec, string staging, IReadOnlyList<string> columns)
    {
        var list = string.Join(", ", columns);
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"{c} = excluded.{c}"));
        var action = set.Length == 0 ? "DO NOTHING" : $"DO UPDATE SET {set} WHERE {Changed(spec.Compared, spec.Target, "excluded")}";
        // Rows go in in key order, so that the unique index grows by appends rather than page splits all over it.
        return $"INSERT INTO {spec.Target} ({list}) SELECT {list} FROM {staging} WHERE true ORDER BY {string.Join(", ", spec.Keys)} ON CONFLICT ({string.Join(", ", spec.Keys)}) {action};";
    }

    // One writer at a time holds SQLite, so within the transaction the growth of the table is exactly the inserts and
    // the statement's change count is inserts plus updates (rows whose DO UPDATE ... WHERE is false are not counted).
    public override async Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction? transaction, UpsertSpec spec, string staging, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var count = $"SELECT COUNT(*) FROM {spec.Target}";
        var before = await ScalarAsync(connection, transaction, count, ct);
        // A large upsert touches the table and its indexes all over: give it a page cache that holds them (1 GiB at
        // most, released when the statement is done) instead of spilling pages to the WAL and reading them back.
        await BulkUpsert.ExecuteAsync(connection, transaction, "PRAGMA cache_size=-1048576;", ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Upsert(spec, staging, columns);
            command.CommandTimeout = 0;
            var changed = await command.ExecuteNonQueryAsync(ct);
            var inserted = (int)(await ScalarAsync(connection, transaction, count, ct) - before);
            return (inserted, changed - inserted);
        }
        finally
        {
            await BulkUpsert.ExecuteAsync(connection, transaction, $"PRAGMA cache_size=-{SqliteCachePages};", ct);
        }
    }

    /// <summary>The page cache every SQLite connection gets (KiB), as the connection interceptor sets it.</summary>
    private const int SqliteCachePages = 65536;
}

internal sealed class PostgreSqlDialect : Dialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    public override string ColumnType(BulkType type, int? maxLength) => type switch
    {
        BulkType.Text => "text",
        BulkType.Int => "integer",
        BulkType.Date => "date",
        BulkType.Bool => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    // pg_temp. makes sure that DROP never reaches a permanent table of the same name.
    public override string CreateStaging(string staging, IEnumerable<(string Name, string Type)> columns) =>
        $"DROP TABLE IF EXISTS pg_temp.{staging}; CREATE TEMP TABLE {staging} ({Definitions(columns)});";

    public override string DropStaging(string staging) => $"DROP TABLE IF EXISTS pg_temp.{staging};";

    public override string Changed(IReadOnlyList<string> columns, string a, string b) =>
        $"({string.Join(", ", columns.Select(c => $"{a}.{c}"))}) IS DISTINCT FROM ({string.Join(", ", columns.Select(c => $"{b}.{c}"))})";

    public override string Upsert(UpsertSpec spec, string staging, IReadOnlyList<string> columns)
    {
        var list = string.Join(", ", columns);
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"{c} = EXCLUDED.{c}"));
        var action = set.Length == 0 ? "DO NOTHING" : $"DO UPDATE SET {set} WHERE {Changed(spec.Compared, spec.Target, "EXCLUDED")}";
        // Key order: concurrent upserts lock conflicting rows in the same order, so they cannot deadlock on each other.
        return $"INSERT INTO {spec.Target} ({list}) SELECT {list} FROM {staging} ORDER BY {string.Join(", ", spec.Keys)} ON CONFLICT ({string.Join(", ", spec.Keys)}) {action}";
    }

    // xmax is 0 on a freshly inserted row version and the updating transaction's id on an updated one.
    public override Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction? transaction, UpsertSpec spec, string staging, IReadOnlyList<string> columns, CancellationToken ct) =>
        ReadPairAsync(connection, transaction,
            $"WITH changed AS ({Upsert(spec, staging, columns)} RETURNING ({spec.Target}.xmax = 0) AS inserted) " +
            "SELECT COUNT(*) FILTER (WHERE inserted), COUNT(*) FILTER (WHERE NOT inserted) FROM changed", ct);
}

internal sealed class SqlServerDialect : Dialect
{
    public static SqlServerDialect Instance { get; } = new();

    public override string StagingName(string name) => "#" + name;

    // Temp tables take tempdb's collation; DATABASE_DEFAULT keeps joins against the target free of collation conflicts.
    public override string ColumnType(BulkType type, int? maxLength) => type switch
    {
        BulkType.Text => $"nvarchar({(maxLength is int n && n <= 4000 ? n.ToString(CultureInfo.InvariantCulture) : "max")}) COLLATE DATABASE_DEFAULT",
        BulkType.Int => "int",
        BulkType.Date => "date",
        BulkType.Bool => "bit",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public override string CreateStaging(string staging, IEnumerable<(string Name, string Type)> columns) =>
        $"IF OBJECT_ID('tempdb..{staging}') IS NOT NULL DROP TABLE {staging}; CREATE TABLE {staging} ({Definitions(columns)});";

    public override string DropStaging(string staging) => $"IF OBJECT_ID('tempdb..{staging}') IS NOT NULL DROP TABLE {staging};";

    // EXCEPT compares NULLs as equal, unlike <>.
    public override string Changed(IReadOnlyList<string> columns, string a, string b) =>
        $"EXISTS (SELECT {string.Join(", ", columns.Select(c => $"{a}.{c}"))} EXCEPT SELECT {string.Join(", ", columns.Select(c => $"{b}.{c}"))})";

    // HOLDLOCK: MERGE is not atomic against concurrent inserts of the same key without it.
    public override string Upsert(UpsertSpec spec, string staging, IReadOnlyList<string> columns)
    {
        var on = string.Join(" AND ", spec.Keys.Select(k => $"t.{k} = s.{k}"));
        var set = string.Join(", ", UpdatedColumns(spec).Select(c => $"t.{c} = s.{c}"));
        var matched = set.Length == 0 ? "" : $"WHEN MATCHED AND {Changed(spec.Compared, "s", "t")} THEN UPDATE SET {set} ";
        return $"MERGE INTO {spec.Target} WITH (HOLDLOCK) AS t USING {staging} AS s ON {on} " +
               matched +
               $"WHEN NOT MATCHED BY TARGET THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))});";
    }

    // MERGE reports each row's action through OUTPUT; unchanged rows match no WHEN clause and produce none.
    public override Task<(int Inserted, int Updated)> UpsertAsync(DbConnection connection, DbTransaction? transaction, UpsertSpec spec, string staging, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var merge = Upsert(spec, staging, columns);
        merge = merge[..^1] + " OUTPUT $action INTO #merge_actions (merge_action);";
        return ReadPairAsync(connection, transaction,
            "SET NOCOUNT ON; " +
            "IF OBJECT_ID('tempdb..#merge_actions') IS NOT NULL DROP TABLE #merge_actions; " +
            "CREATE TABLE #merge_actions (merge_action nvarchar(10) NOT NULL); " +
            merge + " " +
            "SELECT SUM(CASE WHEN merge_action = N'INSERT' THEN 1 ELSE 0 END), SUM(CASE WHEN merge_action = N'UPDATE' THEN 1 ELSE 0 END) FROM #merge_actions; " +
            "DROP TABLE #merge_actions;", ct);
    }
}
