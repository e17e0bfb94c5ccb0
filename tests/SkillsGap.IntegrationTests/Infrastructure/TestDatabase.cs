using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>An empty, migrated database of one provider, private to one test, deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? postgresName)
    {
        Options = options;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>Creates the database and applies the provider's migrations.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(Path.GetTempPath(), $"skillsgap-test-{Guid.NewGuid():N}.db");
                database = new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={file}" }, file, null);
                break;
            case DatabaseProvider.PostgreSql:
                var name = $"skillsgap_test_{Guid.NewGuid():N}";
                var connection = await PostgresServer.CreateDatabaseAsync(name);
                database = new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connection }, null, name);
                break;
            default:
                throw new NotSupportedException($"No test server for {provider}.");
        }
        await using var db = database.NewContext();
        await SkillsGapDatabase.MigrateAsync(db, CancellationToken.None);
        return database;
    }

    /// <summary>A new context on this database (the caller disposes it).</summary>
    public SkillsGapDbContext NewContext() => SkillsGapDbContextOptions.Create(Options);

    /// <summary>A context factory over this database, for the singletons that open their own contexts.</summary>
    public IDbContextFactory<SkillsGapDbContext> Factory() => new ContextFactory(this);

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<SkillsGapDbContext>
    {
        public SkillsGapDbContext CreateDbContext() => database.NewContext();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
                if (File.Exists(_sqliteFile + suffix)) File.Delete(_sqliteFile + suffix);
        }
        if (_postgresName is not null) await PostgresServer.DropDatabaseAsync(_postgresName);
    }
}
