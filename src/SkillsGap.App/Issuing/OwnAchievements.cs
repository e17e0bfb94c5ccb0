using System.Globalization;
using System.Text;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion.OpenBadges.Issuing;

namespace SkillsGap.App.Issuing;

/// <summary>
/// Which catalogue badges are the organisation's own (DESIGN §7a: <c>badges.issuer</c> empty or equal to
/// <c>Issuer:Name</c>), and how each is described as an OB 3.0 Achievement: its public URL, a description and criteria in
/// plain words, and its skills with their levels.
/// </summary>
public sealed class OwnAchievements
{
    private static readonly string[] LevelWords = ["none", "awareness", "working", "practitioner", "advanced", "expert"];

    private readonly IssuerOptions _options;
    private readonly Dictionary<string, BadgeEntity> _badges;
    private readonly IReadOnlyDictionary<string, string> _skillNames;
    private readonly Dictionary<string, AchievementDefinition> _built = new(StringComparer.Ordinal);

    public OwnAchievements(IssuerOptions options, IEnumerable<BadgeEntity> badges, IReadOnlyDictionary<string, string> skillNames)
    {
        _options = options;
        _badges = badges.ToDictionary(b => b.Id, StringComparer.Ordinal);
        _skillNames = skillNames;
        Children = _badges.Values.Where(b => b.StackId is not null)
            .GroupBy(b => b.StackId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(b => b.Id).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    /// <summary>The badges of each stack, by stack id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Children { get; }

    public BadgeEntity? Badge(string id) => _badges.GetValueOrDefault(id);

    /// <summary>Every badge of the catalogue.</summary>
    public IEnumerable<BadgeEntity> Badges => _badges.Values;

    /// <summary>
    /// True when the organisation issues <paramref name="badge"/>: its issuer is <c>Issuer:Name</c>, or it names no issuer
    /// and its id is not another issuer's URL (a badge created from an imported credential has the achievement URL as id).
    /// </summary>
    public bool IsOwn(BadgeEntity badge) =>
        string.IsNullOrWhiteSpace(badge.Issuer)
            ? !Uri.TryCreate(badge.Id, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            : string.Equals(badge.Issuer.Trim(), _options.Name?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>How deep a badge is in stacks: 0 for a badge with no children, else 1 + the deepest child.</summary>
    public int Depth(string badgeId, int guard = 0) =>
        guard > 32 || !Children.TryGetValue(badgeId, out var children) ? 0 : 1 + children.Max(c => Depth(c, guard + 1));

    /// <summary>The public URL of a badge's Achievement: <c>{Issuer:PublicBaseUrl}/ob/achievements/{badgeId}</c>.</summary>
    public string AchievementId(string badgeId) => $"{_options.BaseUrl}/ob/achievements/{Uri.EscapeDataString(badgeId)}";

    /// <summary>The Achievement of one of the organisation's badges.</summary>
    public AchievementDefinition Achievement(BadgeEntity badge)
    {
        if (_built.TryGetValue(badge.Id, out var built)) return built;
        var id = AchievementId(badge.Id);
        var skills = badge.Skills.OrderBy(s => s.SkillCode, StringComparer.Ordinal).Select(s => new AchievementSkill(
            s.SkillCode,
            _skillNames.GetValueOrDefault(s.SkillCode) ?? s.SkillCode,
            s.Level,
            LevelWord(s.Level),
            IsWebUrl(s.SkillCode) ? s.SkillCode : OpenBadgeCredentials.SkillFragment(id, s.SkillCode),
            Framework(s.SkillCode))).ToList();
        var isStack = Children.TryGetValue(badge.Id, out var children);
        var description = new StringBuilder();
        if (isStack) description.Append(CultureInfo.InvariantCulture, $"A stackable credential: it is earned by holding {Names(children!, "and")}. ");
        if (skills.Count > 0)
            description.Append("Attests ").Append(Join(skills.Select(s => $"{s.Name} ({s.Code}) at level {s.Level.ToString(CultureInfo.InvariantCulture)} ({s.LevelName})"), "and")).Append('.');
        else description.Append(CultureInfo.InvariantCulture, $"{badge.Name}, issued by {_options.Name}.");
        if (badge.Hours > 0 && !isStack) description.Append(CultureInfo.InvariantCulture, $" About {Hours(badge.Hours)} hours of learning.");
        string criteria;
        if (isStack)
            criteria = $"Awarded by {_options.Name} to a person who holds all of {Names(children!, "and")}"
                + (badge.Hours > 0 ? $", and completes the final step (about {Hours(badge.Hours)} hours)." : ".");
        else
        {
            var prerequisites = badge.Prerequisites.GroupBy(p => p.GroupNo).OrderBy(g => g.Key)
                .Select(g => Names([.. g.OrderBy(p => p.Position).Select(p => p.AlternativeBadgeId)], "or")).ToList();
            criteria = $"Awarded by {_options.Name} to a person who completes {badge.Name}"
                + (badge.Hours > 0 ? $" (about {Hours(badge.Hours)} hours of learning)" : "")
                + (prerequisites.Count > 0 ? $", after earning {Join(prerequisites, "and")}." : ".");
        }
        built = new AchievementDefinition(id, badge.Id, badge.Name, description.ToString().Trim(), criteria,
            isStack ? "MicroCredential" : "Badge", skills, $"{id}/image.png");
        _built[badge.Id] = built;
        return built;
    }

    /// <summary>The level's word on the 0–5 scale: 3 → practitioner.</summary>
    public static string LevelWord(int level) => level >= 0 && level < LevelWords.Length ? LevelWords[level] : level.ToString(CultureInfo.InvariantCulture);

    private string Names(IReadOnlyList<string> badgeIds, string conjunction) =>
        Join(badgeIds.Select(b => _badges.TryGetValue(b, out var found) ? $"{found.Name} ({b})" : b), conjunction);

    private string Framework(string code) =>
        code.StartsWith("onet:", StringComparison.Ordinal) ? "O*NET"
        : code.Contains("data.europa.eu/esco", StringComparison.Ordinal) ? "ESCO"
        : $"{_options.Name} skills";

    private static string Join(IEnumerable<string> items, string conjunction)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + $" {conjunction} " + list[^1],
        };
    }

    private static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
