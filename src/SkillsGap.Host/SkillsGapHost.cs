using Microsoft.AspNetCore.Http.Features;
using SkillsGap.App;
using SkillsGap.App.Audit;
using SkillsGap.Host.Endpoints;
using SkillsGap.Host.Health;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host;

/// <summary>
/// Builds the SkillsGap web host — shared by <c>dotnet run --project src/SkillsGap.Host</c>, <c>skillsgap serve</c> and
/// the tests: configuration (appsettings.json, environment, <c>SKILLSGAP_</c> variables, arguments), services, middleware
/// and every route.
/// </summary>
public static class SkillsGapHost
{
    /// <summary>The host, ready to run; <paramref name="configure"/> may add configuration or services first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot() });
        builder.Configuration.AddEnvironmentVariables("SKILLSGAP_");
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>
    /// The stylesheet and scripts: <c>wwwroot</c> under the content root when run from the Host project, else the copy
    /// beside the assemblies (<c>skillsgap serve</c> from anywhere).
    /// </summary>
    private static string? WebRoot()
    {
        if (Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot"))) return null;
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? beside : null;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // First, so that migrations and the signing key are in place before anything else starts.
        services.AddHostedService<HostStartup>();
        services.AddSkillsGap(configuration);
        var database = DependencyInjection.ResolveStorage(configuration);
        var host = new SkillsGapHostOptions();
        configuration.GetSection(SkillsGapHostOptions.Section).Bind(host);
        services.AddOptions<SkillsGapHostOptions>().BindConfiguration(SkillsGapHostOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0, "Host:MaxUploadBytes must be positive.")
            .ValidateOnStart();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = Math.Max(host.MaxUploadBytes, 1));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = host.MaxUploadBytes + 64 * 1024);

        services.AddSkillsGapApiErrors();
        // Every API document is written with the CLI's JSON options, so that a GET returns the CLI's --format json text.
        services.ConfigureHttpJsonOptions(o => DocumentJson.Configure(o.SerializerOptions));
        services.AddSkillsGapAuthentication(configuration);
        services.AddBearerOrCookie();
        DatabaseXmlRepository.AddDatabaseDataProtection(services);
        services.AddAntiforgery();
        services.AddSkillsGapOpenApi();
        services.AddSkillsGapPages();
        services.AddSkillsGapHangfire(database, host.Workers);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<HangfireHealthCheck>("hangfire")
            .AddCheck<FiguresHealthCheck>("figures");
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        // Who acts in this request, for the audit log (after authorization: an API route's bearer user is known then).
        app.Use((http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
                http.RequestServices.GetRequiredService<AuditActor>().Name = SkillsGapPrincipal.ActorOf(http.User);
            return next(http);
        });
        app.UseAntiforgery();

        app.MapHealthEndpoint();
        // The public contract: it holds no data, and tools must read it to learn how to authenticate.
        app.MapOpenApi().AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapGapsEndpoints();
        app.MapWalletEndpoints();
        app.MapChallengeEndpoints();
        app.MapImportEndpoints();
        app.MapModelEndpoints();
        app.MapSponsorshipEndpoints();
        app.MapReportRunEndpoints();
        app.MapCredentialEndpoints();
        app.MapAuditEndpoints();
        app.MapSkillsGapDashboard();
        app.MapSkillsGapPages();
        app.UseSkillsGapReportJobs();
        ModelJobs.Start(app.Services);
    }
}
