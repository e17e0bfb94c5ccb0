using System.Text.Json;
using SkillsGap.Ingestion.OpenBadges;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>Mozilla openbadges-bakery fixtures (expected.json): what unbaking each image yields.</summary>
public sealed class BakeryConformanceTests(ITestOutputHelper output)
{
    internal static IEnumerable<(string File, string Expected, string? VerifyUrl)> Rows() =>
        ExternalFixtures.ReadJson(Path.Combine(ExternalFixtures.Bakery, "expected.json")).GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("file").GetString()!, c.GetProperty("expected").GetString()!,
                c.GetProperty("verify_url").ValueKind == JsonValueKind.String ? c.GetProperty("verify_url").GetString() : null))
            .ToList();

    public static TheoryData<string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (file, expected, url) in Rows()) data.Add(file, expected, url);
        return data;
    }

    /// <summary>The outcome names of expected.json: baked, baked-url-only, malformed-payload, not-baked.</summary>
    internal static (string Outcome, BakedPayload Payload) Unbake(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ExternalFixtures.Bakery, file));
        var payload = file.EndsWith(".png", StringComparison.Ordinal) ? BakedBadge.FromPng(bytes) : BakedBadge.FromSvg(bytes);
        var outcome = payload.Kind switch
        {
            BakedPayloadKind.NotBaked => "not-baked",
            BakedPayloadKind.UrlOnly => "baked-url-only",
            BakedPayloadKind.Json => ParsesAsJson(payload.Text!) ? "baked" : "malformed-payload",
            _ => "baked",
        };
        return (outcome, payload);
    }

    private static bool ParsesAsJson(string text)
    {
        try { using var _ = JsonDocument.Parse(text); return true; }
        catch (JsonException) { return false; }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unbaking_gives_the_expected_outcome(string file, string expected, string? verifyUrl)
    {
        var (outcome, payload) = Unbake(file);
        output.WriteLine($"{file}: expected {expected}, got {outcome}");
        Assert.Equal(expected, outcome);
        if (expected is "baked" or "baked-url-only") Assert.Equal(verifyUrl, payload.VerifyUrl);
    }

    [Fact]
    public void The_verifier_rejects_unbaked_and_malformed_images_with_the_reason()
    {
        var notBaked = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Bakery, "unbaked.png"), null);
        Assert.Equal(Verdict.Invalid, notBaked.Verdict);
        Assert.Contains(notBaked.Messages, m => m.Contains("no baked Open Badges payload", StringComparison.Ordinal));

        var malformed = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Bakery, "bad-json.svg"), null);
        Assert.Equal(Verdict.Invalid, malformed.Verdict);
        Assert.Contains(malformed.Messages, m => m.Contains("not valid JSON", StringComparison.Ordinal));

        // Only http://example.org is baked and it is not in any url map: nothing can be read offline.
        var urlOnly = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Bakery, "no-json.svg"), null);
        Assert.Equal(Verdict.Invalid, urlOnly.Verdict);
        Assert.Contains(urlOnly.Messages, m => m.Contains("not available offline", StringComparison.Ordinal));
    }

    [Fact]
    public void Agreement_with_the_bakery_expectations_is_printed()
    {
        var rows = Rows().ToList();
        var agree = rows.Count(r => Unbake(r.File).Outcome == r.Expected);
        output.WriteLine($"openbadges-bakery agreement: {agree} / {rows.Count}.");
        Assert.Equal(rows.Count, agree);
        Assert.Equal(5, rows.Count);
    }
}
