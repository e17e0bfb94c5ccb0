using System.Text;
using System.Text.Json.Nodes;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>Truncated, corrupted, oversized and hostile inputs get a clear error and never reach the network.</summary>
public sealed class HostileFileTests
{
    private static CredentialVerdict Verify(string name, byte[] bytes, VerifierOptions? options = null)
    {
        var verifier = new OpenBadgesVerifier(options ?? new VerifierOptions(null, ExternalFixtures.Now));
        using var stream = new MemoryStream(bytes);
        return verifier.Verify(name, stream);
    }

    private static byte[] SimplePng() => File.ReadAllBytes(Path.Combine(ExternalFixtures.Inspector, "ob30/simple-json.png"));

    [Fact]
    public void A_truncated_png_is_invalid_and_says_so()
    {
        var png = SimplePng();
        var verdict = Verify("cut.png", png[..(png.Length / 2)]);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_png_with_a_corrupted_chunk_fails_its_crc()
    {
        var png = SimplePng();
        var at = IndexOf(png, "openbadgecredential"u8.ToArray());
        Assert.True(at > 0);
        png[at + 40] ^= 0x20; // a byte inside the baked credential text
        var verdict = Verify("crc.png", png);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("bad CRC", StringComparison.Ordinal) && m.Contains("iTXt", StringComparison.Ordinal));
    }

