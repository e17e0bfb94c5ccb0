using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>What a baked image carries.</summary>
public enum BakedPayloadKind
{
    /// <summary>No Open Badges payload in the image.</summary>
    NotBaked,
    /// <summary>A JSON document (OB 1.x/2.0 assertion or OB 3.0 credential); it may still fail to parse.</summary>
    Json,
    /// <summary>A compact JWS (signed OB 2.0 assertion or VC-JWT).</summary>
    Jws,
    /// <summary>Only a URL of a hosted assertion.</summary>
    UrlOnly,
}

/// <summary>The payload extracted ("unbaked") from a PNG or SVG badge image.</summary>
public sealed record BakedPayload(BakedPayloadKind Kind, string? Text, string? VerifyUrl, string Keyword);

/// <summary>
/// Unbakes PNG (iTXt/tEXt/zTXt chunk <c>openbadges</c> or <c>openbadgecredential</c>) and SVG
/// (<c>openbadges:assertion</c> / <c>openbadges:credential</c>: document inline, in CDATA, or a <c>verify</c> URL only).
/// Malformed images raise <see cref="InvalidDataException"/> with the reason.
/// </summary>
public static class BakedBadge
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private const int MaxPayloadChars = 5 * 1024 * 1024;

    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngSignature);

    public static bool IsSvg(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        return head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads a PNG's chunks (checking lengths and CRCs) and returns the Open Badges payload, if any.</summary>
    public static BakedPayload FromPng(ReadOnlySpan<byte> png, long maxBytes = 20 * 1024 * 1024)
    {
        if (png.Length > maxBytes) throw new InvalidDataException($"The PNG is larger than the limit of {maxBytes / (1024 * 1024)} MB.");
        if (!png.StartsWith(PngSignature)) throw new InvalidDataException("Not a PNG file (bad signature).");
        var offset = PngSignature.Length;
        var sawEnd = false;
        BakedPayload? found = null;
        while (offset < png.Length)
        {
            if (png.Length - offset < 12) throw new InvalidDataException($"The PNG is truncated: a chunk header at byte {offset} is incomplete.");
            var length = (uint)(png[offset] << 24 | png[offset + 1] << 16 | png[offset + 2] << 8 | png[offset + 3]);
            var type = Encoding.ASCII.GetString(png.Slice(offset + 4, 4));
            if (length > int.MaxValue || length > png.Length - offset - 12)
                throw new InvalidDataException($"The PNG is truncated: chunk '{type}' at byte {offset} declares {length} bytes but the file ends first.");
            var data = png.Slice(offset + 8, (int)length);
            var crcStored = (uint)(png[offset + 8 + (int)length] << 24 | png[offset + 9 + (int)length] << 16 | png[offset + 10 + (int)length] << 8 | png[offset + 11 + (int)length]);
            if (Crc32(png.Slice(offset + 4, (int)length + 4)) != crcStored)
                throw new InvalidDataException($"The PNG chunk '{type}' at byte {offset} has a bad CRC (corrupted file).");
            if (found is null && type is "iTXt" or "tEXt" or "zTXt") found = ReadTextChunk(type, data);
            offset += 12 + (int)length;
            if (type == "IEND") { sawEnd = true; break; }
        }
        if (!sawEnd) throw new InvalidDataException("The PNG is truncated: no IEND chunk.");
        return found ?? new BakedPayload(BakedPayloadKind.NotBaked, null, null, "");
    }

    private static BakedPayload? ReadTextChunk(string type, ReadOnlySpan<byte> data)
    {
        var zero = data.IndexOf((byte)0);
        if (zero <= 0) return null;
        var keyword = Encoding.Latin1.GetString(data[..zero]);
        if (keyword is not ("openbadges" or "openbadgecredential")) return null;
        var rest = data[(zero + 1)..];
        string text;
        switch (type)
        {
            case "tEXt":
                text = Encoding.Latin1.GetString(rest);
                break;
            case "zTXt":
                if (rest.Length < 1) throw new InvalidDataException("The PNG zTXt chunk is truncated.");
                text = Encoding.Latin1.GetString(Inflate(rest[1..]));
                break;
            default:
                if (rest.Length < 2) throw new InvalidDataException("The PNG iTXt chunk is truncated.");
                var compressed = rest[0] == 1;
                rest = rest[2..];
                var langEnd = rest.IndexOf((byte)0);
                if (langEnd < 0) throw new InvalidDataException("The PNG iTXt chunk is truncated (language tag).");
                rest = rest[(langEnd + 1)..];
                var transEnd = rest.IndexOf((byte)0);
                if (transEnd < 0) throw new InvalidDataException("The PNG iTXt chunk is truncated (translated keyword).");
                rest = rest[(transEnd + 1)..];
                text = Encoding.UTF8.GetString(compressed ? Inflate(rest) : rest);
                break;
        }
        return Classify(text.Trim(), null, keyword);
    }

    private static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
            return SafeJson.ReadAll(input, MaxPayloadChars, "The compressed PNG text");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The compressed PNG text chunk is corrupt or too large: {e.Message}");
        }
    }

    /// <summary>Reads an SVG (no DTD processing, no external resources) and returns the Open Badges payload, if any.</summary>
    public static BakedPayload FromSvg(ReadOnlySpan<byte> svg, long maxBytes = 5 * 1024 * 1024)
    {
        if (svg.Length > maxBytes) throw new InvalidDataException($"The SVG is larger than the limit of {maxBytes / (1024 * 1024)} MB.");
        // SVG files commonly carry the public SVG 1.1 DOCTYPE; it is skipped unread (Ignore), never fetched
        // (no resolver), and an entity it might declare is never expanded.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(svg.ToArray()), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || !IsBadgeElement(reader)) continue;
                var keyword = reader.LocalName;
                var verify = reader.GetAttribute("verify");
                var text = new StringBuilder();
                if (!reader.IsEmptyElement)
                {
                    var depth = reader.Depth;
                    while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                    {
                        if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                            text.Append(reader.Value);
                        if (text.Length > MaxPayloadChars) throw new InvalidDataException("The baked SVG payload is larger than 5 MB.");
                    }
                }
                return Classify(text.ToString().Trim(), verify, keyword);
            }
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"The SVG is not well-formed XML: {e.Message}");
        }
        return new BakedPayload(BakedPayloadKind.NotBaked, null, null, "");
    }

    private static bool IsBadgeElement(XmlReader reader) =>
        reader.LocalName is "assertion" or "credential" &&
        (reader.NamespaceURI is "http://openbadges.org" or "https://purl.imsglobal.org/ob/v3p0" || reader.Prefix == "openbadges");

    private static BakedPayload Classify(string text, string? verifyUrl, string keyword)
    {
        if (text.Length == 0)
        {
            // OB 3.0 bakes a VC-JWT into the SVG element's verify attribute; OB 1.x/2.0 put the hosted URL there.
            if (verifyUrl is not null && CompactJws.LooksLikeJws(verifyUrl)) return new BakedPayload(BakedPayloadKind.Jws, verifyUrl.Trim(), null, keyword);
            return verifyUrl is null ? new BakedPayload(BakedPayloadKind.NotBaked, null, null, keyword) : new BakedPayload(BakedPayloadKind.UrlOnly, null, verifyUrl, keyword);
        }
        if (text.StartsWith('{')) return new BakedPayload(BakedPayloadKind.Json, text, verifyUrl, keyword);
        if (CompactJws.LooksLikeJws(text)) return new BakedPayload(BakedPayloadKind.Jws, text, verifyUrl, keyword);
        if (Json.IsHttp(text)) return new BakedPayload(BakedPayloadKind.UrlOnly, null, text, keyword);
        throw new InvalidDataException($"The baked '{keyword}' payload is neither JSON, a JWS nor a URL.");
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>CRC-32 as PNG defines it (ISO 3309), over chunk type and data.</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
