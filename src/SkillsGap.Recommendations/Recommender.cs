using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>A gap a badge would close: the skill and its level before and after.</summary>
public sealed record GapClosed(SkillCode Skill, int From, int To);

/// <summary>A recommended next badge with its score and the reasons for it.</summary>
public sealed record BadgeRecommendation(Badge Badge, double Score, IReadOnlyList<GapClosed> Closes, string PeerSignal);

/// <summary>
/// Recommends next badges for an employee as of the figures' date: by the trained model, or by gap-greedy when there is
/// no model or it was trained on too little history (<see cref="FallbackReason"/> says which). Thread-safe.
/// </summary>
public sealed class Recommender
{
    private readonly NextBadgeModel? _model;
    private readonly Lock _cacheLock = new();
    private (OrganisationFigures Figures, TrainingHistory History, PeerStatistics Peers)? _cache;

    public Recommender(NextBadgeModel? model, int minimumTrainingCases = 200)
    {
        _model = model;
        if (model is null) FallbackReason = "No next-badge model has been trained; recommending by gap-greedy.";
        else if (!model.CanScore) FallbackReason = model.Metadata.FallbackReason ?? "The model has no learned part; recommending by gap-greedy.";
        else if (model.Metadata.TrainingCases < minimumTrainingCases)
            FallbackReason = string.Create(CultureInfo.InvariantCulture,
                $"The model was trained on {model.Metadata.TrainingCases} cases (at least {minimumTrainingCases} needed); recommending by gap-greedy.");
    }

    /// <summary>Why the gap-greedy rule is used instead of the model, or null when the model scores.</summary>
    public string? FallbackReason { get; }

    /// <summary>The <paramref name="top"/> best next badges for one employee (snapshot index) as of the figures' date.</summary>
    public IReadOnlyList<BadgeRecommendation> Recommend(OrganisationFigures figures, int employeeIndex, int top = 5)
    {
        var (history, peers) = Context(figures);
        var c = history.StateBefore(employeeIndex, figures.AsOf.AddDays(1));
        var features = CandidateFeatures.Build(history, c, peers);
        var scores = FallbackReason is null
            ? _model!.Score(features)
            : CandidateFeatures.Column(features, c.Candidates.Length, CandidateFeatures.GapGreedy);
        var ranked = RankingMetrics.Rank(c.Candidates, scores);
        var snapshot = history.Snapshot;
        var role = c.Role >= 0 ? figures.CompiledRoles[c.Role] : null;
        var roleTitle = role?.Role.Title ?? "people in this role";
        var result = new List<BadgeRecommendation>();
        foreach (var b in ranked.Take(top))
        {
            var k = Array.BinarySearch(c.Candidates, b);
            var badge = snapshot.Badges[b];
            var closes = new List<GapClosed>();
            if (role is not null)
                foreach (var skill in badge.Skills)
                {
                    var s = snapshot.SkillIndex(skill.Skill);
                    var i = Array.IndexOf(role.Skills, s);
                    if (i < 0) continue;
                    int have = c.Attained[s], need = role.Required[i];
                    var to = Math.Min(need, Math.Max(have, skill.Level.Value));
                    if (to > have) closes.Add(new GapClosed(skill.Skill, have, to));
                }
            result.Add(new BadgeRecommendation(badge, scores[k], closes, PeerSignal(snapshot, peers, c, b, roleTitle)));
        }
        return result;
    }

    private static string PeerSignal(OrganisationSnapshot snapshot, PeerStatistics peers, NextBadgeCase c, int badge, string roleTitle)
    {
        var parts = new List<string>();
        var (share, from) = peers.Transition(c.Latest, badge);
        if (from >= 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Math.Round(share * 100):0}% of those who earned {snapshot.Badges[from].Id} earned this next"));
        var popularity = peers.RolePopularity(c.Role, badge);
        if (popularity > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Math.Round(popularity * 100):0}% of {roleTitle} awards are this badge"));
        return parts.Count == 0 ? "no peer history yet" : string.Join("; ", parts);
    }

    private (TrainingHistory, PeerStatistics) Context(OrganisationFigures figures)
    {
        lock (_cacheLock)
        {
            if (_cache is { } cached && ReferenceEquals(cached.Figures, figures)) return (cached.History, cached.Peers);
            var history = TrainingHistory.Present(figures);
            var peers = new PeerStatistics(history);
            // Everything issued up to and including the figures' date is known.
            peers.AdvanceTo(figures.AsOf.DayNumber + 1);
            _cache = (figures, history, peers);
            return (history, peers);
        }
    }
}
