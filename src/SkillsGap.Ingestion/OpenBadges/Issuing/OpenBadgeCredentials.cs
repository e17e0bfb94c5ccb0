using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsGap.Ingestion.OpenBadges.Issuing;

/// <summary>The issuing organisation as an OB 3.0 Profile; <see cref="Id"/> is the did:key of the signing key.</summary>
public sealed record IssuerProfile(string Id, string Name, string? Url = null, string? Email = null, string? ImageUrl = null);

/// <summary>
/// A skill an achievement attests, at a level of the 0–5 scale; <see cref="TargetUrl"/> is where the alignment points (the
/// skill's own URI when it has one).
/// </summary>
public sealed record AchievementSkill(string Code, string Name, int Level, string LevelName, string TargetUrl, string? Framework = null);

/// <summary>
/// A badge of the catalogue as an OB 3.0 Achievement: <see cref="Id"/> is its public URL, <see cref="HumanCode"/> the
/// catalogue id, <see cref="AchievementType"/> an OB 3.0 achievement type (<c>Badge</c>, <c>MicroCredential</c>…).
/// </summary>
public sealed record AchievementDefinition(
    string Id,
    string HumanCode,
    string Name,
    string Description,
    string Criteria,
    string AchievementType,
    IReadOnlyList<AchievementSkill> Skills,
    string? ImageUrl = null);

/// <summary>An Evidence item: a URL of work, or another credential (a stack's children), with a name for people.</summary>
public sealed record CredentialEvidence(string? Id, string Name, string? Narrative = null, string? Genre = null);

/// <summary>Where a credential's revocation bit lives: the status list credential's URL and the bit's index.</summary>
public sealed record StatusListEntry(string ListCredentialUrl, int Index, string Purpose = BitstringStatusLists.Revocation);

/// <summary>
/// What one OpenBadgeCredential says: its id (<c>urn:uuid:…</c>), issuer, achievement, the recipient's e-mail (written
/// only as a salted SHA-256 hash), when it is valid, evidence and status entry.
/// </summary>
public sealed record CredentialClaim(
    string Id,
    IssuerProfile Issuer,
    AchievementDefinition Achievement,
    string RecipientEmail,
    string Salt,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<CredentialEvidence> Evidence,
    StatusListEntry? Status);

