using System.Text.Json;
using SkillsGap.Analytics.Insights;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics.Insights;

public class AttentionTests
{
    private static AttentionDocument Document(int maxPeople = 50)
    {
        var now = ManagerTeam.Now();
        return Attention.ForGroup(now, ManagerTeam.Previous(), ManagerTeam.Team(now), new AttentionOptions(MaxPeople: maxPeople));
    }

    [Fact]
    public void Critical_gaps_come_first_then_expiring_awards_then_falls_and_people_with_none_are_left_out()
    {
        var doc = Document();
        // Aisha and Eve have critical gaps at readiness 0 (names order the tie), Ben's CLOUD-1 expires, Cara fell; Dan is fine.
        Assert.Equal(["Aisha Fraser", "Eve Stone", "Ben Carter", "Cara Diaz"], doc.Attention.Select(a => a.Name));
        Assert.Equal([AttentionUrgency.CriticalGap, AttentionUrgency.CriticalGap, AttentionUrgency.Expiring, AttentionUrgency.ReadinessFell],
            doc.Attention.Select(a => a.Urgency));
        Assert.Equal((5, 4, 2, 1, 1), (doc.People, doc.NeedingAttention, doc.CriticalGaps, doc.Expiring, doc.ReadinessFell));
        Assert.Equal("4 of 5 people need attention: 2 with a critical gap, 1 about to lose a skill to an expiring badge, " +
                     "1 whose readiness fell since 2026-01-24.", doc.Summary);
    }

    [Fact]
    public void Each_reason_is_in_plain_words_with_names_first_and_levels_with_their_word()
    {
        var doc = Document();
        var aisha = doc.Attention[0];
        Assert.Equal("Critical gap in People leadership (LEAD)", aisha.Headline);
        Assert.Equal("Critical gap in People leadership (LEAD): 0 none, the role needs 3 practitioner.", Assert.Single(aisha.Reasons).Text);

        var ben = doc.Attention[2];
        Assert.Equal("Cloud Fundamentals (CLOUD-1) expires in 20 days", ben.Headline);
        Assert.Equal("Cloud Fundamentals (CLOUD-1) expires on 2026-02-20 (in 20 days): Cloud platforms (CLOUD) would drop to 0 none, " +
                     "below the 2 working the role needs.", Assert.Single(ben.Reasons).Text);

        // Cara: 10/10 on 2026-01-24, 6/10 now; her CLOUD-1 expired on 2026-01-28.
        var cara = doc.Attention[3];
        Assert.Equal((0.6, 1.0), (cara.Readiness, cara.ReadinessBefore));
        Assert.Equal("Readiness fell 40 percentage points", cara.Headline);
        Assert.Equal("Readiness fell from 100% to 60% since 2026-01-24 (down 40 percentage points): Cloud Fundamentals (CLOUD-1) " +
                     "expired on 2026-01-28.", Assert.Single(cara.Reasons).Text);
    }

    [Fact]
    public void The_one_next_step_serves_the_most_urgent_reason()
    {
        var doc = Document();
        // Aisha: her pathway to Team Lead starts with LEAD-1 (8/16 readiness per 10 h beats SQL-1's 4/16 per 8 h), which raises LEAD.
        var aisha = doc.Attention[0].NextStep!;
        Assert.Equal((NextStepKind.Pathway, "LEAD-1", 10m), (aisha.Kind, aisha.Badge, aisha.Hours));
        Assert.Equal("Earn Leading People (LEAD-1): 10 hours; it raises People leadership (LEAD) from 0 none to 2 working.", aisha.Text);
        // Eve: SQL-1 (6/10 per 8 h) before CLOUD-1 (4/10 per 6 h), and SQL is her critical gap.
        Assert.Equal("SQL-1", doc.Attention[1].NextStep!.Badge);
        // Ben: renew before it expires.
        var ben = doc.Attention[2].NextStep!;
        Assert.Equal((NextStepKind.Renewal, "CLOUD-1", 6m, new DateOnly(2026, 2, 20)), (ben.Kind, ben.Badge, ben.Hours, ben.Before!.Value));
        Assert.Equal("Renew Cloud Fundamentals (CLOUD-1) before 2026-02-20: 6 hours.", ben.Text);
        // Cara: the first step of her pathway earns CLOUD-1 again.
        Assert.Equal("Earn Cloud Fundamentals (CLOUD-1): 6 hours; it raises Cloud platforms (CLOUD) from 0 none to 2 working.",
            doc.Attention[3].NextStep!.Text);
    }

    [Fact]
    public void A_critical_gap_behind_a_prerequisite_starts_with_the_prerequisite_not_the_pathways_first_step()
    {
        // Role R: X 3 (w1, critical), Y 1 (w5). Badges: Y-1 Y:1 1 h; ORIENT (no skill) 2 h; X-3 X:3 10 h, needs ORIENT.
        // The pathway starts with Y-1 (5/8 readiness in 1 h), then ORIENT, then X-3. For the critical X gap the first useful
        // step is ORIENT, which X-3 needs.
        var f = new SnapshotBuilder().NamedSkill("X", "Xylography").NamedSkill("Y", "Yodelling").Role("R", "X:3:1!", "Y:1:5")
            .Badge("Y-1", "Y:1", hours: 1).Badge("ORIENT", "", hours: 2, name: "Orientation")
            .Badge("X-3", "X:3", prerequisites: "ORIENT", hours: 10, name: "Expert Xylography")
            .Employee("P", "R", name: "Pat Quinn").Figures("2026-01-31");
        var doc = Attention.ForGroup(f, null, [0]);
        var step = Assert.Single(doc.Attention).NextStep!;
        Assert.Equal("ORIENT", step.Badge);
        Assert.Equal("Earn Orientation (ORIENT): 2 hours; it is needed before Expert Xylography (X-3).", step.Text);
        Assert.Null(doc.Attention[0].ReadinessBefore);
        Assert.Null(doc.PreviousAsOf);
    }

    [Fact]
    public void Only_the_most_urgent_are_listed_but_everyone_is_counted_and_the_json_uses_words_for_kinds()
    {
        var doc = Document(maxPeople: 1);
        Assert.Equal(4, doc.NeedingAttention);
        Assert.Equal("Aisha Fraser", Assert.Single(doc.Attention).Name);
        using var json = JsonDocument.Parse(doc.ToJson());
        var first = json.RootElement.GetProperty("attention")[0];
        Assert.Equal("criticalGap", first.GetProperty("urgency").GetString());
        Assert.Equal("pathway", first.GetProperty("nextStep").GetProperty("kind").GetString());
        Assert.Equal("2026-01-31", json.RootElement.GetProperty("asOf").GetString());
    }
}
