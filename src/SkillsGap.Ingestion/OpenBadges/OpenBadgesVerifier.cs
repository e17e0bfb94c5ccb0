using System.Text;
using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>
/// Reads and checks Open Badges files offline: OB 2.0 (hosted JSON, signed JWS), OB 3.0 / CLR 2.0 (JSON with embedded
/// proofs, VC-JWT), OB 0.5 / 1.x, and baked PNG / SVG. Contexts, issuer profiles, keys and status lists come from the
/// url map or the bundled contexts — never the network.
/// Signatures verified: JWS / VC-JWT with RS256, RS384, RS512, PS256, ES256 (P-256) and EdDSA (Ed25519), keys from the
/// url map (PEM CryptographicKey, JWK, DID document), an embedded JWK or a did:key / did:jwk.
/// Embedded Data Integrity proofs verified: DataIntegrityProof with eddsa-rdfc-2022 (and its pre-standard name eddsa-2022)
/// and Ed25519Signature2020, through an offline JSON-LD to RDF conversion and RDFC-1.0 canonicalisation, with keys from
/// did:key, a url-mapped did:web / key document, or a multikey URL fragment. Other suites (ecdsa-rdfc-2019, ecdsa-sd-2023,
/// *-jcs-*, bbs-2023, JsonWebSignature2020, …) are checked for structure only and leave the award Unverified.
/// Spec is "OB2.0", "OB3.0", "OB1.x", "OB0.5", "CLR2.0", or "VC" for a verifiable credential that is not an Open Badge
/// (e.g. a status list credential).
/// </summary>
public sealed class OpenBadgesVerifier(VerifierOptions options)
{
    public VerifierOptions Options { get; } = options;

