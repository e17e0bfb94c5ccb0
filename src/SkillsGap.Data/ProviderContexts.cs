using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SkillsGap.Data;

/// <summary>SkillsGap storage on a SQLite file (migrations in <c>Migrations/Sqlite</c>).</summary>
public sealed class SqliteSkillsGapDbContext(DbContextOptions<SqliteSkillsGapDbContext> options) : SkillsGapDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>SkillsGap storage on PostgreSQL (migrations in <c>Migrations/PostgreSql</c>).</summary>
public sealed class PostgreSqlSkillsGapDbContext(DbContextOptions<PostgreSqlSkillsGapDbContext> options) : SkillsGapDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>SkillsGap storage on SQL Server (migrations in <c>Migrations/SqlServer</c>).</summary>
public sealed class SqlServerSkillsGapDbContext(DbContextOptions<SqlServerSkillsGapDbContext> options) : SkillsGapDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}

/// <summary>
/// Sets the per-connection SQLite pragmas on every open: WAL journal (several readers beside one writer), foreign keys
/// on, a busy timeout so a second writer waits instead of failing, temp tables (bulk staging) in memory, and a 64 MiB
/// page cache so that bulk upserts into indexed tables do not thrash.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>The page cache of every connection, in KiB (64 MiB).</summary>
    public const int CacheKibibytes = 65_536;

    private static readonly string Pragmas =
        $"PRAGMA busy_timeout={BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-{CacheKibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture)};";

    public static SqlitePragmaInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Builds provider-specific context options from <see cref="DatabaseOptions"/>.</summary>
public static class SkillsGapDbContextOptions
{
    /// <summary>Options for the subclass that matches <see cref="DatabaseOptions.Provider"/>.</summary>
    public static DbContextOptions Build(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => Configure(new DbContextOptionsBuilder<SqliteSkillsGapDbContext>(), options).Options,
        DatabaseProvider.PostgreSql => Configure(new DbContextOptionsBuilder<PostgreSqlSkillsGapDbContext>(), options).Options,
        DatabaseProvider.SqlServer => Configure(new DbContextOptionsBuilder<SqlServerSkillsGapDbContext>(), options).Options,
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
    };

    /// <summary>Configures <paramref name="builder"/> for the provider named in <paramref name="options"/>.</summary>
    public static T Configure<T>(T builder, DatabaseOptions options) where T : DbContextOptionsBuilder
    {
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("A connection string is required (ConnectionStrings:SkillsGap).");
        connectionString = DatabaseOptions.WithPoolLimit(options.Provider, connectionString, options.MaxPoolSize);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                    .AddInterceptors(SqlitePragmaInterceptor.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
                break;
            case DatabaseProvider.SqlServer:
                // Transient errors (failover, throttling, a deadlock victim) are retried by EF's execution strategy; the
                // code that opens its own transactions runs them through CreateExecutionStrategy().ExecuteAsync.
                builder.UseSqlServer(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history").EnableRetryOnFailure());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }
        return builder;
    }

    /// <summary>A new context of the right subclass.</summary>
    public static SkillsGapDbContext Create(DatabaseOptions options) => Create(options.Provider, Build(options));

    internal static SkillsGapDbContext Create(DatabaseProvider provider, DbContextOptions options) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteSkillsGapDbContext((DbContextOptions<SqliteSkillsGapDbContext>)options),
        DatabaseProvider.PostgreSql => new PostgreSqlSkillsGapDbContext((DbContextOptions<PostgreSqlSkillsGapDbContext>)options),
        DatabaseProvider.SqlServer => new SqlServerSkillsGapDbContext((DbContextOptions<SqlServerSkillsGapDbContext>)options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}

/// <summary>Design-time factory for <c>dotnet ef</c> (SQLite migrations).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSkillsGapDbContext>
{
    public SqliteSkillsGapDbContext CreateDbContext(string[] args) =>
        (SqliteSkillsGapDbContext)SkillsGapDbContextOptions.Create(new DatabaseOptions
        { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=skillsgap-design.db" });
}

/// <summary>Design-time factory for <c>dotnet ef</c> (PostgreSQL migrations; no server is contacted).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSkillsGapDbContext>
{
    public PostgreSqlSkillsGapDbContext CreateDbContext(string[] args) =>
        (PostgreSqlSkillsGapDbContext)SkillsGapDbContextOptions.Create(new DatabaseOptions
        { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=localhost;Database=skillsgap;Username=skillsgap" });
}

/// <summary>Design-time factory for <c>dotnet ef</c> (SQL Server migrations; no server is contacted).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSkillsGapDbContext>
{
    public SqlServerSkillsGapDbContext CreateDbContext(string[] args) =>
        (SqlServerSkillsGapDbContext)SkillsGapDbContextOptions.Create(new DatabaseOptions
        { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=localhost;Database=SkillsGap;Integrated Security=true;TrustServerCertificate=true" });
}
