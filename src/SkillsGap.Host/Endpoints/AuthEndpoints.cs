using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SkillsGap.App;
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
        [FromForm] SignInForm form, HttpContext http, IOptions<AuthOptions> options,
        IOptionsMonitor<JwtBearerOptions> bearer, FiguresCache figures, BusinessCalendar calendar, CancellationToken ct)
    {
        var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/";
        ClaimsPrincipal? principal;
        string? error;
        if (!string.IsNullOrWhiteSpace(form.Token))
            (principal, error) = await FromTokenAsync(form.Token, options.Value, bearer.Get(SkillsGapClaims.BearerScheme), ct);
        else if (options.Value.DemoSignIn == true)
            (principal, error) = await FromDemoAsync(form, figures, calendar, ct);
        else
            (principal, error) = (null, "token-required");

        if (principal is null)
            return TypedResults.LocalRedirect(
                $"/signin?error={Uri.EscapeDataString(error ?? "invalid")}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        await http.SignInAsync(SkillsGapClaims.CookieScheme, principal);
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

    private static async Task<(ClaimsPrincipal?, string?)> FromDemoAsync(SignInForm form, FiguresCache figures, BusinessCalendar calendar, CancellationToken ct)
    {
        var role = form.Role?.Trim().ToLowerInvariant();
        if (!SkillsGapPrincipal.IsKnownRole(role)) return (null, "unknown-role");
        var id = form.EmployeeId?.Trim();
        if (string.IsNullOrEmpty(id))
            return role == SkillsGapClaims.Roles.Hr
                ? (SkillsGapPrincipal.Create([role!], null, "hr (demo)", SkillsGapClaims.CookieScheme), null)
                : (null, "employee-required");
        var today = await figures.GetAsync(calendar.Today, ct);
        var employee = today.Snapshot.FindEmployee(new EmployeeId(id));
        if (employee is null) return (null, "unknown-employee");
        return (SkillsGapPrincipal.Create([role!], employee.Id.Value, employee.Name, SkillsGapClaims.CookieScheme), null);
    }

    /// <summary>A path on this site: starts with one '/' (not '//' or '/\', which browsers treat as another host).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("\r", StringComparison.Ordinal) && !url.Contains("\n", StringComparison.Ordinal);
}