    [Fact]
    public void An_svg_with_an_external_entity_is_rejected_without_reading_it()
    {
        const string svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
              <openbadges:credential>&xxe;</openbadges:credential>
            </svg>
            """;
        var verdict = Verify("xxe.svg", Encoding.UTF8.GetBytes(svg));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("not well-formed", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Messages, m => m.Contains("root:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_svg_that_is_not_well_formed_is_invalid()
    {
        var verdict = Verify("broken.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><openbadges:assertion"));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("SVG is not well-formed", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_invalid()
    {
        var deep = new string('[', 500) + new string(']', 500);
        var verdict = Verify("deep.json", Encoding.UTF8.GetBytes(deep));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("not valid JSON", StringComparison.Ordinal) && m.Contains("depth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Files_over_the_size_limits_are_rejected_before_parsing()
    {
        var json = File.ReadAllBytes(Path.Combine(ExternalFixtures.Inspector, "ob30/simple.json"));
        var small = new VerifierOptions(null, ExternalFixtures.Now, MaxJsonBytes: 1024, MaxPngBytes: 2048, MaxSvgBytes: 1024);
        var big = Verify("big.json", json, small);
        Assert.Equal(Verdict.Invalid, big.Verdict);
        Assert.Contains(big.Messages, m => m.Contains("larger than", StringComparison.Ordinal));
        var png = Verify("big.png", SimplePng(), small);
        Assert.Equal(Verdict.Invalid, png.Verdict);
        Assert.Contains(png.Messages, m => m.Contains("larger than", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_that_is_neither_json_nor_a_jws_is_invalid()
    {
        var verdict = Verify("notes.txt", Encoding.UTF8.GetBytes("hello, badge"));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ob30/simple.json")]
    [InlineData("ob20/basic-assertion.json")]
    [InlineData("ob30/complete.json")]
    public void Every_truncation_of_a_credential_is_rejected_without_an_exception(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ExternalFixtures.Inspector, file));
        for (var length = 0; length < bytes.Length; length += 23)
        {
            var verdict = Verify("cut.json", bytes[..length], new VerifierOptions(InspectorConformanceTests.Map.Value, ExternalFixtures.Now));
            Assert.Equal(Verdict.Invalid, verdict.Verdict);
        }
    }

    [Theory]
    [InlineData("{\"@context\": [\"https://www.w3.org/ns/credentials/v2\", 5], \"type\": [\"VerifiableCredential\", 7], \"proof\": {\"type\": 3}}")]
    [InlineData("{\"@context\": {\"x\": {\"@container\": 5}}, \"type\": \"Assertion\"}")]
    [InlineData("{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\", \"badge\": 12, \"recipient\": [], \"issuedOn\": true}")]
    public void Values_of_unexpected_kinds_are_rejected_with_a_message(string json)
    {
        var verdict = Verify("odd.json", Encoding.UTF8.GetBytes(json));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.NotEmpty(verdict.Messages);
    }

    [Fact]
    public void The_ingestion_library_has_no_http_client_or_socket_code()
    {
        var assembly = typeof(OpenBadgesVerifier).Assembly;
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("System.Net.Http", referenced);
        Assert.DoesNotContain("System.Net.Sockets", referenced);
        Assert.DoesNotContain("System.Net.Requests", referenced);
    }

    [Theory]
    [InlineData("sha1", 40)]
    [InlineData("sha512", 128)]
    public void An_ob2_recipient_hashed_with_an_algorithm_open_badges_does_not_define_says_so(string algorithm, int digits)
    {
        var assertion = JsonNode.Parse(File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob20/basic-assertion.json")))!;
        assertion["recipient"]!["identity"] = algorithm + "$" + new string('a', digits);

        var verdict = Verify("hashed.json", Encoding.UTF8.GetBytes(assertion.ToJsonString()),
            new VerifierOptions(InspectorConformanceTests.Map.Value, ExternalFixtures.Now));

        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains($"error: The recipient identity is hashed with '{algorithm}', which Open Badges does not define (only sha256 and md5): it cannot be matched to anyone's e-mail.",
            verdict.Messages);
    }

    [Fact]
    public void An_ob3_identifier_hashed_with_sha512_or_a_short_digest_says_so()
    {
        var credential = JsonNode.Parse(File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob30/complete.json")))!;
        var identifiers = credential["credentialSubject"]!["identifier"]!.AsArray();
        identifiers[0]!["hashed"] = true;
        identifiers[0]!["identityHash"] = "sha512$" + new string('b', 128);
        identifiers[1]!["hashed"] = true;
        identifiers[1]!["identityHash"] = "sha256$abc";

        var verdict = Verify("hashed.json", Encoding.UTF8.GetBytes(credential.ToJsonString()),
            new VerifierOptions(InspectorConformanceTests.Map.Value, ExternalFixtures.Now));

        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("identifier[0]: The recipient identity is hashed with 'sha512', which Open Badges does not define", StringComparison.Ordinal));
        Assert.Contains(verdict.Messages, m => m.Contains("identifier[1]: The recipient identity's sha256 digest is not 64 hexadecimal digits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_credential_with_a_key_given_twice_is_invalid()
    {
        // Which "id" a signature covers and which one an importer keeps must never differ: the document is refused.
        var text = File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob30/simple.json"));
        var twice = text.Replace("\"id\":", "\"id\": \"urn:uuid:00000000-0000-0000-0000-000000000000\", \"id\":", StringComparison.Ordinal);
        Assert.NotEqual(text, twice);

        var verdict = Verify("twice.json", Encoding.UTF8.GetBytes(twice), new VerifierOptions(InspectorConformanceTests.Map.Value, ExternalFixtures.Now));

        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.StartsWith("error: The document is not valid JSON", StringComparison.Ordinal) && m.Contains("id", StringComparison.Ordinal));
        Assert.Empty(verdict.Credentials);
    }

    [Fact]
    public void A_signed_ob2_assertion_whose_revocation_list_is_not_available_is_unverified_with_the_reason()
    {
        var path = Path.Combine(ExternalFixtures.Inspector, "ob20/simple-not-revoked.jwt");
        var withList = ExternalFixtures.Verify(path, InspectorConformanceTests.Map.Value);
        var map = new Dictionary<string, string>(InspectorConformanceTests.Map.Value)
        {
            ["http://example.org/empty-revocation-list.json"] = Path.Combine(Path.GetTempPath(), "no-such-revocation-list.json"),
        };

        var withoutList = ExternalFixtures.Verify(path, map);

        // With the list: the signature verifies and the assertion is not on it.
        Assert.Equal(Verdict.Valid, withList.Verdict);
        Assert.Equal(VerificationState.Verified, Assert.Single(withList.Credentials).State);
        Assert.Null(withList.Credentials[0].StateReason);
        // Without it: the same signature verifies, yet nobody can say the badge still stands.
        Assert.Equal(Verdict.Warning, withoutList.Verdict);
        var credential = Assert.Single(withoutList.Credentials);
        Assert.Equal(VerificationState.Unverified, credential.State);
        Assert.Equal("the signature verified but revocation could not be checked: the issuer's revocation list http://example.org/empty-revocation-list.json is not available offline (add it to the url map)",
            credential.StateReason);
        Assert.Contains(withoutList.Messages, m => m.Contains("verified", StringComparison.OrdinalIgnoreCase) && m.StartsWith("info", StringComparison.Ordinal));
    }

    [Fact]
    public void A_signed_ob3_credential_whose_status_list_is_not_available_is_unverified_with_the_reason()
    {
        var cases = ExternalFixtures.ReadJson(Path.Combine(ExternalFixtures.Dcc, "expected.json")).GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("has_credential_status").GetBoolean()
                        && c.GetProperty("revoked_per_bundled_list").ValueKind == System.Text.Json.JsonValueKind.False
                        && c.GetProperty("expires").ValueKind == System.Text.Json.JsonValueKind.Null
                        && c.GetProperty("name_extra").ValueKind == System.Text.Json.JsonValueKind.Null
                        && c.GetProperty("file").GetString()!.Contains("/didKey/", StringComparison.Ordinal))
            .Select(c => c.GetProperty("file").GetString()!)
            .ToList();
        var file = cases.First(f => ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Dcc, f), DccConformanceTests.Map()).Credentials
            .Any(c => c.State == VerificationState.Verified));
        var path = Path.Combine(ExternalFixtures.Dcc, file);
        var map = new Dictionary<string, string>(DccConformanceTests.Map());
        var aliases = ExternalFixtures.ReadJson(Path.Combine(ExternalFixtures.Dcc, "expected.json")).GetProperty("status_list_url_aliases");
        foreach (var alias in aliases.EnumerateObject())
            foreach (var url in alias.Value.EnumerateArray())
                map[url.GetString()!] = Path.Combine(Path.GetTempPath(), "no-such-status-list");

        var verdict = ExternalFixtures.Verify(path, map);

        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal(VerificationState.Unverified, credential.State);
        Assert.StartsWith("the proof verified but revocation could not be checked: The status list ", credential.StateReason, StringComparison.Ordinal);
        Assert.EndsWith("is not available offline (add it to the url map); status was not checked.", credential.StateReason, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Invalid, verdict.Verdict);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public void A_jws_re_signed_with_alg_none_or_hs256_over_the_public_key_is_invalid(string alg)
    {
        // The classic confusions: no signature at all, or an HMAC keyed with the issuer's public key (which anyone has).
        var parts = File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob20/simple.jwt")).Trim().Split('.');
        var header = JsonNode.Parse(Base64UrlDecode(parts[0]))!;
        header["alg"] = alg;
        var signingInput = Base64UrlEncode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + parts[1];
        var key = File.ReadAllBytes(Path.Combine(ExternalFixtures.Inspector, "ob20/assets/key1.json"));
        var signature = alg == "none" ? "" : Base64UrlEncode(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));

        var verdict = Verify("forged.jwt", Encoding.ASCII.GetBytes(signingInput + "." + signature),
            new VerifierOptions(InspectorConformanceTests.Map.Value, ExternalFixtures.Now));

        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.DoesNotContain(verdict.Credentials, c => c.State == VerificationState.Verified);
        Assert.Contains(verdict.Messages, m => m.StartsWith("error:", StringComparison.Ordinal) && m.Contains(alg, StringComparison.Ordinal));
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
