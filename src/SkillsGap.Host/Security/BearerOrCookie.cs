using Microsoft.AspNetCore.Authentication;

namespace SkillsGap.Host.Security;

/// <summary>
/// API routes a browser opens by following a plain link (a holder's credential downloads from the wallet page) take
/// either sign-in: a request with an <c>Authorization: Bearer</c> header is the bearer scheme's, any other the cookie's.
/// Only GET routes use it (a cookie POST would need antiforgery); a missing sign-in is still 401 and a refused one 403
/// with ProblemDetails, as on every /api route.
/// </summary>
public static class BearerOrCookie
{
    /// <summary>The forwarding scheme.</summary>
    public const string Scheme = "BearerOrCookie";

    /// <summary>The policy: signed in by either scheme.</summary>
    public const string Policy = "api-or-cookie";

    public static IServiceCollection AddBearerOrCookie(this IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(Scheme, "Bearer token or sign-in cookie", o =>
            o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? SkillsGapClaims.BearerScheme
                    : SkillsGapClaims.CookieScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }
}
