using Cronos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App.Jobs;
using SkillsGap.App.Recommendations;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Models;

/// <summary>
/// <c>Models:</c> — keeping the next-badge model trained (DESIGN §3 "Models over time"). <see cref="TrainOnStart"/>:
/// when a host starts and no model is stored but the history holds enough awards, a training job is queued (it runs in
/// the background; the host serves meanwhile). <see cref="RetrainCron"/>: a five-field cron in <c>SkillsGap:TimeZone</c>
/// (default Sunday 02:00) that queues a training job on the history up to that day; empty turns it off.
/// </summary>
public sealed class ModelOptions
{
    public const string Section = "Models";

    public bool TrainOnStart { get; set; } = true;

    public string RetrainCron { get; set; } = "0 2 * * 0";
}

/// <summary>Checks <see cref="ModelOptions"/> at start-up.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.RetrainCron) || CronExpression.TryParse(options.RetrainCron, CronFormat.Standard, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Models:RetrainCron '{options.RetrainCron}' is not a five-field cron expression.");
    }
}

/// <summary>
/// The scheduled doors to <see cref="TrainModel"/>: the first-start training and the retrain schedule. Both queue the
/// same training job as <c>POST /api/models/train</c> (so the job ledger shows them), as of today.
/// </summary>
public sealed class KeepModelsTrained(IDbContextFactory<SkillsGapDbContext> contexts, TrainModel train, JobLedger jobs)
{
    /// <summary>Who the ledger names as requesting a scheduled training.</summary>
    public const string Scheduler = "schedule";

    /// <summary>
    /// Queues a training job when no model is stored, none is queued or running, and the history holds at least as many
    /// awards as training needs cases (fewer awards cannot make enough cases). Returns the job, or null when none was needed.
    /// </summary>
    public async Task<JobRecord?> TrainIfMissingAsync(CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Models.AnyAsync(m => m.Kind == NextBadgeModelStore.Kind, ct)) return null;
            if (await db.Awards.CountAsync(ct) < NextBadgeTrainingOptions.Default.MinimumTrainingCases) return null;
        }
        if (await jobs.HasOpenAsync(TrainModelJob.Kind, ct)) return null;
        return await train.QueueAsync(null, Scheduler, ct);
    }

    /// <summary>The retrain schedule's tick: a training job on the history up to today, unless one is already queued or running.</summary>
    public async Task<JobRecord?> RetrainAsync(CancellationToken ct = default)
    {
        if (await jobs.HasOpenAsync(TrainModelJob.Kind, ct)) return null;
        return await train.QueueAsync(null, Scheduler, ct);
    }
}
