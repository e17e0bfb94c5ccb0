using System.Text;
using SkillsGap.Ingestion.OpenBadges;
using SkillsGap.Ingestion.OpenBadges.Issuing;

namespace SkillsGap.UnitTests.OpenBadges.Issuing;

/// <summary>A small issuer and achievement to sign credentials with, and SkillsGap's verifier to check them.</summary>
internal static class IssuingFixture
{
    public const string Base = "https://skills.example.com";
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Seed bytes 1, 2, …, 32; its did:key was computed independently with Digital Bazaar's ed25519-multikey 1.3.1.</summary>
    public static IssuerSigningKey Key { get; } = IssuerSigningKey.FromSeed([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    public const string KeyMultibase = "z6MkneMkZqwqRiU5mJzSG3kDwzt9P8C59N4NGTfBLfSGE7c7";

    public static IssuerProfile Issuer => new(Key.Did, "Harbourline Academy", "https://academy.example.com", "academy@example.com");

    /// <summary>SQL-201 attests SQL at 3 and data modelling at 2 (two levels, so a reader that takes the highest for both is caught).</summary>
    public static AchievementDefinition Sql201 { get; } = new(
        Base + "/ob/achievements/SQL-201", "SQL-201", "Intermediate SQL", "Attests SQL querying (SQL) at level 3 (practitioner).",
        "Awarded to a person who completes Intermediate SQL.", "Badge",
        [
            new AchievementSkill("DATA-MODEL", "Data modelling", 2, "working", Base + "/ob/achievements/SQL-201#skill-DATA-MODEL"),
            new AchievementSkill("SQL", "SQL querying", 3, "practitioner", Base + "/ob/achievements/SQL-201#skill-SQL", "Harbourline skills"),
        ],
        Base + "/ob/achievements/SQL-201/image.png");

    public static CredentialClaim Claim(DateTimeOffset? validUntil = null, StatusListEntry? status = null, IReadOnlyList<CredentialEvidence>? evidence = null) => new(
        "urn:uuid:6f1c2b8e-63a4-4b0e-9d56-2f7d3c1e9a10", Issuer, Sql201, "Ana.Ortiz@Example.com", "3d1f0c",
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), validUntil,
        evidence ?? [new CredentialEvidence("https://evidence.example.com/ana/sql-201", "Evidence for Intermediate SQL")], status);

    public static CredentialVerdict Verify(string fileName, string content, DateTimeOffset? now = null, IReadOnlyDictionary<string, string>? urlMap = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(urlMap, now ?? Now));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return verifier.Verify(fileName, stream);
    }

    public static CredentialVerdict Verify(string fileName, byte[] content, DateTimeOffset? now = null, IReadOnlyDictionary<string, string>? urlMap = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(urlMap, now ?? Now));
        using var stream = new MemoryStream(content);
        return verifier.Verify(fileName, stream);
    }
}
