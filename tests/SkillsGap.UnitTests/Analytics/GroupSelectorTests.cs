using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class GroupSelectorTests
{
    private readonly SkillsGap.Core.Figures.OrganisationFigures _f = SmallOrganisation.Figures();

    private string[] Select(GroupKind kind, string? key) => SmallOrganisation.Ids(_f, new GroupSelector(_f.Snapshot).Select(kind, key));

    [Fact]
    public void A_team_is_the_whole_reporting_tree_without_the_manager_or_leavers()
    {
        // M1's direct reports E1, E3 (E5 left), then E1's report E2: breadth first.
        Assert.Equal(["E1", "E3", "E2"], Select(GroupKind.Team, "M1"));
        Assert.Equal(["E2"], Select(GroupKind.Team, "E1"));
        Assert.Empty(Select(GroupKind.Team, "E2"));
    }

    [Fact]
    public void A_department_is_everyone_still_employed_in_it_ignoring_case()
    {
        Assert.Equal(["E1", "E2", "E3"], Select(GroupKind.Department, "Data"));
        Assert.Equal(["E4", "M2"], Select(GroupKind.Department, "sales"));
    }

    [Fact]
    public void A_role_group_is_everyone_in_the_role_and_the_organisation_is_everyone_employed()
    {
        Assert.Equal(["E1", "E2", "E4"], Select(GroupKind.Role, "ANALYST"));
        Assert.Equal(["M1", "E1", "E2", "E3", "E4", "M2"], Select(GroupKind.Organisation, null));
        Assert.Equal(["E4"], Select(GroupKind.Employee, "E4"));
    }

    [Fact]
    public void Unknown_keys_are_refused_with_a_clear_error()
    {
        var selector = new GroupSelector(_f.Snapshot);
        Assert.Contains("X9", Assert.Throws<KeyNotFoundException>(() => selector.Team(new EmployeeId("X9"))).Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => selector.Department("Nowhere"));
        Assert.Throws<KeyNotFoundException>(() => selector.Role(new RoleCode("PILOT")));
        Assert.Throws<ArgumentException>(() => selector.Select(GroupKind.Team, " "));
    }

    [Fact]
    public void A_cycle_in_the_manager_links_does_not_loop()
    {
        var f = new SnapshotBuilder().Skill("PY").Role("R")
            .Employee("A", "R", manager: "C").Employee("B", "R", manager: "A").Employee("C", "R", manager: "B")
            .Figures("2026-01-31");
        Assert.Equal(["B", "C"], SmallOrganisation.Ids(f, new GroupSelector(f.Snapshot).Team(new EmployeeId("A"))));
    }
}
