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
/// statistics count all training awards, except recent popularity, which counts those of the
/// <see cref="PeerStatistics.RecentDays"/> days before the held-out award's day (as it does for a training case). A held-out badge the user already holds validly (a repeatable badge earned
/// again) is not a candidate and is skipped, and counted.
/// </summary>
public static class LeaveLastOut
{
    public static LeaveLastOutReport Run(OrganisationSnapshot snapshot, int minimumAwards = 2, NextBadgeTrainingOptions? options = null,
        FigureOptions? figureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
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

        var candidates = new List<int[]>();
        var positives = new List<int[]>();
        var scores = new Dictionary<string, List<float[]>> { ["model"] = [], ["popularity"] = [], ["transition"] = [], ["gapGreedy"] = [] };
        var skipped = 0;
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
            if (Array.BinarySearch(state.Candidates, b) < 0) { skipped++; continue; }
            var c = new NextBadgeCase(state.Employee, state.Role, state.Department, state.Day, state.Attained, state.Candidates, state.Renews, [b], state.Latest);
            recent.AdvanceTo(c.Day.DayNumber);
            var features = CandidateFeatures.Build(history, c, peers, recent);
            var n = c.Candidates.Length;
            candidates.Add(c.Candidates);
            positives.Add(c.Positives);
            var gapGreedy = CandidateFeatures.Column(features, n, CandidateFeatures.GapGreedy);
            scores["model"].Add(model.CanScore ? model.Score(features) : gapGreedy);
            scores["popularity"].Add(CandidateFeatures.Column(features, n, CandidateFeatures.RolePopularity));
            scores["transition"].Add(CandidateFeatures.Column(features, n, CandidateFeatures.TransitionScore));
            scores["gapGreedy"].Add(gapGreedy);
        }
        var catalogue = snapshot.Badges.Count;
        return new LeaveLastOutReport(tested.Count, candidates.Count, skipped, model.Metadata.TrainingCases, model.Metadata.Trainer,
            model.Metadata.FallbackReason, scores.ToDictionary(s => s.Key, s => RankingMetrics.Measure(candidates, positives, s.Value, catalogue)),
            model.Metadata.PopularityBlend, model.Metadata.Validation);
    }
}
