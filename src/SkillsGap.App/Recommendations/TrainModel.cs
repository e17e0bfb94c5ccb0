using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Recommendations;

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

/// <summary>
/// `skillsgap train`: learns the next-badge model from the award history up to a date (default today) and stores it
/// with its metadata in the <c>models</c> table, where every host's <see cref="NextBadgeModelStore"/> picks it up.
/// Too little history still stores a model that says so, and recommendations fall back to gap-greedy.
/// </summary>
public sealed class TrainModel(SkillsGapDbContext db, NextBadgeModelStore models, BusinessCalendar calendar, IOptions<FiguresOptions> figures)
{
    public async Task<TrainedModel> RunAsync(DateOnly? asOf = null, NextBadgeTrainingOptions? options = null, CancellationToken ct = default)
    {
        options ??= NextBadgeTrainingOptions.Default;
        var date = asOf ?? calendar.Today;
        var snapshot = await new SnapshotLoader(db).LoadAsync(date, ct);
        // The history up to and including the as-of date; later awards (already recorded with a future date) are not learned from.
        var trainUntil = date.AddDays(1);
        var history = TrainingHistory.Build(snapshot, new FigureOptions(figures.Value.ReadyThreshold, figures.Value.CountUnverified),
            options.MaximumTrainingCases, trainUntil);
        var model = NextBadgeModel.Train(history, trainUntil, options);
        var id = await models.SaveAsync(model, ct);
        return new TrainedModel(id, date, snapshot.Awards.Count(a => a.IssuedOn < trainUntil), model.Metadata);
    }
}
