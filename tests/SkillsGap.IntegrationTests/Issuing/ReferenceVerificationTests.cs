using System.Text;
using System.Text.Json.Nodes;
using SkillsGap.App.Imports;
using SkillsGap.App.Issuing;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.Ingestion.OpenBadges;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Issuing;

/// <summary>
/// Every kind of credential SkillsGap issues, checked by the independent reference verifier (Digital Bazaar vc 7.3.0,
/// eddsa-rdfc-2022, Bitstring Status List, Node.js, offline) and by SkillsGap's own verifier: the valid ones verify; a
/// tampered copy, a revoked one, a superseded one and an expired one do not — and both verifiers agree on each.
/// </summary>
public sealed class ReferenceVerificationTests
{
    private sealed record Case(string Name, string Json, bool Valid, string? ReferenceError);

    [ReferenceVerifierFact]
    public async Task Every_kind_of_credential_verifies_or_fails_with_the_reference_verifier_as_it_should()
    {
        await using var world = await IssuingWorld.CreateAsync(DatabaseProvider.Sqlite);
        var host = world.Host();
        var issued = await host.IssueAsync(new IssueRequest(All: true));
        string Id(string employee, string badge) => issued.Results.Single(r => r.Employee == employee && r.Badge == badge).Credential!;
        var revoked = await host.RevokeAsync(Id("E1", "XL-PIV"), "Assessment found to be incomplete");
        await using (var db = world.Database.NewContext())
            await world.ImportAsync(ImportKind.Awards, "awards2.csv", world.AwardsCsv("https://evidence.harbourline.example/E1/SQL-201/v2"));
        var reissued = (await host.IssueAsync(new IssueRequest(new EmployeeId("E1"), new BadgeId("SQL-201")))).Results.Single();
        Assert.Equal(IssueStatus.Reissued, reissued.Status);

        async Task<string> Json(string id) => (await host.CredentialAsync(id)).Json;
        var plain = await Json(Id("E1", "SQL-101"));
        var tampered = JsonNode.Parse(plain)!;
        tampered["credentialSubject"]!["achievement"]!["name"] = "Advanced SQL";
        var (png, svg) = await host.BakedAsync(Id("E1", "XL-ADV"));
        Case[] cases =
        [
            new("plain", plain, true, null),
            new("reissued", await Json(reissued.Credential!), true, null),
            new("expiring", await Json(Id("E1", "SEC-201")), true, null),
            new("stack", await Json(Id("E1", "XL-ADV")), true, null),
            new("stack-child", await Json(Id("E1", "XL-FMT")), true, null),
            new("unbaked-png", BakedBadge.FromPng(png).Text!, true, null),
            new("unbaked-svg", BakedBadge.FromSvg(Encoding.UTF8.GetBytes(svg)).Text!, true, null),
            new("tampered", tampered.ToJsonString(), false, "Invalid signature"),
            new("revoked", await Json(Id("E1", "XL-PIV")), false, $"bit set for purpose(s) revocation@{revoked.StatusIndex}"),
            new("superseded", await Json(Id("E1", "SQL-201")), false, "bit set for purpose(s) revocation@"),
            new("expired", await Json(Id("E2", "SEC-201")), false, "is after \"validUntil\""),
        ];
        var map = await host.StatusListFilesAsync(world.Folder);
        var files = new List<string>();
        foreach (var c in cases)
        {
            files.Add(Path.Combine(world.Folder, c.Name + ".json"));
            await File.WriteAllTextAsync(files[^1], c.Json);
        }
        // The status lists are signed credentials of the same issuer, and verify on their own.
        files.AddRange(map.Values);

        var verdicts = await ReferenceVerifier.VerifyAsync(files, map);

        for (var i = 0; i < cases.Length; i++)
        {
            var (c, verdict) = (cases[i], verdicts[i]);
            Assert.True(c.Valid == verdict.Verified, $"{c.Name}: expected {(c.Valid ? "verified" : "not verified")}, got {verdict}");
            if (c.ReferenceError is { } expected) Assert.Contains(verdict.Errors, e => e.Contains(expected, StringComparison.Ordinal));
            var ours = new OpenBadgesVerifier(new VerifierOptions(map, DateTimeOffset.UtcNow)).Verify(c.Name, new MemoryStream(Encoding.UTF8.GetBytes(c.Json)));
            Assert.True(c.Valid == (ours.Verdict == Verdict.Valid), $"{c.Name}: SkillsGap's verifier said {ours.Verdict}: {string.Join(" | ", ours.Messages)}");
        }
        Assert.All(verdicts.Skip(cases.Length), v => Assert.True(v.Verified, v.ToString()));
    }

    [ReferenceVerifierFact]
    public async Task After_a_key_rotation_both_keys_credentials_verify_and_an_old_one_revoked_fails_on_its_own_keys_list()
    {
        await using var world = await IssuingWorld.CreateAsync(DatabaseProvider.Sqlite);
        var host = world.Host();
        var old = await host.IssueAsync(new IssueRequest(new EmployeeId("E2")));
        await using (var db = world.Database.NewContext()) await host.Keys.RotateAsync(db, DateTimeOffset.UtcNow);
        var fresh = await host.IssueAsync(new IssueRequest(new EmployeeId("E1")));
        Assert.NotEqual(old.IssuerId, fresh.IssuerId);
        var oldSql = old.Results.Single(r => r.Badge == "SQL-101").Credential!;
        await host.RevokeAsync(oldSql, "test of a rotated key's list");

        var files = new List<string>();
        foreach (var (name, id) in new[] { ("old-revoked", oldSql), ("new", fresh.Results.Single(r => r.Badge == "SQL-101").Credential!) })
        {
            files.Add(Path.Combine(world.Folder, name + ".json"));
            await File.WriteAllTextAsync(files[^1], (await host.CredentialAsync(id)).Json);
        }
        var verdicts = await ReferenceVerifier.VerifyAsync(files, await host.StatusListFilesAsync(world.Folder));

        // The old key's list names the old key as issuer, as the verifier requires of a credential's status list.
        Assert.False(verdicts[0].Verified);
        Assert.Contains(verdicts[0].Errors, e => e.Contains("bit set for purpose(s) revocation@", StringComparison.Ordinal));
        Assert.DoesNotContain(verdicts[0].Errors, e => e.Contains("do not match", StringComparison.Ordinal));
        Assert.True(verdicts[1].Verified, verdicts[1].ToString());
    }
}
