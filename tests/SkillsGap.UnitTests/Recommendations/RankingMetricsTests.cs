using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class RankingMetricsTests
{
    [Fact]
    public void Hit_rates_ndcg_mrr_and_coverage_match_a_hand_computation()
    {
        // Case 1: scores rank the badges 1, 2, 3, 0; the positive 3 is third.
        // Case 2: badges 0..11 ranked in index order; the positive 10 is eleventh, outside the top 10.
        int[][] candidates = [[0, 1, 2, 3], Enumerable.Range(0, 12).ToArray()];
        int[][] positives = [[3], [10]];
        float[][] scores = [[0.1f, 0.9f, 0.5f, 0.3f], Enumerable.Range(0, 12).Select(i => 11f - i).ToArray()];

        var m = RankingMetrics.Measure(candidates, positives, scores, catalogueSize: 12);

        Assert.Equal(0.5, m.HitRate5, 10);
        Assert.Equal(0.5, m.HitRate10, 10);
        // NDCG: case 1 = (1/log2(3+1)) / 1 = 0.5, case 2 = 0 → mean 0.25.
        Assert.Equal(0.25, m.Ndcg10, 10);
        // MRR: (1/3 + 1/11) / 2 = 14/66.
        Assert.Equal(14.0 / 66, m.Mrr, 10);
        // Top 10s: {0,1,2,3} ∪ {0..9} = 10 of 12 badges.
        Assert.Equal(10.0 / 12, m.Coverage, 10);
    }

    [Fact]
    public void Ndcg_with_two_positives_is_measured_against_the_ideal_ranking()
    {
        // Ranking 0, 1, 2 with positives 0 and 2: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) ≈ 1.6309.
        var m = RankingMetrics.Measure([[0, 1, 2]], [[0, 2]], [[3f, 2f, 1f]], 3);

        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), m.Ndcg10, 10);
        Assert.Equal(1.0, m.Mrr, 10);
        Assert.Equal(1.0, m.HitRate5, 10);
    }

    [Fact]
    public void Equal_scores_rank_the_lower_badge_index_first()
    {
        Assert.Equal([4, 2, 7], RankingMetrics.Rank([7, 2, 4], [1f, 1f, 2f]));
    }

    [Fact]
    public void No_cases_give_zero_metrics()
    {
        var m = RankingMetrics.Measure([], [], [], 5);
        Assert.Equal(new RankingMetrics(0, 0, 0, 0, 0), m);
    }
}
