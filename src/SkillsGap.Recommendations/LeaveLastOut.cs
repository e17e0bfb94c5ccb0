using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>The figures of a leave-last-out evaluation: how many users were tested, and each ranker's metrics.</summary>
public sealed record LeaveLastOutReport(
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("testCases")] int TestCases,
    [property: JsonPropertyName("skippedRepeats")] int SkippedRepeats,
    [property: JsonPropertyName("trainingCases")] int TrainingCases,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason,
    [property: JsonPropertyName("models")] IReadOnlyDictionary<string, RankingMetrics> Models,
    [property: JsonPropertyName("popularityBlend")] double PopularityBlend,
    [property: JsonPropertyName("validation")] IReadOnlyDictionary<string, RankingMetrics> Validation)
{
    /// <summary>The document as JSON (metrics rounded to four places).</summary>
    public string ToJson() => JsonSerializer.Serialize(this with
    {
        Models = Models.ToDictionary(m => m.Key, m => m.Value.Rounded()),
        Validation = Validation.ToDictionary(m => m.Key, m => m.Value.Rounded()),
    });
}

/// <summary>
/// Leave-last-out evaluation (the usual protocol for public interaction logs): each user's last award is held out —
/// the latest issue date, ties broken by the award's position in <see cref="OrganisationSnapshot.Awards"/>, so callers
/// list awards in (time, id) order — the model is trained on every other award, and for each held-out award the
/// candidates of the user's state after all their other awards are ranked by the model, by popularity within the role,
/// by the transition share alone ("what people earned next after the user's latest badges") and by gap-greedy. Peer
/// statistics count all training awards, except recent popularity, which counts those before the held-out award's day
/// (as it does for a training case). A held-out badge the user already holds validly (a repeatable badge earned again)
/// is not a candidate and is skipped, and counted. The model's weight of popularity (<see cref="NextBadgeModelMetadata.PopularityBlend"/>) is chosen on the
/// training side by the same protocol one step back: each training user's last remaining award held out.
/// </summary>
public static class LeaveLastOut
{
    public static LeaveLastOutReport Run(OrganisationSnapshot snapshot, int minimumAwards = 2, NextBadgeTrainingOptions? options = null,
        FigureOptions? figureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var test = HoldOut(snapshot, minimumAwards, options, figureOptions);
        var catalogue = snapshot.Badges.Count;
        var blend = 0.0;
        var validation = new Dictionary<string, RankingMetrics>();
        if (test.Model.CanScore)
        {
            // The popularity blend is chosen the same way on the training side: each training user's last remaining award held
            // out, a model trained on the rest, the held-out awards ranked.
            var inner = HoldOut(test.Training, minimumAwards, options, figureOptions);
            if (inner.Model.CanScore && inner.Candidates.Count > 0)
            {
                var trees = inner.Features.Select(inner.Model.ScoreTrees).ToArray();
                var popularity = RankingMetrics.Measure(inner.Candidates, inner.Positives, inner.Scores["popularity"], catalogue);
                (blend, var blended) = NextBadgeModel.ChooseBlend(inner.Candidates, inner.Positives, trees, [.. inner.Features], popularity, catalogue);
                validation["trees"] = RankingMetrics.Measure(inner.Candidates, inner.Positives, trees, catalogue);
                validation["model"] = blended;
                validation["popularity"] = popularity;
            }
        }
        if (test.Model.CanScore)
            test.Scores["model"] = [.. test.Features.Select(f => NextBadgeModel.Blend(test.Model.ScoreTrees(f), f, blend))];
        return new LeaveLastOutReport(test.Users, test.Candidates.Count, test.Skipped, test.Model.Metadata.TrainingCases, test.Model.Metadata.Trainer,
            test.Model.Metadata.FallbackReason, test.Scores.ToDictionary(s => s.Key, s => RankingMetrics.Measure(test.Candidates, test.Positives, s.Value, catalogue)),
            blend, validation);
    }

