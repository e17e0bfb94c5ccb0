using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

public sealed class OpenBadgesMapperTests
{
    private static readonly Skill[] Taxonomy =
    [
        new(new SkillCode("PY"), "Python", Aliases: ["Python programming"]),
        new(new SkillCode("REQ"), "Requirements Analysis"),
        new(new SkillCode("https://example.org/skills/sql"), "SQL"),
    ];

    [Fact]
    public void Salted_sha256_and_md5_identities_match_the_right_email_only()
    {
        // Expected digests of "alice@example.com" + "pepper", computed independently with Python hashlib.
        var sha = new RecipientIdentity("email", "sha256$a4e5a8a1e1713029af7a49d4a332a41e9d24dd6a8a96536a5938f8e0eb673546", true, "pepper");
        var md5 = new RecipientIdentity("email", "md5$e966683f6f7cc10ebcfd26423ebb2753", true, "pepper");
        Assert.Equal("alice@example.com", RecipientHashing.FindEmail(sha, ["bob@example.com", "alice@example.com"]));
        Assert.Equal("Alice@Example.com", RecipientHashing.FindEmail(md5, ["bob@example.com", "Alice@Example.com"]));
        Assert.Null(RecipientHashing.FindEmail(sha, ["bob@example.com"]));
        Assert.False(new RecipientIdentity("email", sha.Identity, true, "salt").Matches("alice@example.com"));
        Assert.True(new RecipientIdentity("email", "Alice@example.com", false, null).Matches("alice@EXAMPLE.com"));
    }

    [Fact]
    public void The_skill_resolver_tries_target_code_then_name_and_alias_then_target_url()
    {
        var resolver = new SkillResolver(Taxonomy);
        Assert.Equal(new SkillCode("PY"), resolver.Resolve(new AlignmentTarget("PY", "Something else", null)));
        Assert.Equal(new SkillCode("PY"), resolver.Resolve(new AlignmentTarget("unknown", "python programming", null)));
        Assert.Equal(new SkillCode("https://example.org/skills/sql"), resolver.Resolve(new AlignmentTarget(null, "Structured queries", "https://example.org/skills/sql")));
        Assert.Null(resolver.Resolve(new AlignmentTarget("X", "Y", "https://example.org/z")));
    }

    [Fact]
    public void Numbered_rubric_levels_give_the_badge_and_skill_levels()
    {
        var achievement = new ParsedAchievement("https://example.org/a/py", "Python II", null, "Example U", null,
            [new AlignmentTarget("PY", "Python", null)],
            [
                new AchievementLevel("urn:l2", "Working", 2, [new AlignmentTarget(null, "Requirements Analysis", null)]),
                new AchievementLevel("urn:l4", "Level 4", 4, []),
            ],
            ["https://example.org/a/py1"]);
        var badge = OpenBadgesMapper.ToCatalogueBadge(achievement, new BadgeId("PY-2"), new SkillResolver(Taxonomy).Resolve, hours: 12);
        // The badge attests its own alignments at its highest stated level (4) and a level's alignments at that level (2).
        Assert.Equal([new BadgeSkill(new SkillCode("PY"), new ProficiencyLevel(4)), new BadgeSkill(new SkillCode("REQ"), new ProficiencyLevel(2))], badge.Skills);
        Assert.False(badge.NeedsReview);
        Assert.Equal("Example U", badge.Issuer);
        Assert.Equal(12m, badge.Hours);
        Assert.Equal("https://example.org/a/py1", badge.Prerequisites.ToString());
    }

