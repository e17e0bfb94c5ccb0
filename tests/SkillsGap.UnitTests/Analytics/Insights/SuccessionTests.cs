using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.Core.Domain;

namespace SkillsGap.UnitTests.Analytics.Insights;

public class SuccessionTests
{
    [Fact]
    public void A_team_sees_who_could_step_into_the_managers_role_and_after_how_many_hours()
    {
        var f = ManagerTeam.Now();
        var doc = Succession.ForTeam(f, new GroupSelector(f.Snapshot), new EmployeeId("M0"));
        // The manager's role first (Team Lead), then the roles held in the team (Developer); Ben's target is Team Lead too.
        Assert.Equal(["LEAD-R", "DEV"], doc.Roles.Select(r => r.Role));
        Assert.Equal(("team", "M0", "Team of Maria Lopez", 5), (doc.Scope, doc.Key, doc.GroupName, doc.People));

        var lead = doc.Roles[0];
        // Aisha holds it. Ben, Cara and Dan have SQL 2 but LEAD 0: (0 + 2·2)/16 = 0.25 with a critical gap; Eve 0.
        Assert.Equal((1, 0, 4, 0), (lead.Holders, lead.ReadyNow, lead.Planned, lead.NotReachable));
        // Ben, Cara, Dan: LEAD-1 (10 h) leaves LEAD 2 < 3 critical, LEAD-2 (12 h) makes them ready: 22 h, 2 badges.
        // Eve: LEAD-1, then SQL-1 (4/16 per 8 h beats LEAD-2's 4/16 per 12 h), then LEAD-2: 30 h, 3 badges.
        Assert.Equal([("B", 22m, 2), ("C", 22m, 2), ("D", 22m, 2), ("E", 30m, 3)],
            lead.Soon.Select(s => (s.Employee, s.HoursToReady!.Value, s.Badges!.Value)));
        Assert.All(lead.Soon, s => Assert.Equal("LEAD-1", s.FirstBadge));
        Assert.Equal("25% ready; ready after 22 hours of training (2 badges), starting with Leading People (LEAD-1).", lead.Soon[0].Text);
        var ben = Assert.Single(lead.TargetingPeople);
        Assert.Equal(("Ben Carter", true, 22m), (ben.Name, ben.TargetsThisRole, ben.HoursToReady!.Value));
        Assert.Equal("1 person holds the role; 0 other people are ready for it now; of the 4 closest others, 4 could be ready after " +
                     "training — the soonest, Ben Carter, after 22 hours.", lead.Summary);

        var dev = doc.Roles[1];
        // Aisha for Developer: SQL 0 (critical) → SQL-1 gives 6/10, CLOUD-1 then 10/10: 14 h, 2 badges.
        var aisha = Assert.Single(dev.Soon);
        Assert.Equal(("A", 0.0, 14m, 2, "SQL-1"), (aisha.Employee, aisha.Readiness, aisha.HoursToReady!.Value, aisha.Badges!.Value, aisha.FirstBadge));
        Assert.Equal(4, dev.Holders);
    }

    [Fact]
    public void Hr_sees_every_role_with_people_ready_now_who_match_the_bench_of_the_gaps_figures()
    {
        var f = ManagerTeam.Now();
        var selector = new GroupSelector(f.Snapshot);
        var doc = Succession.ForOrganisation(f, selector);
        var lead = doc.Roles.Single(r => r.Role == "LEAD-R");
        // Maria (M0) and Aisha hold Team Lead; nobody else is ready for it.
        Assert.Equal((2, 0), (lead.Holders, lead.ReadyNow));
        var dev = doc.Roles.Single(r => r.Role == "DEV");
        // Maria holds LEAD 3 and SQL 2 but no CLOUD: (6 + 0)/10 = 0.6, not ready for Developer.
        Assert.Equal(0, dev.ReadyNow);
        var bench = GroupAnalysis.Analyse(f, selector.Organisation()).Bench;
        foreach (var role in doc.Roles)
            Assert.Equal(bench.Single(b => b.Role.Value == role.Role).Candidates.Select(c => c.Employee.Value), role.Ready.Select(r => r.Employee));
    }

    [Fact]
    public void A_role_no_badge_can_make_anyone_ready_for_says_why()
    {
        // CLOUD 4 is beyond every badge (CLOUD-1 attests 2).
        var f = ManagerTeam.Builder().Role("ARCH", "CLOUD:4:1!").Titled("Architect").Figures("2026-01-31");
        var doc = Succession.ForRole(f, new GroupSelector(f.Snapshot), new RoleCode("ARCH"));
        var arch = Assert.Single(doc.Roles);
        Assert.Empty(arch.Soon);
        Assert.Equal(arch.Planned, arch.NotReachable);
        Assert.Equal("the catalogue cannot make any of the 6 closest others ready.", arch.Summary[(arch.Summary.IndexOf("the catalogue", StringComparison.Ordinal))..]);
        Assert.Throws<KeyNotFoundException>(() => Succession.ForRole(f, new GroupSelector(f.Snapshot), new RoleCode("NOPE")));
    }
}
