using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>The <c>evaluate --format json</c> document of DESIGN §10.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("trainUntil")] DateOnly TrainUntil,
    [property: JsonPropertyName("testFrom")] DateOnly TestFrom,
    [property: JsonPropertyName("testCases")] int TestCases,
    [property: JsonPropertyName("trainingCases")] int TrainingCases,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason,
    [property: JsonPropertyName("models")] IReadOnlyDictionary<string, RankingMetrics> Models)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The model's weight of the popularity rank (<see cref="NextBadgeModelMetadata.PopularityBlend"/>).</summary>
    [JsonPropertyName("popularityBlend")]
    public double PopularityBlend { get; init; }

    /// <summary>The document as JSON (metrics rounded to four places).</summary>
    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Models = Models.ToDictionary(m => m.Key, m => m.Value.Rounded()),
    }, Options);
}

/// <summary>Temporal evaluation of the next-badge model against the popularity and gap-greedy baselines.</summary>
public static class Evaluation
{
    /// <summary>
    /// Trains on the cases before <paramref name="trainUntil"/> and ranks the candidates of every case from then on with the
    /// model, popularity within role and gap-greedy (the model falls back to gap-greedy with too little history).
    /// </summary>
    public static EvaluationReport Run(OrganisationSnapshot snapshot, DateOnly trainUntil, NextBadgeTrainingOptions? options = null,
        FigureOptions? figureOptions = null)
    {
        var history = TrainingHistory.Build(snapshot, figureOptions);
        var model = NextBadgeModel.Train(history, trainUntil, options);
        return Run(history, model, trainUntil);
    }

    /// <summary>Evaluates an already trained model on the history's cases from <paramref name="trainUntil"/> on.</summary>
    public static EvaluationReport Run(TrainingHistory history, NextBadgeModel model, DateOnly trainUntil)
    {
        var test = history.Cases.Where(c => c.Day >= trainUntil).ToList();
        var candidates = test.Select(c => c.Candidates).ToList();
        var positives = test.Select(c => c.Positives).ToList();
        var catalogue = history.Snapshot.Badges.Count;
        var popularity = new float[test.Count][];
        var gapGreedy = new float[test.Count][];
        var modelScores = new float[test.Count][];
        // Scores only are kept, not each case's feature matrix.
        CandidateFeatures.Sweep(history, test, trainUntil, (i, features) =>
        {
            popularity[i] = CandidateFeatures.Column(features, test[i].Candidates.Length, CandidateFeatures.RolePopularity);
            gapGreedy[i] = CandidateFeatures.Column(features, test[i].Candidates.Length, CandidateFeatures.GapGreedy);
            modelScores[i] = model.CanScore ? model.Score(features) : gapGreedy[i];
        });
        var models = new Dictionary<string, RankingMetrics>
        {
            ["model"] = RankingMetrics.Measure(candidates, positives, modelScores, catalogue),
            ["popularity"] = RankingMetrics.Measure(candidates, positives, popularity, catalogue),
            ["gapGreedy"] = RankingMetrics.Measure(candidates, positives, gapGreedy, catalogue),
        };
        return new EvaluationReport(trainUntil, trainUntil, test.Count, model.Metadata.TrainingCases, model.Metadata.Trainer,
            model.Metadata.FallbackReason, models)
        {
            PopularityBlend = model.CanScore ? model.Metadata.PopularityBlend : 0,
        };
    }
}
