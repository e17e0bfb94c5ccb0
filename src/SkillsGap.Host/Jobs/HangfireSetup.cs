using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillsGap.App;
using SkillsGap.App.Jobs;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// Hangfire for this host: storage follows the database provider (DESIGN §6: SQLite → in-memory, PostgreSQL →
/// Hangfire.PostgreSql, SQL Server → Hangfire.SqlServer), a server with a few workers, the dashboard for hr only.
/// </summary>
public static class HangfireSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddSkillsGapHangfire(this IServiceCollection services, StorageChoice database, int workers)
    {
        ArgumentNullException.ThrowIfNull(database);
        // This host's own storage instance (not the static JobStorage.Current), so that two hosts in one process stay apart.
        services.AddSingleton<JobStorage>(_ => CreateStorage(database with { ConnectionString = database.JobConnectionString(workers) }));
        services.AddHangfire((_, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Clamp(workers, 1, 16);
            o.Queues = JobQueues.All;
        });
        services.AddSkillsGapJobs();
        return services;
    }

    /// <summary>
    /// The jobs Hangfire runs (App's queued jobs and the report jobs) and App's <see cref="IBackgroundWork"/> on Hangfire;
    /// needs <c>AddSkillsGap</c> and Hangfire's client services (storage and server come from <see cref="AddSkillsGapHangfire"/>).
    /// </summary>
    public static IServiceCollection AddSkillsGapJobs(this IServiceCollection services)
    {
        services.AddTransient<QueuedJob>();
        services.AddTransient<ReportJobs>();
        services.AddTransient<ModelJobs>();
        services.Replace(ServiceDescriptor.Singleton<IBackgroundWork, HangfireBackgroundWork>());
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

    private static JobStorage CreateStorage(StorageChoice database) => database.Kind switch
    {
        StorageKind.EmbeddedSqlite => new InMemoryStorage(),
        StorageKind.PostgreSql => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions()),
        StorageKind.SqlServer => new SqlServerStorage(
            () => new Microsoft.Data.SqlClient.SqlConnection(database.ConnectionString), new SqlServerStorageOptions()),
        _ => throw new InvalidOperationException($"No Hangfire storage for {database.Kind}."),
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
