using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace SkillsGap.Recommendations;

/// <summary>One (case, candidate) row as ML.NET sees it.</summary>
public sealed class NextBadgeRow
{
    /// <summary>Relevance for ranking: 1 when the candidate was earned that day.</summary>
    public float Label { get; set; }
    /// <summary>The same as a class label for binary trainers.</summary>
    public bool IsNext { get; set; }
    /// <summary>The case the row belongs to (rows of one case are contiguous).</summary>
    public uint CaseId { get; set; }
    [VectorType(CandidateFeatures.Count)]
    public float[] Features { get; set; } = new float[CandidateFeatures.Count];
}

/// <summary>The score ML.NET gives one row.</summary>
public sealed class NextBadgeScore
{
    public float Score { get; set; }
}

/// <summary>What is recorded beside a trained model: data window, metrics, trainer and version.</summary>
public sealed record NextBadgeModelMetadata(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("dataFrom")] DateOnly? DataFrom,
    [property: JsonPropertyName("dataTo")] DateOnly? DataTo,
    [property: JsonPropertyName("trainUntil")] DateOnly TrainUntil,
    [property: JsonPropertyName("trainingCases")] int TrainingCases,
    [property: JsonPropertyName("trainingRows")] int TrainingRows,
    [property: JsonPropertyName("validationFrom")] DateOnly? ValidationFrom,
    [property: JsonPropertyName("validation")] IReadOnlyDictionary<string, RankingMetrics> Validation,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason)
{
    /// <summary>
    /// Version 2: the candidate features gained the popularity rank and recent popularity, and the popularity blend.
    /// Version 3: target-role gap, continuation of the latest badges, stack progress, role and department affinity, and
    /// how recently a role peer earned the badge.
    /// </summary>
    public const int CurrentVersion = 3;

    /// <summary>
    /// Weight of the popularity baseline's rank in the final ranking, in [0, 1): a candidate's place is
    /// (1 − w)·(its place by the trees) + w·(its place by popularity), chosen on the validation slice (0 = the trees alone).
    /// </summary>
    [JsonPropertyName("popularityBlend")]
    public double PopularityBlend { get; init; }
}

/// <summary>Options of next-badge training.</summary>
/// <remarks>
/// <paramref name="MaximumTrainingCases"/>: only the most recent award days (cases) before the cut-off are learned from, so
/// that training time and memory stay bounded on a very large history.
/// </remarks>
public sealed record NextBadgeTrainingOptions(int MinimumTrainingCases = 200, int NegativesPerPositive = 20, double ValidationShare = 0.2, int Seed = 1,
    int MaximumTrainingCases = 20_000)
{
    public static NextBadgeTrainingOptions Default { get; } = new();
}

/// <summary>
/// The trained next-badge model (DESIGN §3.1): an ML.NET transformer over <see cref="CandidateFeatures"/>, with its
/// metadata. Without a transformer (too little history) it carries only the reason, and callers fall back to gap-greedy.
/// Scoring is thread-safe: prediction engines are pooled.
/// </summary>
public sealed class NextBadgeModel
{
    public const string LightGbmRanking = "LightGbmRanking";
    public const string FastTreeBinary = "FastTreeBinary";
    private const string ModelEntry = "model.zip";
    private const string MetadataEntry = "metadata.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly MLContext _ml;
    private readonly ITransformer? _transformer;
    private readonly DataViewSchema? _schema;
    private readonly ConcurrentBag<PredictionEngine<NextBadgeRow, NextBadgeScore>> _engines = [];
    private readonly CompiledTrees? _trees;
    // 0: the compiled trees are not yet checked against the prediction engine; 1: they agree; 2: they do not (engine only).
    private int _treesChecked;

    private NextBadgeModel(MLContext ml, ITransformer? transformer, DataViewSchema? schema, NextBadgeModelMetadata metadata)
    {
        _ml = ml;
        _transformer = transformer;
        _schema = schema;
        Metadata = metadata;
        _trees = transformer is null ? null : CompiledTrees.TryCompile(transformer);
        if (_trees is null) _treesChecked = 2;
    }