/// <summary>
/// Builds and signs Open Badges 3.0 documents: <c>OpenBadgeCredential</c> (VC Data Model 2.0 context first, then the
/// OB 3.0.3 context), the Achievement and the issuer Profile as published documents. Every property used is defined by
/// those two contexts (strict JSON-LD processors reject undefined terms).
/// </summary>
public static class OpenBadgeCredentials
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The unsigned credential.</summary>
    public static JsonObject Build(CredentialClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, ObContext),
            ["id"] = claim.Id,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = claim.Achievement.Name,
            ["issuer"] = Profile(claim.Issuer),
            ["validFrom"] = DataIntegritySigning.Timestamp(claim.ValidFrom),
        };
        if (claim.ValidUntil is DateTimeOffset until) credential["validUntil"] = DataIntegritySigning.Timestamp(until);
        credential["awardedDate"] = DataIntegritySigning.Timestamp(claim.ValidFrom);
        credential["credentialSubject"] = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["identityHash"] = RecipientHashing.Hash(NormalisedEmail(claim.RecipientEmail), claim.Salt),
                ["identityType"] = "emailAddress",
                ["hashed"] = true,
                ["salt"] = claim.Salt,
            }),
            ["achievement"] = Achievement(claim.Achievement),
        };
        if (claim.Evidence.Count > 0)
            credential["evidence"] = new JsonArray([.. claim.Evidence.Select(Evidence)]);
        if (claim.Status is { } status)
            credential["credentialStatus"] = new JsonObject
            {
                ["id"] = $"{status.ListCredentialUrl}#{status.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                // A string, not an array: the Bitstring Status List checker of Digital Bazaar compares type with ===.
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = status.Purpose,
                ["statusListIndex"] = status.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["statusListCredential"] = status.ListCredentialUrl,
            };
        return credential;
    }

    /// <summary>The signed credential as compact JSON text.</summary>
    public static string Issue(CredentialClaim claim, IssuerSigningKey key, DateTimeOffset created) =>
        DataIntegritySigning.Sign(Build(claim), key, created).ToJsonString(Compact);

    /// <summary>The e-mail as it is hashed: trimmed and lower-cased (the importer also matches this form).</summary>
    public static string NormalisedEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The Achievement as a document of its own (served at its id), with its creator.</summary>
    public static JsonObject AchievementDocument(AchievementDefinition achievement, IssuerProfile creator)
    {
        var document = new JsonObject { ["@context"] = new JsonArray(VcContext, ObContext) };
        foreach (var (name, value) in Achievement(achievement)) document[name] = value?.DeepClone();
        document["creator"] = Profile(creator);
        return document;
    }

    /// <summary>
    /// The issuer Profile as a document of its own; <paramref name="otherKeys"/> (the dids of earlier signing keys, still
    /// valid for the credentials they signed) are listed as other identifiers.
    /// </summary>
    public static JsonObject ProfileDocument(IssuerProfile issuer, IEnumerable<string> otherKeys)
    {
        var document = new JsonObject { ["@context"] = new JsonArray(VcContext, ObContext) };
        foreach (var (name, value) in Profile(issuer)) document[name] = value?.DeepClone();
        var others = otherKeys.Where(k => k != issuer.Id).Select(k => (JsonNode)new JsonObject
        {
            ["type"] = "IdentifierEntry",
            ["identifier"] = k,
            ["identifierType"] = "identifier",
        }).ToArray();
        if (others.Length > 0) document["otherIdentifier"] = new JsonArray(others);
        return document;
    }

    private static JsonObject Profile(IssuerProfile issuer)
    {
        var profile = new JsonObject
        {
            ["id"] = issuer.Id,
            ["type"] = new JsonArray("Profile"),
            ["name"] = issuer.Name,
        };
        if (!string.IsNullOrWhiteSpace(issuer.Url)) profile["url"] = issuer.Url;
        if (!string.IsNullOrWhiteSpace(issuer.Email)) profile["email"] = issuer.Email;
        if (!string.IsNullOrWhiteSpace(issuer.ImageUrl)) profile["image"] = new JsonObject { ["id"] = issuer.ImageUrl, ["type"] = "Image", ["caption"] = issuer.Name };
        return profile;
    }

    private static JsonObject Achievement(AchievementDefinition a)
    {
        var achievement = new JsonObject
        {
            ["id"] = a.Id,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = a.AchievementType,
            ["humanCode"] = a.HumanCode,
            ["name"] = a.Name,
            ["description"] = a.Description,
            ["criteria"] = new JsonObject { ["narrative"] = a.Criteria },
        };
        if (!string.IsNullOrWhiteSpace(a.ImageUrl)) achievement["image"] = new JsonObject { ["id"] = a.ImageUrl, ["type"] = "Image", ["caption"] = a.Name };
        if (a.Skills.Count == 0) return achievement;
        // Each skill twice: as an alignment of the achievement (what most readers look at), and as a result description
        // whose one rubric level names the level attested — so that the level is stated in a structured form, not only in words.
        achievement["alignment"] = new JsonArray([.. a.Skills.Select(s => (JsonNode)Alignment(s))]);
        achievement["resultDescription"] = new JsonArray([.. a.Skills.Select(s =>
        {
            var level = s.Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var resultId = SkillFragment(a.Id, s.Code);
            var levelId = $"{resultId}-level-{level}";
            return (JsonNode)new JsonObject
            {
                ["id"] = resultId,
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = $"{s.Name} ({s.Code})",
                ["resultType"] = "RubricCriterionLevel",
                ["requiredLevel"] = levelId,
                ["rubricCriterionLevel"] = new JsonArray(new JsonObject
                {
                    ["id"] = levelId,
                    ["type"] = new JsonArray("RubricCriterionLevel"),
                    ["name"] = $"{level} {s.LevelName}",
                    ["level"] = level,
                    ["alignment"] = new JsonArray(Alignment(s)),
                }),
            };
        })]);
        return achievement;
    }

    /// <summary><c>{achievement id}#skill-{code}</c>: the id of the result description of a skill (and a target URL for a skill with no URI of its own).</summary>
    public static string SkillFragment(string achievementId, string skillCode) => $"{achievementId}#skill-{Uri.EscapeDataString(skillCode)}";

    private static JsonObject Alignment(AchievementSkill s)
    {
        var alignment = new JsonObject
        {
            ["type"] = new JsonArray("Alignment"),
            ["targetName"] = s.Name,
            ["targetCode"] = s.Code,
            ["targetDescription"] = $"{s.Name} at level {s.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({s.LevelName}) of 0–5",
            ["targetType"] = "ceasn:Competency",
            ["targetUrl"] = s.TargetUrl,
        };
        if (!string.IsNullOrWhiteSpace(s.Framework)) alignment["targetFramework"] = s.Framework;
        return alignment;
    }

    private static JsonObject Evidence(CredentialEvidence e)
    {
        var evidence = new JsonObject();
        if (!string.IsNullOrWhiteSpace(e.Id)) evidence["id"] = e.Id;
        evidence["type"] = new JsonArray("Evidence");
        evidence["name"] = e.Name;
        if (!string.IsNullOrWhiteSpace(e.Narrative)) evidence["narrative"] = e.Narrative;
        if (!string.IsNullOrWhiteSpace(e.Genre)) evidence["genre"] = e.Genre;
        return evidence;
    }
}
