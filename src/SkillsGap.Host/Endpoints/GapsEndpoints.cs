using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.Analytics;
using SkillsGap.App.Gaps;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Pathways;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// The read side of DESIGN §10: an employee's gaps, recommendations and pathway, a team's and the organisation's
/// gaps — each the same JSON document as the CLI's <c>--format json</c>, its options as query parameters.
/// </summary>
public static class GapsEndpoints
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapGapsEndpoints(this IEndpointRouteBuilder routes)
    {
        // 400: a bad asOf, targetRole or top; 404: an unknown employee, manager or target role.
        var employees = routes.MapGroup("/api/employees/{id}").WithTags("Employees").RequireBearer()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        employees.MapGet("/gaps", EmployeeGapsAsync).WithName("EmployeeGaps")
            .WithSummary("An employee's gaps and readiness against their role (or targetRole), as of asOf.")
            .Produces<EmployeeGapsDocument>(StatusCodes.Status200OK, Json);
        employees.MapGet("/recommendations", RecommendationsAsync).WithName("EmployeeRecommendations")
            .WithSummary("The next badges for an employee (top, default 5), with reasons.")
            .Produces<RecommendationsDocument>(StatusCodes.Status200OK, Json);
        employees.MapGet("/pathway", PathwayAsync).WithName("EmployeePathway")
            .WithSummary("The least-hours pathway of badges that closes an employee's gaps for their role (or targetRole).")
            .Produces<PathwayDocument>(StatusCodes.Status200OK, Json);

        routes.MapGet("/api/teams/{managerId}/gaps", TeamGapsAsync).WithName("TeamGaps").WithTags("Teams")
            .WithSummary("The figures of a manager's whole reporting tree.")
            .RequireBearer().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .Produces<GroupGapsDocument>(StatusCodes.Status200OK, Json);
        routes.MapGet("/api/org/gaps", OrgGapsAsync).WithName("OrganisationGaps").WithTags("Organisation")
            .WithSummary("The organisation's figures (hr only).")
            .RequireBearer().Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .Produces<GroupGapsDocument>(StatusCodes.Status200OK, Json);
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> EmployeeGapsAsync(
        string id, string? asOf, string? targetRole, ClaimsPrincipal user, AccessRules access, GapsQuery gaps, CancellationToken ct)
    {
        var employee = ApiInput.Employee(id);
        if (!await access.CanReadEmployeeAsync(user, employee, ct)) return Forbidden($"You may not read employee {employee}.");
        return await GapsJsonAsync(gaps, GroupKind.Employee, employee.Value, asOf, targetRole, ct);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RecommendationsAsync(
        string id, string? asOf, int? top, ClaimsPrincipal user, AccessRules access, RecommendQuery recommend, CancellationToken ct)
    {
        var employee = ApiInput.Employee(id);
        if (!await access.CanReadEmployeeAsync(user, employee, ct)) return Forbidden($"You may not read employee {employee}.");
        var document = await recommend.RunAsync(employee, top ?? 5, ApiInput.Date(asOf, "asOf"), ct);
        return TypedResults.Text(document.ToJson(), Json);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PathwayAsync(
        string id, string? asOf, string? targetRole, ClaimsPrincipal user, AccessRules access, PathwayQuery pathway, CancellationToken ct)
    {
        var employee = ApiInput.Employee(id);
        if (!await access.CanReadEmployeeAsync(user, employee, ct)) return Forbidden($"You may not read employee {employee}.");
        var plan = await pathway.RunAsync(employee, ApiInput.Role(targetRole), ApiInput.Date(asOf, "asOf"), ct);
        return TypedResults.Text(PathwayDocument.From(plan).ToJson(), Json);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> TeamGapsAsync(
        string managerId, string? asOf, string? targetRole, ClaimsPrincipal user, AccessRules access, GapsQuery gaps, CancellationToken ct)
    {
        var manager = ApiInput.Employee(managerId);
        if (!await access.CanReadTeamAsync(user, manager, ct)) return Forbidden($"You may not read the team of {manager}.");
        return await GapsJsonAsync(gaps, GroupKind.Team, manager.Value, asOf, targetRole, ct);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OrgGapsAsync(
        string? asOf, string? targetRole, ClaimsPrincipal user, GapsQuery gaps, CancellationToken ct)
    {
        if (!AccessRules.IsHr(user)) return Forbidden("Organisation figures are for hr only.");
        return await GapsJsonAsync(gaps, GroupKind.Organisation, null, asOf, targetRole, ct);
    }

    // The query's inputs are parsed after the access check, so that a 403 comes before a 400.
    private static async Task<ContentHttpResult> GapsJsonAsync(
        GapsQuery gaps, GroupKind kind, string? key, string? asOf, string? targetRole, CancellationToken ct) =>
        TypedResults.Text(GapsJson.Serialize(
            await gaps.RunAsync(new GapsRequest(kind, key, ApiInput.Date(asOf, "asOf"), ApiInput.Role(targetRole)), ct)), Json);

    internal static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
