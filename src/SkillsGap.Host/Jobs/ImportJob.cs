using Hangfire;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.App.OpenBadges;
using SkillsGap.Data;
using SkillsGap.Host.Endpoints;
using SkillsGap.Ingestion;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// Runs an uploaded import through the App use cases (ImportFiles, or ImportOpenBadges for <c>openbadges</c>) and
/// records how it went in its <c>jobs</c> row — in the request for a small upload, as a Hangfire job for a large one.
/// </summary>
public sealed class ImportJob(SkillsGapDbContext db, ImportFiles files, ImportOpenBadges openBadges, BusinessCalendar calendar, ILogger<ImportJob> log)
{
    /// <summary>The Hangfire entry point: imports the job's files, then deletes them.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long jobId, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(jobId, ct);
        }
        catch (InputRejectedException)
        {
            // Recorded in the job row; a rejected input is an outcome, not a failure of the job.
        }
    }

    /// <summary>Imports the job's files and records the outcome; a rejection is recorded and rethrown.</summary>
    public async Task<ImportResultDocument> ExecuteAsync(long jobId, CancellationToken ct)
    {
        var job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
        var args = JobLedger.Read<ImportArguments>(job.ArgumentsJson) ?? throw new InvalidOperationException($"Job {jobId} has no arguments.");
        job.Status = JobLedger.Running;
        job.StartedAt = calendar.Now;
        await db.SaveChangesAsync(ct);
        var before = await db.Imports.MaxAsync(i => (long?)i.Id, ct) ?? 0;
        try
        {
            var result = await ImportAsync(args, ct);
            job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
            job.Status = JobLedger.Succeeded;
            job.ResultJson = JobLedger.Write(new ImportJobResult(result, result.Skipped));
            await FinishAsync(job, before, ct);
            log.LogInformation("Import job {JobId} ({Kind}) succeeded: {Inserted} inserted, {Updated} updated", jobId, args.Kind, result.Total.Inserted, result.Total.Updated);
            return result;
        }
        catch (InputRejectedException rejected)
        {
            job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
            job.Status = JobLedger.Rejected;
            job.Error = rejected.Message;
            job.ResultJson = JobLedger.Write(new ImportJobResult(null, RowErrorDocument.From(rejected.Errors.Take(1000))));
            await FinishAsync(job, before, ct);
            log.LogInformation("Import job {JobId} ({Kind}) rejected: {Errors} row error(s)", jobId, args.Kind, rejected.Errors.Count);
            throw;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            job = await db.Jobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            job.Status = JobLedger.Failed;
            job.Error = failure.Message;
            await FinishAsync(job, before, CancellationToken.None);
            throw;
        }
        finally
        {
            DeleteUploads(args);
        }
    }

    private async Task<ImportResultDocument> ImportAsync(ImportArguments args, CancellationToken ct)
    {
        if (args.Kind == ImportArguments.OpenBadgesKind)
        {
            var outcome = await openBadges.RunAsync(new OpenBadgesImportRequest([.. args.Files.Select(f => f.Path)], DryRun: args.DryRun), ct);
            return ImportResultDocument.From(outcome, [.. args.Files.Select(f => f.Name)]);
        }
        var kind = Enum.Parse<ImportKind>(args.Kind, ignoreCase: true);
        var inputs = args.Files.Select(f => new InputFile(f.Name, () => File.OpenRead(f.Path))).ToList();
        return ImportResultDocument.From(await files.RunAsync(new ImportRequest(kind, inputs, args.DryRun, InputFormat.Auto, args.SkipInvalid), ct));
    }

    private async Task FinishAsync(Data.Entities.JobEntity job, long importsBefore, CancellationToken ct)
    {
        job.FinishedAt = calendar.Now;
        // The import use cases write one `imports` row per file; the job points at the first of its own.
        job.ImportId = await db.Imports.Where(i => i.Id > importsBefore).MinAsync(i => (long?)i.Id, ct);
        await db.SaveChangesAsync(ct);
    }

    private void DeleteUploads(ImportArguments args)
    {
        foreach (var folder in args.Files.Select(f => Path.GetDirectoryName(f.Path)).Distinct())
        {
            try
            {
                if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException e)
            {
                log.LogWarning(e, "Could not delete upload folder {Folder}", folder);
            }
        }
    }
}
