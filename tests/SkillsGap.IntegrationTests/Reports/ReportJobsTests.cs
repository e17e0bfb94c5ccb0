using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Reports;
using SkillsGap.Data;
using SkillsGap.Host.Endpoints;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>Hangfire really running (BackgroundJobServer on in-memory storage) and the report-run API over HTTP.</summary>
public sealed class ReportJobsTests
{
    private static Dictionary<string, string?> Settings(ReportRunWorld world) => new()
    {
        ["Database:Provider"] = world.Database.Provider.ToString(),
        ["ConnectionStrings:SkillsGap"] = world.Database.Options.ConnectionString,
        ["SkillsGap:DataFolder"] = world.Folder,
        ["SkillsGap:TimeZone"] = "Europe/Berlin",
        ["Reports:Schedule"] = "0 7 * * 1",
        ["Reports:TimeZone"] = "Europe/Berlin",
        ["Reports:Folder"] = world.Options.Folder,
    };

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSkillsGap(configuration);
        services.AddSingleton<IWeeklyReportBuilder>(new TestReportBuilder());
        services.AddSkillsGapJobs();
        services.AddHangfire(c => c.UseInMemoryStorage());
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = 2;
            o.Queues = SkillsGap.Host.Jobs.JobQueues.All; // as the host's server: report deliveries are on their own queue
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    private static async Task<List<(string Scope, string Subject, string Week, string Status)>> WaitForAsync(
        ReportRunWorld world, Func<List<(string Scope, string Subject, string Week, string Status)>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = world.Database.NewContext();
            var runs = (await db.ReportRuns.AsNoTracking().Select(r => new { r.Scope, r.Subject, r.IsoWeek, r.Status }).ToListAsync())
                .Select(r => (r.Scope, r.Subject, r.IsoWeek, r.Status)).OrderBy(r => r.Subject, StringComparer.Ordinal).ToList();
            if (done(runs)) return runs;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Report runs not done in time: {string.Join("; ", runs)}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Hangfire_runs_the_start_up_fan_out_and_the_delivery_jobs_into_the_folder_and_registers_the_recurring_jobs()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using var world = await ReportRunWorld.CreateAsync(DatabaseProvider.Sqlite, now);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(world));
        AddServices(builder.Services, builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            ReportJobsSetup.StartReportJobs(host.Services);
            var runs = await WaitForAsync(world, r => r.Count == 3 && r.All(x => x.Status == ReportRunStatus.Delivered));

            var week = host.Services.GetRequiredService<ReportSchedule>() is var s && s.LatestDue() is { } due ? s.WeekOf(due).ToString() : "";
            Assert.Equal([("org", "", week), ("manager", "A", week), ("manager", "M", week)], runs.Select(r => (r.Scope, r.Subject, r.Week)));
            var folder = Path.Combine(world.Options.Folder!, week);
            Assert.True(File.Exists(Path.Combine(folder, $"skills-M-{week}.xlsx")));
            Assert.True(File.Exists(Path.Combine(folder, $"skills-A-{week}.xlsx")));
            Assert.True(File.Exists(Path.Combine(folder, $"skills-organisation-{week}.xlsx")));

            using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
            var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);
            Assert.Equal(("0 7 * * 1", "Europe/Berlin"), (recurring[ReportJobs.WeeklyJobId].Cron, recurring[ReportJobs.WeeklyJobId].TimeZoneId));
            Assert.Equal("* * * * *", recurring[ReportJobs.CatchUpJobId].Cron); // every minute: a killed host's run is taken over within two

