using System.Diagnostics;
using System.Globalization;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Sponsorship;
using SkillsGap.UnitTests.TestSupport;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Analytics.Insights;

/// <summary>What managers and HR are shown for the sample organisation (data-samples/, as of 2026-11-28).</summary>
public sealed class SampleOrganisationInsightsTests(ITestOutputHelper output)
{
    private static readonly Lazy<(OrganisationFigures Now, OrganisationFigures Previous)> Figures = new(() =>
        (GapEngine.Compute(SampleSnapshot.Load()), GapEngine.Compute(SampleSnapshot.Load(SampleSnapshot.AsOf.AddDays(-7)))));

    private static OrganisationFigures Now => Figures.Value.Now;

    [Fact]
    public void Aisha_Frasers_critical_people_management_gap_is_a_column_of_her_teams_heatmap_and_her_row_comes_first()
    {
        var f = Now;
        var selector = new GroupSelector(f.Snapshot);
        var aisha = f.Snapshot.Employees.Single(e => e.Name == "Aisha Fraser");
        var team = selector.Team(aisha.Manager!.Value);
        var doc = TeamHeatmap.Build(f, team);
        var row = doc.Rows[0];
        Assert.Equal(("Aisha Fraser", 0.0), (row.Name, row.Readiness));
        var column = doc.Columns.ToList().FindIndex(c => c.Skill == "LEAD-PEOPLE");
        Assert.True(column >= 0, "LEAD-PEOPLE is not a column: " + string.Join(", ", doc.Columns.Select(c => c.Skill)));
        Assert.Equal((HeatmapCellState.Gap, 3, true), (row.Cells[column].State, row.Cells[column].Gap!.Value, row.Cells[column].Critical));
        Assert.StartsWith("People management (LEAD-PEOPLE)", doc.Columns[column].Label, StringComparison.Ordinal);
        AssertEveryCriticalGapIsAColumn(f, team, doc);
    }

    [Fact]
    public void The_largest_team_pages_through_every_person_under_the_same_columns()
    {
        var f = Now;
        var selector = new GroupSelector(f.Snapshot);
        var (manager, team) = f.Snapshot.Employees.Select(e => (e.Id, Team: selector.Team(e.Id))).MaxBy(t => t.Team.Length);
        var first = TeamHeatmap.Build(f, team, new HeatmapQuery(PageSize: 50));
        Assert.Equal(team.Length, first.Matching);
        Assert.Equal((team.Length + 49) / 50, first.Pages);
        var seen = new List<string>();
        for (var page = 1; page <= first.Pages; page++)
        {
            var doc = TeamHeatmap.Build(f, team, new HeatmapQuery(PageSize: 50, Page: page));
            Assert.Equal(first.Columns.Select(c => c.Skill), doc.Columns.Select(c => c.Skill));
            seen.AddRange(doc.Rows.Select(r => r.Employee));
        }
        Assert.Equal(team.Select(e => f.Snapshot.Employees[e].Id.Value).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        AssertEveryCriticalGapIsAColumn(f, team, first);
        output.WriteLine($"team of {manager}: {team.Length} people, {first.Pages} pages, {first.Columns.Count} columns ({first.Columns.Count(c => c.CriticalGap)} with a critical gap), {first.SkillsLeftOut} skills left out");
    }

    private static void AssertEveryCriticalGapIsAColumn(OrganisationFigures f, int[] team, HeatmapDocument doc)
    {
        var critical = team.SelectMany(e => f.ForEmployee(e).Requirements).Where(r => r.Critical && r.Gap > 0).Select(r => r.Skill.Value).Distinct();
        Assert.Empty(critical.Except(doc.Columns.Select(c => c.Skill)));
    }

    [Fact]
    public void Attention_for_the_largest_team_lists_the_most_urgent_first_each_with_a_reason_and_usually_a_next_step()
    {
        var (f, previous) = Figures.Value;
        var selector = new GroupSelector(f.Snapshot);
        var team = f.Snapshot.Employees.Select(e => selector.Team(e.Id)).MaxBy(t => t.Length)!;
        var clock = Stopwatch.StartNew();
        var doc = Attention.ForGroup(f, previous, team);
        var first = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        Attention.ForGroup(f, previous, team);
        var again = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(Math.Min(50, doc.NeedingAttention), doc.Attention.Count);
        Assert.All(doc.Attention, a => Assert.NotEmpty(a.Reasons));
        for (var i = 1; i < doc.Attention.Count; i++) Assert.True(doc.Attention[i - 1].Urgency <= doc.Attention[i].Urgency);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{doc.Summary} First {first:F0} ms, again {again:F0} ms (pathways kept per figures); {doc.Attention.Count(a => a.NextStep is null)} listed without a next step."));
    }

    [Fact]
    public void Succession_for_the_organisation_agrees_with_the_bench_figure_and_is_cheap_to_ask_again()
    {
        var f = Now;
        var selector = new GroupSelector(f.Snapshot);
        var clock = Stopwatch.StartNew();
        var doc = Succession.ForOrganisation(f, selector);
        var first = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        Succession.ForOrganisation(f, selector);
        var again = clock.Elapsed.TotalMilliseconds;
        var bench = GroupAnalysis.Analyse(f, selector.Organisation()).Bench;
        foreach (var role in doc.Roles)
        {
            var ready = bench.Single(b => b.Role.Value == role.Role).Candidates;
            Assert.Equal(ready.Count, role.ReadyNow);
            Assert.Equal(ready.Take(role.Ready.Count).Select(c => c.Employee.Value), role.Ready.Select(r => r.Employee));
            Assert.All(role.Soon, s => Assert.True(s.HoursToReady > 0));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{doc.Roles.Count} roles: first {first:F0} ms, again {again:F0} ms"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(2000)]
    [InlineData(100_000)]
    public void Sponsorship_for_the_whole_organisation_stays_within_budget_and_its_bound(int budget)
    {
        var f = Now;
        var members = new GroupSelector(f.Snapshot).Organisation();
        var clock = Stopwatch.StartNew();
        var plan = SponsorshipPlanner.Plan(f, members, new SponsorshipRequest(budget));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Assert.True(plan.BudgetUsed <= budget);
        Assert.Equal(plan.WeightedGapBefore - plan.WeightedGapClosed, plan.WeightedGapAfter);
        Assert.True(plan.Optimal || plan.Bound >= plan.WeightedGapClosed);
        Assert.True(plan.WeightedGapClosed <= plan.WeightedGapCoverable);
        // Each person's badges are in an order they can be earned: a prerequisite chosen for them comes before what needs it.
        foreach (var person in plan.Choices.GroupBy(c => c.Employee))
        {
            var order = person.Select(c => c.Badge).ToList();
            foreach (var c in person)
                Assert.All(c.NeededBy, later => Assert.True(order.IndexOf(later) > order.IndexOf(c.Badge)));
        }
        var s = plan.Statistics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"budget {budget}: {elapsed:F0} ms, {s.Method}, closed {plan.WeightedGapClosed} of {plan.WeightedGapBefore} (bound {plan.Bound?.ToString(CultureInfo.InvariantCulture) ?? "-"}, " +
            $"upper {s.UpperBound:F1}), {plan.Choices.Count} badges for {plan.Sponsored.Count} people, {s.CandidatePairs} candidate pairs"));
    }
}
