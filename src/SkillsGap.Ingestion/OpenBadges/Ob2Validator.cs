using System.Text.Json;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>Open Badges 2.0: Assertion (hosted or signed), BadgeClass and Issuer/Profile checks, and the mapping to <see cref="ParsedCredential"/>.</summary>
internal sealed class Ob2Validator(DocumentSource source)
{
    public const string Spec = "OB2.0";

    private static readonly string[] Ob2Contexts = ["https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json"];

    public static bool HasOb2Context(JsonElement doc) =>
        doc.Prop("@context").Items().Any(c =>
            (c.ValueKind == JsonValueKind.String && Ob2Contexts.Contains(c.GetString())) ||
            (c.ValueKind == JsonValueKind.Object && c.Str("obi") == "https://w3id.org/openbadges#"));

    /// <summary>Checks a top-level OB 2.0 document; <paramref name="jws"/> is set when it came signed.</summary>
    public ParsedCredential? Validate(JsonElement doc, Findings f, CompactJws? jws)
    {
        if (doc.ValueKind != JsonValueKind.Object) { f.Error("An OB 2.0 document must be a JSON object."); return null; }
        if (!doc.Has("@context")) f.Error("@context is missing; OB 2.0 documents use https://w3id.org/openbadges/v2.");
        else if (!HasOb2Context(doc))
            f.Error($"@context {doc.Prop("@context")!.Value.GetRawText()} is not the OB 2.0 context (https://w3id.org/openbadges/v2).");

        var terms = ContextTerms.Of(doc.Prop("@context"), source, f);
        var types = doc.Types();
        if (doc.Prop("type") is JsonElement t && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() == 0)
        { f.Error("type must not be empty."); return null; }
        if (types.Count == 0) { f.Error("type is missing."); return null; }
        if (terms.Complete)
            foreach (var (path, type) in terms.UndefinedTypes(doc))
                f.Error($"{path} '{type}' is not a class defined by the @context.");

        if (types.Contains("Assertion")) return ValidateAssertion(doc, f, jws);
        if (jws is not null) f.Error($"A signed OB 2.0 document must be an Assertion, not {string.Join(",", types)}.");
        if (types.Contains("BadgeClass"))
        {
            var badge = ValidateBadgeClass(doc, null, f);
            return badge is null ? null : new ParsedCredential(Spec, CredentialKind.BadgeClass, null, null, badge, null, null, null, VerificationState.Unverified);
        }
        if (types.Contains("Issuer") || types.Contains("Profile"))
        {
            ValidateIssuer(doc, null, f);
            return new ParsedCredential(Spec, CredentialKind.Issuer, doc.Str("id"), null, null, null, null, null, VerificationState.Unverified);
        }
        if (types.Contains("Endorsement"))
        {
            Require(doc, "claim", "Endorsement", f);
            Require(doc, "issuer", "Endorsement", f);
            CheckDate(doc, "issuedOn", "Endorsement", f, required: true);
            return new ParsedCredential(Spec, CredentialKind.Endorsement, doc.Str("id"), null, null, Dates.Parse(doc.Str("issuedOn")), null, null, VerificationState.Unverified);
        }
        f.Info($"Type {string.Join(",", types)} carries no badge or award; nothing to import.");
        return new ParsedCredential(Spec, CredentialKind.Other, doc.Str("id"), null, null, null, null, null, VerificationState.Unverified);
    }

