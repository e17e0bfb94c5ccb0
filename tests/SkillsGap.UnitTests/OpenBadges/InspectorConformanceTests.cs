using SkillsGap.Ingestion.OpenBadges;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>1EdTech inspector fixtures: expected_verdicts.json with url_map.json, every case that needs no network.</summary>
public sealed class InspectorConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Map =
        new(() => UrlMap.Load(Path.Combine(ExternalFixtures.Inspector, "url_map.json")));

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in ExternalFixtures.ReadJson(Path.Combine(ExternalFixtures.Inspector, "expected_verdicts.json")).GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("file").GetString()!, c.GetProperty("expected").GetString()!,
                string.Join(",", c.GetProperty("needs").EnumerateArray().Select(n => n.GetString())));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verdict_matches_the_upstream_inspector(string file, string expected, string needs)
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, file), Map.Value);
        output.WriteLine($"{file}: expected {expected}, got {ExternalFixtures.Name(verdict.Verdict)} ({verdict.Spec})");
        foreach (var m in verdict.Messages) output.WriteLine("  " + m);
        if (needs.Contains("network", StringComparison.Ordinal) || needs.Contains("special", StringComparison.Ordinal))
        {
            output.WriteLine($"SKIPPED assertion: needs {needs} (not reproducible offline).");
            return;
        }
        if (expected == "not-asserted")
        {
            output.WriteLine("No upstream verdict to compare with.");
            return;
        }
        Assert.Equal(expected, ExternalFixtures.Name(verdict.Verdict));
    }
}
