using System.Text.Json;
using SkillsGap.Analytics.Insights;

namespace SkillsGap.UnitTests.Analytics.Insights;

public class HeatmapAndExpiryTests
{
    // Team of M0 (see ManagerTeam): LEAD is required of Aisha only (gap 3 ×4, critical) → 12; SQL of all five, gaps for
    // Aisha (2 ×2 = 4, not critical in Team Lead) and Eve (2 ×3 = 6, critical) → 10; CLOUD of the four developers, gaps for
    // Cara and Eve (2 ×2 each) → 8.

    [Fact]
    public void Columns_are_every_critical_gap_skill_then_the_largest_gaps_and_rows_the_least_ready_first()
    {
        var f = ManagerTeam.Now();
        var doc = TeamHeatmap.Build(f, ManagerTeam.Team(f));
        Assert.Equal(["LEAD", "SQL", "CLOUD"], doc.Columns.Select(c => c.Skill));
        Assert.Equal([(true, 1, 12L), (true, 2, 10L), (false, 2, 8L)], doc.Columns.Select(c => (c.CriticalGap, c.PeopleWithGap, c.WeightedGap)));
        Assert.Equal("People leadership (LEAD)", doc.Columns[0].Label);
        // Readiness: Aisha 0 (weighted gap 16) and Eve 0 (10), Cara 0.6, then Ben and Dan at 1 by name.
        Assert.Equal(["Aisha Fraser", "Eve Stone", "Cara Diaz", "Ben Carter", "Dan Evans"], doc.Rows.Select(r => r.Name));
        var aisha = doc.Rows[0];
        Assert.Equal((16L, 1), (aisha.WeightedGap, aisha.CriticalGaps));
        Assert.Equal([HeatmapCellState.Gap, HeatmapCellState.Gap, HeatmapCellState.NotRequired], aisha.Cells.Select(c => c.State));
        Assert.Equal((3, true), (aisha.Cells[0].Gap!.Value, aisha.Cells[0].Critical));
        Assert.Equal("People leadership (LEAD): needs 3 practitioner, has 0 none, a critical gap of 3.", aisha.Cells[0].Text);
        Assert.Equal("Cloud platforms (CLOUD): not required for Team Lead.", aisha.Cells[2].Text);
        var ben = doc.Rows[3];
        Assert.Equal([HeatmapCellState.NotRequired, HeatmapCellState.Met, HeatmapCellState.Met], ben.Cells.Select(c => c.State));
        Assert.Equal("SQL querying (SQL): needs 2 working, has 2 working, no gap.", ben.Cells[1].Text);
    }

    [Fact]
    public void A_critical_gap_column_is_never_left_out_however_few_columns_are_allowed()
    {
        var f = ManagerTeam.Now();
        var doc = TeamHeatmap.Build(f, ManagerTeam.Team(f), maxColumns: 1);
        Assert.Equal(["LEAD", "SQL"], doc.Columns.Select(c => c.Skill));
        Assert.Equal(1, doc.SkillsLeftOut);
    }

    [Fact]
    public void Large_teams_can_be_filtered_and_paged_without_the_columns_moving_between_pages()
    {
        var f = ManagerTeam.Now();
        var team = ManagerTeam.Team(f);
        var page2 = TeamHeatmap.Build(f, team, new HeatmapQuery(PageSize: 2, Page: 2));
        Assert.Equal((5, 5, 2, 3), (page2.People, page2.Matching, page2.Page, page2.Pages));
        Assert.Equal(["Cara Diaz", "Ben Carter"], page2.Rows.Select(r => r.Name));
        Assert.Equal(["LEAD", "SQL", "CLOUD"], page2.Columns.Select(c => c.Skill));

        var critical = TeamHeatmap.Build(f, team, new HeatmapQuery(OnlyCriticalGaps: true));
        Assert.Equal(["Aisha Fraser", "Eve Stone"], critical.Rows.Select(r => r.Name));
        var search = TeamHeatmap.Build(f, team, new HeatmapQuery(Search: "CARA"));
        Assert.Equal(["Cara Diaz"], search.Rows.Select(r => r.Name));
        Assert.Equal(["CLOUD"], search.Columns.Select(c => c.Skill));
        var developers = TeamHeatmap.Build(f, team, new HeatmapQuery(Role: "dev"));
        Assert.Equal(4, developers.Matching);
        Assert.Equal([("DEV", "Developer", 4), ("LEAD-R", "Team Lead", 1)], developers.Roles.Select(r => (r.Role, r.RoleTitle, r.People)));
        var beyond = TeamHeatmap.Build(f, team, new HeatmapQuery(PageSize: 2, Page: 9));
        Assert.Equal(3, beyond.Page);

        using var json = JsonDocument.Parse(page2.ToJson());
        Assert.Equal("notRequired", json.RootElement.GetProperty("rows")[1].GetProperty("cells")[0].GetProperty("state").GetString());
    }

    [Fact]
    public void Expiring_awards_are_grouped_with_the_gap_each_would_open()
    {
        var f = ManagerTeam.Now();
        var team = ManagerTeam.Team(f);
        // Only Ben's CLOUD-1 expires within 90 days (2026-02-20): CLOUD 2 → 0 against 2 required. Cara's has expired
        // already; Dan's lasts until 2026-12-01.
        var doc = ExpiryOverview.ForGroup(f, team);
        Assert.Equal((1, 0), (doc.Awards, doc.Critical));
        var group = Assert.Single(doc.Groups);
        Assert.Equal(("Engineering", "Engineering"), (group.Key, group.Name));
        var award = Assert.Single(group.Items);
        Assert.Equal(("Ben Carter", "CLOUD-1", 20, 6m), (award.Name, award.Badge, award.DaysLeft, award.RenewalHours));
        var opens = Assert.Single(award.Opens);
        Assert.Equal(("CLOUD", 2, 2, 0, 0, 2), (opens.Skill, opens.Required, opens.LevelNow, opens.LevelThen, opens.GapNow, opens.GapThen));
        Assert.Equal("Cloud Fundamentals (CLOUD-1) expires on 2026-02-20 (in 20 days); then Cloud platforms (CLOUD) drops from 2 working " +
                     "to 0 none, below the 2 working required. Renewing it takes 6 hours.", award.Text);
        Assert.Equal("1 award of 1 person expires in the next 90 days and would open a gap.", doc.Summary);

        var byManager = ExpiryOverview.ForGroup(f, team, ExpiryGrouping.Manager);
        Assert.Equal(("M0", "Team of Maria Lopez"), (byManager.Groups[0].Key, byManager.Groups[0].Name));
        Assert.Empty(ExpiryOverview.ForGroup(f, team, withinDays: 19).Groups);
    }
}
