using System.Buffers.Binary;
using System.Text;

namespace SkillsGap.Ingestion.OpenBadges.Issuing;

/// <summary>
/// Bakes a signed OB 3.0 credential into a badge image (Open Badges 3.0 §5.3, "Baking"): a PNG gets one uncompressed
/// <c>iTXt</c> chunk with keyword <c>openbadgecredential</c> after its header; an SVG gets an
/// <c>&lt;openbadges:credential&gt;</c> element (namespace <c>https://purl.imsglobal.org/ob/v3p0</c>) holding the JSON in
/// CDATA as the first child of its root. Earlier Open Badges payloads in the image are removed.
/// </summary>
public static class BadgeBaking
{
    public const string PngKeyword = "openbadgecredential";
    public const string SvgNamespace = "https://purl.imsglobal.org/ob/v3p0";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A copy of <paramref name="png"/> carrying <paramref name="credentialJson"/>.</summary>
    public static byte[] BakePng(ReadOnlySpan<byte> png, string credentialJson)
    {
        if (!png.StartsWith(PngSignature)) throw new InvalidDataException("Not a PNG file (bad signature).");
        using var output = new MemoryStream(png.Length + credentialJson.Length + 64);
        output.Write(PngSignature);
        var offset = PngSignature.Length;
        var baked = false;
        while (offset + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length < 0 || offset + 12 + length > png.Length) throw new InvalidDataException($"The PNG chunk at byte {offset} runs past the end of the file.");
            var chunk = png.Slice(offset, 12 + length);
            var type = Encoding.ASCII.GetString(chunk.Slice(4, 4));
            offset += 12 + length;
            if (type is "iTXt" or "tEXt" or "zTXt" && IsBadgeText(chunk.Slice(8, length))) continue;
            output.Write(chunk);
            if (type == "IHDR" && !baked)
            {
                WriteChunk(output, "iTXt", ITxt(credentialJson));
                baked = true;
            }
            if (type == "IEND") break;
        }
        if (!baked) throw new InvalidDataException("The PNG has no IHDR chunk.");
        return output.ToArray();
    }

    /// <summary>A copy of <paramref name="svg"/> (an SVG document) carrying <paramref name="credentialJson"/>.</summary>
    public static string BakeSvg(string svg, string credentialJson)
    {
        var root = svg.IndexOf("<svg", StringComparison.Ordinal);
        var rootEnd = root < 0 ? -1 : svg.IndexOf('>', root);
        if (rootEnd < 0) throw new InvalidDataException("The SVG has no <svg> root element.");
        if (svg.Contains("openbadges:", StringComparison.Ordinal)) throw new InvalidDataException("The SVG already carries an Open Badges payload.");
        var selfClosing = svg[rootEnd - 1] == '/';
        var openTag = svg[root..(selfClosing ? rootEnd - 1 : rootEnd)].TrimEnd();
        // "]]>" cannot appear inside CDATA: split it across two sections (a reader joins the text back).
        var cdata = "<![CDATA[" + credentialJson.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
        var payload = $"<openbadges:credential>{cdata}</openbadges:credential>";
        return svg[..root] + openTag + $" xmlns:openbadges=\"{SvgNamespace}\">" + payload
            + (selfClosing ? "</svg>" + svg[(rootEnd + 1)..] : svg[(rootEnd + 1)..]);
    }

    private static bool IsBadgeText(ReadOnlySpan<byte> data)
    {
        var zero = data.IndexOf((byte)0);
        if (zero <= 0) return false;
        var keyword = Encoding.Latin1.GetString(data[..zero]);
        return keyword is "openbadges" or PngKeyword;
    }

    // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text.
    private static byte[] ITxt(string text) => [.. Encoding.Latin1.GetBytes(PngKeyword), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(text)];

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, BakedBadge.Crc32(typed));
        output.Write(word);
    }
}
