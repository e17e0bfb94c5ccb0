using Hangfire;
using SkillsGap.App.Jobs;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// The Hangfire job of every queued job of the <c>jobs</c> table (a large import, training): it runs App's
/// <see cref="RunJob"/>, which calls the feature's use case and records the outcome in the row. Hangfire's own retries are
/// off: the row says how it went, and a rejected input is an outcome, not a failure.
/// </summary>
public sealed class QueuedJob(RunJob run)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long jobId, CancellationToken ct) => await run.RunAsync(jobId, ct: ct);
}

/// <summary>App's background work on Hangfire: any host's worker of the shared storage takes it.</summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs) : IBackgroundWork
{
    public Task EnqueueJobAsync(long jobId, CancellationToken ct = default)
    {
        jobs.Enqueue<QueuedJob>(j => j.RunAsync(jobId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task EnqueueReportDeliveryAsync(long runId, CancellationToken ct = default)
    {
        jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(runId, CancellationToken.None));
        return Task.CompletedTask;
    }
}
