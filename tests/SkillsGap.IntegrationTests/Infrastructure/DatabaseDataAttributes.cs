using System.Reflection;
using SkillsGap.Data;
using Xunit.Sdk;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>A theory row that runs the test on a temporary SQLite file.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>
/// A theory row that runs the test on a real PostgreSQL server (see <see cref="PostgresServer"/>). When none is
/// available the row is skipped with a loud reason — unless SKILLSGAP_REQUIRE_POSTGRES=1, when it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlDataAttribute : DataAttribute
{
    public override string? Skip
    {
        get => PostgresServer.Required ? null : PostgresServer.UnavailableReason;
        set { }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.PostgreSql]];
}
