using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>A gap a badge would close: the skill and its level before and after.</summary>
public sealed record GapClosed(SkillCode Skill, int From, int To);

/// <summary>
/// What role peers did, as shown beside a recommendation. <see cref="Kind"/> is <c>transition</c> (of the
/// <see cref="Peers"/> role peers who earned <see cref="From"/> and then earned another badge, the share whose next
/// badge was this one), <c>popularity</c> (of the <see cref="Peers"/> people in the role, the share who have earned this
/// badge) or <c>none</c>.
/// </summary>
public sealed record PeerSignal(string Kind, double Share, int Peers, BadgeId? From, string Text)
{
    public const string TransitionKind = "transition";
    public const string PopularityKind = "popularity";
    public const string NoneKind = "none";
}

/// <summary>A recommended next badge with its score and the reasons for it.</summary>
public sealed record BadgeRecommendation(Badge Badge, double Score, IReadOnlyList<GapClosed> Closes, PeerSignal Peer)
{
    /// <summary>The peer signal as a sentence.</summary>
    public string PeerSignal => Peer.Text;
}

/// <summary>
/// Recommends next badges for an employee as of the figures' date: by the trained model, or by gap-greedy when there is
/// no model or it was trained on too little history (<see cref="FallbackReason"/> says which). Thread-safe: the
/// history indices and peer counts of the last figures are derived once and shared, and model scoring is pooled.
/// </summary>
public sealed class Recommender
{
    private readonly NextBadgeModel? _model;
    private readonly Lock _cacheLock = new();
    private RecommenderContext? _cache;

    public Recommender(NextBadgeModel? model, int minimumTrainingCases = 200)
    {
        _model = model;
        if (model is null)
        {
            FallbackReason = "No next-badge model has been trained; recommending by gap-greedy.";
            FallbackNote = ServedWords.NotLearnedYet;
        }
        else if (!model.CanScore)
        {
            FallbackReason = model.Metadata.FallbackReason ?? "The model has no learned part; recommending by gap-greedy.";
            FallbackNote = model.Metadata.Features.SequenceEqual(CandidateFeatures.Names, StringComparer.Ordinal)
                ? ServedWords.TooLittleHistory
                : ServedWords.LearnAgain;
        }
        else if (model.Metadata.TrainingCases < minimumTrainingCases)
        {
            FallbackReason = string.Create(CultureInfo.InvariantCulture,
                $"The model was trained on {model.Metadata.TrainingCases} cases (at least {minimumTrainingCases} needed); recommending by gap-greedy.");
            FallbackNote = ServedWords.TooLittleHistory;
        }
    }

    /// <summary>
    /// <see cref="FallbackReason"/> in people's words (for pages, workbooks and e-mails), or null when the model scores.
    /// </summary>
    public string? FallbackNote { get; }

    /// <summary>How the served list is ordered, in people's words.</summary>
    public string RankedBy => FallbackReason is null ? ServedWords.RankedByModel : ServedWords.RankedByGap;

    /// <summary>Why the gap-greedy rule is used instead of the model, or null when the model scores.</summary>
    public string? FallbackReason { get; }

    /// <summary>The metadata of the model in use, or null when there is none.</summary>
    public NextBadgeModelMetadata? ModelMetadata => _model?.Metadata;

    /// <summary>The <paramref name="top"/> best next badges for one employee (snapshot index) as of the figures' date.</summary>
    public IReadOnlyList<BadgeRecommendation> Recommend(OrganisationFigures figures, int employeeIndex, int top = 5)
    {
        var context = Context(figures);
        var c = context.History.StateBefore(employeeIndex, figures.AsOf.AddDays(1));
        var scores = Score(context, c);
        var ranked = RankingMetrics.Rank(c.Candidates, scores);
        var snapshot = context.History.Snapshot;
        var role = c.Role >= 0 ? figures.CompiledRoles[c.Role] : null;
        var result = new List<BadgeRecommendation>(Math.Min(top, ranked.Length));
        foreach (var b in ranked.AsSpan(0, Math.Min(top, ranked.Length)))
        {
            var k = Array.BinarySearch(c.Candidates, b);
            var badge = snapshot.Badges[b];
            var closes = new List<GapClosed>();
            if (role is not null)
                foreach (var skill in badge.Skills)
                {
                    var s = snapshot.SkillIndex(skill.Skill);
                    var i = s < 0 ? -1 : Array.IndexOf(role.Skills, s);
                    if (i < 0) continue;
                    int have = c.Attained[s], need = role.Required[i];
                    var to = Math.Min(need, Math.Max(have, skill.Level.Value));
                    if (to > have) closes.Add(new GapClosed(skill.Skill, have, to));
                }
            result.Add(new BadgeRecommendation(badge, scores[k], closes, context.Peers.Signal(c.Role, c.Latest, b)));
        }
        return result;
    }

