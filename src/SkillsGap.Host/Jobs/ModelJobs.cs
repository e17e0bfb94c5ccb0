using Hangfire;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Models;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// The Hangfire side of keeping the model trained (<see cref="KeepModelsTrained"/>): the recurring retrain
/// (<c>Models:RetrainCron</c> in <c>SkillsGap:TimeZone</c>) and the training on first start, queued once the host has
/// started so that start-up never waits for it.
/// </summary>
public sealed class ModelJobs(KeepModelsTrained keep, ILogger<ModelJobs> logger)
{
    /// <summary>Id of the recurring retrain.</summary>
    public const string RetrainJobId = "skillsgap-model-retrain";

    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Training)]
    public async Task RetrainAsync(CancellationToken ct)
    {
        if (await keep.RetrainAsync(ct) is { } job) logger.LogInformation("Scheduled model training queued as job {Job}.", job.Id);
    }

    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Training)]
    public async Task TrainIfMissingAsync(CancellationToken ct)
    {
        if (await keep.TrainIfMissingAsync(ct) is { } job)
            logger.LogInformation("No next-badge model is stored: training one in the background (job {Job}).", job.Id);
    }

    /// <summary>Registers (or removes) the recurring retrain and, with <c>Models:TrainOnStart</c>, enqueues the first-start check.</summary>
    public static void Start(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ModelOptions>>().Value;
        var zone = services.GetRequiredService<IOptions<SkillsGapOptions>>().Value.TimeZone;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        if (string.IsNullOrWhiteSpace(options.RetrainCron)) recurring.RemoveIfExists(RetrainJobId);
        else
            recurring.AddOrUpdate<ModelJobs>(RetrainJobId, j => j.RetrainAsync(CancellationToken.None), options.RetrainCron,
                new RecurringJobOptions { TimeZone = string.IsNullOrWhiteSpace(zone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(zone) });
        if (options.TrainOnStart)
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<ModelJobs>(j => j.TrainIfMissingAsync(CancellationToken.None));
    }
}
