using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>PNGs baked here chunk by chunk: compressed iTXt and tEXt payloads are unbaked like the fixtures' plain iTXt.</summary>
public sealed class PngBakingTests
{
    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Png(params byte[][] chunks)
    {
        byte[] ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]; // 1×1, 8-bit greyscale
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. chunks.SelectMany(c => c), .. Chunk("IEND", [])];
    }

    private static byte[] Zlib(string text)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal)) z.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    [Fact]
    public void A_compressed_itxt_credential_is_unbaked_and_verified()
    {
        var json = File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob30/simple.json"));
        // iTXt: keyword \0, compression flag 1, method 0, language tag \0, translated keyword \0, zlib text.
        byte[] itxt = [.. Encoding.Latin1.GetBytes("openbadgecredential"), 0, 1, 0, 0, 0, .. Zlib(json)];
        var png = Png(Chunk("iTXt", itxt));
        var payload = BakedBadge.FromPng(png);
        Assert.Equal(BakedPayloadKind.Json, payload.Kind);
        Assert.Equal(json.Trim(), payload.Text);

        var verifier = new OpenBadgesVerifier(new VerifierOptions(null, ExternalFixtures.Now));
        using var stream = new MemoryStream(png);
        var verdict = verifier.Verify("baked.png", stream);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Equal("OB3.0", verdict.Spec);
    }

    [Fact]
    public void A_text_chunk_holding_a_hosted_url_is_read_through_the_url_map()
    {
        var png = Png(Chunk("tEXt", [.. Encoding.Latin1.GetBytes("openbadges"), 0, .. Encoding.Latin1.GetBytes("https://example.org/hosted-assertion.json")]));
        var payload = BakedBadge.FromPng(png);
        Assert.Equal(BakedPayloadKind.UrlOnly, payload.Kind);
        Assert.Equal("https://example.org/hosted-assertion.json", payload.VerifyUrl);

        var map = new Dictionary<string, string>(InspectorConformanceTests.Map.Value)
        {
            ["https://example.org/hosted-assertion.json"] = Path.Combine(ExternalFixtures.Inspector, "ob20/basic-assertion.json"),
        };
        var verifier = new OpenBadgesVerifier(new VerifierOptions(map, ExternalFixtures.Now));
        using var stream = new MemoryStream(png);
        var verdict = verifier.Verify("hosted.png", stream);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Equal("OB2.0", verdict.Spec);
        Assert.Equal("Awesome Robotics Badge", Assert.Single(verdict.Credentials).Achievement!.Name);
    }

    [Fact]
    public void A_png_without_iend_is_reported_as_truncated()
    {
        var png = Png();
        var verdict = new OpenBadgesVerifier(new VerifierOptions(null, ExternalFixtures.Now)).Verify("noend.png", new MemoryStream(png[..^12]));
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("no IEND", StringComparison.Ordinal));
    }
}
