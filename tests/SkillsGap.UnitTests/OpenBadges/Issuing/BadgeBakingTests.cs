using System.Text.Json.Nodes;
using SkillsGap.Ingestion.OpenBadges;
using SkillsGap.Ingestion.OpenBadges.Issuing;
using SkillsGap.Reporting;
using static SkillsGap.UnitTests.OpenBadges.Issuing.IssuingFixture;

namespace SkillsGap.UnitTests.OpenBadges.Issuing;

/// <summary>Credentials baked into the badge's PNG and SVG come out whole, and verify.</summary>
public sealed class BadgeBakingTests
{
    private static readonly BadgeArtSpec Art = new("Intermediate SQL", "SQL-201", "Harbourline Academy");

    [Fact]
    public void A_credential_baked_into_the_png_is_unbaked_whole_and_verifies()
    {
        var json = OpenBadgeCredentials.Issue(Claim(), Key, Now);
        var png = BadgeBaking.BakePng(BadgeArt.Png(Art), json);

        var payload = BakedBadge.FromPng(png);
        Assert.Equal(BakedPayloadKind.Json, payload.Kind);
        Assert.Equal("openbadgecredential", payload.Keyword);
        Assert.Equal(json, payload.Text);
        var verdict = Verify("sql-201.png", png);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Equal(SkillsGap.Core.Domain.VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Fact]
    public void Baking_again_replaces_the_earlier_payload()
    {
        var first = OpenBadgeCredentials.Issue(Claim(), Key, Now);
        var changed = JsonNode.Parse(OpenBadgeCredentials.Issue(Claim() with { Id = "urn:uuid:11111111-2222-4333-8444-555555555555" }, Key, Now))!.ToJsonString();
        var png = BadgeBaking.BakePng(BadgeBaking.BakePng(BadgeArt.Png(Art), first), changed);

        Assert.Equal(changed, BakedBadge.FromPng(png).Text);
        Assert.Equal(1, CountOccurrences(png, "openbadgecredential"u8.ToArray()));
    }

    [Fact]
    public void An_open_badges_2_payload_in_a_png_is_replaced_by_the_credential()
    {
        var legacy = File.ReadAllBytes(Path.Combine(ExternalFixtures.Inspector, "ob20/simple-badge.png"));
        Assert.Equal("openbadges", BakedBadge.FromPng(legacy).Keyword);
        var json = OpenBadgeCredentials.Issue(Claim(), Key, Now);

        var baked = BadgeBaking.BakePng(legacy, json);
        Assert.Equal("openbadgecredential", BakedBadge.FromPng(baked).Keyword);
        Assert.Equal(json, BakedBadge.FromPng(baked).Text);
        Assert.Equal(0, CountOccurrences(baked, "openbadges\0"u8.ToArray()));
    }

    [Fact]
    public void A_credential_baked_into_the_svg_is_unbaked_whole_even_when_it_holds_the_cdata_terminator()
    {
        var json = OpenBadgeCredentials.Issue(Claim(evidence: [new CredentialEvidence(null, "Evidence", "a note with ]]> inside")]), Key, Now);
        var svg = BadgeBaking.BakeSvg(BadgeArt.Svg(Art), json);

        Assert.Contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"", svg, StringComparison.Ordinal);
        var payload = BakedBadge.FromSvg(System.Text.Encoding.UTF8.GetBytes(svg));
        Assert.Equal(BakedPayloadKind.Json, payload.Kind);
        Assert.Equal(json, payload.Text);
        Assert.Equal(Verdict.Valid, Verify("sql-201.svg", svg).Verdict);
    }

    [Fact]
    public void An_svg_that_already_carries_a_badge_is_refused() =>
        Assert.Throws<InvalidDataException>(() => BadgeBaking.BakeSvg(File.ReadAllText(Path.Combine(ExternalFixtures.Bakery, "baked.svg")), "{}"));

    private static int CountOccurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var i = haystack.AsSpan().IndexOf(needle); i >= 0;)
        {
            count++;
            var next = haystack.AsSpan(i + 1).IndexOf(needle);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return count;
    }
}
