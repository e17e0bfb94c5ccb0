using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Core.Figures;

public sealed class EmptyOrganisationTests
{
    [Fact]
    public void An_organisation_without_awards_or_people_has_figures_all_the_same()
    {
        var role = new RoleVersion(new RoleCode("R"), "Role", null, 1, new DateOnly(2020, 1, 1),
            [new RoleRequirement(new SkillCode("S"), new ProficiencyLevel(2), 2)]);
        var nobody = GapEngine.Compute(new OrganisationSnapshot(new DateOnly(2026, 1, 1), [], [role], [], [], []));
        Assert.Equal(0, nobody.EmployeeCount);

        var one = GapEngine.Compute(new OrganisationSnapshot(new DateOnly(2026, 1, 1), [], [role], [],
            [new Employee(new EmployeeId("E"), "E", null, role.Code)], []));
        // Nothing attained: readiness = 2·0 / 2·2 = 0.
        Assert.Equal(0.0, one.Readiness(0));
        Assert.False(one.IsReady(0));
    }
}
