using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.App.Issuing;

/// <summary>What the public verification page of a credential says: valid, revoked, expired, or invalid (does not verify).</summary>
public enum PublicVerdict
{
    Valid,
    Revoked,
    Expired,
    Invalid,
}

/// <summary>The badge a credential is for, as signed: its name, description, picture and public Achievement.</summary>
public sealed record PublicBadge(string Id, string Name, string? Description, string? Criteria, string Achievement, string ImagePng, string ImageSvg);

/// <summary>The issuer as the credential names it.</summary>
public sealed record PublicIssuer(string Id, string Name, string? Url);

/// <summary>
/// The public verification of one credential (<c>GET /ob/credentials/{id}</c>, anonymous): the verdict of SkillsGap's own
/// verifier on the signed document against the status list the host serves now, the badge, the issuer, the holder's
/// name and the dates — nothing else about the person (no e-mail, no id, no revocation reason).
/// </summary>
/// <remarks><see cref="Verdict"/> is <c>valid</c>, <c>revoked</c>, <c>expired</c> or <c>invalid</c>.</remarks>
public sealed record PublicCredentialDocument(
    string Credential,
    string Verdict,
    string Summary,
    string Holder,
    PublicBadge Badge,
    PublicIssuer Issuer,
    DateOnly IssuedOn,
    DateOnly? ExpiresOn,
    DateOnly? RevokedOn,
    string? ReplacedBy,
    string StatusList,
    string Page,
    string LinkedIn);

/// <summary>
/// Builds <see cref="PublicCredentialDocument"/>: reads the stored credential, checks it with the offline verifier (its
/// proof, its status bit in the list as served, its dates) and words the verdict for people.
/// </summary>
public sealed class CredentialVerdicts(SkillsGapDbContext db, CredentialDownloads downloads, IOptions<IssuerOptions> options, BusinessCalendar calendar)
{
    /// <summary>The public view of credential <paramref name="id"/> (<c>urn:uuid:…</c> or the UUID), or null when none was issued here.</summary>
    public async Task<PublicCredentialDocument?> FindAsync(string id, CancellationToken ct = default)
    {
        var stored = await downloads.FindAsync(id, ct);
        if (stored is null) return null;
        var holder = await db.Employees.AsNoTracking().Where(e => e.Id == stored.Employee).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? "";
        var statusList = await StatusListStore.DocumentAsync(db, stored.StatusList, ct);
        var document = JsonNode.Parse(stored.Json)!.AsObject();
        var subject = document["credentialSubject"] as JsonObject;
        var achievement = subject?["achievement"] as JsonObject;
        var issuerNode = document["issuer"];
        var issuer = issuerNode is JsonObject io
            ? new PublicIssuer(io["id"]?.GetValue<string>() ?? "", io["name"]?.GetValue<string>() ?? options.Value.Name ?? "", io["url"]?.GetValue<string>())
            : new PublicIssuer(issuerNode?.GetValue<string>() ?? "", options.Value.Name ?? "", null);
        var achievementId = achievement?["id"]?.GetValue<string>() ?? "";
        var image = achievement?["image"] is JsonObject img ? img["id"]?.GetValue<string>() : achievement?["image"]?.GetValue<string>();
        var png = image ?? achievementId + "/image.png";
        var svg = png.EndsWith(".png", StringComparison.Ordinal) ? png[..^4] + ".svg" : png;
        var badge = new PublicBadge(stored.Badge, achievement?["name"]?.GetValue<string>() ?? stored.BadgeName,
            achievement?["description"]?.GetValue<string>(), (achievement?["criteria"] as JsonObject)?["narrative"]?.GetValue<string>(),
            achievementId, png, svg);
        var validFrom = Date(document["validFrom"]) ?? stored.IssuedOn;
        var validUntil = Date(document["validUntil"]);
        var statusUrl = (document["credentialStatus"] as JsonObject)?["statusListCredential"]?.GetValue<string>() ?? StatusListStore.ListUrl(options.Value, stored.StatusList);

        var (verdict, checkedState) = Verify(stored.Json, statusUrl, statusList);
        var now = calendar.Now;
        var expired = validUntil is DateOnly until && DateOnly.FromDateTime(now.UtcDateTime) >= until;
        var revoked = checkedState == VerificationState.Revoked || stored.RevokedAt is not null;
        var outcome = revoked ? PublicVerdict.Revoked
            : verdict is Verdict.Valid or Verdict.Warning && checkedState == VerificationState.Verified ? PublicVerdict.Valid
            : expired ? PublicVerdict.Expired
            : PublicVerdict.Invalid;
        string? replacedBy = null;
        if (stored.Superseded && stored.RevocationReason is { } reason && reason.StartsWith("superseded by ", StringComparison.Ordinal))
        {
            var rest = reason["superseded by ".Length..];
            var end = rest.IndexOf(": ", StringComparison.Ordinal);
            replacedBy = end > 0 ? rest[..end] : rest;
        }
        var revokedOn = stored.RevokedAt is DateTimeOffset at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
        var summary = outcome switch
        {
            PublicVerdict.Valid => validUntil is DateOnly u
                ? $"Signed by {issuer.Name}, not revoked, and valid until {Day(u)}."
                : $"Signed by {issuer.Name}, not revoked, and it does not expire.",
            PublicVerdict.Revoked when replacedBy is not null => $"Replaced: {issuer.Name} issued a newer credential for this badge{(revokedOn is DateOnly r ? " on " + Day(r) : "")}, and this one no longer counts.",
            PublicVerdict.Revoked => $"Revoked by {issuer.Name}{(revokedOn is DateOnly r2 ? " on " + Day(r2) : "")}: it no longer counts.",
            PublicVerdict.Expired => $"It expired on {Day(validUntil!.Value)}. It was signed by {issuer.Name} and not revoked, but it is no longer current.",
            _ => "This credential does not verify: its signature or contents do not check out. Do not rely on it.",
        };
        var page = CredentialLinks.PublicPage(options.Value, stored.CredentialId);
        var linkedIn = CredentialLinks.LinkedInAddToProfile(badge.Name, issuer.Name, validFrom, validUntil, page, stored.CredentialId);
        return new PublicCredentialDocument(stored.CredentialId, outcome.ToString().ToLowerInvariant(), summary, holder, badge, issuer, validFrom, validUntil,
            revoked ? revokedOn : null, replacedBy, statusUrl, page, linkedIn);
    }

    /// <summary>The offline verifier's verdict on the signed document, with the status list as the host serves it now.</summary>
    private (Verdict Verdict, VerificationState? State) Verify(string json, string statusUrl, string? statusList)
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-verdict-").FullName;
        try
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (statusList is not null)
            {
                var listFile = Path.Combine(folder, "status.json");
                File.WriteAllText(listFile, statusList);
                map[statusUrl] = listFile;
            }
            var verifier = new OpenBadgesVerifier(new VerifierOptions(map, calendar.Now));
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var verdict = verifier.Verify("credential.json", stream);
            return (verdict.Verdict, verdict.Credentials.Count == 1 ? verdict.Credentials[0].State : null);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static DateOnly? Date(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime) : null;

    /// <summary>A date for people: 6 December 2026.</summary>
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
