using System.Globalization;
using System.Text.Json.Serialization;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Recommendations;

/// <summary>One recommended next badge with its reasons.</summary>
public sealed record RecommendedBadge(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("closes")] IReadOnlyList<SkillChangeDocument> Closes,
    [property: JsonPropertyName("peerSignal")] string PeerSignal,
    [property: JsonPropertyName("peer")] PeerSignalDocument Peer,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>
/// The peer signal as figures: <c>kind</c> transition (of <c>peers</c> role peers who earned <c>from</c> and then another
/// badge, the <c>share</c> whose next badge was this one), popularity (of <c>peers</c> people in the role, the share who
/// have earned it) or none.
/// </summary>
public sealed record PeerSignalDocument(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("share")] double Share,
    [property: JsonPropertyName("peers")] int Peers,
    [property: JsonPropertyName("from")] string? From);

/// <summary>The `recommend --format json` document (and <c>GET /api/employees/{id}/recommendations</c>).</summary>
public sealed record RecommendationsDocument(
    [property: JsonPropertyName("employee")] string Employee,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("model")] RecommendationModelDocument? Model,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason,
    [property: JsonPropertyName("recommendations")] IReadOnlyList<RecommendedBadge> Recommendations);

/// <summary>The model behind a recommendation list: trainer, training window and version.</summary>
public sealed record RecommendationModelDocument(
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("dataFrom")] DateOnly? DataFrom,
    [property: JsonPropertyName("dataTo")] DateOnly? DataTo,
    [property: JsonPropertyName("trainingCases")] int TrainingCases);

/// <summary>
/// `skillsgap recommend`: an employee's next badges as of a date, ranked by the stored next-badge model (or by
/// gap-greedy, saying why), each with the gaps it closes, the peer signal and the score.
/// </summary>
public sealed class RecommendQuery(FiguresCache figures, NextBadgeModelStore models, RecommendationAnswers answers, BusinessCalendar calendar)
{
    public const int MaxTop = 100;

    public async Task<RecommendationsDocument> RunAsync(EmployeeId employee, int top = 5, DateOnly? asOf = null, CancellationToken ct = default)
    {
        if (top is < 1 or > MaxTop) throw new InputRejectedException($"--top must be between 1 and {MaxTop}.");
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {f.AsOf:yyyy-MM-dd}.");
        var recommender = await models.RecommenderAsync(ct);
        // The same figures and the same model give the same answer: computed once per employee and top.
        return answers.GetOrAdd(f, recommender, index, top, () => Build(f, recommender, index, top));
    }

    private static RecommendationsDocument Build(OrganisationFigures f, Recommender recommender, int index, int top)
    {
        var ranked = recommender.Recommend(f, index, top);
        var role = f.Snapshot.Employees[index].Role;
        var list = ranked.Select((r, i) => new RecommendedBadge(
            // Dividing by 1.000…m drops trailing zeros: 4.00 h prints as 4.
            i + 1, r.Badge.Id.Value, r.Badge.Name, r.Badge.Hours / 1.0000000000000000000000000000m, Math.Round(r.Score, 4),
            [.. r.Closes.Select(c => new SkillChangeDocument(c.Skill.Value, c.From, c.To))], r.PeerSignal,
            new PeerSignalDocument(r.Peer.Kind, Math.Round(r.Peer.Share, 4), r.Peer.Peers, r.Peer.From?.Value),
            Reason(r, recommender.FallbackReason is null))).ToList();
        var m = recommender.ModelMetadata;
        return new RecommendationsDocument(f.Snapshot.Employees[index].Id.Value, f.AsOf, role.Value,
            recommender.FallbackReason is null ? "model" : "gap-greedy",
            m is null ? null : new RecommendationModelDocument(m.Trainer, m.Version, m.DataFrom, m.DataTo, m.TrainingCases),
            recommender.FallbackReason, list);
    }

    private static string Reason(BadgeRecommendation r, bool byModel)
    {
        var closes = r.Closes.Count == 0
            ? "closes no gap of the role"
            : "closes " + string.Join(", ", r.Closes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Skill.Value} {c.From}→{c.To}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{closes}; {r.Badge.Hours:0.##} h; {r.PeerSignal}; {(byModel ? "model score" : "gap-greedy score")} {r.Score:0.####}");
    }
}
