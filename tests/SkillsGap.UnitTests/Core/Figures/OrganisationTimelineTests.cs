using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using static SkillsGap.UnitTests.Core.Figures.SnapshotBuilder;

namespace SkillsGap.UnitTests.Core.Figures;

public class OrganisationTimelineTests
{
    private static RoleVersion Analyst(int version, string from, int pyLevel) =>
        new(new RoleCode("ANALYST"), "Analyst", null, version, D(from),
            [new RoleRequirement(new SkillCode("PY"), new ProficiencyLevel(pyLevel), 1, false)]);

    private static Employee Person(string id, string role, DateOnly? leftOn = null) =>
        new(new EmployeeId(id), "Person " + id, null, new RoleCode(role), LeftOn: leftOn);

    [Fact]
    public void The_role_version_in_force_is_the_latest_started_the_higher_version_on_a_tie_and_else_the_earliest()
    {
        RoleVersion[] versions = [Analyst(1, "2026-01-01", 1), Analyst(3, "2026-02-01", 3), Analyst(2, "2026-02-01", 2), Analyst(4, "2026-05-01", 4)];

        Assert.Equal(1, Assert.Single(OrganisationTimeline.RolesInForce(versions, D("2025-06-01"))).Version); // none yet: the earliest
        Assert.Equal(1, Assert.Single(OrganisationTimeline.RolesInForce(versions, D("2026-01-31"))).Version);
        Assert.Equal(3, Assert.Single(OrganisationTimeline.RolesInForce(versions, D("2026-02-01"))).Version); // 2 and 3 start together
        Assert.Equal(4, Assert.Single(OrganisationTimeline.RolesInForce(versions, D("2026-05-01"))).Version);
    }

    [Fact]
    public void An_employee_is_on_the_roster_from_their_first_row_until_the_day_they_left()
    {
        EmployeeState[] rows =
        [
            new(D("2026-01-01"), Person("E1", "ANALYST")),
            new(D("2026-03-01"), Person("E1", "LEAD")),
            new(D("2026-06-01"), Person("E1", "LEAD", leftOn: D("2026-06-30"))),
        ];

        Assert.Null(OrganisationTimeline.InForce(rows, D("2025-12-31")));
        Assert.Equal("ANALYST", OrganisationTimeline.InForce(rows, D("2026-02-28"))!.Role.Value);
        Assert.Equal("LEAD", OrganisationTimeline.InForce(rows, D("2026-03-01"))!.Role.Value);
        Assert.NotNull(OrganisationTimeline.InForce(rows, D("2026-06-29")));
        Assert.Null(OrganisationTimeline.InForce(rows, D("2026-06-30")));
    }

    [Fact]
    public void Readiness_of_a_date_follows_the_role_version_and_the_awards_valid_on_it()
    {
        var py = new Badge(new BadgeId("PY-2"), "Python 2", null, [new BadgeSkill(new SkillCode("PY"), new ProficiencyLevel(2))], 10, PrerequisiteRule.None, ValidMonths: 12);
        var history = new OrganisationTimeline([new Skill(new SkillCode("PY"), "Python")], [Analyst(1, "2026-01-01", 2), Analyst(2, "2026-04-01", 4)], [py],
            [new EmployeeState(D("2026-01-01"), Person("E1", "ANALYST")), new EmployeeState(D("2026-02-01"), Person("E2", "NO-SUCH-ROLE"))],
            [new Award(new EmployeeId("E1"), py.Id, D("2026-02-10"))]);

        // By hand: before the award 0/2; with PY 2 against v1 (PY ≥ 2) 1, ready; against v2 (PY ≥ 4) 2/4; after the
        // award expired (2027-02-10) 0/4. E2's role is unknown: 1, as the engine counts it.
        Assert.Equal(0.0, history.ReadinessAsOf(D("2026-02-09")).Readiness(0));
        Assert.True(history.ReadinessAsOf(D("2026-03-01")).IsReady(0));
        Assert.Equal(1.0, history.ReadinessAsOf(D("2026-03-01")).Readiness(0));
        Assert.Equal(0.5, history.ReadinessAsOf(D("2026-04-01")).Readiness(0));
        Assert.Equal(0.0, history.ReadinessAsOf(D("2027-02-10")).Readiness(0));
        Assert.Equal(1.0, history.ReadinessAsOf(D("2026-03-01")).Readiness(1));
        Assert.Single(history.ReadinessAsOf(D("2026-01-15")).Roster.Employees);
        Assert.Equal([py.Id], history.SnapshotAsOf(D("2026-03-01")).Awards.Where(a => a.Employee.Value == "E1").Select(a => a.Badge));
    }
}
