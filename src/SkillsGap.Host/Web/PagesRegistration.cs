using Microsoft.AspNetCore.Mvc.ApplicationParts;
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
        }).ConfigureApplicationPartManager(parts =>
        {
            // Under `skillsgap serve` the entry assembly is the CLI: the pages (compiled into this assembly) must be added.
            var host = typeof(PagesRegistration).Assembly;
            if (parts.ApplicationParts.Any(p => p.Name == host.GetName().Name)) return;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(host).GetApplicationParts(host))
                parts.ApplicationParts.Add(part);
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
