using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Health;

namespace SkillsGap.Host.Health;

/// <summary>The database answers a query (<see cref="DatabaseHealth"/>).</summary>
public sealed class DatabaseHealthCheck(DatabaseHealth database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var finding = await database.CheckAsync(cancellationToken);
        return finding.Healthy ? HealthCheckResult.Healthy(finding.Description) : HealthCheckResult.Unhealthy(finding.Description);
    }
}

/// <summary>A Hangfire server is running on this storage and its heartbeat is recent.</summary>
public sealed class HangfireHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var now = time.GetUtcNow().UtcDateTime;
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(2));
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} job server(s), {servers.Sum(s => s.WorkersCount)} worker(s).")
                : HealthCheckResult.Unhealthy("No Hangfire job server is running."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage does not answer: {e.Message}"));
        }
    }
}

/// <summary>
/// Today's figures can be computed from what is stored (<see cref="FiguresCache"/>: computed once per data version, so
/// the check is cheap): a stored row that makes a figure throw makes the host Unhealthy, not silently broken.
/// </summary>
public sealed class FiguresHealthCheck(FiguresCache figures, BusinessCalendar calendar) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var today = await figures.GetAsync(calendar.Today, cancellationToken);
            return HealthCheckResult.Healthy($"Figures of {today.Snapshot.Employees.Count} people as of {today.Snapshot.AsOf:yyyy-MM-dd}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Today's figures cannot be computed.", e);
        }
    }
}

/// <summary>One check of <c>/health</c>: its status only (what it found is logged, never shown: <c>/health</c> is anonymous).</summary>
public sealed record HealthCheckDocument(string Status);

/// <summary>The <c>/health</c> document: the overall status (Healthy, Degraded, Unhealthy) and each check's status.</summary>
public sealed record HealthDocument(string Status, IReadOnlyDictionary<string, HealthCheckDocument> Checks)
{
    public static HealthDocument From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Status.ToString(), report.Entries.ToDictionary(
            e => e.Key, e => new HealthCheckDocument(e.Value.Status.ToString()), StringComparer.Ordinal));
    }
}

/// <summary>
/// <c>GET /health</c>, anonymous: the database and the job server, 200 when healthy or degraded, 503 when not. A route
/// handler (not MapHealthChecks) so that the OpenAPI document describes it like every other route.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckAsync).WithName("Health").WithTags("Health").AllowAnonymous()
            .WithSummary("Whether the database answers, a job server is running and today's figures can be computed (anonymous; statuses only).")
            .Produces<HealthDocument>(StatusCodes.Status200OK)
            .Produces<HealthDocument>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<JsonHttpResult<HealthDocument>> CheckAsync(HealthCheckService health, HttpContext http, ILoggerFactory logs,
        CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
            logs.CreateLogger("SkillsGap.Host.Health").LogWarning(entry.Exception, "Health check {Check} is {Status}: {Description}", name, entry.Status, entry.Description);
        http.Response.Headers.CacheControl = "no-store, no-cache";
        return TypedResults.Json(HealthDocument.From(report),
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
