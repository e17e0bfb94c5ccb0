using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;
using SkillsGap.UnitTests.TestSupport;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Recommendations;

public class SampleDataTests(ITestOutputHelper output)
{
    [Fact]
    public void The_model_and_both_baselines_are_evaluated_on_the_committed_sample_history()
    {
        var snapshot = SampleOrganisation.Load();
        // Awards run 2023-11-27 to 2026-11-27: the last six months are the test window.
        var trainUntil = HistoryBuilder.D("2026-05-27");
        var history = TrainingHistory.Build(snapshot);
        var model = NextBadgeModel.Train(history, trainUntil);

        var report = Evaluation.Run(history, model, trainUntil);
        output.WriteLine(report.ToJson());
        output.WriteLine($"cases {history.Cases.Count}, skipped {history.SkippedCases}; validation: " +
                         string.Join(", ", model.Metadata.Validation.Select(v => $"{v.Key} ndcg@10 {v.Value.Ndcg10:0.0000}")));

        Assert.True(report.TestCases > 100, "test cases " + report.TestCases);
        Assert.Null(report.FallbackReason);
        Assert.Equal(history.Cases.Count(c => c.Day >= trainUntil), report.TestCases);
        foreach (var m in report.Models.Values)
        {
            Assert.InRange(m.HitRate5, 0, m.HitRate10);
            Assert.InRange(m.Mrr, 0, 1);
            Assert.InRange(m.Coverage, 0, 1);
        }
    }
}
