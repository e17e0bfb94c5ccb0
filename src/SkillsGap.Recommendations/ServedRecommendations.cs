using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Recommendations;

/// <summary>Why a badge is in an employee's served list (DESIGN §3, "What an employee is recommended").</summary>
public enum RecommendationPurpose
{
    /// <summary>It closes a gap of the employee's role, itself or as a prerequisite on the way to a badge that does.</summary>
    RoleGap,
    /// <summary>It closes a gap of the employee's target role (and none of the role), itself or on the way.</summary>
    TargetGap,
    /// <summary>It renews an award that expires soon and whose lapse would open a gap.</summary>
    Renewal,
    /// <summary>It closes no gap: shown apart, as popular with peers in the role.</summary>
    Peers,
}

/// <summary>The contract's words for <see cref="RecommendationPurpose"/>.</summary>
public static class RecommendationPurposeCodes
{
    /// <summary><c>roleGap</c>, <c>targetGap</c>, <c>renewal</c> or <c>peers</c> (the <c>purpose</c> of DESIGN §10).</summary>
    public static string Code(this RecommendationPurpose purpose) => purpose switch
    {
        RecommendationPurpose.RoleGap => "roleGap",
        RecommendationPurpose.TargetGap => "targetGap",
        RecommendationPurpose.Renewal => "renewal",
        RecommendationPurpose.Peers => "peers",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}

/// <summary>
/// A level that would drop when an expiring award lapses: the skill, the level now and then, the level required, and
/// whether the requirement is the target role's (else the role's).
/// </summary>
public sealed record LevelDrop(SkillCode Skill, int Now, int Then, int Required, bool TargetRole);

/// <summary>Options of the served list: the expiry look-ahead (<c>Figures:ExpiringWithinDays</c>) and a target role other than the employee's own.</summary>
public sealed record ServeOptions(int ExpiringWithinDays = 90, RoleCode? TargetRole = null)
{
    public static ServeOptions Default { get; } = new();
}

/// <summary>
/// One badge of the served list. <see cref="Closes"/> are the role's gaps it closes, <see cref="ClosesTarget"/> the
/// target role's; <see cref="Unlocks"/> the gap-closing badges it is a prerequisite on the way to (nearest the biggest gap
/// first); <see cref="RenewBy"/> and <see cref="Opens"/> say, for a renewal, when the award expires and which levels would
/// drop; <see cref="ExpiredOn"/> is set when the employee held this badge before and it has expired (earning it again).
/// <see cref="Reason"/> is the sentence people read.
/// </summary>
public sealed record ServedRecommendation(
    Badge Badge,
    double Score,
    RecommendationPurpose Purpose,
    IReadOnlyList<GapClosed> Closes,
    IReadOnlyList<GapClosed> ClosesTarget,
    IReadOnlyList<BadgeId> Unlocks,
    DateOnly? RenewBy,
    IReadOnlyList<LevelDrop> Opens,
    DateOnly? ExpiredOn,
    PeerSignal Peer,
    string Reason)
{
    /// <summary>True unless the badge is only popular with peers.</summary>
    public bool ClosesAGap => Purpose != RecommendationPurpose.Peers;
}

/// <summary>
/// The list an employee is served: first the badges that close a gap (or renew one), in the model's order (by how much of
/// the gap they close per hour without a model), then — only when fewer than asked for close a gap — badges popular with
/// peers. <see cref="GapClosingAvailable"/> counts every gap-closing badge, shown or not. <see cref="Source"/> and
/// <see cref="FallbackReason"/> are the machine fields of the contract; <see cref="RankedBy"/> and
/// <see cref="FallbackNote"/> say the same in plain words.
/// </summary>
public sealed record ServedRecommendations(
    EmployeeId Employee,
    DateOnly AsOf,
    RoleCode Role,
    RoleCode? TargetRole,
    string Source,
    string? FallbackReason,
    string? FallbackNote,
    string RankedBy,
    int GapClosingAvailable,
    IReadOnlyList<ServedRecommendation> Items)
{
    /// <summary>The items that close a gap or renew one, in order.</summary>
    public IEnumerable<ServedRecommendation> ClosingGaps => Items.Where(i => i.ClosesAGap);

    /// <summary>The items shown apart, as popular with peers in the role.</summary>
    public IEnumerable<ServedRecommendation> PopularWithPeers => Items.Where(i => !i.ClosesAGap);
}

/// <summary>The sentences of the served list, in people's words (no "gap-greedy", "blend", "heuristic" or "Σ").</summary>
internal static class ServedWords
{
    public const string RankedByModel =
        "Badges that close your gaps come first, in the order people in a situation like yours most often earned them next; " +
        "badges that close no gap come after, as popular with peers in your role.";

