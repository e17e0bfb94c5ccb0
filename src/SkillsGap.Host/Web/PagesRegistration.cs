using Microsoft.AspNetCore.Authorization;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Web;

/// <summary>Registers and maps the server-rendered web pages (sign-in, overview, uploads, team, my badges).</summary>
public static class PagesRegistration
{
    /// <summary>The authorisation policy of every page but sign-in: a signed-in cookie.</summary>
    public const string SignedInPolicy = "pages-signed-in";

    /// <summary>Largest upload the uploads page accepts.</summary>
    public const long MaxUploadBytes = 64L * 1024 * 1024;

    public static IServiceCollection AddSkillsGapPages(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(SignedInPolicy, policy => policy
            .AddAuthenticationSchemes(SkillsGapClaims.CookieScheme)
            .RequireAuthenticatedUser());
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", SignedInPolicy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Error");
        });
        return services;
    }

    public static WebApplication MapSkillsGapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
