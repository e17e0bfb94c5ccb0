using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>The outcome of checking one embedded proof.</summary>
internal enum ProofOutcome
{
    Verified,
    Failed,
    NotChecked,
}

/// <summary>
/// Data Integrity proofs with Ed25519 over RDFC-1.0: DataIntegrityProof with eddsa-rdfc-2022 (and its old name
/// eddsa-2022) and Ed25519Signature2020. The signed data is SHA-256(canonical proof options) ‖ SHA-256(canonical
/// document without proof) (VC Data Integrity EdDSA Cryptosuites v1.0 §3.3).
/// </summary>
internal static class DataIntegrity
{
    public static bool IsSupported(string? type, string? suite) =>
        type == "Ed25519Signature2020" || (type == "DataIntegrityProof" && suite is "eddsa-rdfc-2022" or "eddsa-2022");

    public static (ProofOutcome Outcome, string Detail) Verify(JsonElement document, JsonElement proof, DocumentSource source)
    {
        var method = proof.Str("verificationMethod");
        var proofValue = proof.Str("proofValue");
        if (method is null || proofValue is null) return (ProofOutcome.Failed, "verificationMethod and proofValue are required");
        PublicKey? key;
        string keySource;
        try { (key, keySource) = ResolveKey(method, source); }
        catch (Exception e) when (e is InvalidDataException or FormatException) { return (ProofOutcome.Failed, "the key cannot be read: " + e.Message); }
        if (key is null) return (ProofOutcome.NotChecked, $"the key {method} is not available offline");

        var docNode = JsonNode.Parse(document.GetRawText())!.AsObject();
        docNode.Remove("proof");
        var options = JsonNode.Parse(proof.GetRawText())!.AsObject();
        options.Remove("proofValue");
        if (!options.ContainsKey("@context") && docNode["@context"] is JsonNode ctx) options["@context"] = ctx.DeepClone();

        string canonicalDoc, canonicalOptions;
        try
        {
            canonicalDoc = Rdfc.Canonicalize(new JsonLdToRdf(source).ToRdf(JsonSerializer.SerializeToElement(docNode)));
            canonicalOptions = Rdfc.Canonicalize(new JsonLdToRdf(source).ToRdf(JsonSerializer.SerializeToElement(options)));
        }
        catch (JsonLdUnsupportedException e)
        {
            return (ProofOutcome.NotChecked, "JSON-LD feature not supported by the offline canonicaliser: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or JsonException)
        {
            return (ProofOutcome.NotChecked, "the document could not be canonicalised: " + e.Message);
        }
        byte[] signature;
        try { signature = Multibase.Decode(proofValue); }
        catch (Exception e) when (e is InvalidDataException or FormatException) { return (ProofOutcome.Failed, "proofValue is not multibase: " + e.Message); }
        byte[] data = [.. SHA256.HashData(Encoding.UTF8.GetBytes(canonicalOptions)), .. SHA256.HashData(Encoding.UTF8.GetBytes(canonicalDoc))];
        return key.Verify("EdDSA", data, signature)
            ? (ProofOutcome.Verified, $"signature verified with {keySource}")
            : (ProofOutcome.Failed, $"the signature does not verify with {keySource}");
    }

    /// <summary>did:key, a url-mapped DID document or key document, or (as the 1EdTech validator does) a multikey fragment.</summary>
    private static (PublicKey? Key, string Source) ResolveKey(string method, DocumentSource source)
    {
        if (method.StartsWith("did:key:", StringComparison.Ordinal))
            return (PublicKey.FromMultibase(method["did:key:".Length..].Split('#')[0]), method);
        var url = method.StartsWith("did:web:", StringComparison.Ordinal) ? Ob3Validator.DidWebDocumentUrl(method) : method.Split('#')[0];
        if (source.Load(url, new Findings()) is JsonElement doc)
        {
            foreach (var vm in doc.Prop("verificationMethod").Items().Concat(doc.Prop("assertionMethod").Items()))
            {
                if (vm.ValueKind != JsonValueKind.Object) continue;
                var id = vm.Str("id");
                if (id != method && doc.Str("id") + id != method) continue;
                if (vm.Str("publicKeyMultibase") is string mb) return (PublicKey.FromMultibase(mb), method);
                if (vm.Prop("publicKeyJwk") is JsonElement jwk) return (PublicKey.FromJwk(jwk), method);
            }
            if (doc.Str("publicKeyMultibase") is string own) return (PublicKey.FromMultibase(own), method);
        }
        var hash = method.IndexOf('#', StringComparison.Ordinal);
        // An unresolvable https method whose fragment is an Ed25519 multikey (the OB 3.0 examples): the 1EdTech validator
        // takes the key from the fragment. A did:web method is only trusted through its DID document.
        if (hash >= 0 && Json.IsHttp(method) && method[(hash + 1)..].StartsWith("z6Mk", StringComparison.Ordinal))
            return (PublicKey.FromMultibase(method[(hash + 1)..]), $"the Ed25519 key in the verification method's fragment ({method}; proves integrity, not who the issuer is)");
        return (null, method);
    }
}
