using System.Text.Json;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>Locates the third-party fixtures in shared/external (beside the repository, or SKILLSGAP_EXTERNAL).</summary>
internal static class ExternalFixtures
{
    /// <summary>The instant every conformance run checks dates against (fixed, so verdicts do not drift with the clock).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SKILLSGAP_EXTERNAL");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "external"), Path.Combine(dir.FullName, "external") })
                if (Directory.Exists(Path.Combine(candidate, "openbadges-1edtech-inspector"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/external (the third-party fixtures) was not found above " + AppContext.BaseDirectory + "; set SKILLSGAP_EXTERNAL.");
    }

    public static string Inspector => Path.Combine(Root, "openbadges-1edtech-inspector");
    public static string Dcc => Path.Combine(Root, "openbadges-dcc-vc-test-fixtures");
    public static string Bakery => Path.Combine(Root, "openbadges-bakery-svg");
    public static string Legacy => Path.Combine(Root, "openbadges-validator-core-legacy");

    public static JsonElement ReadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    public static CredentialVerdict Verify(string path, IReadOnlyDictionary<string, string>? urlMap, DateTimeOffset? now = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(urlMap, now ?? Now));
        using var stream = File.OpenRead(path);
        return verifier.Verify(Path.GetFileName(path), stream);
    }

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
