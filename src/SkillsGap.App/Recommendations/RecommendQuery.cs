using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Recommendations;

/// <summary>
/// One recommended next badge with its reasons. <c>purpose</c>: roleGap, targetGap, renewal or peers (DESIGN §10);
/// <c>unlocks</c>: the gap-closing badges it is a prerequisite on the way to; <c>closes</c> the role's gaps it closes,
/// <c>closesTarget</c> the target role's; <c>renewBy</c> the expiry of the award a renewal renews; <c>reason</c> the
/// sentence people read.
/// </summary>
public sealed record RecommendedBadge(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("unlocks")] IReadOnlyList<string> Unlocks,
    [property: JsonPropertyName("closes")] IReadOnlyList<SkillChangeDocument> Closes,
    [property: JsonPropertyName("closesTarget")] IReadOnlyList<SkillChangeDocument> ClosesTarget,
    [property: JsonPropertyName("renewBy")] DateOnly? RenewBy,
    [property: JsonPropertyName("peerSignal")] string PeerSignal,
    [property: JsonPropertyName("peer")] PeerSignalDocument Peer,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>False for a badge that closes no gap (shown apart, as popular with peers in the role).</summary>
    [JsonIgnore]
    public bool ClosesAGap => Purpose != "peers";
}

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
    [property: JsonPropertyName("targetRole")] string? TargetRole,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("model")] RecommendationModelDocument? Model,
    [property: JsonPropertyName("fallbackReason")] string? FallbackReason,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("rankedBy")] string RankedBy,
    [property: JsonPropertyName("gapClosingAvailable")] int GapClosingAvailable,
    [property: JsonPropertyName("recommendations")] IReadOnlyList<RecommendedBadge> Recommendations)
{
    /// <summary>The badges that close (or renew) a gap, in order.</summary>
    [JsonIgnore]
    public IEnumerable<RecommendedBadge> ClosingGaps => Recommendations.Where(r => r.ClosesAGap);

    /// <summary>The badges shown apart: popular with peers in the role, closing no gap.</summary>
    [JsonIgnore]
    public IEnumerable<RecommendedBadge> PopularWithPeers => Recommendations.Where(r => !r.ClosesAGap);
}

/// <summary>The model behind a recommendation list: trainer, training window and version.</summary>
public sealed record RecommendationModelDocument(
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("dataFrom")] DateOnly? DataFrom,
    [property: JsonPropertyName("dataTo")] DateOnly? DataTo,
    [property: JsonPropertyName("trainingCases")] int TrainingCases);

/// <summary>
/// `skillsgap recommend`: the list an employee is served as of a date (DESIGN §3, "What an employee is recommended"):
/// the badges that close a gap of their role or target role, or renew an expiring award, first — in the stored model's
/// order, or by gap closed per hour without one — each with its purpose and what it unlocks; badges that close no gap
/// only after them, marked <c>peers</c>.
/// </summary>
public sealed class RecommendQuery(FiguresCache figures, NextBadgeModelStore models, RecommendationAnswers answers, BusinessCalendar calendar,
    IOptions<FiguresOptions> figureOptions)
{
    public const int MaxTop = 100;

    public async Task<RecommendationsDocument> RunAsync(EmployeeId employee, int top = 5, DateOnly? asOf = null, CancellationToken ct = default) =>
        await RunAsync(employee, top, asOf, null, ct);

    public async Task<RecommendationsDocument> RunAsync(EmployeeId employee, int top, DateOnly? asOf, RoleCode? targetRole, CancellationToken ct = default)
    {
        if (top is < 1 or > MaxTop) throw new InputRejectedException($"--top must be between 1 and {MaxTop}.");
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {f.AsOf:yyyy-MM-dd}.");
        if (targetRole is RoleCode t && f.Snapshot.RoleIndex(t) < 0) throw new NotFoundException($"Role {t} is not known on {f.AsOf:yyyy-MM-dd}.");
        var recommender = await models.RecommenderAsync(ct);
        var options = new ServeOptions(figureOptions.Value.ExpiringWithinDays, targetRole);
        // The same figures and the same model give the same answer: computed once per employee, top and target role.
        return answers.GetOrAdd(f, recommender, index, top, targetRole, () => Build(f, recommender, index, top, options));
    }

    /// <summary>The served list of one employee (snapshot index) as a document; for callers that hold figures already.</summary>
    public static RecommendationsDocument Build(OrganisationFigures f, Recommender recommender, int index, int top, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(recommender);
        var served = recommender.Serve(f, index, top, options);
        var list = served.Items.Select((r, i) => new RecommendedBadge(
            // Dividing by 1.000…m drops trailing zeros: 4.00 h prints as 4.
            i + 1, r.Badge.Id.Value, r.Badge.Name, r.Badge.Hours / 1.0000000000000000000000000000m, Math.Round(r.Score, 4),
            r.Purpose.Code(), [.. r.Unlocks.Select(u => u.Value)],
            [.. r.Closes.Select(c => new SkillChangeDocument(c.Skill.Value, c.From, c.To))],
            [.. r.ClosesTarget.Select(c => new SkillChangeDocument(c.Skill.Value, c.From, c.To))],
            r.RenewBy, r.Peer.Text,
            new PeerSignalDocument(r.Peer.Kind, Math.Round(r.Peer.Share, 4), r.Peer.Peers, r.Peer.From?.Value),
            r.Reason)).ToList();
        var m = recommender.ModelMetadata;
        return new RecommendationsDocument(served.Employee.Value, f.AsOf, served.Role.Value, served.TargetRole?.Value, served.Source,
            m is null ? null : new RecommendationModelDocument(m.Trainer, m.Version, m.DataFrom, m.DataTo, m.TrainingCases),
            served.FallbackReason, served.FallbackNote, served.RankedBy, served.GapClosingAvailable, list);
    }
}
