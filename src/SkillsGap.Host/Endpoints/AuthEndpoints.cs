using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SkillsGap.Analytics;
using SkillsGap.App;
using SkillsGap.App.Audit;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>The form of <c>POST /auth/signin</c>: a token, or (demo sign-in) an employee id and a role.</summary>
public sealed class SignInForm
{
    public string? Token { get; set; }
    public string? EmployeeId { get; set; }
    public string? Role { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>
/// The cookie sign-in of the pages and the dashboard: <c>POST /auth/signin</c> (antiforgery-protected form) and
/// <c>POST /auth/signout</c>. A failed sign-in goes back to <c>/signin?error=…</c>.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/auth").ExcludeFromDescription();
        group.MapPost("/signin", SignInAsync).AllowAnonymous();
        group.MapPost("/signout", (Delegate)SignOutAsync).AllowAnonymous();
        return routes;
    }

    private static async Task<RedirectHttpResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext http, IOptions<AuthOptions> options, DemoSignInGate demo,
        IOptionsMonitor<JwtBearerOptions> bearer, FiguresCache figures, BusinessCalendar calendar, AuditLog audit, CancellationToken ct)
    {
        var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/";
        ClaimsPrincipal? principal;
        string? error;
        var isDemo = string.IsNullOrWhiteSpace(form.Token);
        if (!isDemo)
            (principal, error) = await FromTokenAsync(form.Token!, options.Value, bearer.Get(SkillsGapClaims.BearerScheme), ct);
        else if (demo.AllowsRequest(http))
            (principal, error) = await FromDemoAsync(form, figures, calendar, ct);
        else
            throw new AccessDeniedException("The demo sign-in is off on this host (it needs Host:DemoSignIn and a host listening on loopback alone): sign in with a token.");

        if (principal is null)
            return TypedResults.LocalRedirect(
                $"/signin?error={Uri.EscapeDataString(error ?? "invalid")}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        await http.SignInAsync(SkillsGapClaims.CookieScheme, principal);
        if (isDemo)
        {
            var roles = string.Join(",", principal.FindAll(SkillsGapClaims.Role).Select(c => c.Value));
            await audit.RecordAsync(SkillsGapPrincipal.ActorOf(principal), AuditActions.DemoSignIn, SkillsGapPrincipal.EmployeeIdOf(principal) ?? "",
                $"role {roles}", ct);
        }
        return TypedResults.LocalRedirect(returnUrl);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(SkillsGapClaims.CookieScheme);
        return TypedResults.LocalRedirect("/signin");
    }

    private static async Task<(ClaimsPrincipal?, string?)> FromTokenAsync(string token, AuthOptions auth, JwtBearerOptions bearer, CancellationToken ct)
    {
        var parameters = await AuthenticationSetup.BearerValidationAsync(bearer, ct);
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return (null, "invalid-token");
        var principal = SkillsGapPrincipal.Normalise(new ClaimsPrincipal(result.ClaimsIdentity), auth, SkillsGapClaims.CookieScheme);
        return principal.HasClaim(c => c.Type == SkillsGapClaims.Role) ? (principal, null) : (null, "no-role");
    }

    /// <summary>
    /// The demo sign-in's roles, compared exactly (nothing trimmed, lower case): hr (alone, or as someone employed
    /// today); employee only as that employee, employed today; manager only as an employed manager with a team today.
    /// </summary>
    private static async Task<(ClaimsPrincipal?, string?)> FromDemoAsync(SignInForm form, FiguresCache figures, BusinessCalendar calendar, CancellationToken ct)
    {
        var role = form.Role;
        if (!SkillsGapPrincipal.IsKnownRole(role)) return (null, "unknown-role");
        var id = form.EmployeeId;
        if (string.IsNullOrEmpty(id))
            return role == SkillsGapClaims.Roles.Hr
                ? (SkillsGapPrincipal.Create([role!], null, "hr (demo)", SkillsGapClaims.CookieScheme), null)
                : (null, "employee-required");
        var snapshot = (await figures.GetAsync(calendar.Today, ct)).Snapshot;
        EmployeeId employeeId;
        try { employeeId = new EmployeeId(id); }
        catch (ArgumentException) { return (null, "unknown-employee"); }
        var employee = snapshot.FindEmployee(employeeId);
        // The id exactly as the roster has it: " E-0009" or "e-0009" is nobody.
        if (employee is null || !string.Equals(employee.Id.Value, id, StringComparison.Ordinal) || !GroupKeys.IsEmployed(employee, snapshot.AsOf)) return (null, "unknown-employee");
        if (role == SkillsGapClaims.Roles.Manager
            && !snapshot.Employees.Any(e => e.Manager == employee.Id && GroupKeys.IsEmployed(e, snapshot.AsOf)))
            return (null, "not-a-manager");
        return (SkillsGapPrincipal.Create([role!], employee.Id.Value, employee.Name, SkillsGapClaims.CookieScheme), null);
    }

    /// <summary>
    /// A path on this site: starts with one '/' (not '//' or '/\', which browsers treat as another host) and holds no
    /// control character or white space (browsers drop tabs and line breaks, so <c>/\t/evil.example</c> is <c>//evil.example</c>).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');
}
