using System.Text.Json;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.Core.Sponsorship;

namespace SkillsGap.UnitTests.Analytics.Insights;

public class SponsorshipDocumentTests
{
    // Team of M0 (see ManagerTeam), 18 hours. Gaps: Aisha LEAD 3 ×4 + SQL 2 ×2 = 16; Cara CLOUD 2 ×2 = 4; Eve SQL 2 ×3 +
    // CLOUD 2 ×2 = 10: 30 in all. Moves: Aisha LEAD-1 10 h +8 (LEAD-2 after it 12 h +4), SQL-1 8 h +4; Cara CLOUD-1 6 h +4;
    // Eve SQL-1 8 h +6, CLOUD-1 6 h +4. Within 18: Aisha's LEAD-1 and Eve's SQL-1 close 14; the next best (LEAD-1 and a
    // CLOUD-1, 16 h) close 12. Readiness: before (0 + 1 + 0.6 + 1 + 0)/5 = 0.52; after Aisha 8/16, Eve 6/10:
    // (0.5 + 1 + 0.6 + 1 + 0.6)/5 = 0.74.
    private static SponsorshipDocument Document()
    {
        var f = ManagerTeam.Now();
        return SponsorshipDocumentBuilder.Plan(f, new GroupSelector(f.Snapshot), GroupKind.Team, "M0", new SponsorshipRequest(18m));
    }

    [Fact]
    public void The_document_carries_the_contracts_fields_in_its_order_with_the_hand_worked_plan()
    {
        var doc = Document();
        using var json = JsonDocument.Parse(doc.ToJson());
        var root = json.RootElement;
        Assert.Equal(["scope", "asOf", "budgetHours", "hoursUsed", "optimal", "bound", "weightedGapBefore", "weightedGapClosed",
            "readinessBefore", "readinessAfter", "choices"], root.EnumerateObject().Take(11).Select(p => p.Name));
        Assert.Equal("manager", root.GetProperty("scope").GetString());
        Assert.Equal("2026-01-31", root.GetProperty("asOf").GetString());
        Assert.Equal((18m, 18m), (root.GetProperty("budgetHours").GetDecimal(), root.GetProperty("hoursUsed").GetDecimal()));
        Assert.True(root.GetProperty("optimal").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("bound").ValueKind);
        Assert.Equal((30, 14), (root.GetProperty("weightedGapBefore").GetInt32(), root.GetProperty("weightedGapClosed").GetInt32()));
        Assert.Equal((0.52, 0.74), (root.GetProperty("readinessBefore").GetDouble(), root.GetProperty("readinessAfter").GetDouble()));
        var first = root.GetProperty("choices")[0];
        Assert.Equal(("A", "LEAD-1", 10, 8), (first.GetProperty("employee").GetString(), first.GetProperty("badge").GetString(),
            first.GetProperty("hours").GetInt32(), first.GetProperty("weightedGapClosed").GetInt32()));
        var closes = first.GetProperty("closes")[0];
        Assert.Equal(("LEAD", 0, 2), (closes.GetProperty("skill").GetString(), closes.GetProperty("from").GetInt32(), closes.GetProperty("to").GetInt32()));
    }

    [Fact]
    public void Choices_and_the_summary_are_in_plain_words_with_names()
    {
        var doc = Document();
        Assert.Equal([("Aisha Fraser", "Leading People", 8), ("Eve Stone", "SQL Basics", 6)],
            doc.Choices.Select(c => (c.EmployeeName, c.BadgeName, c.WeightedGapClosed)));
        Assert.Equal("Raises People leadership (LEAD) from 0 none to 2 working of the 3 practitioner required.", doc.Choices[0].Reason);
        Assert.Equal("Raises SQL querying (SQL) from 0 none to 2 working, meeting a critical requirement.", doc.Choices[1].Reason);
        Assert.Equal("Team of Maria Lopez", doc.GroupName);
        Assert.Equal("Sponsoring 2 badges for 2 people (18 hours of training) closes 14 of the 30 weighted gap points against their roles. " +
                     "Mean readiness goes from 52% to 74% (up 22 percentage points). No plan within the budget closes more.", doc.Summary);
        Assert.Equal([("A", 0.0, 0.5), ("E", 0.0, 0.6)], doc.Sponsored.Select(p => (p.Employee, p.ReadinessBefore, p.ReadinessAfter)));
        foreach (var text in doc.Choices.Select(c => c.Reason).Append(doc.Summary))
            foreach (var word in new[] { "greedy", "heuristic", "Σ", "blend", "bound" })
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Hours_read_with_decimals_are_written_without_trailing_zeros()
    {
        var f = new SkillsGap.UnitTests.Core.Figures.SnapshotBuilder().Skill("SQL").Role("DBA", "SQL:2:1")
            .Badge("SQL-1", "SQL:2", hours: 8.0m).Employee("E", "DBA").Figures("2026-01-31");
        var doc = SponsorshipDocumentBuilder.Plan(f, new GroupSelector(f.Snapshot), GroupKind.Organisation, null, new SponsorshipRequest(20.00m));
        Assert.Contains("\"budgetHours\":20,\"hoursUsed\":8,", doc.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"hours\":8,", doc.ToJson(), StringComparison.Ordinal);
        Assert.Null(doc.Key);
        Assert.Equal("The whole organisation", doc.GroupName);
    }

    [Fact]
    public void A_plan_that_is_not_proven_optimal_says_how_far_from_the_best_it_may_be()
    {
        var plan = new SponsorshipPlan(new DateOnly(2026, 1, 31), new SponsorshipRequest(100m), 10, false, 120, 600, 590, 100, 500,
            90m, 90m, 0.5, 0.6, 1, 2, [new SponsoredBadge(new("E"), new("R"), new("B"), 90m, [], [], false)],
            [new SponsoredPerson(new("E"), new("R"), 1, 90m, 100, 0, 0.5, 1, false, true)],
            new SponsorshipStatistics(SponsorshipMethod.Greedy, 1, 1, 0, 0, 0, 100, 120.5));
        Assert.EndsWith("and 1 more person becomes ready. A good plan — a better one may exist, but none closes more than 120 points " +
                        "(this one reaches 83% of that).", SponsorshipDocumentBuilder.Summary(plan));
        Assert.Equal(GroupKind.Team, SponsorshipDocumentBuilder.ParseScope("manager"));
        Assert.Equal(GroupKind.Organisation, SponsorshipDocumentBuilder.ParseScope("ORG"));
        Assert.Null(SponsorshipDocumentBuilder.ParseScope("role"));
    }
}
