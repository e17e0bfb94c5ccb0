using Hangfire;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Reports;

namespace SkillsGap.Host.Jobs;

/// <summary>Wires scheduled reports into Hangfire (whose jobs, storage and server <c>AddSkillsGapHangfire</c> sets up).</summary>
public static class ReportJobsSetup
{
    /// <summary>
    /// Registers the recurring weekly fan-out (<c>Reports:Schedule</c> in <c>Reports:TimeZone</c>) and catch-up
    /// (<c>Reports:CatchUpSchedule</c>, UTC), and enqueues one fan-out now, so that a week that fell due while no host
    /// was running is sent at start.
    /// </summary>
    public static IApplicationBuilder UseSkillsGapReportJobs(this IApplicationBuilder app)
    {
        StartReportJobs(app.ApplicationServices);
        return app;
    }

    /// <summary>What <see cref="UseSkillsGapReportJobs"/> does, on any service provider (a worker without a web host).</summary>
    public static void StartReportJobs(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ReportOptions>>().Value;
        var app = services.GetRequiredService<IOptions<SkillsGapOptions>>().Value;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        if (!options.Scheduled)
        {
            recurring.RemoveIfExists(ReportJobs.WeeklyJobId);
            recurring.RemoveIfExists(ReportJobs.CatchUpJobId);
            return;
        }
        recurring.AddOrUpdate<ReportJobs>(ReportJobs.WeeklyJobId, j => j.FanOutAsync(CancellationToken.None), options.Schedule,
            new RecurringJobOptions { TimeZone = options.ResolveTimeZone(app.TimeZone) });
        recurring.AddOrUpdate<ReportJobs>(ReportJobs.CatchUpJobId, j => j.CatchUpAsync(CancellationToken.None), options.CatchUpSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<ReportJobs>(j => j.FanOutAsync(CancellationToken.None));
    }
}