    private ParsedCredential? ValidateAssertion(JsonElement a, Findings f, CompactJws? jws)
    {
        var id = a.Str("id");
        if (!Json.IsAbsoluteIri(id)) f.Error("Assertion id must be an IRI.");
        var recipient = ReadRecipient(a.Prop("recipient"), f);
        var issued = CheckDate(a, "issuedOn", "Assertion", f, required: true);
        var expires = CheckDate(a, "expires", "Assertion", f, required: false);
        var now = source.Options.Now;
        if (issued is DateTimeOffset i && i > now) f.Error($"The assertion is issued in the future ({Dates.Format(i)}).");
        if (expires is DateTimeOffset e)
        {
            if (issued is DateTimeOffset i2 && e < i2) f.Error($"The assertion expires ({Dates.Format(e)}) before it was issued ({Dates.Format(i2)}).");
            else if (e < now) f.Error($"The assertion expired on {Dates.Format(e)}.");
        }
        if (a.Prop("image") is JsonElement image && Json.IdOf(image) is string img && img.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            f.Error("Assertion image must be the IRI of the baked image, not a data: URI.");

        ParsedAchievement? badge = null;
        JsonElement? issuer = null;
        if (a.Prop("badge") is not JsonElement badgeRef) f.Error("Assertion badge is missing.");
        else
        {
            var badgeDoc = Dereference(badgeRef, "BadgeClass", f);
            if (badgeDoc is JsonElement b)
            {
                if (!b.Types().Contains("BadgeClass")) f.Error($"The badge {Json.IdOf(badgeRef)} is not a BadgeClass.");
                badge = ValidateBadgeClass(b, badgeRef.ValueKind == JsonValueKind.String ? badgeRef.GetString() : null, f);
                if (b.Prop("issuer") is JsonElement issuerRef) issuer = Dereference(issuerRef, "Issuer", f, quiet: true);
            }
        }

        var state = VerificationState.Unverified;
        var verification = a.Prop("verification");
        var vtype = verification is JsonElement v ? (v.Str("type") ?? v.Types().FirstOrDefault()) : null;
        if (vtype is null) f.Error("Assertion verification (hosted or signed) is missing.");
        else if (vtype is "hosted" or "HostedBadge")
        {
            if (jws is not null) f.Warn("The assertion is signed but declares hosted verification.");
            if (!Json.IsHttp(id)) f.Error("A hosted assertion's id must be its HTTP(S) URL.");
            else if (issuer is JsonElement iss) CheckVerificationPolicy(id!, iss, f);
            state = CheckHostedCopy(a, id, f);
        }
        else if (vtype is "signed" or "SignedBadge")
        {
            if (jws is null) f.Error("The assertion declares signed verification but the file is not a JWS.");
            else if (VerifySignature(jws, verification!.Value, issuer, f)) state = VerificationState.Verified;
        }
        else f.Error($"Unknown verification type '{vtype}'.");

        string? stateReason = null;
        if (issuer is JsonElement withList && withList.Str("revocationList") is string listUrl && id is not null)
        {
            var revoked = StatusChecks.IsOnRevocationList(listUrl, id, source, f, out var reason);
            if (revoked == true)
            {
                f.Error($"The assertion is revoked by its issuer{(reason is null ? "" : ": " + reason)}.");
                state = VerificationState.Revoked;
            }
            else if (revoked is null && state == VerificationState.Verified && vtype is "signed" or "SignedBadge")
            {
                // A signature proves who issued it, not that it still stands: without the list it is not verified.
                // (A hosted assertion's copy from the url map is itself its revocation status.)
                state = VerificationState.Unverified;
                stateReason = "the signature verified but revocation could not be checked: " + reason;
            }
        }

        var evidence = a.Prop("evidence").Items().Select(Json.IdOf).FirstOrDefault(x => x is not null && !x.StartsWith("_:", StringComparison.Ordinal));
        return new ParsedCredential(Spec, CredentialKind.Assertion, id, recipient, badge, issued, expires, null, state, evidence, stateReason);
    }

    /// <summary>
    /// Hosted verification offline: when the url map holds the assertion's URL, that copy stands for what the issuer
    /// hosts. Equal → Verified; different → error; marked revoked → Revoked. Otherwise Unverified.
    /// </summary>
    private VerificationState CheckHostedCopy(JsonElement assertion, string? id, Findings f)
    {
        if (id is null || !Json.IsHttp(id) || !source.IsMapped(id))
        {
            f.Info("Hosted verification: the hosted copy is not in the url map (and the network is not used), so the award is unverified.");
            return VerificationState.Unverified;
        }
        if (source.Load(id, f) is not JsonElement hosted) return VerificationState.Unverified;
        if (hosted.Prop("revoked") is JsonElement r && r.ValueKind == JsonValueKind.True)
        {
            f.Error($"The hosted assertion {id} is marked revoked{(hosted.Str("revocationReason") is string why ? ": " + why : "")}.");
            return VerificationState.Revoked;
        }
        if (!JsonEquality.Equal(assertion, hosted))
        {
            f.Error($"The hosted copy of {id} (from the url map) differs from this assertion.");
            return VerificationState.Unverified;
        }
        f.Info($"Hosted verification: the hosted copy of {id} (from the url map) matches.");
        return VerificationState.Verified;
    }

    private bool VerifySignature(CompactJws jws, JsonElement verification, JsonElement? issuer, Findings f)
    {
        var creator = verification.Str("creator") ?? (issuer is JsonElement i ? i.Prop("publicKey").Items().Select(Json.IdOf).FirstOrDefault() : null);
        if (creator is null) { f.Error("Signed verification needs verification.creator (the key URL) or an issuer publicKey."); return false; }
        if (source.Load(creator, f) is not JsonElement key || key.Str("publicKeyPem") is not string pem)
        {
            f.Warn($"The signing key {creator} is not available offline (add it to the url map); the signature was not checked.");
            return false;
        }
        if (issuer is JsonElement iss && key.Str("owner") is string owner && owner != iss.Str("id"))
            f.Error($"The signing key {creator} is owned by {owner}, not by the issuer {iss.Str("id")}.");
        try
        {
            if (!PublicKey.FromPem(pem).Verify(jws.Alg, jws.SigningInput, jws.Signature))
            {
                f.Error($"The JWS signature ({jws.Alg}) does not verify with key {creator}.");
                return false;
            }
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            f.Error($"The JWS signature could not be checked with key {creator}: {e.Message}");
            return false;
        }
        f.Info($"JWS signature ({jws.Alg}) verified with key {creator}.");
        return true;
    }

    private static void CheckVerificationPolicy(string assertionId, JsonElement issuer, Findings f)
    {
        var policy = issuer.Prop("verification");
        var assertionUri = new Uri(assertionId);
        var origins = policy is JsonElement p ? p.Prop("allowedOrigins").Items().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList() : [];
        var startsWith = policy is JsonElement q ? q.Prop("startsWith").Items().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList() : [];
        if (origins.Count == 0 && startsWith.Count == 0)
        {
            // Default policy (OB 2.0 §VerificationObject): the assertion is hosted on the issuer id's origin.
            if (Uri.TryCreate(issuer.Str("id"), UriKind.Absolute, out var issuerUri) && Json.IsHttp(issuerUri.AbsoluteUri) &&
                !string.Equals(issuerUri.Host, assertionUri.Host, StringComparison.OrdinalIgnoreCase))
                f.Error($"The hosted assertion {assertionId} is not on the issuer's origin {issuerUri.Host}.");
            return;
        }
        if (origins.Count > 0 && !origins.Any(o => string.Equals(o.Trim(), assertionUri.Authority, StringComparison.OrdinalIgnoreCase) ||
                                                    string.Equals(o.Trim(), assertionUri.Host, StringComparison.OrdinalIgnoreCase)))
            f.Error($"The hosted assertion's origin {assertionUri.Host} is not in the issuer's allowedOrigins ({string.Join(", ", origins)}).");
        if (startsWith.Count > 0 && !startsWith.Any(s => assertionId.StartsWith(s, StringComparison.Ordinal)))
            f.Error($"The hosted assertion id {assertionId} does not start with any of the issuer's startsWith ({string.Join(", ", startsWith)}).");
    }

    public ParsedAchievement? ValidateBadgeClass(JsonElement b, string? fetchedFrom, Findings f)
    {
        var id = b.Str("id");
        if (!Json.IsAbsoluteIri(id)) f.Error("BadgeClass id must be an IRI.");
        var name = b.Text("name");
        if (string.IsNullOrWhiteSpace(name)) f.Error("BadgeClass name is missing.");
        if (string.IsNullOrWhiteSpace(b.Text("description"))) f.Error("BadgeClass description is missing.");
        if (!b.Has("criteria")) f.Error("BadgeClass criteria is missing.");
        var alignments = new List<AlignmentTarget>();
        foreach (var al in b.Prop("alignment").Items())
        {
            var target = new AlignmentTarget(al.Str("targetCode"), al.Text("targetName"), al.Str("targetUrl"), al.Text("targetFramework"));
            if (target.TargetName is null || target.TargetUrl is null) f.Warn("An alignment should have targetName and targetUrl.");
            alignments.Add(target);
        }
        string? issuerId = null, issuerName = null;
        if (b.Prop("issuer") is not JsonElement issuerRef) f.Error("BadgeClass issuer is missing.");
        else
        {
            issuerId = Json.IdOf(issuerRef);
            if (Dereference(issuerRef, "Issuer", f) is JsonElement issuer)
            {
                ValidateIssuer(issuer, issuerRef.ValueKind == JsonValueKind.String ? issuerRef.GetString() : null, f);
                issuerName = issuer.Text("name");
            }
        }
        return id is null || name is null ? null : new ParsedAchievement(id, name, issuerId, issuerName, b.Text("description"), alignments, [], []);
    }

    private static void ValidateIssuer(JsonElement issuer, string? fetchedFrom, Findings f)
    {
        var types = issuer.Types();
        if (!types.Contains("Issuer") && !types.Contains("Profile"))
            f.Error($"The issuer {fetchedFrom ?? issuer.Str("id")} has type '{string.Join(",", types)}', expected Issuer or Profile.");
        var id = issuer.Str("id");
        if (id is null) f.Error("The issuer has no id.");
        else if (!Json.IsHttp(id)) f.Warn($"The issuer id {id} is not an HTTP(S) URL, so it cannot be checked against the badge's origin.");
        if (string.IsNullOrWhiteSpace(issuer.Text("name"))) f.Error($"The issuer {id} has no name.");
    }

    /// <summary>An embedded node, or the document a URL points to (url map only); null with an error when unavailable.</summary>
    private JsonElement? Dereference(JsonElement reference, string what, Findings f, bool quiet = false)
    {
        if (reference.ValueKind == JsonValueKind.Object) return reference;
        if (reference.ValueKind != JsonValueKind.String) { f.Error($"{what} must be an IRI or an object."); return null; }
        var url = reference.GetString()!;
        if (source.Load(url, f) is not JsonElement doc)
        {
            if (!quiet) f.Error($"The {what} {url} is not available offline (add it to the url map).");
            return null;
        }
        // A document whose declared id is a different document that is itself available was redirected or copied:
        // the id names where it really lives. An id that names nothing available is only a spelling of the same resource.
        if (!quiet && doc.Str("id") is string docId && !SameResource(docId, url) && source.IsMapped(docId))
            f.Warn($"The {what} fetched from {url} declares id {docId}, a different document: it was redirected or copied from elsewhere.");
        return doc;
    }

    /// <summary>Same host and path, ignoring http/https and a '.json' suffix (the same resource spelled two ways).</summary>
    internal static bool SameResource(string a, string b)
    {
        static string Norm(string s)
        {
            var t = s.Trim();
            var scheme = t.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0 && Json.IsHttp(t)) t = t[(scheme + 3)..];
            if (t.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) t = t[..^5];
            return t.TrimEnd('/').ToLowerInvariant();
        }
        return Norm(a) == Norm(b);
    }

