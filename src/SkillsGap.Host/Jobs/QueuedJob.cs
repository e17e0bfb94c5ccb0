using Hangfire;
using SkillsGap.App.Imports;
using SkillsGap.App.Jobs;
using SkillsGap.App.Models;

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

/// <summary>
/// The Hangfire queues, in the order a worker fetches them: imports and training ahead of everything else, report
/// deliveries last, so that a weekly fan-out of thousands of workbooks never holds up an upload or a training run.
/// </summary>
public static class JobQueues
{
    public const string Imports = "imports";
    public const string Training = "training";
    public const string Default = "default";
    public const string Reports = "reports";

    /// <summary>The server's queues, highest priority first (Hangfire fetches in this order).</summary>
    public static readonly string[] All = [Imports, Training, Default, Reports];

    /// <summary>The queue of a <c>jobs</c> row of kind <paramref name="kind"/>.</summary>
    public static string ForJobKind(string kind) => kind switch
    {
        ImportJob.Kind => Imports,
        TrainModelJob.Kind => Training,
        _ => Default,
    };
}

/// <summary>App's background work on Hangfire: any host's worker of the shared storage takes it.</summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs, JobLedger ledger) : IBackgroundWork
{
    public async Task EnqueueJobAsync(long jobId, CancellationToken ct = default)
    {
        var kind = (await ledger.FindAsync(jobId, ct))?.Kind ?? string.Empty;
        jobs.Enqueue<QueuedJob>(JobQueues.ForJobKind(kind), j => j.RunAsync(jobId, CancellationToken.None));
    }

    public Task EnqueueReportDeliveryAsync(long runId, CancellationToken ct = default)
    {
        // On the reports queue by DeliverAsync's [Queue] (so are its retries and the tick's deliveries).
        jobs.Enqueue<ReportJobs>(j => j.DeliverAsync(runId, CancellationToken.None));
        return Task.CompletedTask;
    }
}
