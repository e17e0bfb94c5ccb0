using SkillsGap.Host.Security;

namespace SkillsGap.Host.Web;

/// <summary>Registers and maps the server-rendered web pages (sign-in, overview, uploads, team, my badges).</summary>
public static class PagesRegistration
{
    /// <summary>Razor Pages; every page but sign-in needs the sign-in cookie (<see cref="SkillsGapPolicies.Pages"/>).</summary>
    public static IServiceCollection AddSkillsGapPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", SkillsGapPolicies.Pages);
            options.Conventions.AllowAnonymousToPage("/SignIn");
        });
        return services;
    }

    /// <summary>Maps the pages; each page then checks <see cref="AccessRules"/> itself and answers 403 with a page.</summary>
    public static WebApplication MapSkillsGapPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