    public const string RankedByGap =
        "Badges that close your gaps come first, ranked by how much of your gap each closes per hour; " +
        "badges that close no gap come after, as popular with peers in your role.";

    public static string Reason(OrganisationSnapshot snapshot, ServedRecommendation item, string? roleTitle, string? targetTitle)
    {
        var parts = new List<string>();
        if (item.Opens.Count > 0 && item.RenewBy is DateOnly by)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Renew it: your award expires on {by:yyyy-MM-dd} and then ") +
                      string.Join("; ", item.Opens.Select(d => Drop(snapshot, d, d.TargetRole ? targetTitle : roleTitle))));
        // A change the role and the target role share is said once, with the role.
        var targetOnly = item.ClosesTarget.Where(t => !item.Closes.Contains(t)).ToList();
        if (item.Closes.Count > 0)
            parts.Add($"Closes your {roleTitle} gap{(item.Closes.Count > 1 ? "s" : "")} in " + Changes(snapshot, item.Closes) +
                      (item.ClosesTarget.Count > targetOnly.Count ? $" (which your target role {targetTitle} needs too)" : ""));
        if (targetOnly.Count > 0)
            parts.Add($"{(item.Closes.Count > 0 ? "Also closes" : "Closes")} the gap{(targetOnly.Count > 1 ? "s" : "")} of your target role {targetTitle} in " +
                      Changes(snapshot, targetOnly));
        if (item.Unlocks.Count > 0)
        {
            var named = item.Unlocks.Take(2).Select(id => BadgeName(snapshot, id)).ToList();
            var more = item.Unlocks.Count > 2 ? string.Create(CultureInfo.InvariantCulture, $" and {item.Unlocks.Count - 2} more") : "";
            parts.Add((item.Closes.Count + item.ClosesTarget.Count > 0 ? "It is also needed before " : "Needed before ") +
                      string.Join(" and ", named) + more + ", which close" + (item.Unlocks.Count == 1 ? "s" : "") + " your gaps");
        }
        if (item.ExpiredOn is DateOnly expired)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"You held it before; it expired on {expired:yyyy-MM-dd}, so this earns it again"));
        if (!item.ClosesAGap) parts.Add("Closes no gap of yours; popular with peers in your role");
        parts.Add(Hours(item.Badge.Hours));
        if (item.Peer.Kind != PeerSignal.NoneKind) parts.Add(Capitalise(item.Peer.Text));
        return string.Join(". ", parts) + ".";
    }

    public const string NotLearnedYet =
        "Recommendations have not yet been learned from your colleagues' history, so they are ranked by how much of your gap each closes per hour.";

    public const string LearnAgain =
        "The recommendations need to be learned again after an upgrade; until then they are ranked by how much of your gap each closes per hour.";

    public const string TooLittleHistory =
        "There is too little learning history to learn from yet, so recommendations are ranked by how much of your gap each closes per hour.";

    private static string Drop(OrganisationSnapshot snapshot, LevelDrop d, string? title) =>
        $"{SkillName(snapshot, d.Skill)} would fall from {ProficiencyNames.Describe(d.Now)} to {ProficiencyNames.Describe(d.Then)}, " +
        $"below the {ProficiencyNames.Describe(d.Required)} your {title} role needs";

    private static string Changes(OrganisationSnapshot snapshot, IReadOnlyList<GapClosed> changes) =>
        string.Join(", ", changes.Select(c => $"{SkillName(snapshot, c.Skill)} from {ProficiencyNames.Describe(c.From)} to {ProficiencyNames.Describe(c.To)}"));

    public static string SkillName(OrganisationSnapshot snapshot, SkillCode code)
    {
        var i = snapshot.SkillIndex(code);
        var name = i >= 0 ? snapshot.Skills[i].Name : code.Value;
        return string.Equals(name, code.Value, StringComparison.Ordinal) ? name : $"{name} ({code.Value})";
    }

    private static string BadgeName(OrganisationSnapshot snapshot, BadgeId id) =>
        snapshot.FindBadge(id) is { } badge && !string.Equals(badge.Name, id.Value, StringComparison.Ordinal) ? $"{badge.Name} ({id.Value})" : id.Value;

    private static string Hours(decimal hours) =>
        string.Create(CultureInfo.InvariantCulture, $"About {hours:0.##} hour{(hours == 1 ? "" : "s")} of learning");

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