    /// <summary>
    /// The list an employee is served as of the figures' date (DESIGN §3, "What an employee is recommended"): first the
    /// badges that close a gap of their role or target role — themselves, or as a prerequisite on the way to a badge that
    /// does — or renew an award whose expiry within <see cref="ServeOptions.ExpiringWithinDays"/> would open one, in the
    /// model's order (by how much of the gap each closes per hour without a model); then, only when fewer than
    /// <paramref name="top"/> such badges exist, badges that close no gap, in the model's order (by role popularity
    /// without one).
    /// </summary>
    public ServedRecommendations Serve(OrganisationFigures figures, int employeeIndex, int top = 5, ServeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        options ??= ServeOptions.Default;
        var context = Context(figures);
        var history = context.History;
        var snapshot = history.Snapshot;
        var employee = snapshot.Employees[employeeIndex];
        var state = history.StateBefore(employeeIndex, figures.AsOf.AddDays(1));
        var role = state.Role >= 0 ? figures.CompiledRoles[state.Role] : null;
        var targetCode = options.TargetRole ?? employee.TargetRole;
        var targetIndex = targetCode is RoleCode t ? snapshot.RoleIndex(t) : -1;
        if (targetIndex == state.Role) targetIndex = -1;
        var target = targetIndex >= 0 ? figures.CompiledRoles[targetIndex] : null;

        var gaps = GapClosing.Classify(history, state, role, target, options.ExpiringWithinDays);
        var (scored, order, gapCount) = ServedOrder(history, state, gaps, context.Statistics);
        var c = scored.Case;
        var awards = figures.Awards;
        var items = new List<ServedRecommendation>(Math.Min(top, order.Length));
        foreach (var k in order.AsSpan(0, Math.Min(top, order.Length)))
        {
            var b = c.Candidates[k];
            var renewal = gaps.Renewals.FirstOrDefault(r => r.Badge == b);
            var item = new ServedRecommendation(snapshot.Badges[b], scored.Scores[k], gaps.PurposeOf(b),
                renewal is null ? GapClosing.Changes(snapshot, awards, b, state.Attained, role) : [],
                renewal is null ? GapClosing.Changes(snapshot, awards, b, state.Attained, target) : [],
                [.. (gaps.Unlocks[b] ?? []).Select(g => snapshot.Badges[g].Id)],
                renewal is null ? null : DateOnly.FromDayNumber(renewal.ExpiresDay),
                renewal?.Opens ?? [],
                renewal is null && state.Renews[Array.BinarySearch(state.Candidates, b)] ? LastExpiry(figures, employeeIndex, b) : null,
                context.Peers.Signal(state.Role, state.Latest, b), "");
            items.Add(item with { Reason = ServedWords.Reason(snapshot, item, role?.Role.Title, target?.Role.Title) });
        }
        return new ServedRecommendations(employee.Id, figures.AsOf, employee.Role, target?.Role.Code, FallbackReason is null ? "model" : "gap-greedy",
            FallbackReason, FallbackNote, RankedBy, gapCount, items);
    }

    /// <summary>The candidates and renewals of a served list with their scores, and their served order (positions into them).</summary>
    private (ScoredCandidates Scored, int[] Order, int GapCount) ServedOrder(TrainingHistory history, NextBadgeCase state, GapClosing gaps,
        PeerStatistics statistics)
    {
        var scored = ScoreServed(history, state, gaps, statistics, FallbackReason is null ? _model : null);
        var (order, gapCount) = Order(scored, gaps);
        return (scored, order, gapCount);
    }

    /// <summary>The case's candidates with the renewal badges added, scored by the model (or, without one, by gap per hour and popularity).</summary>
    internal static ScoredCandidates ScoreServed(TrainingHistory history, NextBadgeCase state, GapClosing gaps, PeerStatistics statistics,
        NextBadgeModel? model)
    {
        var badges = state.Candidates.ToList();
        var renews = state.Renews.ToList();
        foreach (var r in gaps.Renewals)
        {
            var at = badges.BinarySearch(r.Badge);
            if (at >= 0) continue;
            badges.Insert(~at, r.Badge);
            renews.Insert(~at, true);
        }
        var c = state.With([.. badges], [.. renews], state.Positives);
        var features = CandidateFeatures.BuildWithLapses(history, c, statistics, [.. gaps.Renewals.Select(r => (r.Badge, r.Lapsed))]);
        var n = c.Candidates.Length;
        float[] scores;
        if (model is not null) scores = model.Score(features);
        else
        {
            // Gap-closing badges by gap closed per hour; the others by role popularity (both shares ≤ a few hundred, so the
            // gap-closing ones are ordered apart anyway).
            scores = new float[n];
            for (var k = 0; k < n; k++)
            {
                var b = c.Candidates[k];
                scores[k] = gaps.PurposeOf(b) == RecommendationPurpose.Peers
                    ? features[k * CandidateFeatures.Count + CandidateFeatures.RolePopularity]
                    : (float)gaps.ByHour[b];
            }
        }
        return new ScoredCandidates(c, scores);
    }

