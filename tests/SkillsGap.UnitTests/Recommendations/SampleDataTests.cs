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
        // Awards run 2023-11-27 to 2026-11-27: the last six months are the test window (as `evaluate --test-months 6`).
        var trainUntil = HistoryBuilder.D("2026-05-28");
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

        // The popularity baseline recomputed here from the raw award rows: for a test case of an employee in role r,
        // a candidate's score is the share of role r's awards issued before trainUntil that are of it (people by the
        // role the roster gives them; a role this snapshot does not define has no peers, so every score is 0); higher first, equal scores by catalogue order. Then HR@10 and MRR by hand.
        var test = history.Cases.Where(c => c.Day >= trainUntil).ToList();
        var roleOf = snapshot.Employees.ToDictionary(e => e.Id, e => e.Role);
        var earlier = snapshot.Awards.Where(a => a.IssuedOn < trainUntil && roleOf.ContainsKey(a.Employee)).ToList();
        double Popularity(RoleCode role, int badge)
        {
            var total = earlier.Count(a => roleOf[a.Employee] == role);
            return total == 0 || snapshot.FindRole(role) is null ? 0 : (double)earlier.Count(a => roleOf[a.Employee] == role && a.Badge == snapshot.Badges[badge].Id) / total;
        }
        var scores = new Dictionary<(RoleCode, int), float>();
        var firstHits = test.Select(c =>
        {
            var role = snapshot.Employees[c.Employee].Role;
            var ranked = c.Candidates
                .OrderByDescending(b => scores.TryGetValue((role, b), out var v) ? v : scores[(role, b)] = (float)Popularity(role, b))
                .ThenBy(b => b)
                .ToList();
            return c.Positives.Min(p => ranked.IndexOf(p)) + 1;
        }).ToList();
        var popularity = report.Models["popularity"];
        Assert.Equal(firstHits.Count(r => r <= 10) / (double)firstHits.Count, popularity.HitRate10, 12);
        Assert.Equal(firstHits.Average(r => 1.0 / r), popularity.Mrr, 12);
        // And the model is worth having on this history: it ranks the next badges better than both baselines.
        Assert.True(report.Models["model"].Ndcg10 > popularity.Ndcg10, report.ToJson());
        Assert.True(report.Models["model"].Ndcg10 > report.Models["gapGreedy"].Ndcg10, report.ToJson());
        // The served list puts every gap-closing badge (and renewal) first, so at least as many of its top 10 close a gap as
        // of the model's own top 10 over the same candidates; its figures are measured on the cases whose next badge did.
        var served = report.Served!;
        Assert.InRange(served.GapClosingShare, served.ModelGapClosingShare, 1);
        Assert.True(served.GapClosingShare > served.ModelGapClosingShare, report.ToJson());
        Assert.InRange(served.GapCases, 1, report.TestCases - 1);
        Assert.InRange(served.HitRate10, 0, 1);
        Assert.InRange(served.Ndcg10, 0, served.HitRate10);
        Assert.InRange(served.ModelNdcg10, 0, served.ModelHitRate10);
    }
}
