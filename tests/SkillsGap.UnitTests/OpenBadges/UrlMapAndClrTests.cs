using System.Text.Json.Nodes;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

public sealed class UrlMapAndClrTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ob-map-" + Guid.NewGuid().ToString("N"));

    public UrlMapAndClrTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_url_map_resolves_exact_entries_prefixes_and_relative_paths_and_skips_comments_and_nulls()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "assets"));
        var mapFile = Path.Combine(_folder, "map.json");
        File.WriteAllText(mapFile, """
            { "_comment": "x",
              "https://example.org/key.json": "keys/key1.json",
              "nested": { "https://example.org/assets/": "assets/", "https://example.org/none": null } }
            """);
        var map = UrlMap.Load(mapFile);
        Assert.Equal(Path.Combine(_folder, "keys", "key1.json"), UrlMap.Resolve(map, "https://example.org/key.json#frag"));
        Assert.Equal(Path.Combine(_folder, "assets", "a", "b.json"), UrlMap.Resolve(map, "https://example.org/assets/a/b.json"));
        Assert.Null(UrlMap.Resolve(map, "https://example.org/none"));
        Assert.Null(UrlMap.Resolve(map, "https://example.org/assets/../../etc/passwd"));
        Assert.False(map.ContainsKey("_comment"));
    }

    /// <summary>A CLR 2.0 bundle of two OB 3.0 credentials built from ob30/simple.json, where Python precedes Data.</summary>
    private static string Clr()
    {
        JsonObject Credential(string achievementId, string name)
        {
            var vc = JsonNode.Parse(File.ReadAllText(Path.Combine(ExternalFixtures.Inspector, "ob30/simple.json")))!.AsObject();
            vc.Remove("proof");
            vc["id"] = "urn:uuid:" + Guid.NewGuid();
            vc["credentialSubject"]!["achievement"]!["id"] = achievementId;
            vc["credentialSubject"]!["achievement"]!["name"] = name;
            return vc;
        }
        var clr = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:clr-1",
            ["type"] = new JsonArray("VerifiableCredential", "ClrCredential"),
            ["issuer"] = new JsonObject { ["id"] = "https://example.com/issuers/876543", ["type"] = new JsonArray("Profile"), ["name"] = "Example Corp" },
            ["validFrom"] = "2020-01-01T00:00:00Z",
            ["name"] = "Transcript",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:learner",
                ["type"] = new JsonArray("ClrSubject"),
                ["verifiableCredential"] = new JsonArray(Credential("https://example.com/a/python", "Python"), Credential("https://example.com/a/data", "Data")),
                ["association"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Association",
                    ["associationType"] = "precedes",
                    ["sourceId"] = "https://example.com/a/python",
                    ["targetId"] = "https://example.com/a/data",
                }),
            },
        };
        return clr.ToJsonString();
    }

    [Fact]
    public void A_clr_bundle_yields_its_credentials_and_precedes_becomes_a_prerequisite()
    {
        var path = Path.Combine(_folder, "clr.json");
        File.WriteAllText(path, Clr());
        var verdict = ExternalFixtures.Verify(path, null);
        Assert.Equal("CLR2.0", verdict.Spec);
        // The only findings are that neither the bundle nor its two credentials carry a proof.
        Assert.Equal(Verdict.Warning, verdict.Verdict);
        Assert.Equal(3, verdict.Messages.Count);
        Assert.All(verdict.Messages, m => Assert.Contains("no proof", m, StringComparison.Ordinal));
        Assert.Equal(2, verdict.Credentials.Count);
        var data = verdict.Credentials.Single(c => c.Achievement!.Name == "Data");
        Assert.Equal(["https://example.com/a/python"], data.Achievement!.Prerequisites);
        Assert.Empty(verdict.Credentials.Single(c => c.Achievement!.Name == "Python").Achievement!.Prerequisites);
        var badge = OpenBadgesMapper.ToCatalogueBadge(data.Achievement, new BadgeId(data.Achievement.Id), _ => null);
        Assert.Equal("https://example.com/a/python", badge.Prerequisites.ToString());
    }
}

public sealed class HostedVerificationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ob-hosted-" + Guid.NewGuid().ToString("N"));

    public HostedVerificationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CredentialVerdict VerifyWithHostedCopy(Action<JsonObject> change)
    {
        var path = Path.Combine(ExternalFixtures.Inspector, "ob20/basic-assertion.json");
        var hosted = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(hosted);
        var copy = Path.Combine(_folder, "hosted.json");
        File.WriteAllText(copy, hosted.ToJsonString());
        var map = new Dictionary<string, string>(InspectorConformanceTests.Map.Value)
        {
            ["https://example.org/beths-robotics-badge.json"] = copy, // the assertion's own id
        };
        return ExternalFixtures.Verify(path, map);
    }

    [Fact]
    public void A_hosted_assertion_whose_hosted_copy_matches_is_verified()
    {
        var verdict = VerifyWithHostedCopy(_ => { });
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Equal(VerificationState.Verified, Assert.Single(verdict.Credentials).State);
    }

    [Fact]
    public void A_hosted_assertion_whose_hosted_copy_differs_is_invalid()
    {
        var verdict = VerifyWithHostedCopy(h => h["issuedOn"] = "2017-01-01T00:00:00Z");
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("differs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hosted_assertion_marked_revoked_is_revoked()
    {
        var verdict = VerifyWithHostedCopy(h => { h["revoked"] = true; h["revocationReason"] = "issued in error"; });
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Equal(VerificationState.Revoked, Assert.Single(verdict.Credentials).State);
        Assert.Contains(verdict.Messages, m => m.Contains("issued in error", StringComparison.Ordinal));
    }
}