    /// <summary>Gap-closing and renewal badges first, then the rest; each part by score (higher first), then badge index.</summary>
    internal static (int[] Order, int GapCount) Order(ScoredCandidates scored, GapClosing gaps)
    {
        var c = scored.Case;
        var n = c.Candidates.Length;
        var closes = new bool[n];
        var gapCount = 0;
        for (var k = 0; k < n; k++)
            if (closes[k] = gaps.PurposeOf(c.Candidates[k]) != RecommendationPurpose.Peers) gapCount++;
        var order = new int[n];
        for (var k = 0; k < n; k++) order[k] = k;
        var scores = scored.Scores;
        Array.Sort(order, (x, y) =>
        {
            if (closes[x] != closes[y]) return closes[x] ? -1 : 1;
            var byScore = scores[y].CompareTo(scores[x]);
            return byScore != 0 ? byScore : c.Candidates[x].CompareTo(c.Candidates[y]);
        });
        return (order, gapCount);
    }

    private static DateOnly? LastExpiry(OrganisationFigures figures, int employee, int badge)
    {
        var awards = figures.Awards;
        var last = int.MinValue;
        for (var a = awards.Offsets[employee]; a < awards.Offsets[employee + 1]; a++)
            if (awards.Badge[a] == badge && awards.Expires[a] != int.MaxValue && awards.Expires[a] <= figures.AsOf.DayNumber &&
                awards.Counts(a, figures.Options))
                last = Math.Max(last, awards.Expires[a]);
        return last == int.MinValue ? null : DateOnly.FromDayNumber(last);
    }

    /// <summary>
    /// The score of every catalogue badge (by snapshot badge index) for one employee as of the figures' date: the model's
    /// score, or gap-greedy's when falling back. Badges whose prerequisites are not met yet are scored as if they were,
    /// so that a pathway can order them too.
    /// </summary>
    public double[] ScoreBadges(OrganisationFigures figures, int employeeIndex)
    {
        var context = Context(figures);
        // The popularity place is among the badges not held validly, as it is for a case's candidates.
        var state = context.History.StateBefore(employeeIndex, figures.AsOf.AddDays(1), out var held);
        var all = new int[figures.Snapshot.Badges.Count];
        var renews = new bool[all.Length];
        for (var b = 0; b < all.Length; b++)
        {
            all[b] = b;
            var k = Array.BinarySearch(state.Candidates, b);
            renews[b] = k >= 0 && state.Renews[k];
        }
        var c = state.With(all, renews, []);
        var scores = Score(context, c, held);
        return [.. scores.Select(s => (double)s)];
    }

    /// <summary>The peer signal of one badge (snapshot index) for one employee as of the figures' date.</summary>
    public PeerSignal PeerSignalOf(OrganisationFigures figures, int employeeIndex, int badgeIndex) =>
        PeerSignals(figures, employeeIndex)(badgeIndex);

    /// <summary>The peer signal of any badge (snapshot index) for one employee, with the employee's state looked up once.</summary>
    public Func<int, PeerSignal> PeerSignals(OrganisationFigures figures, int employeeIndex)
    {
        var context = Context(figures);
        var role = figures.RoleIndexOf(employeeIndex);
        var latest = context.History.LatestBadges(employeeIndex, figures.AsOf.AddDays(1));
        return badgeIndex => context.Peers.Signal(role, latest, badgeIndex);
    }

    private float[] Score(RecommenderContext context, NextBadgeCase c, bool[]? held = null)
    {
        var features = CandidateFeatures.Build(context.History, c, context.Statistics, context.Statistics, held);
        return FallbackReason is null
            ? _model!.Score(features)
            : CandidateFeatures.Column(features, c.Candidates.Length, CandidateFeatures.GapGreedy);
    }

    private RecommenderContext Context(OrganisationFigures figures)
    {
        lock (_cacheLock)
        {
            if (_cache is { } cached && ReferenceEquals(cached.Figures, figures)) return cached;
            var history = TrainingHistory.Present(figures);
            var statistics = new PeerStatistics(history);
            // Everything issued up to and including the figures' date is known.
            statistics.AdvanceTo(figures.AsOf.DayNumber + 1);
            _cache = new RecommenderContext(figures, history, statistics, RolePeerSignals.Build(history));
            return _cache;
        }
    }

