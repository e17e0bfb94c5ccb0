using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Imports;
using SkillsGap.App.Issuing;
using SkillsGap.App.OpenBadges;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.Ingestion.OpenBadges;
using SkillsGap.Ingestion.OpenBadges.Issuing;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Issuing;

/// <summary>Issuing and revoking the organisation's own credentials, on each provider.</summary>
public sealed class IssuingTests
{
    private static CredentialVerdict Verify(string json, IReadOnlyDictionary<string, string>? map = null)
    {
        var verifier = new OpenBadgesVerifier(new VerifierOptions(map, DateTimeOffset.UtcNow));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return verifier.Verify("credential.json", stream);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Every_award_of_the_organisations_own_badges_gets_one_credential_and_no_other_does(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var outcome = await world.Host().IssueAsync(new IssueRequest(All: true));

        // Ana: SQL-101 (issuer empty = ours), SQL-201, SEC-201, XL-PIV, XL-FMT, XL-ADV — not DAMA's GOV-301.
        // Ben: SEC-201 (expired, still a true record), SQL-101. Cy: SQL-101, skipped (no e-mail address).
        Assert.Equal(
            [("E1", "SEC-201"), ("E1", "SQL-101"), ("E1", "SQL-201"), ("E1", "XL-ADV"), ("E1", "XL-FMT"), ("E1", "XL-PIV"), ("E2", "SEC-201"), ("E2", "SQL-101"), ("E3", "SQL-101")],
            outcome.Results.Select(r => (r.Employee, r.Badge)).Order());
        Assert.Equal(8, outcome.Results.Count(r => r.Status == IssueStatus.Issued && r.Credential!.StartsWith("urn:uuid:", StringComparison.Ordinal)));
        var skipped = Assert.Single(outcome.Results, r => r.Status == IssueStatus.Skipped);
        Assert.Equal("E3", skipped.Employee);
        Assert.Contains("no e-mail address", skipped.Reason, StringComparison.Ordinal);
        Assert.StartsWith("did:key:z6Mk", outcome.IssuerId, StringComparison.Ordinal);

        await using var db = world.Database.NewContext();
        Assert.Equal(8, await db.IssuedCredentials.CountAsync());
        Assert.Equal(1, await db.IssuerKeys.CountAsync());
        // Each credential verifies with SkillsGap's verifier and states its award.
        var map = await world.Host().StatusListFilesAsync(world.Folder);
        foreach (var row in await db.IssuedCredentials.ToListAsync())
        {
            var verdict = Verify(row.Document, map);
            var parsed = Assert.Single(verdict.Credentials);
            Assert.Equal(VerificationState.Verified, parsed.State);
            Assert.Equal(row.CredentialId, parsed.CredentialId);
            Assert.Equal(row.IssuedOn, DateOnly.FromDateTime(parsed.IssuedAt!.Value.UtcDateTime));
            Assert.Equal(IssuingWorld.Base + "/ob/achievements/" + row.BadgeId, parsed.Achievement!.Id);
            Assert.Equal(row.EmployeeId == "E2" && row.BadgeId == "SEC-201" ? Verdict.Invalid : Verdict.Valid, verdict.Verdict);
        }
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Issuing_again_returns_the_same_credentials_and_a_changed_award_gets_a_new_one_that_supersedes_the_old(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var host = world.Host();
        var first = await host.IssueAsync(new IssueRequest(All: true));
        var again = await host.IssueAsync(new IssueRequest(All: true));
        Assert.All(again.Results.Where(r => r.Credential is not null), r => Assert.Equal(IssueStatus.Unchanged, r.Status));
        Assert.Equal(first.Results.Select(r => r.Credential), again.Results.Select(r => r.Credential));

        // The evidence of Ana's SQL-201 changes in the HR file.
        await using (var db = world.Database.NewContext())
            await world.ImportAsync(ImportKind.Awards, "awards2.csv", world.AwardsCsv("https://evidence.harbourline.example/E1/SQL-201/v2"));
        var before = first.Results.Single(r => r is { Employee: "E1", Badge: "SQL-201" }).Credential!;
        var after = await host.IssueAsync(new IssueRequest(new EmployeeId("E1")));

        var reissued = Assert.Single(after.Results, r => r.Status == IssueStatus.Reissued);
        Assert.Equal("SQL-201", reissued.Badge);
        Assert.NotEqual(before, reissued.Credential);
        Assert.All(after.Results.Where(r => r.Badge != "SQL-201"), r => Assert.Equal(IssueStatus.Unchanged, r.Status));
        var old = await host.CredentialAsync(before);
        Assert.True(old.Superseded);
        Assert.NotNull(old.RevokedAt);
        Assert.Equal($"superseded by {reissued.Credential}: the award changed", old.RevocationReason);
        // The old one now fails on its status bit; the new one states the new evidence and verifies.
        var map = await host.StatusListFilesAsync(world.Folder);
        Assert.Equal(VerificationState.Revoked, Assert.Single(Verify(old.Json, map).Credentials).State);
        var current = Verify((await host.CredentialAsync(reissued.Credential!)).Json, map);
        Assert.Equal(Verdict.Valid, current.Verdict);
        Assert.Equal("https://evidence.harbourline.example/E1/SQL-201/v2", Assert.Single(current.Credentials).EvidenceUrl);
        await using var check = world.Database.NewContext();
        Assert.Equal(1, await check.IssuedCredentials.CountAsync(c => c.EmployeeId == "E1" && c.BadgeId == "SQL-201" && c.SupersededAt == null));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_stack_credential_names_its_childrens_credentials_and_issuing_the_stack_issues_them_first(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var outcome = await world.Host().IssueAsync(new IssueRequest(new EmployeeId("E1"), new BadgeId("XL-ADV")));

        Assert.Equal(["XL-ADV", "XL-FMT", "XL-PIV"], outcome.Results.Select(r => r.Badge));
        Assert.All(outcome.Results, r => Assert.Equal(IssueStatus.Issued, r.Status));
        var stack = JsonNode.Parse((await world.Host().CredentialAsync(outcome.Results[0].Credential!)).Json)!;
        var evidence = stack["evidence"]!.AsArray();
        Assert.Equal("https://evidence.harbourline.example/E1/XL-ADV", (string?)evidence[0]!["id"]);
        Assert.Equal([outcome.Results[1].Credential, outcome.Results[2].Credential], evidence.Skip(1).Select(e => (string?)e!["id"]));
        Assert.Equal(["Advanced Excel: Data Formatting (XL-FMT)", "Advanced Excel: Pivot Tables (XL-PIV)"], evidence.Skip(1).Select(e => (string?)e!["name"]));
        Assert.Equal($"Earned on {world.Day(-60)}.", (string?)evidence[1]!["narrative"]);
        var achievement = stack["credentialSubject"]!["achievement"]!;
        Assert.Equal("MicroCredential", (string?)achievement["achievementType"]);
        Assert.StartsWith("A stackable credential: it is earned by holding Advanced Excel: Data Formatting (XL-FMT) and Advanced Excel: Pivot Tables (XL-PIV).",
            (string?)achievement["description"], StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Another_issuers_badge_is_refused_and_a_partners_imported_credential_is_never_issued_as_ours(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => world.Host().IssueAsync(new IssueRequest(new EmployeeId("E1"), new BadgeId("GOV-301"))));
        Assert.Contains("DAMA International, not by Harbourline Academy", rejected.Message, StringComparison.Ordinal);

        // A partner signs a credential for Ben with a badge whose issuer has the very same name as ours; it is imported.
        var partner = IssuerSigningKey.Generate();
        var claim = new CredentialClaim("urn:uuid:0b0b0b0b-0000-4000-8000-00000000beef",
            new IssuerProfile(partner.Did, IssuingWorld.Issuer),
            new AchievementDefinition("https://partner.example.org/achievements/SQL-201", "SQL-201", "Intermediate SQL", "SQL.", "Complete it.", "Badge",
                [new AchievementSkill("SQL", "SQL querying", 3, "practitioner", "https://partner.example.org/skills/SQL")]),
            "ben@harbourline.example", "00ff", new DateTimeOffset(world.Today.AddDays(-5).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, [], null);
        var file = Path.Combine(world.Folder, "partner.json");
        await File.WriteAllTextAsync(file, OpenBadgeCredentials.Issue(claim, partner, DateTimeOffset.UtcNow));
        await world.ImportAsync(ImportKind.OpenBadges, "partner.json", await File.ReadAllTextAsync(file));

        var outcome = await world.Host().IssueAsync(new IssueRequest(All: true));
        var imported = Assert.Single(outcome.Results, r => r.Badge == "https://partner.example.org/achievements/SQL-201");
        Assert.Equal(IssueStatus.Skipped, imported.Status);
        Assert.Null(imported.Credential);
        Assert.Contains("imported with a credential of its own (urn:uuid:0b0b0b0b-0000-4000-8000-00000000beef)", imported.Reason, StringComparison.Ordinal);
        await using var check = world.Database.NewContext();
        Assert.False(await check.IssuedCredentials.AnyAsync(c => c.BadgeId.StartsWith("https://")));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Revoking_sets_the_bit_marks_the_award_revoked_moves_the_data_version_and_the_figures_stop_counting_it(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var host = world.Host();
        var issued = await host.IssueAsync(new IssueRequest(All: true));
        var bensSql = issued.Results.Single(r => r is { Employee: "E2", Badge: "SQL-101" }).Credential!;
        string stamp;
        await using (var db = world.Database.NewContext()) stamp = await DataVersion.ReadAsync(db);
        var sqlBefore = await AttainedAsync(world, "E2", "SQL");

        var outcome = await host.RevokeAsync(bensSql["urn:uuid:".Length..].ToUpperInvariant(), "  Awarded to the wrong person  ");

        Assert.Equal(bensSql, outcome.CredentialId);
        Assert.False(outcome.AlreadyRevoked);
        Assert.Equal("Awarded to the wrong person", outcome.Reason);
        await using (var db = world.Database.NewContext())
        {
            Assert.Equal((int)VerificationState.Revoked, (await db.Awards.SingleAsync(a => a.EmployeeId == "E2" && a.BadgeId == "SQL-101")).State);
            Assert.NotEqual(stamp, await DataVersion.ReadAsync(db));
        }
        // SQL-101 was Ben's only SQL: attained 2 before, 0 after.
        Assert.Equal((2, 0), (sqlBefore, await AttainedAsync(world, "E2", "SQL")));
        var map = await host.StatusListFilesAsync(world.Folder);
        var verdict = Verify((await host.CredentialAsync(bensSql)).Json, map);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains($"bit {outcome.StatusIndex} of status list {IssuingWorld.Base}/ob/status/{outcome.StatusList} is set", StringComparison.Ordinal));
        // The other credentials of the same list still verify.
        Assert.Equal(Verdict.Valid, Verify((await host.CredentialAsync(issued.Results.Single(r => r is { Employee: "E1", Badge: "SQL-101" }).Credential!)).Json, map).Verdict);

        // HR uploads the whole awards file again: the revoked award stays revoked and still does not count.
        await using (var db = world.Database.NewContext())
        {
            await world.ImportAsync(ImportKind.Awards, "awards-again.csv", world.AwardsCsv());
            Assert.Equal((int)VerificationState.Revoked, (await db.Awards.SingleAsync(a => a.EmployeeId == "E2" && a.BadgeId == "SQL-101")).State);
            Assert.Equal(1, await db.Awards.CountAsync(a => a.State == (int)VerificationState.Revoked));
        }
        Assert.Equal(0, await AttainedAsync(world, "E2", "SQL"));

        // Revoking again changes nothing; issuing again does not bring it back.
        var twice = await host.RevokeAsync(bensSql, "another reason");
        Assert.True(twice.AlreadyRevoked);
        Assert.Equal("Awarded to the wrong person", twice.Reason);
        var reissue = await host.IssueAsync(new IssueRequest(new EmployeeId("E2")));
        Assert.Equal(IssueStatus.Revoked, reissue.Results.Single(r => r.Badge == "SQL-101").Status);
        await Assert.ThrowsAsync<NotFoundException>(() => host.RevokeAsync("urn:uuid:00000000-0000-4000-8000-000000000000", "x"));
        await Assert.ThrowsAsync<InputRejectedException>(() => host.RevokeAsync(bensSql, " "));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Two_hosts_issuing_everything_at_once_create_one_key_and_one_credential_per_award(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var hosts = Enumerable.Range(0, 3).Select(_ => world.Host()).ToList();

        var outcomes = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.IssueAsync(new IssueRequest(All: true)))));

        Assert.Single(outcomes.Select(o => o.IssuerId).Distinct());
        for (var i = 1; i < outcomes.Length; i++) Assert.Equal(outcomes[0].Results.Select(r => r.Credential), outcomes[i].Results.Select(r => r.Credential));
        // Each award was signed by exactly one host.
        Assert.Equal(8, outcomes.SelectMany(o => o.Results).Count(r => r.New));
        await using var db = world.Database.NewContext();
        Assert.Equal(1, await db.IssuerKeys.CountAsync());
        Assert.Equal(8, await db.IssuedCredentials.CountAsync());
        Assert.Equal(8, await db.IssuedCredentials.Select(c => new { c.StatusListId, c.StatusIndex }).Distinct().CountAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Concurrent_reservations_never_hand_out_one_status_index_twice(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var options = IssuingWorld.Options();
        int keyId;
        await using (var db = world.Database.NewContext()) (keyId, _) = await world.Host().Keys.CurrentAsync(db, DateTimeOffset.UtcNow);

        var slots = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var host = world.Host();
            var all = new List<StatusSlot>();
            await using var db = world.Database.NewContext();
            for (var i = 0; i < 5; i++) all.AddRange(await host.Lists.ReserveAsync(db, options, keyId, 7, DateTimeOffset.UtcNow));
            return all;
        })));

        var every = slots.SelectMany(s => s).ToList();
        Assert.Equal(6 * 5 * 7, every.Count);
        Assert.Equal(every.Count, every.Distinct().Count());
        await using var check = world.Database.NewContext();
        var list = await check.StatusLists.SingleAsync();
        Assert.Equal(210, list.Allocated);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_rotated_key_signs_new_credentials_while_the_old_ones_and_their_status_list_stay_with_the_old_key(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var host = world.Host();
        var first = await host.IssueAsync(new IssueRequest(new EmployeeId("E2")));
        IssuerKeyInfo rotated;
        await using (var db = world.Database.NewContext()) rotated = await host.Keys.RotateAsync(db, DateTimeOffset.UtcNow);
        Assert.Equal(2, rotated.Id);
        Assert.NotEqual(first.IssuerId, rotated.Did);

        var second = await world.Host().IssueAsync(new IssueRequest(new EmployeeId("E1")));
        Assert.Equal(rotated.Did, second.IssuerId);
        var oldCredential = first.Results.Single(r => r.Badge == "SQL-101").Credential!;
        await host.RevokeAsync(oldCredential, "test");

        var map = await host.StatusListFilesAsync(world.Folder);
        Assert.Equal(2, map.Count);
        // The revoked old credential's list is signed by the old key, the new credentials' list by the new one.
        var oldList = JsonNode.Parse(await File.ReadAllTextAsync(map[IssuingWorld.Base + "/ob/status/1"]))!;
        var newList = JsonNode.Parse(await File.ReadAllTextAsync(map[IssuingWorld.Base + "/ob/status/2"]))!;
        Assert.Equal(first.IssuerId, (string?)oldList["issuer"]);
        Assert.Equal(rotated.Did, (string?)newList["issuer"]);
        Assert.Equal(VerificationState.Revoked, Assert.Single(Verify((await host.CredentialAsync(oldCredential)).Json, map).Credentials).State);
        var signedByNewKey = Verify((await host.CredentialAsync(second.Results.Single(r => r.Badge == "SQL-101").Credential!)).Json, map);
        Assert.Equal(Verdict.Valid, signedByNewKey.Verdict);
        Assert.Contains(signedByNewKey.Messages, m => m.Contains("verified with " + rotated.Did, StringComparison.Ordinal));
        await using var check = world.Database.NewContext();
        var profile = await world.Host().Public(check).ProfileAsync();
        Assert.Equal(rotated.Did, (string?)profile["id"]);
        Assert.Equal(first.IssuerId, (string?)Assert.Single(profile["otherIdentifier"]!.AsArray())!["identifier"]);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task With_a_secret_the_private_key_is_stored_encrypted_and_a_host_without_it_cannot_sign(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        // A key first stored unencrypted is encrypted the first time a host with the secret uses it.
        var plain = await world.Host().IssueAsync(new IssueRequest(new EmployeeId("E2")));
        string plainForm;
        await using (var db = world.Database.NewContext()) plainForm = (await db.IssuerKeys.SingleAsync()).PrivateKey;
        Assert.StartsWith("plain:", plainForm, StringComparison.Ordinal);
        var secret = "correct horse battery staple";
        var withSecret = await world.Host(IssuingWorld.Options(secret)).IssueAsync(new IssueRequest(new EmployeeId("E1")));
        Assert.Equal(plain.IssuerId, withSecret.IssuerId);
        await using (var db = world.Database.NewContext())
        {
            var stored = (await db.IssuerKeys.SingleAsync()).PrivateKey;
            Assert.StartsWith("aes256gcm:v1:", stored, StringComparison.Ordinal);
            Assert.DoesNotContain(plainForm["plain:".Length..], stored, StringComparison.Ordinal);
        }

        var none = await Assert.ThrowsAsync<IssuerKeyUnavailableException>(() => world.Host().IssueAsync(new IssueRequest(new EmployeeId("E3"))));
        Assert.Contains("set Issuer:KeySecret", none.Message, StringComparison.Ordinal);
        var wrong = await Assert.ThrowsAsync<IssuerKeyUnavailableException>(() => world.Host(IssuingWorld.Options("a different secret, long enough")).IssueAsync(new IssueRequest(new EmployeeId("E3"))));
        Assert.Contains("does not decrypt", wrong.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Issuing_is_refused_until_the_issuer_is_configured(DatabaseProvider provider)
    {
        await using var world = await IssuingWorld.CreateAsync(provider);
        var missing = await Assert.ThrowsAsync<IssuerNotConfiguredException>(() => world.Host(new IssuerOptions()).IssueAsync(new IssueRequest(All: true)));
        Assert.Contains("Issuer:Name", missing.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<IssuerNotConfiguredException>(() =>
            world.Host(new IssuerOptions { Name = "X", PublicBaseUrl = "ftp://x", Email = "not an address" }).IssueAsync(new IssueRequest(All: true)));
        Assert.Contains("Issuer:PublicBaseUrl 'ftp://x' must be an absolute http(s) URL", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Issuer:Email 'not an address' is not an e-mail address", bad.Message, StringComparison.Ordinal);
        await using var db = world.Database.NewContext();
        Assert.False(await db.IssuerKeys.AnyAsync());
    }

    [Fact]
    public void Unusable_issuer_settings_fail_the_options_validation_with_every_reason_and_absent_ones_pass()
    {
        static IOptions<IssuerOptions> Resolve(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddIssuing();
            return services.BuildServiceProvider().GetRequiredService<IOptions<IssuerOptions>>();
        }

        Assert.False(Resolve([]).Value.IsConfigured);
        var failure = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new() { ["Issuer:Name"] = "Harbourline Academy", ["Issuer:Url"] = "www.harbourline.example", ["Issuer:KeySecret"] = "short" }).Value);
        Assert.Equal(
        [
            "Issuer:PublicBaseUrl is required to issue credentials (where the host is reached, e.g. https://skills.example.com).",
            "Issuer:Url 'www.harbourline.example' must be an absolute http(s) URL.",
            "Issuer:KeySecret must have at least 16 characters.",
        ], failure.Failures);
        Assert.True(Resolve(new() { ["Issuer:Name"] = "H", ["Issuer:PublicBaseUrl"] = "https://h.example/skills/" }).Value is { IsConfigured: true, BaseUrl: "https://h.example/skills" });
    }

    private static async Task<int> AttainedAsync(IssuingWorld world, string employee, string skill)
    {
        var figures = new FiguresCache(world.Database.Factory(), Microsoft.Extensions.Options.Options.Create(new FiguresOptions()));
        var gaps = new SkillsGap.App.Gaps.GapsQuery(figures, world.Calendar, Microsoft.Extensions.Options.Options.Create(new FiguresOptions()));
        var document = (SkillsGap.Analytics.EmployeeGapsDocument)await gaps.RunAsync(new SkillsGap.App.Gaps.GapsRequest(SkillsGap.Analytics.GroupKind.Employee, employee, world.Today));
        return document.Employees[0].Requirements.Single(r => r.Skill == skill).Attained;
    }
}
