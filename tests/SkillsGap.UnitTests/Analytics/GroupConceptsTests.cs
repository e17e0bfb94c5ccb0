using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

/// <summary>The group concepts, defined once: department and location keys, the parts of the organisation, the managers, the per-skill totals and the top gaps.</summary>
public sealed class GroupConceptsTests
{
    [Fact]
    public void Departments_are_trimmed_compared_ignoring_case_and_people_without_one_form_a_part_of_their_own()
    {
        var f = new SnapshotBuilder().Skill("PY").Role("AN", "PY:1:1")
            .Employee("X1", "AN", department: " Sales ").Employee("X2", "AN", department: "sales")
            .Employee("X3", "AN").Employee("X4", "AN", department: "  ").Employee("X5", "AN", department: "Audit")
            .Employee("X6", "AN", department: "Sales", leftOn: "2025-12-31")
            .Figures("2026-01-31");

        var parts = Partition.Of(f.Snapshot, PartitionKind.Department);

        // Named parts in ordinal order (spelled as first seen, trimmed), then the people without one; X6 has left.
        Assert.Equal([("Audit", "Audit"), ("Sales", "Sales"), (null, GroupKeys.NoDepartment)], parts.Select(p => (p.Key, p.Label)));
        Assert.Equal([["X5"], ["X1", "X2"], ["X3", "X4"]], parts.Select(p => SmallOrganisation.Ids(f, p.Members)));
        // The selector, the readiness breakdown and the partition agree.
        var selector = new GroupSelector(f.Snapshot);
        Assert.Equal(["Audit", "Sales"], selector.Departments);
        Assert.Equal(["X1", "X2"], SmallOrganisation.Ids(f, selector.Department(" SALES")));
        Assert.Equal(["Audit", "Sales", GroupKeys.NoDepartment], ReadinessBreakdown.ByDepartment(f).Select(p => p.Name));
        Assert.Equal([1, 2, 2], ReadinessBreakdown.ByDepartment(f).Select(p => p.Summary.People));
    }

    [Fact]
    public void Locations_partition_the_organisation_the_same_way()
    {
        var f = new SnapshotBuilder().Skill("PY").Role("AN", "PY:1:1")
            .Employee("X1", "AN", location: "Leeds").Employee("X2", "AN", location: "london").Employee("X3", "AN", location: "London ")
            .Employee("X4", "AN")
            .Figures("2026-01-31");

        var parts = Partition.Of(f.Snapshot, PartitionKind.Location);

        Assert.Equal(["Leeds", "london", GroupKeys.NoLocation], parts.Select(p => p.Label));
        Assert.Equal([["X1"], ["X2", "X3"], ["X4"]], parts.Select(p => SmallOrganisation.Ids(f, p.Members)));
    }

    [Fact]
    public void The_managers_are_the_people_still_employed_whose_team_has_someone_in_it()
    {
        var f = SmallOrganisation.Figures();

        var managers = new GroupSelector(f.Snapshot).Managers();

        // M1: E1, E3 and (through E1) E2; E5 has left. E1: E2. M2: E4. Nobody reports to E5.
        Assert.Equal([("M1", 3), ("E1", 1), ("M2", 1)], managers.Select(m => (f.Snapshot.Employees[m.Manager].Id.Value, m.People)));
        // Each manager's count is the size of their team as the selector gives it.
        var selector = new GroupSelector(f.Snapshot);
        Assert.All(managers, m => Assert.Equal(selector.Team(f.Snapshot.Employees[m.Manager].Id).Length, m.People));
    }

    [Fact]
    public void A_manager_cycle_cannot_loop_the_count_of_teams()
    {
        // A and B manage each other (the importer refuses this; a hand-made snapshot need not); C reports to A; R is a root.
        var f = new SnapshotBuilder().Skill("PY").Role("AN", "PY:1:1")
            .Employee("A", "AN", manager: "B").Employee("B", "AN", manager: "A").Employee("C", "AN", manager: "A")
            .Employee("R", "AN").Employee("S", "AN", manager: "R")
            .Figures("2026-01-31");

        var managers = new GroupSelector(f.Snapshot).Managers();

        Assert.Equal([("A", 2), ("B", 2), ("R", 1)], managers.Select(m => (f.Snapshot.Employees[m.Manager].Id.Value, m.People)));
    }

    [Fact]
    public void Skill_totals_match_the_hand_calculation_and_the_departments_add_up_to_the_organisation()
    {
        var f = SmallOrganisation.Figures();
        var org = new GroupSelector(f.Snapshot).Organisation();

        var skills = SkillTotals.Of(f, org).Aggregates(f);

        // PY: E1 3/3, E2 1/3 (gap 2, w4), E3 4/4, E4 0/3 (PY-201 expired; gap 3, w4): 4 required, 2 meet, Σ gap 5, Σ w·gap 20.
        // ML: E3 4/5 (gap 1, w4). SQL: all four meet it.
        Assert.Equal(
            [new SkillAggregate(new SkillCode("PY"), 4, 0.5, 1.25, 2, 20), new SkillAggregate(new SkillCode("ML"), 1, 0, 1, 1, 4),
             new SkillAggregate(new SkillCode("SQL"), 4, 1, 0, 0, 0)],
            skills);
        Assert.Equal(skills, GroupAnalysis.Analyse(f, org).Skills);
        var sum = new SkillTotals(f.SkillCount);
        foreach (var part in Partition.Of(f.Snapshot)) sum.Add(SkillTotals.Of(f, part.Members));
        Assert.Equal(skills, sum.Aggregates(f));
    }

    [Fact]
    public void Top_gaps_are_the_skills_with_a_weighted_gap_largest_first_at_most_ten()
    {
        var f = SmallOrganisation.Figures();
        var org = GroupAnalysis.Analyse(f, new GroupSelector(f.Snapshot).Organisation());

        Assert.Equal(["PY", "ML"], TopGaps.Of(org.Skills).Select(k => k.Skill.Value));
        // Data (E1, E2, E3): PY Σ w·gap 8 against ML's 4; Sales (E4, M2): PY 12; Ops (M1, a manager's empty role): none.
        var parts = Partition.Of(f.Snapshot).ToDictionary(p => p.Label, p => TopGaps.First(SkillTotals.Of(f, p.Members).Aggregates(f)));
        Assert.Equal(("PY", 8L), (parts["Data"]!.Skill.Value, parts["Data"]!.WeightedGap));
        Assert.Equal(("PY", 12L), (parts["Sales"]!.Skill.Value, parts["Sales"]!.WeightedGap));
        Assert.Null(parts["Ops"]);

        var many = Enumerable.Range(0, 14).Select(i => new SkillAggregate(new SkillCode($"S{i:00}"), 1, 0, 1, 1, 14 - i))
            .Append(new SkillAggregate(new SkillCode("NONE"), 1, 1, 0, 0, 0)).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"S{i:00}"), TopGaps.Of(many).Select(k => k.Skill.Value));
    }
}
