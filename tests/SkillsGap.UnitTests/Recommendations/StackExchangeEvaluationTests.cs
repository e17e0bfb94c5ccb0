using SkillsGap.Recommendations;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Recommendations;

public class StackExchangeEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void On_real_stack_exchange_badges_the_model_ranks_each_users_last_badge_better_than_popularity()
    {
        var snapshot = StackExchangeBadges.Load();
        // SOURCE.md: 4,467 awards of 54 badges to 2,171 users (a few same-day repeats of one badge merge into one award).
        Assert.Equal(54, snapshot.Badges.Count);
        Assert.Equal(2171, snapshot.Employees.Count);

        var report = LeaveLastOut.Run(snapshot);
        output.WriteLine($"awards {snapshot.Awards.Count}");
        output.WriteLine(report.ToJson());

        Assert.Null(report.FallbackReason);
        Assert.True(report.TestCases >= 300, "test cases " + report.TestCases);
        var model = report.Models["model"];
        var popularity = report.Models["popularity"];
        Assert.True(model.Ndcg10 > popularity.Ndcg10, report.ToJson());
        Assert.True(model.Mrr > popularity.Mrr, report.ToJson());
        // Measured (commit of this test): model NDCG@10 0.6036, MRR 0.5204 against popularity 0.4703, 0.3358; popularity's
        // hit rates are a little higher (HR@10 0.9068 against 0.8863): it ranks the few very common badges high, the model
        // orders the rest better. The ranking metrics are what the model must win.
    }
}
