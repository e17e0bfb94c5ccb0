using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>Salted recipient hashes of Open Badges: <c>sha256$hex(sha256(identity + salt))</c> and <c>md5$…</c>.</summary>
public static class RecipientHashing
{
    /// <summary>The hashed identity string for <paramref name="identity"/> and <paramref name="salt"/> with "sha256" or "md5".</summary>
    public static string Hash(string identity, string? salt, string algorithm = "sha256")
    {
        var bytes = Encoding.UTF8.GetBytes(identity + (salt ?? ""));
        var digest = algorithm.ToLowerInvariant() switch
        {
            "sha256" => SHA256.HashData(bytes),
#pragma warning disable CA5351 // MD5 is what OB 1.x/2.0 identity hashes use; it is matched, never produced for security.
            "md5" => MD5.HashData(bytes),
#pragma warning restore CA5351
            _ => throw new ArgumentException($"Unsupported identity hash '{algorithm}' (sha256 or md5).", nameof(algorithm)),
        };
        return algorithm.ToLowerInvariant() + "$" + Convert.ToHexStringLower(digest);
    }

    /// <summary>True when <paramref name="recipient"/> names <paramref name="email"/> (plain, case-insensitive; or hash of the e-mail as given or lower-cased, plus salt).</summary>
    public static bool Matches(RecipientIdentity recipient, string email)
    {
        var candidate = email.Trim();
        if (!recipient.Hashed)
            return string.Equals(recipient.Identity.Trim(), candidate, StringComparison.OrdinalIgnoreCase);
        var dollar = recipient.Identity.IndexOf('$', StringComparison.Ordinal);
        if (dollar <= 0) return false;
        var algorithm = recipient.Identity[..dollar].ToLowerInvariant();
        if (algorithm is not ("sha256" or "md5")) return false;
        foreach (var form in new[] { candidate, candidate.ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
            if (string.Equals(Hash(form, recipient.Salt, algorithm), recipient.Identity.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    /// <summary>
    /// Why a hashed identity can never match anyone, or null: Open Badges defines only <c>sha256$</c> and <c>md5$</c>
    /// (OB 2.0 IdentityHash, OB 3.0 IdentityObject.identityHash), each followed by its hexadecimal digest.
    /// </summary>
    public static string? Problem(RecipientIdentity recipient)
    {
        if (!recipient.Hashed) return null;
        var identity = recipient.Identity.Trim();
        var dollar = identity.IndexOf('$', StringComparison.Ordinal);
        if (dollar <= 0) return "A hashed recipient identity must look like 'sha256$…' or 'md5$…'.";
        var algorithm = identity[..dollar].ToLowerInvariant();
        var digits = algorithm switch { "sha256" => 64, "md5" => 32, _ => 0 };
        if (digits == 0)
            return $"The recipient identity is hashed with '{algorithm}', which Open Badges does not define (only sha256 and md5): it cannot be matched to anyone's e-mail.";
        var digest = identity[(dollar + 1)..];
        if (digest.Length != digits || !digest.All(char.IsAsciiHexDigit))
            return $"The recipient identity's {algorithm} digest is not {digits.ToString(CultureInfo.InvariantCulture)} hexadecimal digits: it cannot be matched to anyone's e-mail.";
        return null;
    }

    /// <summary>The first of <paramref name="emails"/> that <paramref name="recipient"/> names, or null.</summary>
    public static string? FindEmail(RecipientIdentity recipient, IEnumerable<string> emails) =>
        emails.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e) && Matches(recipient, e));
}

/// <summary>Resolves an alignment to a skill of the taxonomy: by targetCode, then by name or alias, then by targetUrl.</summary>
public sealed class SkillResolver
{
    private readonly Dictionary<string, SkillCode> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SkillCode> _byName = new(StringComparer.OrdinalIgnoreCase);

    public SkillResolver(IEnumerable<Skill> skills)
    {
        foreach (var skill in skills)
        {
            _byCode.TryAdd(skill.Code.Value, skill.Code);
            _byName.TryAdd(skill.Name.Trim(), skill.Code);
            foreach (var alias in skill.Aliases) _byName.TryAdd(alias.Trim(), skill.Code);
        }
    }

    public SkillCode? Resolve(AlignmentTarget target)
    {
        if (target.TargetCode is { } code && _byCode.TryGetValue(code.Trim(), out var byCode)) return byCode;
        if (target.TargetName is { } name && _byName.TryGetValue(name.Trim(), out var byName)) return byName;
        if (target.TargetUrl is { } url && _byCode.TryGetValue(url.Trim(), out var byUrl)) return byUrl;
        return null;
    }
}

/// <summary>Maps verified Open Badges to SkillsGap's catalogue badges and awards.</summary>
public static partial class OpenBadgesMapper
{
    /// <summary>
    /// The award for a parsed credential, given the employee and catalogue badge it was resolved to: issued on the UTC
    /// date of the issue date-time, expiry likewise, the verification state, the achieved level (when the credential
    /// names one of the achievement's numbered levels) and the credential id.
    /// </summary>
    public static Award ToAward(ParsedCredential credential, EmployeeId employee, BadgeId badge, string? source = null)
    {
        if (credential.IssuedAt is not DateTimeOffset issued)
            throw new ArgumentException("The credential has no issue date; it cannot become an award.", nameof(credential));
        DateOnly? expires = credential.ExpiresAt is DateTimeOffset e ? DateOnly.FromDateTime(e.UtcDateTime) : null;
        return new Award(
            employee,
            badge,
            DateOnly.FromDateTime(issued.UtcDateTime),
            expires,
            credential.EvidenceUrl,
            credential.State,
            AchievedLevelOf(credential),
            credential.CredentialId,
            source);
    }

    /// <summary>Longest credential id stored with an award.</summary>
    public const int MaxCredentialIdLength = 450;

    /// <summary>
    /// Why a credential (or a BadgeClass given alone) cannot be stored though it may verify, or null: the same bounds as
    /// the CSV / XLSX / JSON readers — a badge id that is an identifier (at most 200 characters, nothing invisible), a
    /// name and issuer of one line of at most 400, evidence of at most 2,000, a credential id of at most 450, and issue
    /// and expiry dates in the business range (<see cref="ValueBounds"/>).
    /// </summary>
    public static string? ImportProblem(ParsedCredential credential)
    {
        if (credential.Kind is not (CredentialKind.Assertion or CredentialKind.AchievementCredential or CredentialKind.BadgeClass)) return null;
        if (credential.Achievement is { } achievement)
        {
            if (Validation.RecordTable.IdentifierProblem(achievement.Id, "a badge id (the BadgeClass / Achievement id)") is string id)
                return $"the badge's id '{Validation.TextRules.Visible(Short(achievement.Id))}': {id}";
            if (Line(achievement.Name, ValueBounds.MaxNameLength) is string name) return "the badge's name: " + name;
            if (achievement.IssuerName is { } issuer && Line(issuer, ValueBounds.MaxNameLength) is string issuerProblem) return "the issuer's name: " + issuerProblem;
        }
        if (credential.CredentialId is { Length: > MaxCredentialIdLength } credentialId)
            return $"the credential id is {credentialId.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {MaxCredentialIdLength.ToString(CultureInfo.InvariantCulture)}";
        if (credential.EvidenceUrl is { Length: > ValueBounds.MaxUrlLength } evidence)
            return $"the evidence URL is {evidence.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {ValueBounds.MaxUrlLength.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (what, at) in new[] { ("issued", credential.IssuedAt), ("expires", credential.ExpiresAt) })
            if (at is DateTimeOffset instant && !ValueBounds.IsInRange(DateOnly.FromDateTime(instant.UtcDateTime)))
                return $"it {what} on {DateOnly.FromDateTime(instant.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, outside the dates SkillsGap accepts ({ValueBounds.DateRange})";
        return null;

        static string? Line(string text, int max) => text.Length > max
            ? $"it is {text.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {max.ToString(CultureInfo.InvariantCulture)}"
            : Validation.TextRules.Problem(text, Validation.TextRules.Kind.Line);

        static string Short(string text) => text.Length > 100 ? text[..100] + "…" : text;
    }

    /// <summary>The numeric achieved level: the level whose id or name the credential's achievedLevel names, if that level states a number.</summary>
    public static int? AchievedLevelOf(ParsedCredential credential)
    {
        if (credential.AchievedLevel is not { } achieved || credential.Achievement is null) return null;
        var level = credential.Achievement.Levels.FirstOrDefault(l =>
            string.Equals(l.Id, achieved, StringComparison.Ordinal) || string.Equals(l.Name, achieved, StringComparison.OrdinalIgnoreCase));
        return level?.Level ?? LevelNumber(achieved);
    }

    /// <summary>
    /// The catalogue badge for a BadgeClass / Achievement. Skills come from its alignments (and those of its levels)
    /// through <paramref name="resolveSkill"/>. Levels come from the numbered rubric levels where the issuer gives them
    /// (a level's own number for skills aligned on that level, the highest level for the other skills); otherwise level 1 and
    /// <see cref="Badge.NeedsReview"/> = true. An alignment that resolves to no skill also sets NeedsReview.
    /// </summary>
    public static Badge ToCatalogueBadge(ParsedAchievement achievement, BadgeId id, Func<AlignmentTarget, SkillCode?> resolveSkill,
        decimal hours = 0, int? validMonths = null)
    {
        var numbered = achievement.Levels.Where(l => l.Level is not null).Select(l => l.Level!.Value).ToList();
        var needsReview = numbered.Count == 0;
        var badgeLevel = numbered.Count > 0 ? numbered.Max() : 1;
        var skills = new Dictionary<SkillCode, int>();
        void Add(AlignmentTarget target, int level)
        {
            if (resolveSkill(target) is SkillCode code)
                skills[code] = skills.TryGetValue(code, out var existing) ? Math.Max(existing, level) : level;
            else needsReview = true;
        }
        // A skill that a numbered level aligns to takes that level's number, also when the achievement aligns to it too
        // (as SkillsGap's own credentials do); only the other alignments take the badge's highest level.
        var levelled = achievement.Levels.Where(l => l.Level is not null).SelectMany(l => l.Alignments)
            .Select(resolveSkill).OfType<SkillCode>().ToHashSet();
        foreach (var alignment in achievement.Alignments)
            if (resolveSkill(alignment) is not SkillCode code || !levelled.Contains(code)) Add(alignment, badgeLevel);
        foreach (var level in achievement.Levels)
            foreach (var alignment in level.Alignments)
            {
                if (level.Level is null) needsReview = true;
                Add(alignment, level.Level ?? 1);
            }
        var prerequisites = achievement.Prerequisites.Count == 0
            ? PrerequisiteRule.None
            : PrerequisiteRule.None.WithAllOf(achievement.Prerequisites.Select(p => new BadgeId(p)));
        return new Badge(
            id,
            achievement.Name,
            achievement.IssuerName,
            skills.OrderBy(s => s.Key.Value, StringComparer.Ordinal).Select(s => new BadgeSkill(s.Key, new ProficiencyLevel(s.Value))).ToArray(),
            hours,
            prerequisites,
            validMonths,
            NeedsReview: needsReview);
    }

    /// <summary>A level 1–5 stated in a rubric level's text ("3", "Level 4"), or null; never guessed from order.</summary>
    internal static int? LevelNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = LevelDigits().Match(text);
        if (!match.Success) return null;
        var value = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return value is >= ProficiencyLevel.Min + 1 and <= ProficiencyLevel.Max ? value : null;
    }

    [GeneratedRegex(@"^\s*(?:level\s*)?(\d{1,2})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LevelDigits();
}
