using System.Text;
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

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
