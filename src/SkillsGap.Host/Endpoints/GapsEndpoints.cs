using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.Analytics;
using SkillsGap.App.Gaps;
using SkillsGap.App.Pathways;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Pathways;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// The read side of DESIGN §10: an employee's gaps, recommendations and pathway, a team's and the organisation's
/// gaps — each the same JSON document as the CLI's <c>--format json</c> (the shared document JSON options), its options
/// as query parameters. Who may read what is on the groups; the query's inputs are parsed after it, so a 403 comes first.
/// </summary>
public static class GapsEndpoints
{
    public static IEndpointRouteBuilder MapGapsEndpoints(this IEndpointRouteBuilder routes)
    {
        // 400: a bad asOf, targetRole or top; 404: an unknown employee, manager or target role.
        var employee = routes.MapApiGroup("/api/employees/{id}", "Employees").ForEmployee()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        employee.MapGet("/gaps", EmployeeGapsAsync).WithName("EmployeeGaps")
            .WithSummary("An employee's gaps and readiness against their role (or targetRole), as of asOf.");
        employee.MapGet("/recommendations", RecommendationsAsync).WithName("EmployeeRecommendations")
            .WithSummary("The next badges for an employee (top, default 5): gap-closing and renewal badges first, each with its purpose and what it unlocks.");
        employee.MapGet("/pathway", PathwayAsync).WithName("EmployeePathway")
            .WithSummary("The least-hours pathway of badges that closes an employee's gaps for their role (or targetRole).");

        var team = routes.MapApiGroup("/api/teams/{managerId}", "Teams").ForTeam()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        team.MapGet("/gaps", TeamGapsAsync).WithName("TeamGaps")
            .WithSummary("The figures of a manager's whole reporting tree.");

        var org = routes.MapApiGroup("/api/org", "Organisation").RequireHr()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        org.MapGet("/gaps", OrgGapsAsync).WithName("OrganisationGaps")
            .WithSummary("The organisation's figures (hr only).");
        return routes;
    }

    private static async Task<Ok<EmployeeGapsDocument>> EmployeeGapsAsync(string id, string? asOf, string? targetRole, GapsQuery gaps, CancellationToken ct) =>
        TypedResults.Ok(await gaps.EmployeeAsync(ApiInput.Employee(id), ApiInput.Date(asOf, "asOf"), ApiInput.Role(targetRole), ct));

    private static async Task<Ok<RecommendationsDocument>> RecommendationsAsync(string id, string? asOf, int? top, string? targetRole, RecommendQuery recommend,
        CancellationToken ct) =>
        TypedResults.Ok(await recommend.RunAsync(ApiInput.Employee(id), top ?? 5, ApiInput.Date(asOf, "asOf"), ApiInput.Role(targetRole), ct));

    private static async Task<Ok<PathwayDocument>> PathwayAsync(string id, string? asOf, string? targetRole, PathwayQuery pathway, CancellationToken ct) =>
        TypedResults.Ok(PathwayDocument.From(await pathway.RunAsync(ApiInput.Employee(id), ApiInput.Role(targetRole), ApiInput.Date(asOf, "asOf"), ct)));

    private static async Task<Ok<GroupGapsDocument>> TeamGapsAsync(string managerId, string? asOf, string? targetRole, GapsQuery gaps, CancellationToken ct) =>
        TypedResults.Ok(await gaps.GroupAsync(GroupKind.Team, ApiInput.Employee(managerId).Value, ApiInput.Date(asOf, "asOf"), ApiInput.Role(targetRole), ct));

    private static async Task<Ok<GroupGapsDocument>> OrgGapsAsync(string? asOf, string? targetRole, GapsQuery gaps, CancellationToken ct) =>
        TypedResults.Ok(await gaps.GroupAsync(GroupKind.Organisation, null, ApiInput.Date(asOf, "asOf"), ApiInput.Role(targetRole), ct));
}
