using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.UnitTests.OpenBadges;

/// <summary>OB 0.5 / 1.x documents from openbadges-validator-core: detected, imported where they map, rejected otherwise.</summary>
public sealed class LegacyDocumentTests
{
    private static string Legacy(string name) => Path.Combine(ExternalFixtures.Legacy, name);

    /// <summary>The 1.0 fixtures name http://a.com/badgeclass and http://a.com/issuer; these map them to the local copies.</summary>
    private static IReadOnlyDictionary<string, string> LegacyMap() => new Dictionary<string, string>
    {
        ["http://a.com/badgeclass"] = Legacy("1_0_basic_badgeclass.json"),
        ["http://a.com/issuer"] = Legacy("1_0_basic_issuer.json"),
    };

    [Fact]
    public void A_hashed_0_5_1_assertion_is_imported_with_a_warning_and_matches_its_recipient()
    {
        var verdict = ExternalFixtures.Verify(Legacy("0_5_1_assertion.json"), null);
        Assert.Equal("OB0.5", verdict.Spec);
        Assert.Equal(Verdict.Warning, verdict.Verdict);
        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal(new DateOnly(2011, 6, 1), DateOnly.FromDateTime(credential.IssuedAt!.Value.UtcDateTime));
        Assert.Equal("Basic McBadge", credential.Achievement!.Name);
        Assert.Equal("Basic Issuer", credential.Achievement.IssuerName);
        // sha256("test@example.com" + "sel gris") = 85c4196c…b087, as the fixture states (checked with Python hashlib).
        Assert.True(credential.Recipient!.Matches("test@example.com"));
        Assert.False(credential.Recipient.Matches("other@example.com"));
        Assert.Equal(VerificationState.Unverified, credential.State);
    }

    [Fact]
    public void A_0_5_assertion_without_an_issue_date_is_rejected_with_the_reason()
    {
        var verdict = ExternalFixtures.Verify(Legacy("0_5_assertion.json"), null);
        Assert.Equal("OB0.5", verdict.Spec);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("issued_on is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_1_0_assertion_maps_when_its_badge_class_is_in_the_url_map()
    {
        var verdict = ExternalFixtures.Verify(Legacy("1_0_basic_assertion.json"), LegacyMap());
        Assert.Equal("OB1.x", verdict.Spec);
        Assert.Equal(Verdict.Warning, verdict.Verdict);
        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal("Basic Badge", credential.Achievement!.Name);
        Assert.Equal("http://a.com/badgeclass", credential.Achievement.Id);
        Assert.Equal("Basic Issuer", credential.Achievement.IssuerName);
        Assert.Equal(new DateOnly(2015, 4, 30), DateOnly.FromDateTime(credential.IssuedAt!.Value.UtcDateTime));
        Assert.True(credential.Recipient!.Matches("TEST@example.com"));
    }

    [Fact]
    public void A_1_0_assertion_whose_badge_class_is_not_available_offline_is_rejected()
    {
        var verdict = ExternalFixtures.Verify(Legacy("1_0_basic_assertion.json"), null);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("http://a.com/badgeclass", StringComparison.Ordinal) && m.Contains("offline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_1_0_assertion_with_a_bare_string_recipient_is_rejected()
    {
        var verdict = ExternalFixtures.Verify(Legacy("1_0_assertion_with_errors.json"), LegacyMap());
        Assert.Equal("OB1.x", verdict.Spec);
        Assert.Equal(Verdict.Invalid, verdict.Verdict);
        Assert.Contains(verdict.Messages, m => m.Contains("IdentityObject", StringComparison.Ordinal));
    }

    [Fact]
    public void A_1_1_assertion_is_detected_by_its_v1_context()
    {
        var verdict = ExternalFixtures.Verify(Legacy("1_1_basic_assertion.json"), InspectorConformanceTests.Map.Value);
        Assert.Equal("OB1.x", verdict.Spec);
        Assert.Equal(Verdict.Warning, verdict.Verdict);
        Assert.Equal("Awesome Robotics Badge", Assert.Single(verdict.Credentials).Achievement!.Name);
    }

    [Fact]
    public void A_2_0_assertion_is_valid_hosted_and_unverified()
    {
        var verdict = ExternalFixtures.Verify(Legacy("2_0_basic_assertion.json"), InspectorConformanceTests.Map.Value);
        Assert.Equal("OB2.0", verdict.Spec);
        Assert.Equal(Verdict.Valid, verdict.Verdict);
        var credential = Assert.Single(verdict.Credentials);
        Assert.Equal(VerificationState.Unverified, credential.State);
        // The OB 2.0 examples hash "nobody@example.org" with salt "deadsea".
        Assert.True(credential.Recipient!.Matches("nobody@example.org"));
        Assert.Equal("An Example Badge Issuer", credential.Achievement!.IssuerName);
    }
}
