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
        // The popularity blend was chosen on the training side (each training user's last remaining award held out).
        Assert.InRange(report.PopularityBlend, 0, 0.9);
        Assert.Contains("popularity", report.Validation.Keys);
        var model = report.Models["model"];
        var popularity = report.Models["popularity"];
        Assert.True(model.HitRate5 > popularity.HitRate5, report.ToJson());
        Assert.True(model.HitRate10 > popularity.HitRate10, report.ToJson());
        Assert.True(model.Ndcg10 > popularity.Ndcg10, report.ToJson());
        Assert.True(model.Mrr > popularity.Mrr, report.ToJson());
    }

    [Fact]
    public void The_leave_last_out_figures_are_the_same_on_a_second_run()
    {
        var snapshot = StackExchangeBadges.Load();

        Assert.Equal(LeaveLastOut.Run(snapshot).ToJson(), LeaveLastOut.Run(snapshot).ToJson());
    }
}
