using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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

    /// <summary>Stages <paramref name="rows"/>, counts what the upsert will do, and upserts. Rows must be unique by key.</summary>
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
                    LoadSqlite(connection, transaction, staging, columns, rows, ct);
                    break;
                case DatabaseProvider.PostgreSql:
                    await LoadPostgreSqlAsync((NpgsqlConnection)connection, staging, columns, rows, ct);
                    break;
                case DatabaseProvider.SqlServer:
                    await LoadSqlServerAsync((SqlConnection)connection, (SqlTransaction?)transaction, staging, columns, rows, ct);
                    break;
            }

            var counts = await CountAsync(connection, transaction, dialect, staging, spec, ct);
            if (counts.Inserted + counts.Updated > 0)
                await ExecuteAsync(connection, transaction, dialect.Upsert(spec, staging, columns.Select(c => c.Name).ToArray()), ct);
            await ExecuteAsync(connection, transaction, dialect.DropStaging(staging), ct);
            return counts;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<ChangeCounts> CountAsync(DbConnection connection, DbTransaction? transaction, Dialect dialect, string staging, UpsertSpec spec, CancellationToken ct)
    {
        var on = string.Join(" AND ", spec.Keys.Select(k => $"t.{k} = s.{k}"));
        var changed = spec.Compared.Count == 0 ? "1 = 0" : dialect.Changed(spec.Compared, "t", "s");
        var sql = $"""
            SELECT COUNT(*),
                   SUM(CASE WHEN t.{spec.Keys[0]} IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN t.{spec.Keys[0]} IS NOT NULL AND ({changed}) THEN 1 ELSE 0 END)
            FROM {staging} s LEFT JOIN {spec.Target} t ON {on}
            """;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        var inserted = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        var updated = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        return new ChangeCounts(inserted, updated, total - inserted - updated);
    }

    private static void LoadSqlite<T>(DbConnection connection, DbTransaction? transaction, string staging, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {staging} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var row = rows[r];
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = columns[i].GetBoxed(row);
            command.ExecuteNonQuery();
        }
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
        return $"INSERT INTO {spec.Target} ({list}) SELECT {list} FROM {staging} WHERE true ON CONFLICT ({string.Join(", ", spec.Keys)}) {action};";
    }
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
        return $"INSERT INTO {spec.Target} ({list}) SELECT {list} FROM {staging} ON CONFLICT ({string.Join(", ", spec.Keys)}) {action};";
    }
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
}
