using Hangfire;
using SkillsGap.App.Reports;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// The Hangfire jobs of scheduled reports: the weekly fan-out, the catch-up tick, and one delivery job per run. Hangfire
/// only carries the work; what was delivered lives in <c>report_runs</c>, so Hangfire's own retries are off and a job
/// run twice does nothing the second time.
/// </summary>
public sealed class ReportJobs(
    ScheduleReportRuns fanOut,
    ScheduleEmployeeDigests digests,
    DeliverReportRun deliver,
    ReportRunLedger ledger,
    ReportRunQuery runs,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<ReportJobs> logger)
{
    /// <summary>Id of the recurring weekly fan-out.</summary>
    public const string WeeklyJobId = "skillsgap-weekly-reports";

    /// <summary>Id of the recurring catch-up.</summary>
    public const string CatchUpJobId = "skillsgap-report-catch-up";

    /// <summary>Creates the runs of the latest due week (if missing) and enqueues every due run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task FanOutAsync(CancellationToken ct)
    {
        var result = await fanOut.RunAsync(ct);
        if (result is { Week: { } week, Subjects: > 0 })
            logger.LogInformation("Weekly reports for {Week}: {Subjects} subjects, {Created} new runs.", week, result.Subjects, result.Created);
        // The employee digest (when Reports:EmployeeDigest:Enabled) goes through the same ledger and the same delivery jobs.
        if (await digests.RunAsync(ct) is { Week: { } digestWeek, Subjects: > 0 } digest)
            logger.LogInformation("Employee digests for {Week}: {Subjects} people, {Created} new runs.", digestWeek, digest.Subjects, digest.Created);
        await EnqueueDueAsync(ct);
    }

    /// <summary>
    /// The frequent tick: the fan-out of the latest due week if no host has done it yet (a weekly job that failed or
    /// never fired), then one delivery job per due run that has none yet — pending ones past their back-off, running ones
    /// past their lease.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task CatchUpAsync(CancellationToken ct) => await FanOutAsync(ct);

    /// <summary>Delivers one run (a no-op when another worker has it or it is done); schedules the retry on failure.</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Reports)]
    public async Task DeliverAsync(long runId, CancellationToken ct)
    {
        var result = await deliver.RunAsync(runId, ct);
        if (result != ReportDeliveryResult.WillRetry) return;
        // Retry at the back-off time rather than at the next catch-up tick (which would also find it).
        if (await runs.FindAsync(runId, ct) is { NextAttemptAt: { } next })
        {
            var delay = next - time.GetUtcNow();
            jobs.Schedule<ReportJobs>(j => j.DeliverAsync(runId, CancellationToken.None), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
    }

    // Only the due runs no job stands for yet: a run waits in the queue once, however many ticks pass (and hosts tick).
    private async Task EnqueueDueAsync(CancellationToken ct)
    {
        foreach (var id in await ledger.QueueDueRunsAsync(ct))
            jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(id, CancellationToken.None));
    }
}
