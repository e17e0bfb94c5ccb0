using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsGap.App.Imports;
using SkillsGap.App.Jobs;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Issuing;

/// <summary>The arguments of an issuing job: every award of the organisation's own badges (idempotent), after an import.</summary>
public sealed record IssueJobArguments(bool All, IReadOnlyList<long> AfterImports);

/// <summary>What an issuing job did, counted by status.</summary>
public sealed record IssueJobResult(string Issuer, int Issued, int Reissued, int Unchanged, int Revoked, int Skipped);

/// <summary>
/// <c>Issuer:AutoIssue</c>: after an awards import (CSV, XLSX or JSON — never after an Open Badges import: a partner's
/// credential is not issued again as ours) that wrote something, queues an issuing job (<see cref="IssueCredentialsJob"/>)
/// through <see cref="IBackgroundWork"/>, outside the import's transaction. Nothing here can fail the import: a failure to
/// queue is logged, and a failed job is recorded in the <c>jobs</c> table.
/// </summary>
public sealed class AutoIssue(IOptions<IssuerOptions> options, JobLedger jobs, IBackgroundWork background, ILogger<AutoIssue> log)
{
    /// <summary>Queues issuing after <paramref name="outcome"/> when it is due; returns the job, or null.</summary>
    public async Task<JobRecord?> AfterImportAsync(ImportOutcome outcome, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var o = options.Value;
        if (!o.AutoIssue || outcome.Kind != ImportKind.Awards || outcome.DryRun) return null;
        if (outcome.Total.Inserted + outcome.Total.Updated == 0) return null;
        if (!o.IsConfigured)
        {
            log.LogWarning("Issuer:AutoIssue is on but issuing is not configured (Issuer:Name, Issuer:PublicBaseUrl): no credentials issued after the import.");
            return null;
        }
        try
        {
            var job = await jobs.CreateAsync(IssueCredentialsJob.Kind, new IssueJobArguments(true, outcome.ImportIds), "import", ct);
            try
            {
                await background.EnqueueJobAsync(job.Id, ct);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Inline work (the CLI) runs the job here: its failure is recorded in the job's row, not the import's.
                log.LogWarning(failure, "Issuing credentials after the import failed (job {JobId}); the import stands. Run `skillsgap issue --all` once fixed.", job.Id);
            }
            return job;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogWarning(failure, "Issuing credentials after the import could not be queued; the import stands. Run `skillsgap issue --all`.");
            return null;
        }
    }
}

/// <summary>The issuing job (<c>jobs.kind</c> = <c>issue</c>): <see cref="IssueCredentials.RunAsync"/> for every own award, counted in the job's result.</summary>
public sealed class IssueCredentialsJob(IssueCredentials issue) : IJobHandler
{
    public const string Kind = "issue";

    string IJobHandler.Kind => Kind;

    public async Task<JobOutcome> RunAsync(JobRecord job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outcome = await issue.RunAsync(new IssueRequest(All: true), ct);
        int Count(IssueStatus status) => outcome.Results.Count(r => r.Status == status);
        return new JobOutcome(JobLedger.Write(new IssueJobResult(outcome.IssuerId, Count(IssueStatus.Issued), Count(IssueStatus.Reissued),
            Count(IssueStatus.Unchanged), Count(IssueStatus.Revoked), Count(IssueStatus.Skipped))));
    }

    public JobOutcome Rejection(InputRejectedException rejected) => new(null);
}
