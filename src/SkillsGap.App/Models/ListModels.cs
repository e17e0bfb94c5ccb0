using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App.Recommendations;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Models;

/// <summary>
/// One stored next-badge model as <c>skillsgap models --format json</c> and <c>GET /api/models</c> list it (DESIGN §10):
/// when it was trained, by which trainer and format version, its data window and cases, its validation metrics (those
/// of the ranking it serves: the trainer kept, blended with popularity when that was chosen), whether it is the one
/// served, and — for a model trained on too little history — why recommendations fall back to the gap rule.
/// </summary>
public sealed record ModelLine(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("trainedAt")] DateTimeOffset TrainedAt,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("dataFrom")] DateOnly? DataFrom,
    [property: JsonPropertyName("dataTo")] DateOnly? DataTo,
    [property: JsonPropertyName("trainingCases")] int TrainingCases,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics,
    [property: JsonPropertyName("served")] bool Served,
    [property: JsonPropertyName("validationFrom")] DateOnly? ValidationFrom,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason);

/// <summary>
/// Which stored model is served (DESIGN §3 "Models over time"): walking the models oldest first, a model that learned
/// something (no fallback reason) replaces the one served so far unless its validation NDCG@10 is lower (ties keep the
/// newer, and a model without validation cases replaces only when none is served yet). A fallback model (too little
/// history) is served only while no model has learned anything: it answers with the gap rule and says why.
/// </summary>
public static class ModelServing
{
    /// <summary>The metrics of the ranking a model serves: its blend with popularity when chosen, else its trainer's; null without validation.</summary>
    public static RankingMetrics? ServedMetrics(NextBadgeModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.PopularityBlend > 0 && metadata.Validation.TryGetValue("blended", out var blended)) return blended;
        return metadata.Validation.TryGetValue(metadata.Trainer, out var own) ? own : null;
    }

    /// <summary>The served model's id among <paramref name="models"/> (any order), or null.</summary>
    public static long? Choose(IEnumerable<(long Id, NextBadgeModelMetadata Metadata)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        (long Id, RankingMetrics? Metrics)? served = null;
        long? fallback = null;
        foreach (var (id, m) in models.OrderBy(x => x.Id))
        {
            if (m.FallbackReason is not null)
            {
                fallback = id;
                continue;
            }
            var metrics = ServedMetrics(m);
            if (served is null) served = (id, metrics);
            else if (metrics is not null && (served.Value.Metrics is null || metrics.Ndcg10 >= served.Value.Metrics.Ndcg10)) served = (id, metrics);
        }
        return served?.Id ?? fallback;
    }

    /// <summary>Reads a stored model's metadata; null when it cannot be read (then the model is listed without it and never served).</summary>
    public static NextBadgeModelMetadata? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<NextBadgeModelMetadata>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Every stored model, oldest first (<c>skillsgap models</c>, <c>GET /api/models</c>, the overview's model section).</summary>
public sealed class ListModels(IDbContextFactory<SkillsGapDbContext> contexts)
{
    public async Task<IReadOnlyList<ModelLine>> RunAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Models.AsNoTracking().Where(x => x.Kind == NextBadgeModelStore.Kind).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.CreatedAt, x.Trainer, x.Version, x.DataFrom, x.DataUntil, x.TrainingCases, x.MetadataJson })
            .ToListAsync(ct);
        var read = rows.Select(r => (Row: r, Metadata: ModelServing.Read(r.MetadataJson))).ToList();
        var served = ModelServing.Choose(read.Where(x => x.Metadata is not null).Select(x => (x.Row.Id, x.Metadata!)));
        return [.. read.Select(x =>
        {
            var m = x.Metadata;
            var metrics = m is null ? null : ModelServing.ServedMetrics(m);
            return new ModelLine(x.Row.Id, x.Row.CreatedAt, x.Row.Trainer,
                m?.Version ?? (int.TryParse(x.Row.Version, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0),
                m?.DataFrom ?? x.Row.DataFrom, m?.DataTo ?? x.Row.DataUntil, x.Row.TrainingCases,
                metrics is null ? new Dictionary<string, double>() : Metrics(metrics), x.Row.Id == served,
                m?.ValidationFrom, m?.FallbackReason);
        })];
    }

    private static Dictionary<string, double> Metrics(RankingMetrics m) => new()
    {
        ["hitRate@5"] = Math.Round(m.HitRate5, 4),
        ["hitRate@10"] = Math.Round(m.HitRate10, 4),
        ["ndcg@10"] = Math.Round(m.Ndcg10, 4),
        ["mrr"] = Math.Round(m.Mrr, 4),
        ["coverage"] = Math.Round(m.Coverage, 4),
    };
}
