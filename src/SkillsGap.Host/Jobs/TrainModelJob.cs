using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.Host.Jobs;

/// <summary>The arguments of a training job: train on the award history before this date.</summary>
public sealed record TrainArguments(DateOnly TrainUntil);

/// <summary>What a training job stored: the model row, its trainer, its cases, or why it falls back to gap-greedy.</summary>
public sealed record TrainResult(long ModelId, string Trainer, int TrainingCases, DateOnly TrainUntil, string? FallbackReason);

/// <summary>
/// Trains the next-badge model on the award history before a date and stores it in <c>models</c>, where every host's
/// <see cref="NextBadgeModelStore"/> picks it up. A Hangfire job, recorded in its <c>jobs</c> row.
/// </summary>
public sealed class TrainModelJob(SkillsGapDbContext db, NextBadgeModelStore models, BusinessCalendar calendar,
    IOptions<FiguresOptions> figures, ILogger<TrainModelJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long jobId, CancellationToken ct)
    {
        var job = await db.Jobs.SingleAsync(j => j.Id == jobId, ct);
        var args = JobLedger.Read<TrainArguments>(job.ArgumentsJson) ?? new TrainArguments(calendar.Today);
        job.Status = JobLedger.Running;
        job.StartedAt = calendar.Now;
        await db.SaveChangesAsync(ct);
        try
        {
            var snapshot = await new SnapshotLoader(db).LoadAsync(args.TrainUntil, ct);
            var history = TrainingHistory.Build(snapshot, new FigureOptions(figures.Value.ReadyThreshold, figures.Value.CountUnverified));
            var model = NextBadgeModel.Train(history, args.TrainUntil);
            var id = await models.SaveAsync(model, ct);
            var m = model.Metadata;
            job.Status = JobLedger.Succeeded;
            job.ResultJson = JobLedger.Write(new TrainResult(id, m.Trainer, m.TrainingCases, m.TrainUntil, m.FallbackReason));
            log.LogInformation("Training job {JobId} stored model {ModelId} ({Trainer}, {Cases} cases)", jobId, id, m.Trainer, m.TrainingCases);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            job.Status = JobLedger.Failed;
            job.Error = failure.Message;
            throw;
        }
        finally
        {
            job.FinishedAt = calendar.Now;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
