using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>Body of <c>POST /api/reports/runs</c>: <c>scope</c> is <c>manager</c> or <c>org</c>; <c>week</c> like <c>2026-W48</c>, default the latest due week.</summary>
public sealed record ReportRunCommand(string? Scope, string? ManagerId, string? Week);

/// <summary>Report runs over HTTP: HR starts one now (<see cref="RequestReportRun"/>); HR or the run's manager reads its status.</summary>
public static class ReportRunEndpoints
{
    public static IEndpointRouteBuilder MapReportRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/api/reports/runs", "Reports");
        group.MapPost("", RequestAsync).RequireHr()
            .WithSummary("Queues a weekly report run now (hr): 202 and the run.")
            .Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}", GetAsync)
            .WithSummary("A report run's status, attempts and delivery (hr, or the run's manager).")
            .Problems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Accepted<ReportRunView>, ValidationProblem>> RequestAsync(
        ReportRunCommand command, RequestReportRun request, ReportSchedule schedule, TimeProvider time, CancellationToken ct)
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
        else if (command.Week is not null && !ValueBounds.IsInRange(week))
            errors["week"] = [$"The week {command.Week} is outside the business dates {ValueBounds.DateRange}."];
        else if (command.Week is null)
            week = schedule.LatestDue() is { } due ? schedule.WeekOf(due) : schedule.WeekOf(time.GetUtcNow());
        if (scope == ReportScope.Manager && string.IsNullOrWhiteSpace(command.ManagerId))
            errors["managerId"] = ["managerId is required for a manager report."];
        if (scope == ReportScope.Organisation && !string.IsNullOrWhiteSpace(command.ManagerId))
            errors["managerId"] = ["managerId is not taken for the organisation report."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var run = await request.RunAsync(scope == ReportScope.Manager
            ? ReportRequest.ForManager(ApiInput.Employee(command.ManagerId!.Trim()), week)
            : ReportRequest.ForOrganisation(week), ct);
        return TypedResults.Accepted($"/api/reports/runs/{run.Id}", run);
    }

    private static async Task<Ok<ReportRunView>> GetAsync(long id, ClaimsPrincipal user, ReportRunQuery runs, CancellationToken ct)
    {
        var run = await runs.GetAsync(id, ct);
        AccessRules.EnsureCanReadReportRun(user, run);
        return TypedResults.Ok(run);
    }
}
