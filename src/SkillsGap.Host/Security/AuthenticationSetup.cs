using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SkillsGap.App;
using SkillsGap.Host.Endpoints;

namespace SkillsGap.Host.Security;

/// <summary>Registers bearer tokens for the API, the sign-in cookie for pages and the dashboard, and the policies.</summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddSkillsGapAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = new AuthOptions();
        configuration.GetSection(AuthOptions.Section).Bind(auth);
        if (auth.Problems() is { Count: > 0 } problems) throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), problems);
        services.AddSingleton(Options.Create(auth));
        services.AddSingleton<SigningKeyStore>();
        services.AddScoped<AccessRules>();
        services.AddSingleton<DemoSignInGate>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SkillsGapClaims.CookieScheme;
                o.DefaultChallengeScheme = SkillsGapClaims.CookieScheme;
            })
            .AddJwtBearer(SkillsGapClaims.BearerScheme, o =>
            {
                o.MapInboundClaims = false;
                if (auth.UsesAuthority)
                {
                    o.Authority = auth.Authority;
                    o.Audience = auth.Audience;
                    o.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                    o.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(auth.Audience);
                }
                else
                {
                    o.TokenValidationParameters.ValidIssuer = AuthOptions.EmbeddedIssuer;
                    o.TokenValidationParameters.ValidAudience = AuthOptions.EmbeddedIssuer;
                }
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                o.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        context.Principal = SkillsGapPrincipal.Normalise(context.Principal!, auth, SkillsGapClaims.BearerScheme);
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        var detail = context.AuthenticateFailure is null
                            ? "A bearer token is required."
                            : "The bearer token is not valid (expired, wrong signature, issuer or audience).";
                        await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, detail);
                    },
                    OnForbidden = context =>
                        ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "This token's role may not use this resource."),
                };
            })
            .AddCookie(SkillsGapClaims.CookieScheme, o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "skillsgap.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(auth.CookieHours);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // The API never redirects: a missing or wrong sign-in is a status code with a ProblemDetails body.
                    OnRedirectToLogin = context => IsApi(context.Request)
                        ? ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in first.")
                        : Redirect(context),
                    OnRedirectToAccessDenied = context => IsApi(context.Request)
                        ? ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your role may not use this resource.")
                        : Redirect(context),
                };
            });

        if (!auth.UsesAuthority)
            services.AddOptions<JwtBearerOptions>(SkillsGapClaims.BearerScheme).Configure<SigningKeyStore>((o, keys) =>
                o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current]);

        services.AddAuthorizationBuilder()
            .AddPolicy(SkillsGapPolicies.Api, p => p.AddAuthenticationSchemes(SkillsGapClaims.BearerScheme).RequireAuthenticatedUser())
            .AddPolicy(SkillsGapPolicies.Pages, p => p.AddAuthenticationSchemes(SkillsGapClaims.CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(SkillsGapPolicies.HrPages, p => p.AddAuthenticationSchemes(SkillsGapClaims.CookieScheme)
                .RequireAuthenticatedUser().RequireClaim(SkillsGapClaims.Role, SkillsGapClaims.Roles.Hr));
        return services;
    }

    /// <summary>The validation parameters of the bearer scheme, with the authority's keys and issuer when there is one.</summary>
    public static async Task<TokenValidationParameters> BearerValidationAsync(JwtBearerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } manager)
        {
            var metadata = await manager.GetConfigurationAsync(ct);
            parameters.IssuerSigningKeys = metadata.SigningKeys;
            parameters.ValidIssuer ??= metadata.Issuer;
        }
        if (!string.IsNullOrWhiteSpace(options.Audience)) parameters.ValidAudience ??= options.Audience;
        return parameters;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect<T>(Microsoft.AspNetCore.Authentication.RedirectContext<T> context)
        where T : Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
