using System.IO.Compression;
using System.Text.Json.Nodes;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;
using SkillsGap.Ingestion.OpenBadges.Issuing;
using static SkillsGap.UnitTests.OpenBadges.Issuing.IssuingFixture;

namespace SkillsGap.UnitTests.OpenBadges.Issuing;

/// <summary>Credentials signed by the issuing code, checked by SkillsGap's own verifier (the reference verifier checks them in the integration tests).</summary>
public sealed class CredentialSigningTests
{
    [Fact]
    public void The_did_key_of_a_seed_is_the_one_an_independent_implementation_derives()
    {
        Assert.Equal(KeyMultibase, Key.PublicKeyMultibase);
        Assert.Equal("did:key:" + KeyMultibase, Key.Did);
        Assert.Equal($"did:key:{KeyMultibase}#{KeyMultibase}", Key.VerificationMethod);
        Assert.Equal(Key.Did, IssuerSigningKey.FromSeed(Key.ExportSeed()).Did);
    }

    [Theory]
    // The multibase specification's example, and leading zero bytes written as '1'.
    [InlineData("Decentralize everything!!", "zUXE7GvtEk8XTXs1GF8HSGbVA9FCX9SEBPe")]
    public void Base58btc_encodes_as_the_multibase_specification_shows(string text, string expected) =>
        Assert.Equal(expected, Multikey.Base58Btc(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Base58btc_writes_leading_zero_bytes_as_ones() =>
        Assert.Equal("z112VfYr", Multikey.Base58Btc([0, 0, 1, 2, 3, 255]));

    [Fact]
    public void A_signed_credential_verifies_and_reads_back_what_it_claims()
    {
        var json = OpenBadgeCredentials.Issue(Claim(), Key, Now);
        var verdict = Verify("sql-201.json", json);

        Assert.Equal(Verdict.Valid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("eddsa-rdfc-2022 signature verified with " + Key.VerificationMethod, StringComparison.Ordinal));
        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal(VerificationState.Verified, credential.State);
        Assert.Equal("urn:uuid:6f1c2b8e-63a4-4b0e-9d56-2f7d3c1e9a10", credential.CredentialId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), credential.IssuedAt);
        Assert.Null(credential.ExpiresAt);
        Assert.Equal("https://evidence.example.com/ana/sql-201", credential.EvidenceUrl);
        // The e-mail is only in the document as a salted hash: the lower-cased address matches, another does not.
        Assert.DoesNotContain("ortiz", json, StringComparison.OrdinalIgnoreCase);
        Assert.True(credential.Recipient!.Hashed);
        Assert.True(credential.Recipient.Matches("ana.ortiz@example.com"));
        Assert.False(credential.Recipient.Matches("ana.ortiz@example.org"));
        Assert.Equal(Sql201.Id, credential.Achievement!.Id);
        Assert.Equal("Harbourline Academy", credential.Achievement.IssuerName);
    }

    [Fact]
    public void The_contexts_come_first_vc_then_open_badges_and_the_issuer_is_the_signing_keys_did()
    {
        var vc = JsonNode.Parse(OpenBadgeCredentials.Issue(Claim(), Key, Now))!;
        Assert.Equal("https://www.w3.org/ns/credentials/v2", (string?)vc["@context"]![0]);
        Assert.Equal("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", (string?)vc["@context"]![1]);
        Assert.Equal(Key.Did, (string?)vc["issuer"]!["id"]);
        Assert.Equal("2026-03-01T00:00:00Z", (string?)vc["validFrom"]);
        Assert.Equal("DataIntegrityProof", (string?)vc["proof"]!["type"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)vc["proof"]!["cryptosuite"]);
        Assert.Equal("2026-11-28T12:00:00Z", (string?)vc["proof"]!["created"]);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("validFrom")]
    [InlineData("level")]
    [InlineData("identityHash")]
    public void A_copy_changed_after_signing_does_not_verify(string what)
    {
        var vc = JsonNode.Parse(OpenBadgeCredentials.Issue(Claim(), Key, Now))!;
        var achievement = vc["credentialSubject"]!["achievement"]!;
        switch (what)
        {
            case "name": achievement["name"] = "Advanced SQL"; break;
            case "validFrom": vc["validFrom"] = "2025-03-01T00:00:00Z"; break;
            case "level": achievement["resultDescription"]![0]!["rubricCriterionLevel"]![0]!["level"] = "5"; break;
            default: vc["credentialSubject"]!["identifier"]![0]!["identityHash"] = "sha256$" + new string('0', 64); break;
        }
        var verdict = Verify("changed.json", vc.ToJsonString());
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("proof is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expiring_credential_is_valid_until_its_expiry_and_invalid_after()
    {
        var json = OpenBadgeCredentials.Issue(Claim(validUntil: new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)), Key, Now);
        Assert.Equal(Verdict.Valid, Verify("expiring.json", json, Now).Verdict);
        var after = Verify("expiring.json", json, new DateTimeOffset(2027, 3, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.Equal(Verdict.Invalid, after.Verdict);
        Assert.Contains(after.Messages, m => m.Contains("expired on 2027-03-01", StringComparison.Ordinal));
    }

    [Fact]
    public void A_set_status_bit_revokes_and_a_clear_one_does_not()
    {
        const string listUrl = Base + "/ob/status/1";
        var json = OpenBadgeCredentials.Issue(Claim(status: new StatusListEntry(listUrl, 4242)), Key, Now);
        var folder = Directory.CreateTempSubdirectory("skillsgap-status-");
        try
        {
            var clear = Path.Combine(folder.FullName, "clear.json");
            var revoked = Path.Combine(folder.FullName, "revoked.json");
            File.WriteAllText(clear, BitstringStatusLists.Issue(listUrl, Key, BitstringStatusLists.Bits(BitstringStatusLists.DefaultSize, [4241, 4243]), Now));
            File.WriteAllText(revoked, BitstringStatusLists.Issue(listUrl, Key, BitstringStatusLists.Bits(BitstringStatusLists.DefaultSize, [4242]), Now));

            var valid = Verify("c.json", json, urlMap: new Dictionary<string, string> { [listUrl] = clear });
            Assert.Equal(Verdict.Valid, valid.Verdict);
            Assert.Contains(valid.Messages, m => m.Contains("bit 4242 (revocation) is not set", StringComparison.Ordinal));

            var invalid = Verify("c.json", json, urlMap: new Dictionary<string, string> { [listUrl] = revoked });
            Assert.Equal(Verdict.Invalid, invalid.Verdict);
            Assert.Equal(VerificationState.Revoked, Assert.Single(invalid.Credentials).State);

            // The list is itself a signed credential of the same issuer.
            var list = Verify("list.json", File.ReadAllText(revoked));
            Assert.Equal(Verdict.Valid, list.Verdict);
            Assert.Contains(list.Messages, m => m.Contains("signature verified with " + Key.VerificationMethod, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_status_list_whose_proof_does_not_hold_leaves_the_status_unknown_and_another_issuers_list_is_noted()
    {
        const string listUrl = Base + "/ob/status/1";
        var json = OpenBadgeCredentials.Issue(Claim(status: new StatusListEntry(listUrl, 4242)), Key, Now);
        var folder = Directory.CreateTempSubdirectory("skillsgap-status-");
        try
        {
            // A list signed by another key is read (issuers do publish lists under a separate key) and the difference noted.
            var other = IssuerSigningKey.FromSeed([.. Enumerable.Range(100, 32).Select(i => (byte)i)]);
            var separate = Path.Combine(folder.FullName, "separate.json");
            File.WriteAllText(separate, BitstringStatusLists.Issue(listUrl, other, BitstringStatusLists.Bits(BitstringStatusLists.DefaultSize, [4242]), Now));
            var bySeparateKey = Verify("c.json", json, urlMap: new Dictionary<string, string> { [listUrl] = separate });
            Assert.Equal(VerificationState.Revoked, Assert.Single(bySeparateKey.Credentials).State);
            Assert.Contains(bySeparateKey.Messages, m => m.Contains($"is issued by {other.Did}, not by the credential's issuer {Key.Did}", StringComparison.Ordinal));

            // The issuer's own list with its revoked bit cleared after signing: the proof no longer holds.
            var signed = System.Text.Json.Nodes.JsonNode.Parse(BitstringStatusLists.Issue(listUrl, Key, BitstringStatusLists.Bits(BitstringStatusLists.DefaultSize, [4242]), Now))!;
            signed["credentialSubject"]!["encodedList"] = System.Text.Json.Nodes.JsonNode.Parse(BitstringStatusLists.Issue(listUrl, Key,
                BitstringStatusLists.Bits(BitstringStatusLists.DefaultSize, []), Now))!["credentialSubject"]!["encodedList"]!.GetValue<string>();
            var tampered = Path.Combine(folder.FullName, "tampered.json");
            File.WriteAllText(tampered, signed.ToJsonString());
            var cleared = Verify("c.json", json, urlMap: new Dictionary<string, string> { [listUrl] = tampered });
            Assert.Equal(VerificationState.Unverified, Assert.Single(cleared.Credentials).State);
            Assert.Contains(cleared.Messages, m => m.Contains("has an invalid proof", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_encoded_list_is_gzip_of_the_bits_most_significant_bit_first()
    {
        // Bits 0 and 9 of 16: 1000 0000 0100 0000.
        var bits = BitstringStatusLists.Bits(16, [0, 9]);
        Assert.Equal(new byte[] { 0x80, 0x40 }, bits);
        var encoded = BitstringStatusLists.Encode(bits);
        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        var compressed = Convert.FromBase64String(encoded[1..].Replace('-', '+').Replace('_', '/').PadRight((encoded.Length - 1 + 3) / 4 * 4, '='));
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        Assert.Equal(bits, plain.ToArray());
    }

    [Theory]
    [InlineData(131_072)]
    [InlineData(1_000)]
    public void Status_indexes_are_a_permutation_of_the_list_in_an_order_that_hides_the_sequence(int size)
    {
        var indexes = Enumerable.Range(0, size).Select(i => BitstringStatusLists.IndexOf(i, size, 0x5EED)).ToArray();
        Assert.All(indexes, i => Assert.InRange(i, 0, size - 1));
        Assert.Equal(size, indexes.Distinct().Count());
        // Not the identity, and consecutive credentials land far apart on average.
        Assert.True(indexes.Take(100).Count(i => i < 100) < 10);
        Assert.True(indexes.Zip(indexes.Skip(1)).Average(p => Math.Abs(p.First - p.Second)) > size / 5.0);
        // Another list's key gives another order.
        Assert.NotEqual(indexes.Take(20), Enumerable.Range(0, 20).Select(i => BitstringStatusLists.IndexOf(i, size, 0x5EEE)));
    }

    [Fact]
    public void Issued_skills_and_levels_come_back_exactly_through_the_open_badges_importer()
    {
        var parsed = Assert.Single(Verify("sql-201.json", OpenBadgeCredentials.Issue(Claim(), Key, Now)).Credentials);
        var skills = new SkillResolver([new Skill(new SkillCode("SQL"), "SQL querying"), new Skill(new SkillCode("DATA-MODEL"), "Data modelling")]);
        var badge = OpenBadgesMapper.ToCatalogueBadge(parsed.Achievement!, new BadgeId(parsed.Achievement!.Id), skills.Resolve);

        Assert.False(badge.NeedsReview);
        Assert.Equal([("DATA-MODEL", 2), ("SQL", 3)], badge.Skills.Select(s => (s.Skill.Value, s.Level.Value)));
        Assert.Equal("Harbourline Academy", badge.Issuer);
    }

    [Fact]
    public void Evidence_without_a_url_is_kept_as_a_narrative_and_a_childs_credential_as_an_id()
    {
        var json = OpenBadgeCredentials.Issue(Claim(evidence:
        [
            new CredentialEvidence(null, "Evidence for Intermediate SQL", "Assessed by the team lead"),
            new CredentialEvidence("urn:uuid:00000000-0000-4000-8000-000000000001", "SQL Foundations (SQL-101)", "Earned on 2025-01-10.", "Credential"),
        ]), Key, Now);
        Assert.Equal(Verdict.Valid, Verify("evidence.json", json).Verdict);
        var evidence = JsonNode.Parse(json)!["evidence"]!.AsArray();
        Assert.Equal("Assessed by the team lead", (string?)evidence[0]!["narrative"]);
        Assert.Null(evidence[0]!["id"]);
        Assert.Equal("urn:uuid:00000000-0000-4000-8000-000000000001", (string?)evidence[1]!["id"]);
        Assert.Equal("Credential", (string?)evidence[1]!["genre"]);
    }

    [Fact]
    public void The_published_achievement_and_profile_name_the_issuer_and_every_key()
    {
        var achievement = OpenBadgeCredentials.AchievementDocument(Sql201, Issuer);
        Assert.Equal(Sql201.Id, (string?)achievement["id"]);
        Assert.Equal(Key.Did, (string?)achievement["creator"]!["id"]);
        Assert.Equal(2, achievement["alignment"]!.AsArray().Count);

        var profile = OpenBadgeCredentials.ProfileDocument(Issuer, ["did:key:z6MkOld", Key.Did]);
        Assert.Equal(Key.Did, (string?)profile["id"]);
        Assert.Equal("https://academy.example.com", (string?)profile["url"]);
        Assert.Equal("did:key:z6MkOld", (string?)Assert.Single(profile["otherIdentifier"]!.AsArray())!["identifier"]);
    }
}
