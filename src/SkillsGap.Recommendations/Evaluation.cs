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

    /// <summary>The figures of the list employees are served (gap-closing badges first), beside the model's; null when not measured.</summary>
    [JsonPropertyName("served")]
    public ServedMetrics? Served { get; init; }

    /// <summary>The model's weight of the popularity rank (<see cref="NextBadgeModelMetadata.PopularityBlend"/>).</summary>
    [JsonPropertyName("popularityBlend")]
    public double PopularityBlend { get; init; }

    /// <summary>The document as JSON (metrics rounded to four places).</summary>
    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Models = Models.ToDictionary(m => m.Key, m => m.Value.Rounded()),
        Served = Served?.Rounded(),
    }, Options);
}

/// <summary>
/// The served list measured on the test cases (DESIGN §3): <c>gapClosingShare</c>, the share of the top-10 recommendations
/// served that close a gap (or renew one), beside <c>modelGapClosingShare</c>, the same share of the model's own top 10;
/// and on the <c>gapCases</c> — the test cases whose next badge closed a gap (itself, on the way to one, or a renewal) —
/// the served list's HR@10 and NDCG@10 beside the model's on the same cases.
/// </summary>
public sealed record ServedMetrics(
    [property: JsonPropertyName("gapClosingShare")] double GapClosingShare,
    [property: JsonPropertyName("modelGapClosingShare")] double ModelGapClosingShare,
    [property: JsonPropertyName("gapCases")] int GapCases,
    [property: JsonPropertyName("hitRate@10")] double HitRate10,
    [property: JsonPropertyName("ndcg@10")] double Ndcg10,
    [property: JsonPropertyName("modelHitRate@10")] double ModelHitRate10,
    [property: JsonPropertyName("modelNdcg@10")] double ModelNdcg10)
{
    /// <summary>The figures rounded to four places, for documents.</summary>
    public ServedMetrics Rounded() => new(Math.Round(GapClosingShare, 4), Math.Round(ModelGapClosingShare, 4), GapCases,
        Math.Round(HitRate10, 4), Math.Round(Ndcg10, 4), Math.Round(ModelHitRate10, 4), Math.Round(ModelNdcg10, 4));
}

/// <summary>Temporal evaluation of the next-badge model against the popularity and gap-greedy baselines.</summary>
public static class Evaluation
{
    /// <summary>
    /// Trains on the cases before <paramref name="trainUntil"/> and ranks the candidates of every case from then on with the
    /// model, popularity within role and gap-greedy (the model falls back to gap-greedy with too little history).
    /// </summary>
    public static EvaluationReport Run(OrganisationSnapshot snapshot, DateOnly trainUntil, NextBadgeTrainingOptions? options = null,
        FigureOptions? figureOptions = null, int expiringWithinDays = 90)
    {
        var history = TrainingHistory.Build(snapshot, figureOptions);
        var model = NextBadgeModel.Train(history, trainUntil, options);
        return Run(history, model, trainUntil, expiringWithinDays);
    }

    /// <summary>Evaluates an already trained model on the history's cases from <paramref name="trainUntil"/> on.</summary>
    /// <remarks>
    /// Beside the model and both baselines, each case's served list is built as an employee would be served it that day
    /// (awards expiring within <paramref name="expiringWithinDays"/> days of it counting as renewals) and measured
    /// (<see cref="EvaluationReport.Served"/>).
    /// </remarks>
    public static EvaluationReport Run(TrainingHistory history, NextBadgeModel model, DateOnly trainUntil, int expiringWithinDays = 90)
    {
        var test = history.Cases.Where(c => c.Day >= trainUntil).ToList();
        var candidates = test.Select(c => c.Candidates).ToList();
        var positives = test.Select(c => c.Positives).ToList();
        var catalogue = history.Snapshot.Badges.Count;
        var popularity = new float[test.Count][];
        var gapGreedy = new float[test.Count][];
        var modelScores = new float[test.Count][];
        var served = new ServedCase[test.Count];
        var figures = history.Figures;
        // Scores only are kept, not each case's feature matrix.
        CandidateFeatures.Sweep(history, test, trainUntil, (int i, PeerStatistics peers) =>
        {
            var c = test[i];
            var features = CandidateFeatures.Build(history, c, peers);
            popularity[i] = CandidateFeatures.Column(features, c.Candidates.Length, CandidateFeatures.RolePopularity);
            gapGreedy[i] = CandidateFeatures.Column(features, c.Candidates.Length, CandidateFeatures.GapGreedy);
            modelScores[i] = model.CanScore ? model.Score(features) : gapGreedy[i];
            var gaps = GapClosing.Classify(history, c, c.Role >= 0 ? figures.CompiledRoles[c.Role] : null,
                c.TargetRole >= 0 ? figures.CompiledRoles[c.TargetRole] : null, expiringWithinDays);
            var scored = Recommender.ScoreServed(history, c, gaps, peers, model.CanScore ? model : null);
            var (order, _) = Recommender.Order(scored, gaps);
            served[i] = new ServedCase(gaps, scored.Case.Candidates, order);
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
            Served = MeasureServed(test, served, modelScores, catalogue),
        };
    }

    /// <summary>A test case's classification, the candidates of its served list (renewals included) and their served order.</summary>
    private sealed record ServedCase(GapClosing Gaps, int[] Candidates, int[] Order);

    private static ServedMetrics MeasureServed(IReadOnlyList<NextBadgeCase> test, ServedCase[] served, float[][] modelScores, int catalogue)
    {
        const int top = 10;
        long shown = 0, closing = 0, modelShown = 0, modelClosing = 0;
        var gapCandidates = new List<int[]>();
        var gapPositives = new List<int[]>();
        var gapServed = new List<float[]>();
        var gapModelCandidates = new List<int[]>();
        var gapModel = new List<float[]>();
        for (var i = 0; i < test.Count; i++)
        {
            var (gaps, candidates, order) = served[i];
            for (var r = 0; r < Math.Min(top, order.Length); r++)
            {
                shown++;
                if (gaps.PurposeOf(candidates[order[r]]) != RecommendationPurpose.Peers) closing++;
            }
            foreach (var b in RankingMetrics.Rank(test[i].Candidates, modelScores[i]).Take(top))
            {
                modelShown++;
                if (gaps.PurposeOf(b) != RecommendationPurpose.Peers) modelClosing++;
            }
            if (!test[i].Positives.Any(p => gaps.PurposeOf(p) != RecommendationPurpose.Peers)) continue;
            // The served order as scores: n − place.
            var scores = new float[candidates.Length];
            for (var r = 0; r < order.Length; r++) scores[order[r]] = order.Length - r;
            gapCandidates.Add(candidates);
            gapPositives.Add(test[i].Positives);
            gapServed.Add(scores);
            gapModelCandidates.Add(test[i].Candidates);
            gapModel.Add(modelScores[i]);
        }
        var servedMetrics = RankingMetrics.Measure(gapCandidates, gapPositives, gapServed, catalogue);
        var modelMetrics = RankingMetrics.Measure(gapModelCandidates, gapPositives, gapModel, catalogue);
        return new ServedMetrics(shown == 0 ? 0 : (double)closing / shown, modelShown == 0 ? 0 : (double)modelClosing / modelShown,
            gapCandidates.Count, servedMetrics.HitRate10, servedMetrics.Ndcg10, modelMetrics.HitRate10, modelMetrics.Ndcg10);
    }
}
