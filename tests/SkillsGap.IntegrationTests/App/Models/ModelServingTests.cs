using SkillsGap.App.Models;
using SkillsGap.Recommendations;

namespace SkillsGap.IntegrationTests.App.Models;

/// <summary>Which stored model is served: the newest whose validation NDCG@10 is not below the one served before it (hand-worked sequences).</summary>
public sealed class ModelServingTests
{
    private static NextBadgeModelMetadata Model(double? ndcg, string? fallback = null, double blend = 0, double? blended = null)
    {
        var validation = new Dictionary<string, RankingMetrics>();
        if (ndcg is double n) validation["LightGbmRanking"] = new RankingMetrics(0.5, 0.6, n, 0.4, 0.3);
        if (blended is double b) validation["blended"] = new RankingMetrics(0.5, 0.6, b, 0.4, 0.3);
        return new NextBadgeModelMetadata(3, "LightGbmRanking", null, null, new DateOnly(2026, 12, 1), 300, 3000, null, validation, [], fallback)
        {
            PopularityBlend = blend,
        };
    }

    [Fact]
    public void A_newer_model_that_is_worse_on_validation_is_not_served()
    {
        // 1: 0.60 served; 2: 0.55 is worse, 1 stays; 3: 0.60 ties with 1 and is newer, so it is served.
        Assert.Equal(1, ModelServing.Choose([(1, Model(0.60)), (2, Model(0.55))]));
        Assert.Equal(3, ModelServing.Choose([(2, Model(0.55)), (1, Model(0.60)), (3, Model(0.60))]));
    }

    [Fact]
    public void A_worse_model_is_compared_with_the_served_one_not_with_its_predecessor()
    {
        // 1: 0.60; 2: 0.50 (not served); 3: 0.55 beats 2 but not 1, so 1 is still served.
        Assert.Equal(1, ModelServing.Choose([(1, Model(0.60)), (2, Model(0.50)), (3, Model(0.55))]));
    }

    [Fact]
    public void A_fallback_model_is_served_only_while_no_model_has_learned_anything()
    {
        Assert.Equal(2, ModelServing.Choose([(1, Model(null, "too little history")), (2, Model(null, "still too little"))]));
        Assert.Equal(2, ModelServing.Choose([(1, Model(null, "too little history")), (2, Model(0.4)), (3, Model(null, "history was deleted"))]));
        Assert.Null(ModelServing.Choose([]));
    }

    [Fact]
    public void The_blended_ranking_is_compared_when_the_model_serves_it()
    {
        // Model 2's own trees score 0.50 but it serves the blend, which scores 0.65 > 0.60.
        Assert.Equal(2, ModelServing.Choose([(1, Model(0.60)), (2, Model(0.50, blend: 0.3, blended: 0.65))]));
        Assert.Equal(0.65, ModelServing.ServedMetrics(Model(0.50, blend: 0.3, blended: 0.65))!.Ndcg10);
        Assert.Equal(0.50, ModelServing.ServedMetrics(Model(0.50, blend: 0, blended: 0.65))!.Ndcg10);
    }
}
