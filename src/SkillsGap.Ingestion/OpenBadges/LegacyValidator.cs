using System.Text.Json;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>
/// Open Badges 0.5 and 1.0/1.1 assertions: detected, imported (as unverified, with a warning) where their fields map
/// onto an award, otherwise rejected with the reason.
/// </summary>
internal sealed class LegacyValidator(DocumentSource source)
{
    public const string Spec05 = "OB0.5";
    public const string Spec1x = "OB1.x";

    /// <summary>The legacy spec of a document, or null when it is not a legacy assertion.</summary>
    public static string? Detect(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object) return null;
        if (doc.Prop("@context").Items().Any(c => c.ValueKind == JsonValueKind.String && c.GetString()!.StartsWith("https://w3id.org/openbadges/v1", StringComparison.Ordinal)))
            return Spec1x;
        if (doc.Has("@context")) return null;
        if (doc.Prop("badge") is JsonElement b && b.ValueKind == JsonValueKind.Object && b.Prop("issuer") is JsonElement i && i.Has("origin"))
            return Spec05;
        if (doc.Has("uid") || doc.Has("verify")) return Spec1x;
        if (doc.Prop("recipient") is JsonElement r && r.ValueKind == JsonValueKind.String) return Spec05;
        return null;
    }

    public ParsedCredential? Validate(JsonElement doc, string spec, Findings f)
    {
        f.Warn($"This is an Open Badges {(spec == Spec05 ? "0.5" : "1.x")} document (superseded by 2.0 and 3.0); it is imported as unverified.");
        return spec == Spec05 ? Validate05(doc, f) : Validate1x(doc, f);
    }

    private static ParsedCredential? Validate05(JsonElement doc, Findings f)
    {
        RecipientIdentity? recipient = null;
        var r = doc.Str("recipient");
        if (r is null) f.Error("OB 0.5 recipient (an e-mail or a sha256$ hash) is missing.");
        else
        {
            recipient = new RecipientIdentity("email", r, r.Contains('$', StringComparison.Ordinal), doc.Str("salt"));
            if (RecipientHashing.Problem(recipient) is string problem) f.Error(problem);
        }
        var badge = doc.Prop("badge")!.Value;
        var issuer = badge.Prop("issuer")!.Value;
        var name = badge.Str("name");
        if (name is null) f.Error("OB 0.5 badge.name is missing.");
        // 0.5 badges have no id of their own: the issuer origin plus the badge name identify them.
        var badgeId = $"{issuer.Str("origin")?.TrimEnd('/')}#{name}";
        var issuedText = doc.Str("issued_on");
        var issued = Dates.Parse(issuedText);
        if (issuedText is null) f.Error("OB 0.5 issued_on is missing: the assertion cannot become an award without an issue date.");
        else if (issued is null) f.Error($"OB 0.5 issued_on '{issuedText}' is not a date.");
        var expires = Dates.Parse(doc.Str("expires"));
        var achievement = name is null ? null : new ParsedAchievement(badgeId, name, issuer.Str("origin"), issuer.Str("name"), badge.Str("description"), [], [], []);
        return new ParsedCredential(Spec05, CredentialKind.Assertion, null, recipient, achievement, issued, expires, null, VerificationState.Unverified, doc.Str("evidence"));
    }

    private ParsedCredential? Validate1x(JsonElement doc, Findings f)
    {
        RecipientIdentity? recipient = null;
        if (doc.Prop("recipient") is JsonElement r && r.ValueKind == JsonValueKind.String)
            f.Error("OB 1.x recipient must be an IdentityObject (type, identity, hashed, salt), not a bare string.");
        else recipient = Ob2Validator.ReadRecipient(doc.Prop("recipient"), f);
        var issued = ReadDate(doc, "issuedOn", f, required: true);
        var expires = ReadDate(doc, "expires", f, required: false);
        if (issued is DateTimeOffset i && i > source.Options.Now) f.Error($"The assertion is issued in the future ({Dates.Format(i)}).");
        if (expires is DateTimeOffset e && e < source.Options.Now) f.Error($"The assertion expired on {Dates.Format(e)}.");
        ParsedAchievement? achievement = null;
        if (doc.Prop("badge") is not JsonElement badgeRef) f.Error("OB 1.x badge is missing.");
        else
        {
            var badge = badgeRef.ValueKind == JsonValueKind.Object ? badgeRef : badgeRef.ValueKind == JsonValueKind.String ? source.Load(badgeRef.GetString()!, f) : null;
            if (badge is not JsonElement b) f.Error($"The BadgeClass {badgeRef.GetRawText()} is not available offline (add it to the url map); the assertion cannot be mapped.");
            else
            {
                var name = b.Text("name");
                if (name is null) f.Error("The BadgeClass has no name.");
                string? issuerName = null, issuerId = null;
                if (b.Prop("issuer") is JsonElement issuerRef)
                {
                    issuerId = Json.IdOf(issuerRef);
                    var issuer = issuerRef.ValueKind == JsonValueKind.Object ? issuerRef : issuerId is null ? null : source.Load(issuerId, f);
                    issuerName = issuer?.Text("name");
                }
                var id = b.Str("id") ?? (badgeRef.ValueKind == JsonValueKind.String ? badgeRef.GetString() : null);
                if (id is null) f.Error("The BadgeClass has no id or URL.");
                if (id is not null && name is not null)
                    achievement = new ParsedAchievement(id, name, issuerId, issuerName, b.Text("description"),
                        b.Prop("alignment").Items().Select(a => new AlignmentTarget(a.Str("targetCode"), a.Text("name") ?? a.Text("targetName"), a.Str("url") ?? a.Str("targetUrl"))).ToArray(), [], []);
            }
        }
        var verify = doc.Prop("verify") ?? doc.Prop("verification");
        if (verify is null) f.Error("OB 1.x verify (hosted URL or signed key) is missing.");
        var credentialId = doc.Str("id") ?? verify?.Str("url") ?? doc.Str("uid");
        var evidence = doc.Prop("evidence") is JsonElement ev ? Json.IdOf(ev) : null;
        return new ParsedCredential(Spec1x, CredentialKind.Assertion, credentialId, recipient, achievement, issued, expires, null, VerificationState.Unverified, evidence);
    }

    private static DateTimeOffset? ReadDate(JsonElement doc, string name, Findings f, bool required)
    {
        if (doc.Prop(name) is not JsonElement v)
        {
            if (required) f.Error($"{name} is missing.");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var unix)) return DateTimeOffset.FromUnixTimeSeconds(unix);
        var parsed = Dates.Parse(v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        if (parsed is null) f.Error($"{name} '{v.GetRawText()}' is not a date.");
        return parsed;
    }
}
