using SkillsGap.Ingestion.OpenBadges;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>1EdTech inspector fixtures: expected_verdicts.json with url_map.json, every case that needs no network.</summary>
public sealed class InspectorConformanceTests(ITestOutputHelper output)
{
    internal static readonly Lazy<IReadOnlyDictionary<string, string>> Map =
        new(() => UrlMap.Load(Path.Combine(ExternalFixtures.Inspector, "url_map.json")));

    /// <summary>
    /// Offline cases where this verifier knowingly differs from the upstream verdict: the verdict it gives, and why.
    /// Asserted as such, so that a change in either direction is noticed.
    /// </summary>
    internal static readonly Dictionary<string, (string Verdict, string Reason)> KnownDifferences = new()
    {
        ["ob20/assertion-with-extension-node-invalid.json"] = ("valid",
            "the extension's JSON schema (openbadgespec.org/extensions/exampleExtension/schema.json) is not bundled (url_map.json maps it to null), so the extension value cannot be checked offline"),
    };

    internal static IEnumerable<(string File, string Spec, string Expected, string Needs)> Rows() =>
        ExternalFixtures.ReadJson(Path.Combine(ExternalFixtures.Inspector, "expected_verdicts.json")).GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("file").GetString()!, c.GetProperty("spec").GetString()!, c.GetProperty("expected").GetString()!,
                string.Join(",", c.GetProperty("needs").EnumerateArray().Select(n => n.GetString()))))
            .ToList();

    /// <summary>The offline cases with an upstream verdict: each is asserted.</summary>
    public static TheoryData<string, string, string, string> Cases() =>
        Data(row => !NeedsNetwork(row.Needs) && row.Expected != "not-asserted");

    /// <summary>The cases that need the network or a special set-up: reported as skipped, each with what it needs.</summary>
    public static TheoryData<string, string, string, string> NetworkCases() => Data(row => NeedsNetwork(row.Needs));

    /// <summary>The offline cases upstream asserts no verdict for: only the spec they are read as is checked.</summary>
    public static TheoryData<string, string> UnassertedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, spec, expected, needs) in Rows())
            if (!NeedsNetwork(needs) && expected == "not-asserted") data.Add(file, spec);
        return data;
    }

    private static TheoryData<string, string, string, string> Data(Func<(string File, string Spec, string Expected, string Needs), bool> include)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in Rows())
            if (include(row)) data.Add(row.File, row.Spec, row.Expected, row.Needs);
        return data;
    }

    internal static bool NeedsNetwork(string needs) =>
        needs.Contains("network", StringComparison.Ordinal) || needs.Contains("special", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(NetworkCases), Skip = "needs the network or a special set-up (the 'needs' argument says which): not reproducible offline")]
    public void A_case_that_needs_the_network_is_not_run_offline(string file, string spec, string expected, string needs) =>
        Assert.Fail($"{file} ({spec}, upstream {expected}) needs {needs}: it is skipped, never run.");

    [Theory]
    [MemberData(nameof(UnassertedCases))]
    public void A_case_without_an_upstream_verdict_is_read_as_its_spec(string file, string spec)
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, file), Map.Value);
        output.WriteLine($"{file}: no upstream verdict; got {ExternalFixtures.Name(verdict.Verdict)} ({verdict.Spec})");
        foreach (var m in verdict.Messages) output.WriteLine("  " + m);

        Assert.Equal(spec, verdict.Spec);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verdict_matches_the_upstream_inspector(string file, string spec, string expected, string needs)
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, file), Map.Value);
        var got = ExternalFixtures.Name(verdict.Verdict);
        output.WriteLine($"{file}: expected {expected}, got {got} ({verdict.Spec}); needs {needs}");
        foreach (var m in verdict.Messages) output.WriteLine("  " + m);
        Assert.Equal(spec, verdict.Spec);
        if (KnownDifferences.TryGetValue(file, out var known))
        {
            output.WriteLine($"KNOWN DIFFERENCE: upstream says {expected}; {known.Reason}.");
            Assert.Equal(known.Verdict, got);
            return;
        }
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Agreement_with_the_upstream_inspector_is_printed_per_case()
    {
        int agree = 0, total = 0, skipped = 0;
        foreach (var (file, _, expected, needs) in Rows())
        {
            if (NeedsNetwork(needs) || expected == "not-asserted") { skipped++; continue; }
            total++;
            var got = ExternalFixtures.Name(ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, file), Map.Value).Verdict);
            if (got == expected) agree++;
            else output.WriteLine($"differs: {file} expected {expected}, got {got}");
        }
        output.WriteLine($"1EdTech inspector agreement: {agree} / {total} offline cases with an upstream verdict ({skipped} skipped: network/special or not asserted).");
        // 73 offline cases with a verdict (84 less 6 network/special, 5 not asserted); the KnownDifferences are the only disagreements.
        Assert.Equal(73, total);
        Assert.Equal(total - KnownDifferences.Count, agree);
    }
}
