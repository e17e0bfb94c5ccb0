using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.App;
using SkillsGap.App.Sponsorship;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// Body of <c>POST /api/sponsorship</c> (DESIGN §10): <c>scope</c> is <c>manager</c> (with <c>managerId</c>),
/// <c>department</c> (with <c>department</c>) or <c>org</c>; <c>budgetHours</c> a positive number; <c>target</c> measures
/// gaps against target roles; <c>asOf</c> an ISO date (default today); <c>costPerBadge</c> hours per badge on top of its own.
/// </summary>
public sealed record SponsorshipCommand(string? Scope, string? ManagerId, string? Department, decimal? BudgetHours, bool? Target,
    string? AsOf, decimal? CostPerBadge);

/// <summary>
/// <c>POST /api/sponsorship</c>: the <see cref="PlanSponsorship"/> use case. hr plans for any group; a manager for their
/// own team or a team within it (403 otherwise, before the body's values are checked); a bad budget is a 400.
/// </summary>
public static class SponsorshipEndpoints
{
    public static IEndpointRouteBuilder MapSponsorshipEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapApiGroup("/api/sponsorship", "Sponsorship")
            .MapPost("", PlanAsync).WithName("PlanSponsorship")
            .WithSummary("Which badges to sponsor for whom within a budget of hours (hr any group; a manager their team).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<SponsorshipDocument>> PlanAsync(SponsorshipCommand command, ClaimsPrincipal user, AccessRules access,
        PlanSponsorship plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var kind = SponsorshipDocumentBuilder.ParseScope(command.Scope ?? "");
        if (!AccessRules.IsHr(user))
        {
            if (!AccessRules.IsManager(user))
                throw new AccessDeniedException("Sponsorship is planned by hr and by managers for their teams.");
            if (kind != GroupKind.Team)
                throw new AccessDeniedException("A manager plans sponsorship for their own team only.");
            if (string.IsNullOrWhiteSpace(command.ManagerId))
                throw new InputRejectedException("managerId is required when scope is 'manager'.");
            await access.EnsureCanReadTeamAsync(user, ApiInput.Employee(command.ManagerId.Trim()), ct);
        }
        if (kind is null) throw new InputRejectedException("scope must be 'manager', 'department' or 'org'.");
        if (command.BudgetHours is not decimal budget) throw new InputRejectedException("budgetHours is required: the budget in hours.");
        var key = kind switch
        {
            GroupKind.Team => string.IsNullOrWhiteSpace(command.ManagerId)
                ? throw new InputRejectedException("managerId is required when scope is 'manager'.")
                : ApiInput.Employee(command.ManagerId.Trim()).Value,
            GroupKind.Department => string.IsNullOrWhiteSpace(command.Department)
                ? throw new InputRejectedException("department is required when scope is 'department'.")
                : command.Department.Trim(),
            _ => null,
        };
        return TypedResults.Ok(await plan.RunAsync(new SponsorshipAsk(kind.Value, key, budget, command.Target ?? false,
            ApiInput.Date(command.AsOf, "asOf"), command.CostPerBadge ?? 0m), ct));
    }
}
