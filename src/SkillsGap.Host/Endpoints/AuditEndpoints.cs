using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.App.Audit;

namespace SkillsGap.Host.Endpoints;

/// <summary><c>GET /api/audit?page=&amp;pageSize=&amp;action=</c> (hr): the audit log, newest first (<see cref="AuditLog"/>).</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapApiGroup("/api/audit", "Audit").RequireHr()
            .MapGet("/", ListAsync).WithName("AuditLog")
            .WithSummary("Who imported, deleted, trained, issued, revoked, created challenges or signed in as a demo person (hr): newest first, paged.")
            .Problems(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<Ok<AuditPage>> ListAsync(int? page, int? pageSize, string? action, AuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(page ?? 1, pageSize ?? 50, action, ct));
}