            // Triggering the weekly job again (a second host, or a restart) delivers nothing twice.
            host.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReportJobs.WeeklyJobId);
            host.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReportJobs.CatchUpJobId);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await using var db = world.Database.NewContext();
            Assert.Equal(3, await db.ReportRuns.CountAsync());
            Assert.All(await db.ReportRuns.ToListAsync(), r => Assert.Equal((ReportRunStatus.Delivered, 1), (r.Status, r.Attempts)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Hr_starts_a_run_over_the_API_Hangfire_delivers_it_and_only_hr_or_that_manager_may_read_it()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using var world = await ReportRunWorld.CreateAsync(DatabaseProvider.Sqlite, now);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(Settings(world));
        AddServices(builder.Services, builder.Configuration);
        builder.Services.AddSkillsGapApiErrors();
        builder.Services.AddAuthentication(HeaderAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
        // The host's API policy, over this test's header scheme instead of bearer tokens.
        builder.Services.AddAuthorization(o => o.AddPolicy(SkillsGap.Host.Security.SkillsGapPolicies.Api,
            p => p.AddAuthenticationSchemes(HeaderAuthentication.SchemeName).RequireAuthenticatedUser()));
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapReportRunEndpoints();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            HttpRequestMessage Post(string role, string? employee, object body)
            {
                var m = new HttpRequestMessage(HttpMethod.Post, "/api/reports/runs") { Content = JsonContent.Create(body) };
                m.Headers.Add(HeaderAuthentication.RoleHeader, role);
                if (employee is not null) m.Headers.Add(HeaderAuthentication.EmployeeHeader, employee);
                return m;
            }
            HttpRequestMessage Get(string path, string role, string? employee)
            {
                var m = new HttpRequestMessage(HttpMethod.Get, path);
                m.Headers.Add(HeaderAuthentication.RoleHeader, role);
                if (employee is not null) m.Headers.Add(HeaderAuthentication.EmployeeHeader, employee);
                return m;
            }

            using var accepted = await http.SendAsync(Post("hr", null, new { scope = "manager", managerId = "M", week = "2026-W45" }));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var run = await accepted.Content.ReadFromJsonAsync<JsonElement>();
            var id = run.GetProperty("id").GetInt64();
            Assert.Equal($"/api/reports/runs/{id}", accepted.Headers.Location?.OriginalString);
            Assert.Equal(("manager", "M", "2026-W45"), (run.GetProperty("scope").GetString(), run.GetProperty("managerId").GetString(), run.GetProperty("week").GetString()));

            await WaitForAsync(world, r => r.Any(x => x is { Subject: "M", Week: "2026-W45", Status: ReportRunStatus.Delivered }));
            Assert.True(File.Exists(Path.Combine(world.Options.Folder!, "2026-W45", "skills-M-2026-W45.xlsx")));

            using var asManager = await http.SendAsync(Get($"/api/reports/runs/{id}", "manager", "M"));
            Assert.Equal(HttpStatusCode.OK, asManager.StatusCode);
            var status = await asManager.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("delivered", 1), (status.GetProperty("status").GetString(), status.GetProperty("attempts").GetInt32()));
            Assert.NotEqual(JsonValueKind.Null, status.GetProperty("deliveredAt").ValueKind);
            using var asHr = await http.SendAsync(Get($"/api/reports/runs/{id}", "hr", null));
            Assert.Equal(HttpStatusCode.OK, asHr.StatusCode);
            using var asOtherManager = await http.SendAsync(Get($"/api/reports/runs/{id}", "manager", "A"));
            Assert.Equal(HttpStatusCode.Forbidden, asOtherManager.StatusCode);
            using var missing = await http.SendAsync(Get("/api/reports/runs/999999", "hr", null));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var anonymous = await http.GetAsync(new Uri($"/api/reports/runs/{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

            using var managerPost = await http.SendAsync(Post("manager", "M", new { scope = "org" }));
            Assert.Equal(HttpStatusCode.Forbidden, managerPost.StatusCode);
            using var badWeek = await http.SendAsync(Post("hr", null, new { scope = "org", week = "2026-W60" }));
            Assert.Equal(HttpStatusCode.BadRequest, badWeek.StatusCode);
            using var unknownManager = await http.SendAsync(Post("hr", null, new { scope = "manager", managerId = "ZZ" }));
            Assert.Equal(HttpStatusCode.NotFound, unknownManager.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Signs the caller in from two test headers: the role and the employee id.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeaders";
        public const string RoleHeader = "X-Test-Role";
        public const string EmployeeHeader = "X-Test-Employee";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(RoleHeader, out var role)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = new List<Claim> { new(SkillsGapClaims.Role, role.ToString()) };
            if (Request.Headers.TryGetValue(EmployeeHeader, out var employee)) claims.Add(new Claim(SkillsGapClaims.EmployeeId, employee.ToString()));
            var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, SkillsGapClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
