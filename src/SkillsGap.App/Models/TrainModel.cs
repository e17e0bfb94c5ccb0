using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SkillsGap.App.Audit;
using SkillsGap.App.Jobs;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Models;

/// <summary>A stored model: its row id in <c>models</c> and its metadata (data window, metrics, version, trainer).</summary>
public sealed record TrainedModel(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("awards")] int Awards,
    [property: JsonPropertyName("metadata")] NextBadgeModelMetadata Metadata)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The document as JSON (metrics rounded to four places).</summary>
    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Metadata = Metadata with { Validation = Metadata.Validation.ToDictionary(v => v.Key, v => v.Value.Rounded()) },
    }, Json);
}

/// <summary>The arguments of a training job: learn from the award history up to and including this date.</summary>
public sealed record TrainArguments(DateOnly AsOf);

/// <summary>What a training job stored: the model row, its trainer, its cases and window, or why it falls back to gap-greedy.</summary>
public sealed record TrainResult(long ModelId, string Trainer, int TrainingCases, DateOnly AsOf, DateOnly TrainUntil,
    DateOnly? DataFrom, DateOnly? DataTo, string? FallbackReason);

/// <summary>
/// Training the next-badge model, one use case for every door (DESIGN §3 "Models over time"): <c>skillsgap train</c>
/// calls <see cref="RunAsync"/>; <c>POST /api/models/train</c> calls <see cref="QueueAsync"/>, whose job
/// (<see cref="TrainModelJob"/>) calls <see cref="RunAsync"/> on a worker. It learns from the award history up to and
/// including the as-of date (default today; awards already recorded with a later date are not learned from), at most
/// <see cref="NextBadgeTrainingOptions.MaximumTrainingCases"/> cases, and stores the model with its metadata in the
/// <c>models</c> table, where every host's <see cref="NextBadgeModelStore"/> picks it up. The same data and as-of day give
/// the same model whichever door it came through. Too little history still stores a model that says so, and
/// recommendations fall back to gap-greedy.
/// </summary>
public sealed class TrainModel(SkillsGapDbContext db, NextBadgeModelStore models, JobLedger jobs, IBackgroundWork background,
    BusinessCalendar calendar, IOptions<FiguresOptions> figures, AuditLog? audit = null)
{
    public async Task<TrainedModel> RunAsync(DateOnly? asOf = null, NextBadgeTrainingOptions? options = null, CancellationToken ct = default)
    {
        options ??= NextBadgeTrainingOptions.Default;
        var date = asOf ?? calendar.Today;
        var snapshot = await new SnapshotLoader(db).LoadAsync(date, ct);
        var trainUntil = date.AddDays(1);
        var history = TrainingHistory.Build(snapshot, new FigureOptions(figures.Value.ReadyThreshold, figures.Value.CountUnverified),
            options.MaximumTrainingCases, trainUntil);
        var model = NextBadgeModel.Train(history, trainUntil, options);
        var id = await models.SaveAsync(model, ct);
        if (audit is not null)
            await audit.RecordAsync(AuditActions.Train, string.Create(CultureInfo.InvariantCulture, $"model {id}"),
                string.Create(CultureInfo.InvariantCulture, $"{model.Metadata.Trainer}, {model.Metadata.TrainingCases} training case(s), history until {date:yyyy-MM-dd}"), ct);
        return new TrainedModel(id, date, snapshot.Awards.Count(a => a.IssuedOn < trainUntil), model.Metadata);
    }

    /// <summary>Records a training job for the history up to <paramref name="asOf"/> (default today) and hands it to a worker.</summary>
    public async Task<JobRecord> QueueAsync(DateOnly? asOf, string? requestedBy, CancellationToken ct = default)
    {
        var job = await jobs.CreateAsync(TrainModelJob.Kind, new TrainArguments(asOf ?? calendar.Today), requestedBy, ct);
        await background.EnqueueJobAsync(job.Id, ct);
        return job;
    }
}

/// <summary>The training job (<c>jobs.kind</c> = <c>train</c>): <see cref="TrainModel.RunAsync"/> on a worker, its model recorded in the job.</summary>
public sealed class TrainModelJob(TrainModel train) : IJobHandler
{
    public const string Kind = "train";

    string IJobHandler.Kind => Kind;

    public async Task<JobOutcome> RunAsync(JobRecord job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var args = job.Arguments<TrainArguments>() ?? throw new InvalidOperationException($"Job {job.Id} has no arguments.");
        var trained = await train.RunAsync(args.AsOf, ct: ct);
        var m = trained.Metadata;
        return new JobOutcome(JobLedger.Write(new TrainResult(trained.Id, m.Trainer, m.TrainingCases, trained.AsOf, m.TrainUntil,
            m.DataFrom, m.DataTo, m.FallbackReason)));
    }

    public JobOutcome Rejection(InputRejectedException rejected) => new(null);
}