    internal static RecipientIdentity? ReadRecipient(JsonElement? recipient, Findings f)
    {
        if (recipient is not JsonElement r || r.ValueKind != JsonValueKind.Object)
        {
            f.Error("Assertion recipient must be an IdentityObject (type, identity, hashed, salt).");
            return null;
        }
        var identity = r.Str("identity");
        var type = r.Str("type") ?? "email";
        if (identity is null) { f.Error("recipient.identity is missing."); return null; }
        var hashed = r.Prop("hashed") is JsonElement h && (h.ValueKind == JsonValueKind.True || (h.ValueKind == JsonValueKind.String && h.GetString() == "true"));
        var read = new RecipientIdentity(type, identity, hashed, r.Str("salt"));
        if (RecipientHashing.Problem(read) is string problem) f.Error(problem);
        return read;
    }

    private static DateTimeOffset? CheckDate(JsonElement node, string name, string what, Findings f, bool required)
    {
        if (node.Prop(name) is not JsonElement v)
        {
            if (required) f.Error($"{what} {name} is missing.");
            return null;
        }
        // OB 1.0 allowed Unix timestamps; 2.0 requires ISO 8601.
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var unix)) return DateTimeOffset.FromUnixTimeSeconds(unix);
        var parsed = Dates.Parse(v.ValueKind == JsonValueKind.String ? v.GetString() : null);
        if (parsed is null) f.Error($"{what} {name} '{v.GetRawText()}' is not an ISO 8601 date-time.");
        return parsed;
    }

    private static void Require(JsonElement node, string name, string what, Findings f)
    {
        if (!node.Has(name)) f.Error($"{what} {name} is missing.");
    }
}
