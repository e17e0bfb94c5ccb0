using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>VC-JWT and JWS signatures, signed here with fresh keys: ES256 (embedded JWK), EdDSA (did:key kid), RS256 (url-mapped JWK).</summary>
public sealed class SignatureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ob-sig-" + Guid.NewGuid().ToString("N"));

    public SignatureTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>ob30/simple.json without its Data Integrity proof, as the vc claim of a VC-JWT.</summary>
    private static JsonObject Claims()
    {
        var vc = JsonNode.Parse(File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob30/simple.json")))!.AsObject();
        vc.Remove("proof");
        return new JsonObject { ["iss"] = "https://example.com/issuers/876543", ["nbf"] = 1262304000, ["vc"] = vc };
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    private static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    private CredentialVerdict VerifyText(string name, string text, IReadOnlyDictionary<string, string>? map = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(map, ExternalFixtures.Now));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return verifier.Verify(name, stream);
    }

    [Fact]
    public void An_es256_vc_jwt_with_an_embedded_jwk_verifies_and_a_changed_payload_does_not()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["jwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) } };
        var input = B64(header.ToJsonString()) + "." + B64(Claims().ToJsonString());
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var jwt = input + "." + B64(signature);

        var good = VerifyText("good.jwt", jwt);
        Assert.Equal(Verdict.Valid, good.Verdict);
        Assert.Equal("OB3.0", good.Spec);
        Assert.Equal(VerificationState.Verified, Assert.Single(good.Credentials).State);

        var claims = Claims();
        claims["vc"]!["name"] = "Forged Badge";
        var forged = B64(header.ToJsonString()) + "." + B64(claims.ToJsonString()) + "." + B64(signature);
        var bad = VerifyText("forged.jwt", forged);
        Assert.Equal(Verdict.Invalid, bad.Verdict);
        Assert.Contains(bad.Messages, m => m.Contains("does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public void An_eddsa_vc_jwt_whose_kid_is_a_did_key_verifies()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        // did:key = "z" + base58btc(0xed 0x01 ‖ 32-byte Ed25519 key).
        var did = "did:key:z" + Base58([0xED, 0x01, .. publicKey]);
        var header = new JsonObject { ["alg"] = "EdDSA", ["kid"] = did + "#key-1" };
        var input = B64(header.ToJsonString()) + "." + B64(Claims().ToJsonString());
        var signer = new Ed25519Signer();
        signer.Init(true, pair.Private);
        var data = Encoding.ASCII.GetBytes(input);
        signer.BlockUpdate(data, 0, data.Length);
        var jwt = input + "." + B64(signer.GenerateSignature());

        var verdict = VerifyText("eddsa.jwt", jwt);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("EdDSA", StringComparison.Ordinal) && m.Contains(did, StringComparison.Ordinal));
        Assert.Equal(VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Fact]
    public void An_rs256_vc_jwt_finds_its_key_through_the_url_map_and_an_expired_exp_is_invalid()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var keyFile = Path.Combine(_folder, "key.json");
        File.WriteAllText(keyFile, new JsonObject { ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) }.ToJsonString());
        var map = new Dictionary<string, string> { ["https://example.com/keys/1"] = keyFile };
        string Sign(JsonObject claims)
        {
            var input = B64(new JsonObject { ["alg"] = "RS256", ["kid"] = "https://example.com/keys/1" }.ToJsonString()) + "." + B64(claims.ToJsonString());
            return input + "." + B64(rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        Assert.Equal(Verdict.Valid, VerifyText("rs.jwt", Sign(Claims()), map).Verdict);
        // Without the url map the key cannot be found: the signature is not checked and the file is only a warning.
        var offline = VerifyText("rs.jwt", Sign(Claims()), null);
        Assert.Equal(Verdict.Warning, offline.Verdict);
        Assert.Equal(VerificationState.Unverified, Assert.Single(offline.Credentials).State);

        var expired = Claims();
        expired["exp"] = 1600000000; // 2020-09-13
        var verdict = VerifyText("expired.jwt", Sign(expired), map);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ob2_signed_assertion_whose_payload_was_changed_fails_its_rs256_signature()
    {
        var jwt = File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob20/simple.jwt")).Trim();
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '='))))!;
        payload["issuedOn"] = "2017-01-01T00:00:00Z";
        var tampered = parts[0] + "." + B64(payload.ToJsonString()) + "." + parts[2];
        var verdict = VerifyText("tampered.jwt", tampered, InspectorConformanceTests.Map.Value);
        Assert.Equal("OB2.0", verdict.Spec);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("does not verify", StringComparison.Ordinal));

        var original = VerifyText("simple.jwt", jwt, InspectorConformanceTests.Map.Value);
        Assert.Equal(VerificationState.Verified, Assert.Single(original.Credentials).State);
    }

    private static string Base58(byte[] bytes)
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var n = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var sb = new StringBuilder();
        while (n > 0) { sb.Insert(0, alphabet[(int)(n % 58)]); n /= 58; }
        foreach (var b in bytes) { if (b != 0) break; sb.Insert(0, '1'); }
        return sb.ToString();
    }
}
