using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsGap.Ingestion.OpenBadges.Issuing;

/// <summary>
/// Adds a <c>DataIntegrityProof</c> with the <c>eddsa-rdfc-2022</c> cryptosuite (VC Data Integrity EdDSA Cryptosuites
/// v1.0 §3.3): the proof options carry the document's <c>@context</c>; both are canonicalised with RDFC-1.0 by the same
/// offline JSON-LD processor the verifier uses, and the signature covers SHA-256(options) ‖ SHA-256(document).
/// Only the bundled contexts are used, so every term must be defined by them — as strict verifiers require.
/// </summary>
public static class DataIntegritySigning
{
    public const string ProofType = "DataIntegrityProof";
    public const string Cryptosuite = "eddsa-rdfc-2022";

    /// <summary>A copy of <paramref name="document"/> (which must have no proof) with the proof added.</summary>
    public static JsonObject Sign(JsonObject document, IssuerSigningKey key, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(key);
        if (document.ContainsKey("proof")) throw new ArgumentException("The document already has a proof.", nameof(document));
        var context = document["@context"] ?? throw new ArgumentException("The document has no @context.", nameof(document));
        var options = new JsonObject
        {
            ["type"] = ProofType,
            ["cryptosuite"] = Cryptosuite,
            ["created"] = Timestamp(created),
            ["verificationMethod"] = key.VerificationMethod,
            ["proofPurpose"] = "assertionMethod",
        };
        var source = new DocumentSource(new VerifierOptions(null, created));
        byte[] data = [.. OptionsHash(options, context, source), .. Hash(Canonical(document, source))];
        var signed = (JsonObject)document.DeepClone();
        options["proofValue"] = Multikey.Base58Btc(key.Sign(data));
        signed["proof"] = options;
        return signed;
    }

    /// <summary>An XSD dateTime in UTC to the second, as the proofs and credentials write them.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Canonical(JsonObject node, DocumentSource source)
    {
        try
        {
            return Rdfc.Canonicalize(new JsonLdToRdf(source).ToRdf(JsonSerializer.SerializeToElement(node)));
        }
        catch (JsonLdUnsupportedException e)
        {
            throw new InvalidOperationException("The document cannot be canonicalised offline: " + e.Message, e);
        }
    }

    private static byte[] Hash(string canonical) => SHA256.HashData(Encoding.UTF8.GetBytes(canonical));

    // A batch signs many documents with the same contexts, key and time, so their proof options hash alike: the last one is kept.
    private sealed record OptionsDigest(string Key, byte[] Hash);

    private static OptionsDigest? s_lastOptions;

    private static byte[] OptionsHash(JsonObject options, JsonNode context, DocumentSource source)
    {
        var key = options.ToJsonString() + context.ToJsonString();
        if (Volatile.Read(ref s_lastOptions) is { } last && last.Key == key) return last.Hash;
        var withContext = (JsonObject)options.DeepClone();
        withContext["@context"] = context.DeepClone();
        var hash = Hash(Canonical(withContext, source));
        Volatile.Write(ref s_lastOptions, new OptionsDigest(key, hash));
        return hash;
    }
}
