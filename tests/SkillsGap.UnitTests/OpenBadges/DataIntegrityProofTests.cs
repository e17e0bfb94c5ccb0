using System.Text;
using System.Text.Json.Nodes;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>
/// Embedded Data Integrity proofs on third-party signed credentials: the signatures themselves are the oracle for the
/// JSON-LD to RDF conversion and RDFC-1.0 canonicalisation (a single wrong quad would break every one of them).
/// </summary>
public sealed class DataIntegrityProofTests
{
    private static CredentialVerdict VerifyJson(string name, string json, IReadOnlyDictionary<string, string>? map = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(map, ExternalFixtures.Now));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return verifier.Verify(name, stream);
    }

    private static string Inspector(string file) => File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, file));
    private static string Dcc(string file) => File.ReadAllText(Path.Combine(ExternalFixtures.Dcc, "verifiableCredentials", file));

    [Fact]
    public void An_eddsa_rdfc_2022_proof_verifies_and_makes_the_award_verified()
    {
        var verdict = VerifyJson("simple.json", Inspector("ob30/simple.json"));
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("eddsa-rdfc-2022 signature verified", StringComparison.Ordinal));
        Assert.Equal(VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Fact]
    public void A_credential_changed_after_signing_fails_its_eddsa_rdfc_2022_proof()
    {
        var vc = JsonNode.Parse(Inspector("ob30/simple.json"))!;
        vc["credentialSubject"]!["achievement"]!["name"] = "Leadership";
        var verdict = VerifyJson("changed.json", vc.ToJsonString());
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("proof is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Reordering_properties_does_not_change_the_canonical_form()
    {
        var vc = JsonNode.Parse(Inspector("ob30/simple.json"))!.AsObject();
        var reordered = new JsonObject();
        foreach (var (key, value) in vc.Reverse().ToList())
        {
            vc.Remove(key);
            reordered[key] = value;
        }
        var verdict = VerifyJson("reordered.json", reordered.ToJsonString());
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Equal(VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Theory]
    [InlineData("v1/ed25519/didKey/noRegistry-noStatus-noExpiry.json", "Ed25519Signature2020")]
    [InlineData("v2/ed25519/didKey/legacy-noStatus-noExpiry.json", "Ed25519Signature2020")]
    [InlineData("v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json", "eddsa-rdfc-2022")]
    [InlineData("v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json", "eddsa-rdfc-2022")]
    public void Dcc_signed_credentials_verify_with_their_did_key(string file, string suite)
    {
        var verdict = VerifyJson(file, Dcc(file));
        Assert.NotEqual(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains(suite, StringComparison.Ordinal) && m.Contains("signature verified with did:key:", StringComparison.Ordinal));
        Assert.Equal(VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Fact]
    public void A_did_web_key_is_found_through_the_url_map_and_without_it_the_proof_is_not_checked()
    {
        const string file = "v1/ed25519/didWeb/legacy-noStatus-noExpiry.json";
        var mapped = VerifyJson(file, Dcc(file), DccConformanceTests.Map());
        Assert.Equal(VerificationState.Verified, Assert.Single(mapped.Credentials).State);
        Assert.Contains(mapped.Messages, m => m.Contains("verified with did:web:", StringComparison.Ordinal));

        var offline = VerifyJson(file, Dcc(file));
        Assert.NotEqual(Verdict.Invalid, offline.Verdict);
        Assert.Equal(VerificationState.Unverified, Assert.Single(offline.Credentials).State);
        Assert.Contains(offline.Messages, m => m.Contains("not available offline", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tampered_dcc_credential_fails_its_ed25519_signature_2020_proof()
    {
        var verdict = VerifyJson("tampered.json", Dcc("v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json"));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("Ed25519Signature2020 proof is invalid", StringComparison.Ordinal));
    }
}
