using System.Text.Json;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>
/// Open Badges 3.0 (and CLR 2.0) verifiable credentials: contexts, types, issuer, subject, dates, proofs (structure and
/// key material; see <see cref="OpenBadgesVerifier"/> for which proofs are verified) and credential status.
/// </summary>
internal sealed class Ob3Validator(DocumentSource source)
{
    public const string Spec = "OB3.0";
    public const string VcV2 = "https://www.w3.org/ns/credentials/v2";
    public const string VcV1 = "https://www.w3.org/2018/credentials/v1";
    private const string Ob3ContextPrefix = "https://purl.imsglobal.org/spec/ob/v3p0/context";
    private const string Ob3CurrentContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    private const string ClrContextPrefix = "https://purl.imsglobal.org/spec/clr/v2p0/context";

    private static readonly HashSet<string> KnownProofTypes = new(StringComparer.Ordinal)
    {
        "DataIntegrityProof", "Ed25519Signature2020", "Ed25519Signature2018", "JsonWebSignature2020",
        "EcdsaSecp256k1Signature2019", "RsaSignature2018", "BbsBlsSignature2020",
    };

    private static readonly HashSet<string> KnownCryptosuites = new(StringComparer.Ordinal)
    {
        "eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019", "ecdsa-sd-2023", "bbs-2023",
    };

    private static readonly HashSet<string> SupportedDidMethods = new(StringComparer.Ordinal) { "key", "web", "jwk" };

    /// <summary>"CLR2.0" for a ClrCredential, "VC" for a status list credential, else "OB3.0".</summary>
    public static string SpecOf(JsonElement vc)
    {
        var types = vc.Types();
        if (types.Contains("ClrCredential")) return "CLR2.0";
        if (types.Contains("BitstringStatusListCredential") || types.Contains("StatusList2021Credential")) return "VC";
        return Spec;
    }