    /// <summary>A case's candidates (with renewals) and their scores, parallel.</summary>
    internal sealed record ScoredCandidates(NextBadgeCase Case, float[] Scores);

    private sealed record RecommenderContext(OrganisationFigures Figures, TrainingHistory History, PeerStatistics Statistics, RolePeerSignals Peers);
}

/// <summary>
/// Per-role peer counts as of the figures' date, for the peer signal: which badge role peers earned next after each badge,
/// and how many of them hold each badge. People are counted once each.
/// </summary>
internal sealed class RolePeerSignals
{
    private readonly OrganisationSnapshot _snapshot;
    private readonly int _badges;
    private readonly Dictionary<long, int> _next = [];
    private readonly Dictionary<long, int> _movedOn = [];
    private readonly int[] _holders;
    private readonly int[] _roleSize;

    private RolePeerSignals(OrganisationSnapshot snapshot)
    {
        _snapshot = snapshot;
        _badges = snapshot.Badges.Count;
        _holders = new int[Math.Max(snapshot.Roles.Count, 1) * Math.Max(_badges, 1)];
        _roleSize = new int[Math.Max(snapshot.Roles.Count, 1)];
    }

    public static RolePeerSignals Build(TrainingHistory history)
    {
        var figures = history.Figures;
        var result = new RolePeerSignals(history.Snapshot);
        var b = result._badges;
        var lastDay = figures.AsOf.DayNumber;
        var held = new bool[b];
        var left = new bool[b];
        var days = new List<(int Day, int Badge)>();
        for (var e = 0; e < figures.EmployeeCount; e++)
        {
            var role = figures.RoleIndexOf(e);
            if (role < 0) continue;
            result._roleSize[role]++;
            days.Clear();
            foreach (var a in history.SortedCountingAwards(e))
                if (figures.Awards.Issued[a] <= lastDay) days.Add((figures.Awards.Issued[a], figures.Awards.Badge[a]));
            Array.Clear(held);
            Array.Clear(left);
            foreach (var (_, badge) in days)
                if (!held[badge]) { held[badge] = true; result._holders[role * b + badge]++; }
            // For each badge, its first award day and the next award day after it: "earned `from`, then next earned …".
            for (var i = 0; i < days.Count; i++)
            {
                var from = days[i].Badge;
                if (left[from]) continue;
                var next = i + 1;
                while (next < days.Count && days[next].Day == days[i].Day) next++;
                if (next == days.Count) continue;
                left[from] = true;
                result._movedOn[(long)role * b + from] = result._movedOn.GetValueOrDefault((long)role * b + from) + 1;
                for (var j = next; j < days.Count && days[j].Day == days[next].Day; j++)
                {
                    if (days[j].Badge == from) continue;
                    var key = ((long)role * b + from) * b + days[j].Badge;
                    result._next[key] = result._next.GetValueOrDefault(key) + 1;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The transition share from the employee's latest badge that gives the highest share (more peers, then the lower
    /// badge index on a tie) when some role peer earned this badge next; else the role popularity; else none.
    /// </summary>
    public PeerSignal Signal(int role, int[] latest, int badge)
    {
        if (role < 0) return new PeerSignal(PeerSignal.NoneKind, 0, 0, null, "no role, so no peers");
        var title = _snapshot.Roles[role].Title;
        double bestShare = 0;
        int bestPeers = 0, bestNext = 0, bestFrom = -1;
        foreach (var from in latest)
        {
            var moved = _movedOn.GetValueOrDefault((long)role * _badges + from);
            var next = _next.GetValueOrDefault(((long)role * _badges + from) * _badges + badge);
            if (moved == 0 || next == 0) continue;
            var share = (double)next / moved;
            if (bestFrom < 0 || share > bestShare || (share == bestShare && moved > bestPeers))
                (bestShare, bestPeers, bestNext, bestFrom) = (share, moved, next, from);
        }
        if (bestFrom >= 0)
        {
            var fromId = _snapshot.Badges[bestFrom].Id;
            return new PeerSignal(PeerSignal.TransitionKind, bestShare, bestPeers, fromId, string.Create(CultureInfo.InvariantCulture,
                $"{Percent(bestShare)} of {title} peers who earned {fromId} earned this next ({bestNext} of {bestPeers})"));
        }
        var holders = _holders[role * _badges + badge];
        var size = _roleSize[role];
        if (holders > 0 && size > 0)
        {
            var share = (double)holders / size;
            return new PeerSignal(PeerSignal.PopularityKind, share, size, null, string.Create(CultureInfo.InvariantCulture,
                $"{Percent(share)} of {title} peers have earned this badge ({holders} of {size})"));
        }
        return new PeerSignal(PeerSignal.NoneKind, 0, size, null, "no " + title + " peer has earned this badge yet");
    }

    private static string Percent(double share) =>
        Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
}
