using System.Buffers.Binary;
using System.Xml.Linq;
using SkillsGap.Reporting;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>The badge pictures credentials are baked into: a real PNG and well-formed SVG that says what the badge is.</summary>
public sealed class BadgeArtTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_png_is_a_400_pixel_square_image()
    {
        var png = BadgeArt.Png(new BadgeArtSpec("Intermediate SQL", "SQL-201", "Harbourline Academy"));
        Assert.True(png.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(400u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(400u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void The_svg_is_well_formed_titled_and_escapes_the_names()
    {
        var svg = XDocument.Parse(BadgeArt.Svg(new BadgeArtSpec("Data & <Analytics>", "DA-1", "R&D Academy")));
        Assert.Equal("Data & <Analytics> (DA-1), issued by R&D Academy", svg.Root!.Element(Svg + "title")!.Value);
        var texts = svg.Root.Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["R&D Academy", "Data & <Analytics>", "DA-1"], texts);
    }

    [Fact]
    public void A_long_name_is_wrapped_in_at_most_three_lines_and_cut_with_an_ellipsis()
    {
        var svg = XDocument.Parse(BadgeArt.Svg(new BadgeArtSpec(
            "Certified Data Management Professional in Enterprise Governance and Quality", "DGOV-301", "DAMA International", Stack: true)));
        var name = svg.Root!.Elements(Svg + "text").Where(t => t.Attribute("font-weight")?.Value == "bold").Select(t => t.Value).ToList();
        Assert.Equal(4, name.Count); // three name lines and the id on the ribbon
        Assert.Equal("DGOV-301", name[^1]);
        Assert.All(name.Take(3), line => Assert.True(line.Length <= 22, line));
        Assert.EndsWith("…", name[2], StringComparison.Ordinal);
        // A stack has the gold ring.
        Assert.Contains(svg.Root.Elements(Svg + "circle"), c => c.Attribute("stroke")?.Value == "#8A6A00");
    }
}
