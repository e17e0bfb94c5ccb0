using System.Text.Json.Serialization;

namespace SkillsGap.Recommendations;

/// <summary>Hit rates, NDCG@10, MRR and catalogue coverage of a ranker over a set of cases.</summary>
public sealed record RankingMetrics(
    [property: JsonPropertyName("hitRate@5")] double HitRate5,
    [property: JsonPropertyName("hitRate@10")] double HitRate10,
    [property: JsonPropertyName("ndcg@10")] double Ndcg10,
    [property: JsonPropertyName("mrr")] double Mrr,
    [property: JsonPropertyName("coverage")] double Coverage)
{
    /// <summary>
    /// Ranks each case's candidates by score (highest first; ties by badge index) and measures the ranking:
    /// HR@k = share of cases with a positive in the top k; NDCG@10 = Σ over positives at rank i ≤ 10 of 1/log2(i+1),
    /// over the same sum for the ideal ranking; MRR = mean of 1/rank of the first positive; coverage = share of the
    /// <paramref name="catalogueSize"/> badges that appear in any top 10.
    /// </summary>
    public static RankingMetrics Measure(IReadOnlyList<int[]> candidates, IReadOnlyList<int[]> positives, IReadOnlyList<float[]> scores, int catalogueSize)
    {
        if (candidates.Count == 0) return new RankingMetrics(0, 0, 0, 0, 0);
        double hr5 = 0, hr10 = 0, ndcg = 0, mrr = 0;
        var shown = new bool[catalogueSize];
        for (var c = 0; c < candidates.Count; c++)
        {
            var ranked = Rank(candidates[c], scores[c]);
            var firstHit = -1;
            double dcg = 0;
            for (var r = 0; r < ranked.Length; r++)
            {
                if (r < 10) shown[ranked[r]] = true;
                if (Array.IndexOf(positives[c], ranked[r]) < 0) continue;
                if (firstHit < 0) firstHit = r;
                if (r < 10) dcg += 1 / Math.Log2(r + 2);
            }
            double ideal = 0;
            for (var r = 0; r < Math.Min(10, positives[c].Length); r++) ideal += 1 / Math.Log2(r + 2);
            if (firstHit >= 0)
            {
                if (firstHit < 5) hr5++;
                if (firstHit < 10) hr10++;
                mrr += 1.0 / (firstHit + 1);
            }
            if (ideal > 0) ndcg += dcg / ideal;
        }
        var n = candidates.Count;
        var covered = shown.Count(s => s);
        return new RankingMetrics(hr5 / n, hr10 / n, ndcg / n, mrr / n, catalogueSize == 0 ? 0 : (double)covered / catalogueSize);
    }

    /// <summary>The candidates ordered by score, highest first; equal scores keep the lower badge index first.</summary>
    public static int[] Rank(int[] candidates, float[] scores)
    {
        var order = new int[candidates.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var byScore = scores[y].CompareTo(scores[x]);
            return byScore != 0 ? byScore : candidates[x].CompareTo(candidates[y]);
        });
        var result = new int[order.Length];
        for (var i = 0; i < order.Length; i++) result[i] = candidates[order[i]];
        return result;
    }

    /// <summary>The figures rounded to four places, for documents.</summary>
    public RankingMetrics Rounded() =>
        new(Math.Round(HitRate5, 4), Math.Round(HitRate10, 4), Math.Round(Ndcg10, 4), Math.Round(Mrr, 4), Math.Round(Coverage, 4));
}
