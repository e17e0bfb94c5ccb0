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

    /// <summary>
    /// The most connections one host opens to a PostgreSQL or SQL Server database (<c>Database:MaxPoolSize</c>), used
    /// when the connection string names no pool size of its own. Several hosts share one server: with the drivers'
    /// default of 100 each, three hosts could ask PostgreSQL (max_connections 100 by default) for 300. Ignored for SQLite.
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    /// <summary>20 per host: requests hold a connection only while they read (figures are cached), so 20 serve hundreds
    /// of requests a second, and five hosts stay within PostgreSQL's default 100 connections.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// <paramref name="connectionString"/> with <paramref name="maxPoolSize"/> as its pool limit when it names none
    /// (any of the drivers' spellings); unchanged when it names one, or for SQLite (one writer; no server to share).
    /// </summary>
    public static string WithPoolLimit(DatabaseProvider provider, string connectionString, int maxPoolSize)
    {
        if (provider == DatabaseProvider.Sqlite) return connectionString;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        string[] spellings = ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"];
        if (spellings.Any(parts.ContainsKey)) return connectionString;
        parts[provider == DatabaseProvider.PostgreSql ? "Maximum Pool Size" : "Max Pool Size"] = maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return parts.ConnectionString;
    }
}