    public NextBadgeModelMetadata Metadata { get; }

    /// <summary>True when there is a learned model to score with; false when callers must fall back.</summary>
    public bool CanScore => _transformer is not null;

    /// <summary>
    /// Trains on the cases before <paramref name="trainUntil"/>: LightGBM ranking and FastTree binary are fitted on the
    /// earlier part of the window, compared by NDCG@10 on its last <see cref="NextBadgeTrainingOptions.ValidationShare"/>,
    /// and the better is refitted on the whole window. On the same validation cases the weight of the popularity rank in
    /// the final ranking (<see cref="NextBadgeModelMetadata.PopularityBlend"/>) is chosen.
    /// </summary>
    public static NextBadgeModel Train(TrainingHistory history, DateOnly trainUntil, NextBadgeTrainingOptions? options = null)
    {
        options ??= NextBadgeTrainingOptions.Default;
        var cases = history.Cases.Where(c => c.Day < trainUntil).ToList();
        if (cases.Count > options.MaximumTrainingCases)
        {
            // The most recent whole days.
            var first = cases.Count - options.MaximumTrainingCases;
            while (first < cases.Count && first > 0 && cases[first].Day == cases[first - 1].Day) first++;
            cases = cases.GetRange(first, cases.Count - first);
        }
        var ml = new MLContext(seed: options.Seed);
        var dataFrom = cases.Count > 0 ? cases[0].Day : (DateOnly?)null;
        if (cases.Count < options.MinimumTrainingCases)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"Only {cases.Count} training cases before {trainUntil:yyyy-MM-dd} (at least {options.MinimumTrainingCases} needed); recommending by gap-greedy.");
            return new NextBadgeModel(ml, null, null, new NextBadgeModelMetadata(NextBadgeModelMetadata.CurrentVersion, "gapGreedy",
                dataFrom, cases.Count > 0 ? cases[^1].Day : null, trainUntil, cases.Count, 0, null, new Dictionary<string, RankingMetrics>(), CandidateFeatures.Names, reason));
        }
        var split = (int)Math.Round(cases.Count * (1 - options.ValidationShare));
        // Keep one day's cases on one side of the split.
        while (split > 0 && split < cases.Count && cases[split].Day == cases[split - 1].Day) split++;
        // One pass: the sampled rows of every case, and the full matrices of the validation cases only.
        var random = new Random(options.Seed);
        var rowsOf = new List<NextBadgeRow>[cases.Count];
        var validationFeatures = new float[cases.Count - split][];
        CandidateFeatures.Sweep(history, cases, trainUntil, (i, features) =>
        {
            rowsOf[i] = SampleRows(cases[i], (uint)i, features, random, options.NegativesPerPositive);
            if (i >= split) validationFeatures[i - split] = features;
        });
        var validation = new Dictionary<string, RankingMetrics>();
        var best = LightGbmRanking;
        var blend = 0.0;
        if (split < cases.Count && split > 0)
        {
            var fitRows = rowsOf.Take(split).SelectMany(r => r).ToList();
            var validCases = cases.Skip(split).ToList();
            // The two trainers are fitted side by side, each single-threaded with its own seeded context, so the result does
            // not depend on the scheduling.
            string[] trainers = [LightGbmRanking, FastTreeBinary];
            var measured = new RankingMetrics[trainers.Length];
            var validScores = new float[trainers.Length][][];
            Parallel.For(0, trainers.Length, t =>
            {
                var context = new MLContext(seed: options.Seed);
                var (transformer, schema) = Fit(context, trainers[t], fitRows);
                var candidate = new NextBadgeModel(context, transformer, schema, new NextBadgeModelMetadata(NextBadgeModelMetadata.CurrentVersion,
                    trainers[t], dataFrom, cases[split - 1].Day, trainUntil, split, fitRows.Count, cases[split].Day,
                    new Dictionary<string, RankingMetrics>(), CandidateFeatures.Names, null));
                validScores[t] = [.. validationFeatures.Select(candidate.Score)];
                measured[t] = Measure(validCases, validScores[t], history);
            });
            for (var t = 0; t < trainers.Length; t++) validation[trainers[t]] = measured[t];
            var popularity = Measure(validCases, [.. validationFeatures.Select((f, i) =>
                CandidateFeatures.Column(f, validCases[i].Candidates.Length, CandidateFeatures.RolePopularity))], history);
            validation["popularity"] = popularity;
            var lgb = validation[LightGbmRanking];
            var ft = validation[FastTreeBinary];
            if (ft.Ndcg10 > lgb.Ndcg10 || (ft.Ndcg10 == lgb.Ndcg10 && ft.Mrr > lgb.Mrr)) best = FastTreeBinary;
            (blend, var blended) = ChooseBlend(validCases.Select(c => c.Candidates).ToList(), validCases.Select(c => c.Positives).ToList(),
                validScores[Array.IndexOf(trainers, best)], validationFeatures, popularity, history.Snapshot.Badges.Count);
            if (blend > 0) validation["blended"] = blended;
        }
        var allRows = rowsOf.SelectMany(r => r).ToList();
        var (final, finalSchema) = Fit(ml, best, allRows);
        var metadata = new NextBadgeModelMetadata(NextBadgeModelMetadata.CurrentVersion, best, dataFrom, cases[^1].Day, trainUntil,
            cases.Count, allRows.Count, split < cases.Count ? cases[split].Day : null, validation, CandidateFeatures.Names, null)
        {
            PopularityBlend = blend,
        };
        return new NextBadgeModel(ml, final, finalSchema, metadata);
    }

    /// <summary>The blend weights tried on the validation slice.</summary>
    private static readonly double[] BlendWeights = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>
    /// The popularity blend weight whose validation ranking beats the popularity baseline by the widest smallest margin
    /// over HR@5, HR@10, NDCG@10 and MRR (the model is meant to beat it on each); the lower weight on a tie.
    /// </summary>
    internal static (double Weight, RankingMetrics Metrics) ChooseBlend(IReadOnlyList<int[]> candidates, IReadOnlyList<int[]> positives,
        float[][] treeScores, float[][] features, RankingMetrics popularity, int catalogue)
    {
        var best = (Weight: 0.0, Metrics: RankingMetrics.Measure(candidates, positives, treeScores, catalogue), Margin: double.NegativeInfinity);
        foreach (var weight in BlendWeights)
        {
            var metrics = RankingMetrics.Measure(candidates, positives, [.. treeScores.Select((s, i) => Blend(s, features[i], weight))], catalogue);
            var margin = Math.Min(Math.Min(metrics.HitRate5 - popularity.HitRate5, metrics.HitRate10 - popularity.HitRate10),
                Math.Min(metrics.Ndcg10 - popularity.Ndcg10, metrics.Mrr - popularity.Mrr));
            if (margin > best.Margin + 1e-12) best = (weight, metrics, margin);
        }
        return (best.Weight, best.Metrics);
    }

    /// <summary>
    /// Final scores from the trees' scores and the popularity ranks of the feature matrix: minus the blended place
    /// (1 − w)·tree place + w·popularity place, equal blended places ordered by the trees. Unchanged when w is 0.
    /// </summary>
    public static float[] Blend(float[] treeScores, float[] features, double weight)
    {
        if (weight <= 0) return treeScores;
        var n = treeScores.Length;
        var byTrees = new int[n];
        for (var k = 0; k < n; k++) byTrees[k] = k;
        // Highest score first, equal scores by candidate position (as RankingMetrics.Rank orders them).
        Array.Sort(byTrees, (x, y) => treeScores[y] != treeScores[x] ? treeScores[y].CompareTo(treeScores[x]) : x.CompareTo(y));
        var treePlace = new int[n];
        for (var r = 0; r < n; r++) treePlace[byTrees[r]] = r;
        var blended = new double[n];
        for (var k = 0; k < n; k++)
            blended[k] = (1 - weight) * treePlace[k] + weight * features[k * CandidateFeatures.Count + CandidateFeatures.PopularityRank];
        var order = new int[n];
        for (var k = 0; k < n; k++) order[k] = k;
        Array.Sort(order, (x, y) => blended[x] != blended[y] ? blended[x].CompareTo(blended[y]) : treePlace[x].CompareTo(treePlace[y]));
        var result = new float[n];
        // Score = n − final place: higher is better, distinct, so any tie-break downstream keeps this order.
        for (var r = 0; r < n; r++) result[order[r]] = n - r;
        return result;
    }

    /// <summary>
    /// Scores a case's candidates from its feature matrix (candidates × <see cref="CandidateFeatures.Count"/>): the tree
    /// ensemble's scores, or with a popularity blend n − final place. The tree ensemble is evaluated directly once it has
    /// been seen to give the prediction engine's scores (checked on the first call); otherwise a pooled prediction engine
    /// scores. Thread-safe.
    /// </summary>
    public float[] Score(float[] features) => Blend(ScoreTrees(features), features, Metadata.PopularityBlend);

    /// <summary>The tree ensemble's own scores, before any popularity blend.</summary>
    internal float[] ScoreTrees(float[] features)
    {
        if (_transformer is null) throw new InvalidOperationException("This model has no learned part: " + Metadata.FallbackReason);
        var state = Volatile.Read(ref _treesChecked);
        if (state == 1) return _trees!.Score(features, CandidateFeatures.Count);
        var byEngine = ScoreWithEngine(features);
        if (state == 0 && byEngine.Length > 0)
        {
            var compiled = _trees!.Score(features, CandidateFeatures.Count);
            var agree = true;
            for (var k = 0; k < compiled.Length && agree; k++)
                agree = Math.Abs(compiled[k] - byEngine[k]) <= 1e-4 * (1 + Math.Abs(byEngine[k]));
            Interlocked.CompareExchange(ref _treesChecked, agree ? 1 : 2, 0);
            if (agree) return compiled;
        }
        return byEngine;
    }

    /// <summary>True once the compiled tree ensemble scores (for the bench's detail line).</summary>
    public bool ScoresCompiledTrees => Volatile.Read(ref _treesChecked) == 1;

    private float[] ScoreWithEngine(float[] features)
    {
        var n = features.Length / CandidateFeatures.Count;
        var result = new float[n];
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<NextBadgeRow, NextBadgeScore>(_transformer, _schema);
        try
        {
            var row = new NextBadgeRow();
            var score = new NextBadgeScore();
            for (var k = 0; k < n; k++)
            {
                Array.Copy(features, k * CandidateFeatures.Count, row.Features, 0, CandidateFeatures.Count);
                engine.Predict(row, ref score);
                result[k] = score.Score;
            }
        }
        finally
        {
            _engines.Add(engine);
        }
        return result;
    }

    /// <summary>Writes the model as a zip: the ML.NET model (<c>model.zip</c>, absent for a fallback) and <c>metadata.json</c>.</summary>
    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        if (_transformer is not null)
        {
            using var entry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open();
            _ml.Model.Save(_transformer, _schema, entry);
        }
        using var meta = zip.CreateEntry(MetadataEntry).Open();
        JsonSerializer.Serialize(meta, Metadata, Json);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static NextBadgeModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var metaEntry = zip.GetEntry(MetadataEntry) ?? throw new InvalidDataException("The model file has no metadata.json.");
        NextBadgeModelMetadata metadata;
        using (var meta = metaEntry.Open())
            metadata = JsonSerializer.Deserialize<NextBadgeModelMetadata>(meta, Json)
                       ?? throw new InvalidDataException("The model's metadata.json is empty.");
        if (metadata.Version > NextBadgeModelMetadata.CurrentVersion)
            throw new InvalidDataException($"The model file is version {metadata.Version}; this build reads up to {NextBadgeModelMetadata.CurrentVersion}.");
        var ml = new MLContext(seed: 1);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmRankingModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        var modelEntry = zip.GetEntry(ModelEntry);
        if (modelEntry is null) return new NextBadgeModel(ml, null, null, metadata);
        if (!metadata.Features.SequenceEqual(CandidateFeatures.Names, StringComparer.Ordinal))
            // A model of an older format scores other feature columns: it cannot be used, and training again makes a current one.
            return new NextBadgeModel(ml, null, null, metadata with
            {
                FallbackReason = string.Create(CultureInfo.InvariantCulture,
                    $"The stored model (format version {metadata.Version}) was trained on other features than this build computes; train again. Recommending by gap-greedy."),
            });
        // ML.NET needs a seekable stream.
        using var buffer = new MemoryStream();
        using (var s = modelEntry.Open()) s.CopyTo(buffer);
        buffer.Position = 0;
        var transformer = ml.Model.Load(buffer, out var schema);
        return new NextBadgeModel(ml, transformer, schema, metadata);
    }

    private static RankingMetrics Measure(IReadOnlyList<NextBadgeCase> cases, float[][] scores, TrainingHistory history) =>
        RankingMetrics.Measure(cases.Select(c => c.Candidates).ToList(), cases.Select(c => c.Positives).ToList(), scores,
            history.Snapshot.Badges.Count);

    private static List<NextBadgeRow> SampleRows(NextBadgeCase c, uint caseId, float[] features, Random random, int negativesPerPositive)
    {
        var negatives = new List<int>();
        for (var k = 0; k < c.Candidates.Length; k++)
            if (Array.BinarySearch(c.Positives, c.Candidates[k]) < 0) negatives.Add(k);
        var take = Math.Min(negatives.Count, negativesPerPositive * c.Positives.Length);
        // Partial Fisher–Yates: the first `take` slots become a uniform sample without replacement.
        for (var t = 0; t < take; t++)
        {
            var pick = t + random.Next(negatives.Count - t);
            (negatives[t], negatives[pick]) = (negatives[pick], negatives[t]);
        }
        var chosen = new List<int>(take + c.Positives.Length);
        for (var k = 0; k < c.Candidates.Length; k++)
            if (Array.BinarySearch(c.Positives, c.Candidates[k]) >= 0) chosen.Add(k);
        chosen.AddRange(negatives.Take(take));
        chosen.Sort();
        var rows = new List<NextBadgeRow>(chosen.Count);
        foreach (var k in chosen)
        {
            var positive = Array.BinarySearch(c.Positives, c.Candidates[k]) >= 0;
            var row = new NextBadgeRow { Label = positive ? 1 : 0, IsNext = positive, CaseId = caseId };
            Array.Copy(features, k * CandidateFeatures.Count, row.Features, 0, CandidateFeatures.Count);
            rows.Add(row);
        }
        return rows;
    }

    private static (ITransformer, DataViewSchema) Fit(MLContext ml, string trainer, List<NextBadgeRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        IEstimator<ITransformer> pipeline = trainer switch
        {
            LightGbmRanking => ml.Transforms.Conversion.MapValueToKey("CaseKey", nameof(NextBadgeRow.CaseId))
                .Append(ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
                {
                    LabelColumnName = nameof(NextBadgeRow.Label),
                    FeatureColumnName = nameof(NextBadgeRow.Features),
                    RowGroupColumnName = "CaseKey",
                    NumberOfIterations = 150,
                    NumberOfLeaves = 31,
                    MinimumExampleCountPerLeaf = 20,
                    LearningRate = 0.05,
                    NumberOfThreads = 1,
                    Seed = 1,
                    Verbose = false,
                    Silent = true,
                })),
            FastTreeBinary => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(NextBadgeRow.IsNext),
                FeatureColumnName = nameof(NextBadgeRow.Features),
                NumberOfTrees = 150,
                NumberOfLeaves = 31,
                MinimumExampleCountPerLeaf = 20,
                LearningRate = 0.1,
                NumberOfThreads = 1,
                Seed = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer."),
        };
        return (pipeline.Fit(data), data.Schema);
    }
}