    [Fact]
    public void Without_numbered_levels_a_badge_gets_level_1_and_needs_review()
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, "ob30/complete.json"), InspectorConformanceTests.Map.Value);
        var credential = Assert.Single(verdict.Credentials);
        var achievement = credential.Achievement!;
        // complete.json's rubric levels are "Mastered" and "Basic": no number, so nothing is inferred from their order.
        Assert.Equal(2, achievement.Levels.Count);
        Assert.All(achievement.Levels, l => Assert.Null(l.Level));
        var skills = new Skill[] { new(new SkillCode("degree"), "Degree"), new(new SkillCode("project"), "Project") };
        var badge = OpenBadgesMapper.ToCatalogueBadge(achievement, new BadgeId(achievement.Id), new SkillResolver(skills).Resolve);
        Assert.True(badge.NeedsReview);
        Assert.All(badge.Skills, s => Assert.Equal(1, s.Level.Value));
        Assert.Contains(badge.Skills, s => s.Skill.Value == "degree");
        Assert.Equal("1EdTech University", badge.Issuer);
        Assert.Equal("urn:uuid:d05a0867-d0ad-4b03-bdb5-28fb5d2aab7a", credential.AchievedLevel);
        Assert.Null(OpenBadgesMapper.AchievedLevelOf(credential));
    }

    [Fact]
    public void An_alignment_that_names_no_known_skill_is_left_out_and_flags_review()
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Dcc, "verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"), null);
        var achievement = Assert.Single(verdict.Credentials).Achievement!;
        Assert.Equal(2, achievement.Alignments.Count);
        Assert.Equal("ce-cf4dee18-7cea-443a-b920-158a0762c6bf", achievement.Alignments[0].TargetCode);
        var onlyRequirements = new SkillResolver([new Skill(new SkillCode("REQ"), "Requirements Analysis")]);
        var badge = OpenBadgesMapper.ToCatalogueBadge(achievement, new BadgeId("TXT"), onlyRequirements.Resolve);
        // Both alignments name "Requirements Analysis": one skill, level 1 (no levels given), review needed.
        Assert.Equal([new BadgeSkill(new SkillCode("REQ"), new ProficiencyLevel(1))], badge.Skills);
        Assert.True(badge.NeedsReview);
        var none = OpenBadgesMapper.ToCatalogueBadge(achievement, new BadgeId("TXT"), new SkillResolver([]).Resolve);
        Assert.Empty(none.Skills);
        Assert.True(none.NeedsReview);
    }

    [Fact]
    public void An_award_takes_the_utc_date_of_its_issue_and_expiry_date_times()
    {
        // 2022-11-10T20:00:00-08:00 is 2022-11-11T04:00Z; 2025-03-01T23:30:00-05:00 is 2025-03-02T04:30Z.
        var achievement = new ParsedAchievement("https://example.org/a/py", "Python II", null, null, null, [],
            [new AchievementLevel("urn:l3", "Practitioner", 3, [])], []);
        var credential = new ParsedCredential("OB3.0", CredentialKind.AchievementCredential, "urn:uuid:1", null, achievement,
            DateTimeOffset.Parse("2022-11-10T20:00:00-08:00", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2025-03-01T23:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture),
            "urn:l3", VerificationState.Verified, "https://example.org/evidence/1");
        var award = OpenBadgesMapper.ToAward(credential, new EmployeeId("E-1"), new BadgeId("PY-2"), source: "import-7");
        Assert.Equal(new DateOnly(2022, 11, 11), award.IssuedOn);
        Assert.Equal(new DateOnly(2025, 3, 2), award.ExpiresOn);
        Assert.Equal(VerificationState.Verified, award.State);
        Assert.Equal(3, award.AchievedLevel);
        Assert.Equal("urn:uuid:1", award.CredentialId);
        Assert.Equal("https://example.org/evidence/1", award.EvidenceUrl);
        Assert.Equal("import-7", award.Source);
    }

    [Fact]
    public void A_credential_beyond_what_can_be_stored_says_why_before_anything_is_written()
    {
        var achievement = new ParsedAchievement("https://example.org/a/py", "Python II", null, "Example U", null, [], [], []);
        var credential = new ParsedCredential("OB3.0", CredentialKind.AchievementCredential, "urn:uuid:1", null, achievement,
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null, VerificationState.Verified);

        Assert.Null(OpenBadgesMapper.ImportProblem(credential));
        Assert.Equal("the badge's id 'https://example.org/" + new string('a', 80) + "…': a badge id (the BadgeClass / Achievement id) must be at most 200 characters",
            OpenBadgesMapper.ImportProblem(credential with { Achievement = achievement with { Id = "https://example.org/" + new string('a', 230) } }));
        Assert.Equal("the badge's name: it contains U+001B (escape) at character 7, which this value may not hold",
            OpenBadgesMapper.ImportProblem(credential with { Achievement = achievement with { Name = "Python\u001b[2J" } }));
        Assert.Equal("it expires on 9999-12-31, outside the dates SkillsGap accepts (1900-01-01 to 2200-12-31)",
            OpenBadgesMapper.ImportProblem(credential with { ExpiresAt = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal("the credential id is 451 characters long; the limit is 450",
            OpenBadgesMapper.ImportProblem(credential with { CredentialId = "urn:x:" + new string('1', 445) }));
        // A status list or an issuer profile is not stored: its dates are its own business.
        Assert.Null(OpenBadgesMapper.ImportProblem(credential with { Kind = CredentialKind.StatusList, ExpiresAt = DateTimeOffset.MaxValue }));
    }

    [Fact]
    public void A_revoked_credential_becomes_a_revoked_award()
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, "ob30/bit-string-list/credential-status-revoked.json"), InspectorConformanceTests.Map.Value);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        var credential = Assert.Single(verdict.Credentials);
        var award = OpenBadgesMapper.ToAward(credential, new EmployeeId("E-1"), new BadgeId(credential.Achievement!.Id));
        Assert.Equal(VerificationState.Revoked, award.State);
        // validFrom 2023-05-23T01:10:41Z.
        Assert.Equal(new DateOnly(2023, 5, 23), award.IssuedOn);
    }

    [Fact]
    public void An_ob2_badge_class_maps_its_alignment_targets()
    {
        var verdict = ExternalFixtures.Verify(Path.Combine(ExternalFixtures.Inspector, "ob20/assets/badgeclass1.json"), InspectorConformanceTests.Map.Value);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal(CredentialKind.BadgeClass, credential.Kind);
        Assert.Equal("Example Badge", credential.Achievement!.Name);
        Assert.Equal("Example Issuer", credential.Achievement.IssuerName);
    }
}
