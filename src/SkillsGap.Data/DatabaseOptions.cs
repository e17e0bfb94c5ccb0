namespace SkillsGap.Data;

/// <summary>Which database engine stores SkillsGap's data.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file: the embedded default, nothing to install.</summary>
    Sqlite = 0,
    /// <summary>A PostgreSQL server (scale-out).</summary>
    PostgreSql = 1,
    /// <summary>A SQL Server database (scale-out).</summary>
    SqlServer = 2,
}

/// <summary>The database provider and its connection string (<c>Database:Provider</c>, <c>ConnectionStrings:SkillsGap</c>).</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string? ConnectionString { get; set; }
}