    /// <summary>Holds out each user's last award, trains on the rest and ranks the held-out awards' candidates.</summary>
    private static HeldOut HoldOut(OrganisationSnapshot snapshot, int minimumAwards, NextBadgeTrainingOptions? options, FigureOptions? figureOptions)
    {
        var heldOut = new Dictionary<EmployeeId, int>();
        var perEmployee = new Dictionary<EmployeeId, int>();
        for (var i = 0; i < snapshot.Awards.Count; i++)
        {
            var a = snapshot.Awards[i];
            perEmployee[a.Employee] = perEmployee.GetValueOrDefault(a.Employee) + 1;
            if (!heldOut.TryGetValue(a.Employee, out var last) || snapshot.Awards[last].IssuedOn <= a.IssuedOn) heldOut[a.Employee] = i;
        }
        var tested = heldOut.Where(h => perEmployee[h.Key] >= minimumAwards).Select(h => h.Value).ToHashSet();
        var training = new OrganisationSnapshot(snapshot.AsOf, snapshot.Skills, snapshot.Roles, snapshot.Badges, snapshot.Employees,
            [.. snapshot.Awards.Where((_, i) => !tested.Contains(i))]);
        var history = TrainingHistory.Build(training, figureOptions);
        var lastDay = snapshot.Awards.Count == 0 ? snapshot.AsOf : snapshot.Awards.Max(a => a.IssuedOn);
        var model = NextBadgeModel.Train(history, lastDay.AddDays(1), options);
        var peers = new PeerStatistics(history);
        peers.AdvanceTo(lastDay.DayNumber + 1);

        var result = new HeldOut(training, model, tested.Count);
        // Recent popularity is taken as of each held-out award's own day (the training awards of the days before it), as for
        // the training cases; so the held-out awards are visited in day order.
        var recent = new PeerStatistics(history);
        foreach (var i in tested.OrderBy(i => snapshot.Awards[i].IssuedOn).ThenBy(i => i))
        {
            var award = snapshot.Awards[i];
            var e = training.EmployeeIndex(award.Employee);
            var b = training.BadgeIndex(award.Badge);
            if (e < 0 || b < 0) continue;
            var state = history.StateBefore(e, award.IssuedOn.AddDays(1));
            if (Array.BinarySearch(state.Candidates, b) < 0) { result.Skipped++; continue; }
            var c = state.With(state.Candidates, state.Renews, [b]);
            recent.AdvanceTo(c.Day.DayNumber);
            var features = CandidateFeatures.Build(history, c, peers, recent);
            var n = c.Candidates.Length;
            result.Candidates.Add(c.Candidates);
            result.Positives.Add(c.Positives);
            result.Features.Add(features);
            var gapGreedy = CandidateFeatures.Column(features, n, CandidateFeatures.GapGreedy);
            result.Scores["model"].Add(model.CanScore ? model.Score(features) : gapGreedy);
            result.Scores["popularity"].Add(CandidateFeatures.Column(features, n, CandidateFeatures.RolePopularity));
            result.Scores["transition"].Add(CandidateFeatures.Column(features, n, CandidateFeatures.TransitionScore));
            result.Scores["gapGreedy"].Add(gapGreedy);
        }
        return result;
    }

    private sealed class HeldOut(OrganisationSnapshot training, NextBadgeModel model, int users)
    {
        public OrganisationSnapshot Training { get; } = training;
        public NextBadgeModel Model { get; } = model;
        public int Users { get; } = users;
        public int Skipped { get; set; }
        public List<int[]> Candidates { get; } = [];
        public List<int[]> Positives { get; } = [];
        public List<float[]> Features { get; } = [];
        public Dictionary<string, List<float[]>> Scores { get; } = new() { ["model"] = [], ["popularity"] = [], ["transition"] = [], ["gapGreedy"] = [] };
    }
}
