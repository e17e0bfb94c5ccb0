using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using SkillsGap.Data;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// Hangfire for this host: storage follows the database provider (DESIGN §6: SQLite → in-memory, PostgreSQL →
/// Hangfire.PostgreSql, SQL Server → Hangfire.SqlServer), a server with a few workers, the dashboard for hr only.
/// </summary>
public static class HangfireSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddSkillsGapHangfire(this IServiceCollection services, DatabaseOptions database, int workers)
    {
        ArgumentNullException.ThrowIfNull(database);
        // This host's own storage instance (not the static JobStorage.Current), so that two hosts in one process stay apart.
        services.AddSingleton<JobStorage>(_ => CreateStorage(database));
        services.AddHangfire((_, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Clamp(workers, 1, 16);
        });
        services.AddScoped<ImportJob>();
        services.AddScoped<ImportUploads>();
        services.AddScoped<TrainModelJob>();
        return services;
    }

    /// <summary>Maps the dashboard at <see cref="DashboardPath"/>: cookie sign-in as hr, else a redirect to /signin.</summary>
    public static IEndpointRouteBuilder MapSkillsGapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new HrDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(SkillsGapPolicies.HrPages);
        return routes;
    }

    private static JobStorage CreateStorage(DatabaseOptions database) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new InMemoryStorage(),
        DatabaseProvider.PostgreSql => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(database.ConnectionString!, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions()),
        DatabaseProvider.SqlServer => new SqlServerStorage(
            () => new Microsoft.Data.SqlClient.SqlConnection(database.ConnectionString), new SqlServerStorageOptions()),
        _ => throw new InvalidOperationException($"No Hangfire storage for {database.Provider}."),
    };
}

/// <summary>Lets only a cookie principal with the hr role into the dashboard.</summary>
public sealed class HrDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: SkillsGapClaims.CookieScheme } && AccessRules.IsHr(user);
    }
}
