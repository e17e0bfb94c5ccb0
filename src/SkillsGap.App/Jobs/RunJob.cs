using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SkillsGap.App.Jobs;

/// <summary>How a job's work ended when it did not throw: its result (JSON) and, for an import, its first ledger row.</summary>
public sealed record JobOutcome(string? ResultJson, long? ImportId = null);

/// <summary>
/// The work of one kind of job (<c>import</c>, <c>train</c>, …): a feature registers one next to its use case, and
/// <see cref="RunJob"/> runs it on a worker. <see cref="RunAsync"/> calls the feature's use case with the job's arguments;
/// an <see cref="InputRejectedException"/> it throws makes the job <c>rejected</c> (with <see cref="Rejection"/>'s result),
/// anything else <c>failed</c>.
/// </summary>
public interface IJobHandler
{
    /// <summary>The <c>jobs.kind</c> this handler runs.</summary>
    string Kind { get; }

    /// <summary>Does the job's work; <paramref name="job"/> carries its arguments.</summary>
    Task<JobOutcome> RunAsync(JobRecord job, CancellationToken ct);

    /// <summary>What a rejected job records: its result (e.g. the row errors) and ledger row.</summary>
    JobOutcome Rejection(InputRejectedException rejected);
}

/// <summary>
/// Hands a recorded job to a worker. The host's implementation queues it on Hangfire, so that any host of a scale-out
/// may run it; without a job server (the CLI, tests) the default runs it at once, in its own scope.
/// </summary>
public interface IBackgroundWork
{
    /// <summary>Runs job <paramref name="jobId"/> of the <c>jobs</c> table (<see cref="RunJob"/>) on a worker.</summary>
    Task EnqueueJobAsync(long jobId, CancellationToken ct = default);

    /// <summary>Delivers report run <paramref name="runId"/> on a worker.</summary>
    Task EnqueueReportDeliveryAsync(long runId, CancellationToken ct = default);
}

/// <summary>
/// Runs one job of the <c>jobs</c> table: marks it running, calls the <see cref="IJobHandler"/> of its kind, and records
/// the outcome — succeeded, rejected (an <see cref="InputRejectedException"/>: an outcome, not a failure) or failed (the
/// exception is rethrown, so that the worker logs it).
/// </summary>
public sealed class RunJob(JobLedger jobs, IEnumerable<IJobHandler> handlers, ILogger<RunJob> log, Audit.AuditActor? actor = null)
{
    /// <summary>Runs the job; returns it as it ended. A rejection is recorded and rethrown when <paramref name="rethrowRejection"/>.</summary>
    public async Task<JobRecord> RunAsync(long jobId, bool rethrowRejection = false, CancellationToken ct = default)
    {
        var job = await jobs.FindAsync(jobId, ct) ?? throw new NotFoundException($"Job {jobId} does not exist.");
        var handler = handlers.SingleOrDefault(h => h.Kind == job.Kind)
            ?? throw new InvalidOperationException($"No handler runs jobs of kind '{job.Kind}'.");
        // The job acts for whoever asked for it (the audit log names them).
        if (actor is not null && !string.IsNullOrWhiteSpace(job.RequestedBy)) actor.Name = job.RequestedBy;
        await jobs.StartAsync(jobId, ct);
        try
        {
            var outcome = await handler.RunAsync(job, ct);
            await jobs.FinishAsync(jobId, JobLedger.Succeeded, outcome.ResultJson, null, outcome.ImportId, ct);
            log.LogInformation("Job {JobId} ({Kind}) succeeded", jobId, job.Kind);
        }
        catch (InputRejectedException rejected)
        {
            var outcome = handler.Rejection(rejected);
            await jobs.FinishAsync(jobId, JobLedger.Rejected, outcome.ResultJson, rejected.Message, outcome.ImportId, ct);
            log.LogInformation("Job {JobId} ({Kind}) rejected: {Errors} row error(s)", jobId, job.Kind, rejected.Errors.Count);
            if (rethrowRejection) throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await jobs.FinishAsync(jobId, JobLedger.Failed, null, failure.Message, null, CancellationToken.None);
            throw;
        }
        return await jobs.FindAsync(jobId, CancellationToken.None) ?? throw new InvalidOperationException($"Job {jobId} vanished.");
    }
}

/// <summary>
/// The background work of a process without a job server (the CLI, tests): each job runs at once, in its own service
/// scope, before the call returns. The host replaces it with Hangfire.
/// </summary>
public sealed class InlineBackgroundWork(IServiceScopeFactory scopes) : IBackgroundWork
{
    public async Task EnqueueJobAsync(long jobId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunJob>().RunAsync(jobId, ct: ct);
    }

    public async Task EnqueueReportDeliveryAsync(long runId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Reports.DeliverReportRun>().RunAsync(runId, ct);
    }
}

/// <summary>The status of any background job (<c>GET /api/jobs/{id}</c>): the row, with its arguments and result as JSON.</summary>
public sealed record JobStatusDocument(
    long Id, string Kind, string Status, string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, JsonElement? Arguments, JsonElement? Result, string? Error, long? ImportId)
{
    public static JobStatusDocument From(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.Kind, job.Status, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt,
            job.Arguments<JsonElement?>(), job.Result<JsonElement?>(), job.Error, job.ImportId);
    }
}