    /// <summary>Checks one file and returns its verdict, messages and the credentials read from it.</summary>
    public CredentialVerdict Verify(string fileName, Stream content)
    {
        var findings = new Findings();
        var run = new Run(new DocumentSource(Options), findings);
        try
        {
            var limit = Math.Max(Options.MaxPngBytes, Math.Max(Options.MaxSvgBytes, Options.MaxJsonBytes));
            var bytes = SafeJson.ReadAll(content, limit, fileName);
            if (BakedBadge.IsPng(bytes)) run.Baked(BakedBadge.FromPng(bytes, Options.MaxPngBytes), "PNG");
            else if (fileName.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || BakedBadge.IsSvg(bytes))
                run.Baked(BakedBadge.FromSvg(bytes, Options.MaxSvgBytes), "SVG");
            else
            {
                if (bytes.Length > Options.MaxJsonBytes)
                    throw new InvalidDataException($"{fileName} is larger than the JSON limit of {Options.MaxJsonBytes / (1024 * 1024)} MB.");
                run.Text(DecodeUtf8(bytes));
            }
        }
        catch (InvalidDataException e)
        {
            findings.Error(e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or OverflowException or JsonException)
        {
            // A value of an unexpected JSON kind deep in a hostile or broken file: reject the file, never crash the import.
            findings.Error($"The file has a value of an unexpected kind and cannot be read: {e.Message}");
        }
        return new CredentialVerdict(fileName, run.Spec, findings.Verdict, findings.Messages, run.Credentials);
    }

    private static string DecodeUtf8(byte[] bytes)
    {
        try { return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new InvalidDataException("The file is neither a PNG, an SVG, JSON nor a JWS (not UTF-8 text)."); }
    }

    /// <summary>The state of checking one file.</summary>
    private sealed class Run(DocumentSource source, Findings findings)
    {
        public string Spec { get; private set; } = Ob2Validator.Spec;
        public List<ParsedCredential> Credentials { get; } = [];

        public void Baked(BakedPayload payload, string format)
        {
            if (payload.Keyword is "openbadgecredential" or "credential") Spec = Ob3Validator.Spec;
            switch (payload.Kind)
            {
                case BakedPayloadKind.NotBaked:
                    throw new InvalidDataException($"The {format} image has no baked Open Badges payload.");
                case BakedPayloadKind.UrlOnly:
                    var url = payload.VerifyUrl!;
                    var bytes = source.LoadBytes(url, source.Options.MaxJsonBytes)
                        ?? throw new InvalidDataException($"The {format} image holds only the URL of a hosted assertion ({url}), which is not available offline (add it to the url map).");
                    findings.Info($"The {format} image holds the URL {url}; its document was read from the url map.");
                    Text(DecodeUtf8(bytes));
                    break;
                default:
                    findings.Info($"Unbaked the '{payload.Keyword}' payload from the {format} image.");
                    Text(payload.Text!);
                    break;
            }
        }

        public void Text(string text)
        {
            var trimmed = text.Trim();
            if (CompactJws.LooksLikeJws(trimmed)) { Jws(CompactJws.Parse(trimmed, source.Options)); return; }
            Document(SafeJson.Parse(trimmed, source.Options, "The document"));
        }

        private void Document(JsonElement doc)
        {
            if (doc.ValueKind != JsonValueKind.Object) throw new InvalidDataException("The document is not a JSON object.");
            if (Ob3Validator.IsVerifiableCredential(doc))
            {
                Spec = Ob3Validator.SpecOf(doc);
                Credentials.AddRange(new Ob3Validator(source).Validate(doc, findings, signatureVerified: false));
            }
            else if (LegacyValidator.Detect(doc) is string legacy)
            {
                Spec = legacy;
                if (new LegacyValidator(source).Validate(doc, legacy, findings) is ParsedCredential c) Credentials.Add(c);
            }
            else
            {
                Spec = Ob2Validator.Spec;
                if (new Ob2Validator(source).Validate(doc, findings, null) is ParsedCredential c) Credentials.Add(c);
            }
        }

        private void Jws(CompactJws jws)
        {
            var payload = SafeJson.Parse(jws.PayloadText, source.Options, "The JWS payload");
            if (payload.ValueKind != JsonValueKind.Object) throw new InvalidDataException("The JWS payload is not a JSON object.");
            if (jws.Alg is "" or "none") { findings.Error($"JWS algorithm '{jws.Alg}' is not acceptable."); return; }
            var credential = payload.Prop("vc") is JsonElement vc && vc.ValueKind == JsonValueKind.Object ? vc : payload;
            if (LegacyValidator.Detect(payload) is string legacy)
            {
                Spec = legacy;
                findings.Info("This is an OB 1.x signed assertion: it is read, but OB 1.x signature checking is not supported, so it stays unverified.");
                if (new LegacyValidator(source).Validate(payload, legacy, findings) is ParsedCredential old) Credentials.Add(old);
                return;
            }
            if (!Ob3Validator.IsVerifiableCredential(credential))
            {
                Spec = Ob2Validator.Spec;
                if (new Ob2Validator(source).Validate(payload, findings, jws) is ParsedCredential c) Credentials.Add(c);
                return;
            }
            Spec = Ob3Validator.SpecOf(credential);
            var now = source.Options.Now;
            if (payload.Prop("exp") is JsonElement exp && exp.TryGetInt64(out var expSeconds) && DateTimeOffset.FromUnixTimeSeconds(expSeconds) < now)
                findings.Error($"The VC-JWT expired (exp {Dates.Format(DateTimeOffset.FromUnixTimeSeconds(expSeconds))}).");
            if (payload.Prop("nbf") is JsonElement nbf && nbf.TryGetInt64(out var nbfSeconds) && DateTimeOffset.FromUnixTimeSeconds(nbfSeconds) > now)
                findings.Error($"The VC-JWT is not valid before {Dates.Format(DateTimeOffset.FromUnixTimeSeconds(nbfSeconds))} (nbf).");
            var verified = VerifyJwt(jws, credential);
            Credentials.AddRange(new Ob3Validator(source).Validate(credential, findings, verified));
        }

        private bool VerifyJwt(CompactJws jws, JsonElement credential)
        {
            PublicKey? key = null;
            string? from = null;
            try
            {
                if (jws.Header.Prop("jwk") is JsonElement jwk)
                {
                    key = PublicKey.FromJwk(jwk);
                    from = "the JWK embedded in the JWS header (proves integrity, not who the issuer is)";
                }
                else if (jws.Header.Str("kid") is string kid) { key = KeyFromReference(kid); from = kid; }
                else if (credential.Prop("issuer") is JsonElement issuer && Json.IdOf(issuer) is string issuerId && issuerId.StartsWith("did:", StringComparison.Ordinal))
                { key = KeyFromReference(issuerId); from = issuerId; }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
            {
                findings.Error($"The JWS key cannot be read: {e.Message}");
                return false;
            }
            if (key is null)
            {
                findings.Warn("The VC-JWT's signing key is not available offline (no jwk, resolvable kid or did issuer); the signature was not checked.");
                return false;
            }
            bool ok;
            try { ok = key.Verify(jws.Alg, jws.SigningInput, jws.Signature); }
            catch (Exception e) when (e is InvalidDataException or System.Security.Cryptography.CryptographicException)
            {
                findings.Error($"The JWS signature cannot be checked: {e.Message}");
                return false;
            }
            if (!ok) { findings.Error($"The JWS signature ({jws.Alg}) does not verify with {from}."); return false; }
            findings.Info($"JWS signature ({jws.Alg}) verified with {from}.");
            return true;
        }

        /// <summary>A key named by a kid / verification method: did:key, did:jwk, or a url-mapped JWK, key document or DID document.</summary>
        private PublicKey? KeyFromReference(string reference)
        {
            if (reference.StartsWith("did:key:", StringComparison.Ordinal))
                return PublicKey.FromMultibase(reference["did:key:".Length..].Split('#')[0]);
            if (reference.StartsWith("did:jwk:", StringComparison.Ordinal))
                return PublicKey.FromJwk(SafeJson.Parse(Base64Url.Decode(reference["did:jwk:".Length..].Split('#')[0]), source.Options, "did:jwk"));
            var url = reference.StartsWith("did:web:", StringComparison.Ordinal) ? Ob3Validator.DidWebDocumentUrl(reference) : reference;
            if (source.Load(url, findings) is not JsonElement doc) return null;
            var node = doc;
            foreach (var method in doc.Prop("verificationMethod").Items())
                if (method.Str("id") is string id && (id == reference || doc.Str("id") + id == reference)) node = method;
            if (node.Has("kty")) return PublicKey.FromJwk(node);
            if (node.Prop("publicKeyJwk") is JsonElement jwk) return PublicKey.FromJwk(jwk);
            if (node.Str("publicKeyMultibase") is string mb) return PublicKey.FromMultibase(mb);
            if (node.Str("publicKeyPem") is string pem) return PublicKey.FromPem(pem);
            return null;
        }
    }
}