    public static bool IsVerifiableCredential(JsonElement doc) =>
        doc.Prop("@context").Items().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() is VcV1 or VcV2) ||
        doc.Types().Contains("VerifiableCredential");

    /// <summary>Checks one credential. <paramref name="signatureVerified"/> is true when an enclosing VC-JWT signature was verified.</summary>
    public IReadOnlyList<ParsedCredential> Validate(JsonElement vc, Findings f, bool signatureVerified, string prefix = "")
    {
        var result = new List<ParsedCredential>();
        if (vc.ValueKind != JsonValueKind.Object) { f.Error(prefix + "A verifiable credential must be a JSON object."); return result; }
        var types = vc.Types();
        var isClr = types.Contains("ClrCredential");
        var isAchievement = types.Contains("OpenBadgeCredential") || types.Contains("AchievementCredential");
        var isEndorsement = types.Contains("EndorsementCredential");
        var isStatusList = types.Contains("BitstringStatusListCredential") || types.Contains("StatusList2021Credential");

        var vcVersion = CheckContexts(vc, f, prefix, isClr ? ClrContextPrefix : isAchievement || isEndorsement ? Ob3ContextPrefix : null);

        if (!types.Contains("VerifiableCredential")) f.Error(prefix + "type must include VerifiableCredential.");
        if (!isAchievement && !isEndorsement && !isClr && !isStatusList)
            f.Error(prefix + $"type [{string.Join(", ", types)}] is not an Open Badges credential (OpenBadgeCredential / AchievementCredential / EndorsementCredential / ClrCredential).");

        var id = vc.Str("id");
        if (id is not null && !Json.IsAbsoluteIri(id)) f.Error(prefix + $"id '{id}' is not an IRI.");
        var issuerName = CheckIssuer(vc, f, prefix);

        var (from, until) = CheckDates(vc, vcVersion, f, prefix, checkWindow: !isStatusList);

        var state = signatureVerified ? VerificationState.Verified : CheckProofs(vc, f, prefix, enclosedInJwt: false);
        if (signatureVerified && vc.Has("proof")) CheckProofs(vc, f, prefix, enclosedInJwt: true);

        string? stateReason = null;
        foreach (var status in vc.Prop("credentialStatus").Items())
        {
            var revoked = StatusChecks.IsRevoked(status, source.Options.Now, source, f, out var unknown,
                vc.Prop("issuer") is JsonElement credentialIssuer ? Json.IdOf(credentialIssuer) : null);
            if (revoked == true) state = VerificationState.Revoked;
            else if (revoked is null && unknown is not null && state == VerificationState.Verified)
            {
                // A proof shows who issued it, not that it still stands: with the status unknown it is not verified.
                state = VerificationState.Unverified;
                stateReason = "the proof verified but revocation could not be checked: " + unknown;
            }
        }

        foreach (var (ev, i) in vc.Prop("evidence").Items().Select((e, i) => (e, i)))
            if (!ev.Types().Contains("Evidence")) f.Error(prefix + $"evidence[{i}].type must include Evidence (got '{string.Join(",", ev.Types())}').");

        var subject = vc.Prop("credentialSubject");
        if (subject is null) { f.Error(prefix + "credentialSubject is missing."); return result; }
        if (isClr)
        {
            result.AddRange(ValidateClrSubject(subject.Value, f, prefix, state, stateReason));
            return result;
        }
        if (isEndorsement)
        {
            if (!subject.Value.Types().Contains("EndorsementSubject")) f.Error(prefix + "credentialSubject.type must include EndorsementSubject.");
            result.Add(new ParsedCredential(Spec, CredentialKind.Endorsement, id, null, null, from, until, null, state));
            return result;
        }
        if (isStatusList)
        {
            result.Add(new ParsedCredential(Spec, CredentialKind.StatusList, id, null, null, from, until, null, state));
            return result;
        }
        if (!isAchievement) return result;

        var s = subject.Value;
        if (!s.Types().Contains("AchievementSubject")) f.Error(prefix + $"credentialSubject.type must include AchievementSubject (got '{string.Join(",", s.Types())}').");
        RecipientIdentity? recipient = null;
        foreach (var (identifier, i) in s.Prop("identifier").Items().Select((e, i) => (e, i)))
        {
            if (!identifier.Types().Contains("IdentityObject")) f.Error(prefix + $"credentialSubject.identifier[{i}].type must be IdentityObject.");
            var hash = identifier.Str("identityHash");
            if (hash is null) { f.Error(prefix + $"credentialSubject.identifier[{i}].identityHash is missing."); continue; }
            var hashed = identifier.Prop("hashed") is JsonElement h && h.ValueKind == JsonValueKind.True;
            var identity = new RecipientIdentity(identifier.Str("identityType") ?? "emailAddress", hash, hashed, identifier.Str("salt"));
            if (RecipientHashing.Problem(identity) is string problem) f.Error(prefix + $"credentialSubject.identifier[{i}]: " + problem);
            recipient ??= identity;
        }
        if (recipient is null && s.Str("id") is string subjectId && subjectId.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            recipient = new RecipientIdentity("emailAddress", subjectId[7..], false, null);
        if (recipient is null && s.Str("email") is string email) recipient = new RecipientIdentity("emailAddress", email, false, null);
        if (s.Prop("source") is JsonElement src && src.ValueKind == JsonValueKind.Object && !src.Types().Contains("Profile"))
            f.Error(prefix + "credentialSubject.source.type must include Profile.");
        string? achievedLevel = null;
        foreach (var (res, i) in s.Prop("result").Items().Select((e, i) => (e, i)))
        {
            if (!res.Types().Contains("Result")) f.Error(prefix + $"credentialSubject.result[{i}].type must include Result (got '{string.Join(",", res.Types())}').");
            achievedLevel ??= res.Str("achievedLevel");
        }
        var achievement = s.Prop("achievement") is JsonElement ach ? ReadAchievement(ach, f, prefix, issuerName) : null;
        if (s.Prop("achievement") is null) f.Error(prefix + "credentialSubject.achievement is missing.");
        var evidence = vc.Prop("evidence").Items().Select(Json.IdOf).FirstOrDefault(x => x is not null);
        result.Add(new ParsedCredential(Spec, CredentialKind.AchievementCredential, id, recipient, achievement,
            Dates.Parse(s.Str("awardedDate")) ?? from, until, achievedLevel, state, evidence, stateReason));
        return result;
    }

    /// <summary>Checks @context; returns 1 or 2 for the VC data model version.</summary>
    private int CheckContexts(JsonElement vc, Findings f, string prefix, string? requiredPrefix)
    {
        var contexts = vc.Prop("@context").Items().ToList();
        if (contexts.Count == 0) { f.Error(prefix + "@context is missing."); return 2; }
        var first = contexts[0].ValueKind == JsonValueKind.String ? contexts[0].GetString() : null;
        var version = 2;
        if (first == VcV1)
        {
            version = 1;
            f.Warn(prefix + "Uses the VC Data Model 1.1 context; Open Badges 3.0 credentials are VC Data Model 2.0 (https://www.w3.org/ns/credentials/v2).");
        }
        else if (first != VcV2) f.Error(prefix + $"The first @context must be {VcV2} (or the outdated {VcV1}), not '{first ?? contexts[0].GetRawText()}'.");
        var strings = contexts.Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList();
        if (requiredPrefix is not null)
        {
            var ob = strings.Where(c => c.StartsWith(requiredPrefix, StringComparison.Ordinal)).ToList();
            if (ob.Count == 0)
            {
                if (requiredPrefix == Ob3ContextPrefix && strings.Any(c => c.Contains("openbadges-specification", StringComparison.Ordinal)))
                    f.Warn(prefix + "Uses a draft Open Badges 3.0 context; the current one is " + Ob3CurrentContext + ".");
                else f.Error(prefix + $"@context must include the {(requiredPrefix == Ob3ContextPrefix ? "Open Badges 3.0" : "CLR 2.0")} context ({requiredPrefix}…).");
            }
            else if (requiredPrefix == Ob3ContextPrefix && !ob.Contains(Ob3CurrentContext))
                f.Warn(prefix + $"Uses an older Open Badges 3.0 context ({ob[0]}); the current one is {Ob3CurrentContext}.");
        }
        var terms = ContextTerms.Of(vc.Prop("@context"), source, f);
        if (terms.Complete)
            foreach (var (path, type) in terms.UndefinedTypes(vc))
                f.Error(prefix + $"{path} '{type}' is not defined by any @context (JSON-LD undefined term).");
        else
            f.Info(prefix + $"Context(s) {string.Join(", ", terms.Unavailable)} are not available offline; undefined terms were not checked.");
        return version;
    }

    private static string? CheckIssuer(JsonElement vc, Findings f, string prefix)
    {
        if (vc.Prop("issuer") is not JsonElement issuer) { f.Error(prefix + "issuer is missing."); return null; }
        if (issuer.ValueKind == JsonValueKind.String)
        {
            if (!Json.IsAbsoluteIri(issuer.GetString())) f.Error(prefix + "issuer must be an IRI or a Profile.");
            return null;
        }
        if (issuer.ValueKind != JsonValueKind.Object) { f.Error(prefix + "issuer must be an IRI or a Profile."); return null; }
        if (!Json.IsAbsoluteIri(issuer.Str("id"))) f.Error(prefix + "issuer.id must be an IRI.");
        CheckProfile(issuer, "issuer", f, prefix);
        return issuer.Text("name");
    }

    private static void CheckProfile(JsonElement profile, string path, Findings f, string prefix)
    {
        if (!profile.Types().Contains("Profile")) f.Error(prefix + $"{path}.type must include Profile (got '{string.Join(",", profile.Types())}').");
        if (profile.Prop("parentOrg") is JsonElement parent && parent.ValueKind == JsonValueKind.Object)
            CheckProfile(parent, path + ".parentOrg", f, prefix);
        foreach (var (other, i) in profile.Prop("otherIdentifier").Items().Select((e, i) => (e, i)))
            if (!other.Types().Contains("IdentifierEntry")) f.Error(prefix + $"{path}.otherIdentifier[{i}].type must be IdentifierEntry.");
    }

    private (DateTimeOffset? From, DateTimeOffset? Until) CheckDates(JsonElement vc, int version, Findings f, string prefix, bool checkWindow)
    {
        var fromName = vc.Has("validFrom") || version == 2 ? "validFrom" : "issuanceDate";
        var untilName = vc.Has("validUntil") || version == 2 ? "validUntil" : "expirationDate";
        var fromText = vc.Str(fromName);
        var from = Dates.Parse(fromText);
        if (fromText is null) f.Error(prefix + $"{fromName} is missing.");
        else if (from is null) f.Error(prefix + $"{fromName} '{fromText}' is not an ISO 8601 date-time.");
        var untilText = vc.Str(untilName);
        var until = Dates.Parse(untilText);
        if (untilText is not null && until is null) f.Error(prefix + $"{untilName} '{untilText}' is not an ISO 8601 date-time.");
        var now = source.Options.Now;
        if (checkWindow)
        {
            if (from is DateTimeOffset a && a > now) f.Error(prefix + $"The credential is not valid before {Dates.Format(a)}.");
            if (until is DateTimeOffset b && b < now) f.Error(prefix + $"The credential expired on {Dates.Format(b)}.");
        }
        if (from is DateTimeOffset x && until is DateTimeOffset y && y < x) f.Error(prefix + $"{untilName} is before {fromName}.");
        return (from, until);
    }

    /// <summary>Checks each embedded proof's structure and key reference. Data Integrity proofs are not verified (see the verifier's summary).</summary>
    private VerificationState CheckProofs(JsonElement vc, Findings f, string prefix, bool enclosedInJwt)
    {
        var proofs = vc.Prop("proof").Items().ToList();
        if (proofs.Count == 0)
        {
            if (!enclosedInJwt) f.Warn(prefix + "The credential has no proof, so it cannot be verified.");
            return VerificationState.Unverified;
        }
        int verified = 0, failed = 0;
        foreach (var (proof, i) in proofs.Select((p, i) => (p, i)))
        {
            var where = prefix + $"proof[{i}]";
            var type = proof.Types().FirstOrDefault();
            if (type is null || !KnownProofTypes.Contains(type)) { f.Error($"{where}: proof type '{type}' is unknown."); continue; }
            var suite = proof.Str("cryptosuite");
            if (type == "DataIntegrityProof")
            {
                if (suite is null) f.Error($"{where}: a DataIntegrityProof needs a cryptosuite.");
                else if (suite == "eddsa-2022") f.Warn($"{where}: cryptosuite 'eddsa-2022' is the pre-standard name of eddsa-rdfc-2022.");
                else if (!KnownCryptosuites.Contains(suite)) f.Error($"{where}: cryptosuite '{suite}' is unknown.");
            }
            CheckVerificationMethod(proof.Str("verificationMethod"), where, f);
            if (proof.Str("proofPurpose") is string purpose && purpose != "assertionMethod")
                f.Warn($"{where}: proofPurpose is '{purpose}', expected assertionMethod.");
            var value = proof.Str("proofValue") ?? proof.Str("jws");
            if (value is null) f.Error($"{where}: proofValue is missing.");
            else if (proof.Str("proofValue") is string pv)
            {
                try { _ = Multibase.Decode(pv); }
                catch (Exception e) when (e is InvalidDataException or FormatException) { f.Error($"{where}: proofValue is not multibase: {e.Message}"); }
            }
            if (!DataIntegrity.IsSupported(type, suite))
            {
                f.Info($"{where}: {type}{(suite is null ? "" : " " + suite)} proofs are not verified by this offline verifier (supported: eddsa-rdfc-2022, Ed25519Signature2020); the award is unverified.");
                continue;
            }
            var (outcome, detail) = DataIntegrity.Verify(vc, proof, source);
            switch (outcome)
            {
                case ProofOutcome.Verified:
                    verified++;
                    f.Info($"{where}: {type}{(suite is null ? "" : " " + suite)} {detail}.");
                    var issuerId = vc.Prop("issuer") is JsonElement iss ? Json.IdOf(iss) : null;
                    var controller = proof.Str("verificationMethod")?.Split('#')[0];
                    if (issuerId is not null && controller is not null && controller != issuerId)
                        f.Info($"{where}: the signing key belongs to {controller}, not to the issuer {issuerId}; the signature proves integrity, not the issuer's identity.");
                    break;
                case ProofOutcome.Failed: failed++; f.Error($"{where}: {type}{(suite is null ? "" : " " + suite)} proof is invalid: {detail}."); break;
                default: f.Info($"{where}: {type}{(suite is null ? "" : " " + suite)} not verified: {detail}; the award is unverified."); break;
            }
        }
        return verified > 0 && failed == 0 ? VerificationState.Verified : VerificationState.Unverified;
    }

    private void CheckVerificationMethod(string? method, string where, Findings f)
    {
        if (method is null) { f.Error($"{where}: verificationMethod is missing."); return; }
        var colon = method.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? method[..colon] : null;
        if (scheme is null || !Json.IsAbsoluteIri(method)) { f.Error($"{where}: verificationMethod '{method}' is not a URI."); return; }
        if (scheme is "http" or "https" or "urn") return;
        if (scheme != "did") { f.Error($"{where}: verificationMethod scheme '{scheme}' is not supported (did, https)."); return; }
        var parts = method.Split(':');
        if (parts.Length < 3 || !SupportedDidMethods.Contains(parts[1]))
        {
            f.Error($"{where}: DID method '{(parts.Length > 1 ? parts[1] : "")}' is not supported (did:key, did:web, did:jwk).");
            return;
        }
        if (parts[1] == "key")
        {
            var key = parts[2].Split('#')[0];
            try { _ = Multibase.Decode(key); }
            catch (Exception e) when (e is InvalidDataException or FormatException) { f.Error($"{where}: did:key '{key}' is not a multibase key: {e.Message}"); }
        }
        else if (parts[1] == "web")
        {
            var url = DidWebDocumentUrl(method);
            if (source.Load(url, f) is not JsonElement didDoc)
            {
                f.Info($"{where}: DID document {url} is not available offline; the key was not resolved.");
                return;
            }
            var ids = didDoc.Prop("verificationMethod").Items().Select(Json.IdOf)
                .Concat(didDoc.Prop("assertionMethod").Items().Select(Json.IdOf))
                .Where(x => x is not null).Select(x => x!.StartsWith('#') ? didDoc.Str("id") + x : x).ToHashSet(StringComparer.Ordinal);
            if (!ids.Contains(method)) f.Error($"{where}: verificationMethod {method} is not in the DID document {url}.");
        }
    }

    /// <summary>did:web:host[:path…][#frag] → https://host/path…/did.json (or /.well-known/did.json).</summary>
    internal static string DidWebDocumentUrl(string did)
    {
        var bare = did.Split('#')[0];
        var segments = bare.Split(':').Skip(2).Select(Uri.UnescapeDataString).ToArray();
        return segments.Length == 1
            ? $"https://{segments[0]}/.well-known/did.json"
            : $"https://{string.Join('/', segments)}/did.json";
    }

    private static ParsedAchievement? ReadAchievement(JsonElement a, Findings f, string prefix, string? issuerName, string path = "credentialSubject.achievement")
    {
        if (!a.Types().Contains("Achievement")) f.Error(prefix + $"{path}.type must include Achievement (got '{string.Join(",", a.Types())}').");
        var id = a.Str("id");
        var name = a.Text("name");
        if (id is null) f.Error(prefix + $"{path}.id is missing.");
        if (name is null) f.Error(prefix + $"{path}.name is missing.");
        if (a.Text("description") is null) f.Error(prefix + $"{path}.description is missing.");
        if (!a.Has("criteria")) f.Error(prefix + $"{path}.criteria is missing.");
        var alignments = ReadAlignments(a.Prop("alignment"), f, prefix, path);
        var levels = new List<AchievementLevel>();
        foreach (var (rd, i) in a.Prop("resultDescription").Items().Select((e, i) => (e, i)))
        {
            if (!rd.Types().Contains("ResultDescription")) f.Error(prefix + $"{path}.resultDescription[{i}].type must include ResultDescription (got '{string.Join(",", rd.Types())}').");
            alignments.AddRange(ReadAlignments(rd.Prop("alignment"), f, prefix, $"{path}.resultDescription[{i}]"));
            foreach (var (level, j) in rd.Prop("rubricCriterionLevel").Items().Select((e, j) => (e, j)))
            {
                if (!level.Types().Contains("RubricCriterionLevel")) f.Error(prefix + $"{path}.resultDescription[{i}].rubricCriterionLevel[{j}].type must include RubricCriterionLevel.");
                var levelName = level.Text("name") ?? level.Str("level") ?? level.Str("id") ?? "";
                levels.Add(new AchievementLevel(level.Str("id"), levelName,
                    OpenBadgesMapper.LevelNumber(level.Text("level")) ?? OpenBadgesMapper.LevelNumber(levelName),
                    ReadAlignments(level.Prop("alignment"), f, prefix, $"{path}.resultDescription[{i}].rubricCriterionLevel[{j}]")));
            }
        }
        string? creatorName = null;
        if (a.Prop("creator") is JsonElement creator && creator.ValueKind == JsonValueKind.Object)
        {
            CheckProfile(creator, path + ".creator", f, prefix);
            creatorName = creator.Text("name");
        }
        if (id is null || name is null) return null;
        return new ParsedAchievement(id, name, a.Prop("creator") is JsonElement c ? Json.IdOf(c) : null, creatorName ?? issuerName,
            a.Text("description"), alignments, levels, []);
    }

    private static List<AlignmentTarget> ReadAlignments(JsonElement? alignment, Findings f, string prefix, string path)
    {
        var list = new List<AlignmentTarget>();
        foreach (var (al, i) in alignment.Items().Select((e, i) => (e, i)))
        {
            if (!al.Types().Contains("Alignment")) f.Error(prefix + $"{path}.alignment[{i}].type must include Alignment.");
            list.Add(new AlignmentTarget(al.Str("targetCode"), al.Text("targetName"), al.Str("targetUrl"), al.Text("targetFramework")));
        }
        return list;
    }

    /// <summary>CLR 2.0: each embedded credential is checked on its own; <c>precedes</c> associations become prerequisites.</summary>
    private List<ParsedCredential> ValidateClrSubject(JsonElement subject, Findings f, string prefix, VerificationState clrState, string? clrStateReason)
    {
        if (!subject.Types().Contains("ClrSubject")) f.Error(prefix + "credentialSubject.type must include ClrSubject.");
        var prerequisites = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (assoc, i) in subject.Prop("association").Items().Select((e, i) => (e, i)))
        {
            var kind = assoc.Str("associationType");
            var sourceId = assoc.Str("sourceId");
            var targetId = assoc.Str("targetId");
            if (sourceId is null || targetId is null) { f.Error(prefix + $"association[{i}] needs sourceId and targetId."); continue; }
            // "A precedes B": A must be earned before B, so A is a prerequisite of B.
            if (kind == "precedes")
            {
                if (!prerequisites.TryGetValue(targetId, out var list)) prerequisites[targetId] = list = [];
                list.Add(sourceId);
            }
        }
        var credentials = new List<ParsedCredential>();
        var index = 0;
        foreach (var inner in subject.Prop("verifiableCredential").Items())
        {
            var innerPrefix = $"{prefix}verifiableCredential[{index++}]: ";
            foreach (var parsed in Validate(inner, f, false, innerPrefix))
            {
                var withPrereqs = parsed;
                if (parsed.Achievement is { } ach && prerequisites.TryGetValue(ach.Id, out var pre))
                    withPrereqs = parsed with { Achievement = ach with { Prerequisites = pre } };
                if (clrState == VerificationState.Revoked) withPrereqs = withPrereqs with { State = VerificationState.Revoked };
                else if (clrStateReason is not null && withPrereqs.State == VerificationState.Verified)
                    withPrereqs = withPrereqs with { State = VerificationState.Unverified, StateReason = "the CLR's " + clrStateReason };
                credentials.Add(withPrereqs with { Spec = "CLR2.0" });
            }
        }
        if (index == 0) f.Error(prefix + "The CLR has no verifiableCredential.");
        return credentials;
    }
}
