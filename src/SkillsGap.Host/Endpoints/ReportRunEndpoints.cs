using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>Body of <c>POST /api/reports/runs</c>: <c>scope</c> is <c>manager</c> or <c>org</c>; <c>week</c> like <c>2026-W48</c>, default the latest due week.</summary>
public sealed record ReportRunCommand(string? Scope, string? ManagerId, string? Week);

/// <summary>Report runs over HTTP: HR starts one now; HR or the run's manager reads its status.</summary>
public static class ReportRunEndpoints
{
    public static IEndpointRouteBuilder MapReportRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reports/runs").RequireBearer().WithTags("Reports");
        group.MapPost("", RequestAsync).RequireAuthorization(p => p.RequireRole(SkillsGapClaims.Roles.Hr))
            .WithSummary("Queues a weekly report run now (hr): 202 and the run.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}", GetAsync)
            .WithSummary("A report run's status, attempts and delivery (hr, or the run's manager).")
            .Problems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Accepted<ReportRunView>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        ReportRunCommand command, ReportRunLedger ledger, ReportRunQuery runs, ReportSchedule schedule, SkillsGapDbContext db,
        IBackgroundJobClient jobs, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var scope = command.Scope?.Trim().ToLowerInvariant() switch
        {
            "manager" => ReportScope.Manager,
            "org" or "organisation" or "organization" => ReportScope.Organisation,
            _ => (ReportScope?)null,
        };
        if (scope is null) errors["scope"] = ["scope must be 'manager' or 'org'."];
        IsoWeek week = default;
        if (command.Week is not null && !IsoWeek.TryParse(command.Week, out week))
            errors["week"] = [$"'{command.Week}' is not an ISO week such as 2026-W48."];
        else if (command.Week is null)
            week = schedule.LatestDue() is { } due ? schedule.WeekOf(due) : schedule.WeekOf(time.GetUtcNow());
        if (scope == ReportScope.Manager && string.IsNullOrWhiteSpace(command.ManagerId))
            errors["managerId"] = ["managerId is required for a manager report."];
        if (scope == ReportScope.Organisation && !string.IsNullOrWhiteSpace(command.ManagerId))
            errors["managerId"] = ["managerId is not taken for the organisation report."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        ReportRequest request;
        if (scope == ReportScope.Manager)
        {
            var managerId = command.ManagerId!.Trim();
            if (!await db.Employees.AsNoTracking().AnyAsync(e => e.Id == managerId, ct))
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                    detail: $"Manager '{managerId}' is not on the roster.");
            request = ReportRequest.ForManager(new EmployeeId(managerId), week);
        }
        else request = ReportRequest.ForOrganisation(week);

        var id = await ledger.RequestAsync(request, ct);
        jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(id, CancellationToken.None));
        var view = await runs.FindAsync(id, ct) ?? throw new InvalidOperationException($"Report run {id} vanished.");
        return TypedResults.Accepted($"/api/reports/runs/{id}", view);
    }

    private static async Task<Results<Ok<ReportRunView>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        long id, ClaimsPrincipal user, ReportRunQuery runs, CancellationToken ct)
    {
        if (await runs.FindAsync(id, ct) is not { } run)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"Report run {id} does not exist.");
        if (AccessRules.IsHr(user)) return TypedResults.Ok(run);
        var self = SkillsGapPrincipal.EmployeeIdOf(user);
        return AccessRules.IsManager(user) && run.ManagerId is not null && self == run.ManagerId ? TypedResults.Ok(run) : TypedResults.Forbid();
    }
}
