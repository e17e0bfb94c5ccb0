using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>The overall outcome of checking one file.</summary>
public enum Verdict
{
    Valid,
    Warning,
    Invalid,
}

/// <summary>What kind of Open Badges object a parsed document is.</summary>
public enum CredentialKind
{
    /// <summary>An OB 0.5–2.0 Assertion (an award).</summary>
    Assertion,
    /// <summary>An OB 3.0 OpenBadgeCredential / AchievementCredential (an award).</summary>
    AchievementCredential,
    /// <summary>An OB 2.0 BadgeClass given on its own (a catalogue entry).</summary>
    BadgeClass,
    /// <summary>An issuer profile given on its own.</summary>
    Issuer,
    /// <summary>An endorsement (OB 2.0 Endorsement or OB 3.0 EndorsementCredential).</summary>
    Endorsement,
    /// <summary>A status list credential (BitstringStatusList / StatusList2021).</summary>
    StatusList,
    /// <summary>Anything else (e.g. an AlignmentObject or an extension class).</summary>
    Other,
}

/// <summary>
/// Options of <see cref="OpenBadgesVerifier"/>. <paramref name="UrlMap"/> maps URLs (or URL prefixes ending in '/')
/// to local files; nothing is ever fetched from the network. <paramref name="Now"/> is the instant dates are checked against.
/// </summary>
public sealed record VerifierOptions(
    IReadOnlyDictionary<string, string>? UrlMap,
    DateTimeOffset Now,
    long MaxJsonBytes = 5 * 1024 * 1024,
    long MaxPngBytes = 20 * 1024 * 1024,
    long MaxSvgBytes = 5 * 1024 * 1024,
    int MaxJsonDepth = 64);

/// <summary>The verdict for one file: spec ("OB2.0", "OB3.0", "OB1.x", "OB0.5", "CLR2.0"), verdict, messages and what was read.</summary>
public sealed record CredentialVerdict(
    string File,
    string Spec,
    Verdict Verdict,
    IReadOnlyList<string> Messages,
    IReadOnlyList<ParsedCredential> Credentials);

/// <summary>How a recipient is identified: plain (e.g. an e-mail) or a salted hash <c>sha256$…</c> / <c>md5$…</c>.</summary>
public sealed record RecipientIdentity(string Type, string Identity, bool Hashed, string? Salt)
{
    /// <summary>True when this identity is <paramref name="email"/>: equal (ignoring case) or, when hashed, hash(email + salt) equal.</summary>
    public bool Matches(string email) => RecipientHashing.Matches(this, email);
}

/// <summary>An alignment of a badge to a skill or framework item (OB 2.0 AlignmentObject / OB 3.0 Alignment).</summary>
public sealed record AlignmentTarget(string? TargetCode, string? TargetName, string? TargetUrl, string? TargetFramework = null);

/// <summary>
/// A level a badge can be achieved at (an OB 3.0 RubricCriterionLevel), with the numeric level when the
/// issuer states one (in <c>level</c> or the name), and the alignments given on that level.
/// </summary>
public sealed record AchievementLevel(string? Id, string Name, int? Level, IReadOnlyList<AlignmentTarget> Alignments);

/// <summary>A badge as the issuer describes it: OB 2.0 BadgeClass or OB 3.0 Achievement.</summary>
public sealed record ParsedAchievement(
    string Id,
    string Name,
    string? IssuerId,
    string? IssuerName,
    string? Description,
    IReadOnlyList<AlignmentTarget> Alignments,
    IReadOnlyList<AchievementLevel> Levels,
    IReadOnlyList<string> Prerequisites);

/// <summary>
/// One credential (or catalogue object) read from a file, with its verification state and, when a signature verified
/// yet the state is <see cref="VerificationState.Unverified"/>, why (<see cref="StateReason"/>: revocation could not be checked).
/// </summary>
public sealed record ParsedCredential(
    string Spec,
    CredentialKind Kind,
    string? CredentialId,
    RecipientIdentity? Recipient,
    ParsedAchievement? Achievement,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    string? AchievedLevel,
    VerificationState State,
    string? EvidenceUrl = null,
    string? StateReason = null);
