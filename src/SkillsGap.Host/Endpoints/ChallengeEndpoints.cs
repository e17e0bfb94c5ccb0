using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.App.Challenges;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// <c>GET|POST /api/challenges</c> and <c>GET /api/challenges/{id}/progress</c> (DESIGN §10): HR sets and sees any, a manager
/// their team's, an employee sees the ones they are in; the use case (<see cref="ChallengeService"/>) decides, as for the CLI.
/// </summary>
public static class ChallengeEndpoints
{
    public static IEndpointRouteBuilder MapChallengeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/challenges", "Challenges");
        group.MapGet("/", ListAsync).WithName("Challenges")
            .WithSummary("The challenges the caller may see, newest first (hr all; a manager their team's; an employee the ones they are in).");
        group.MapPost("/", CreateAsync).WithName("CreateChallenge")
            .WithSummary("Sets a challenge (hr any group; a manager their team). Body: name, scope manager|department|org, managerId, department, goal, from, to.")
            .Problems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}/progress", ProgressAsync).WithName("ChallengeProgress")
            .WithSummary("Each person's and the group's progress as of asOf, and the standings (names only of those who opted in).")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return routes;
    }

    private static ChallengeCaller Caller(ClaimsPrincipal user) =>
        new(AccessRules.IsHr(user), AccessRules.IsManager(user),
            SkillsGapPrincipal.EmployeeIdOf(user) is { } self && (AccessRules.IsManager(user) || AccessRules.IsEmployee(user) || AccessRules.IsHr(user))
                ? new EmployeeId(self) : null,
            user.Identity?.Name);

    private static async Task<Ok<IReadOnlyList<ChallengeDocument>>> ListAsync(ClaimsPrincipal user, ChallengeService challenges, CancellationToken ct) =>
        TypedResults.Ok(await challenges.ListAsync(Caller(user), ct));

    private static async Task<CreatedAtRoute<ChallengeDocument>> CreateAsync(ChallengeRequest request, ClaimsPrincipal user, ChallengeService challenges,
        CancellationToken ct)
    {
        var created = await challenges.CreateAsync(request, Caller(user), ct);
        return TypedResults.CreatedAtRoute(created, "ChallengeProgress", new { id = created.Id });
    }

    private static async Task<Ok<ChallengeProgressDocument>> ProgressAsync(long id, string? asOf, ClaimsPrincipal user, ChallengeService challenges,
        CancellationToken ct) =>
        TypedResults.Ok(await challenges.ProgressAsync(id, Caller(user), ApiInput.Date(asOf, "asOf"), ct));
}
