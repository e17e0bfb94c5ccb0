using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// How an API feature maps its routes, the same way everywhere: a route group per feature (<see cref="MapApiGroup"/>)
/// that needs a bearer token (401) and documents 403; the role policy on the group (<see cref="RequireHr"/>); and, for
/// the routes of one employee or one team, the access rule of DESIGN §8 as a filter on the group
/// (<see cref="ForEmployee"/>, <see cref="ForTeam"/>). A route mapped into such a group gets all of it.
/// </summary>
public static class ApiRoutes
{
    /// <summary>A group of API routes under <paramref name="prefix"/>: bearer token required, tagged for OpenAPI.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix).WithTags(tag).RequireBearer();

    /// <summary>Only hr may use these routes: the role policy, checked before the route runs (anyone else gets 403).</summary>
    public static TBuilder RequireHr<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireClaim(SkillsGapClaims.Role, SkillsGapClaims.Roles.Hr));

    /// <summary>
    /// The group's routes read one employee, named by the route value <paramref name="parameter"/>: hr, the employee
    /// themselves, or a manager above them (anyone else gets 403, before the route parses its other inputs).
    /// </summary>
    public static RouteGroupBuilder ForEmployee(this RouteGroupBuilder group, string parameter = "id")
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var employee = ApiInput.Employee(http.GetRouteValue(parameter) as string ?? "");
            await http.RequestServices.GetRequiredService<AccessRules>().EnsureCanReadEmployeeAsync(http.User, employee, http.RequestAborted);
            return await next(context);
        });
        return group;
    }

    /// <summary>The group's routes read a manager's team, named by <paramref name="parameter"/>: hr, that manager, or a manager above.</summary>
    public static RouteGroupBuilder ForTeam(this RouteGroupBuilder group, string parameter = "managerId")
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var manager = ApiInput.Employee(http.GetRouteValue(parameter) as string ?? "");
            await http.RequestServices.GetRequiredService<AccessRules>().EnsureCanReadTeamAsync(http.User, manager, http.RequestAborted);
            return await next(context);
        });
        return group;
    }
}
