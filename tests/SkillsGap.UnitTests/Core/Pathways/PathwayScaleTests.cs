using System.Diagnostics;
using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Core.Pathways;

/// <summary>
/// A 500-badge catalogue shaped like a real one: per-skill level tracks with OR alternatives, vendor badges with
/// cross-skill prerequisites, and stacks. Checks every plan; prints planning time (measured, not asserted).
/// </summary>
public sealed class PathwayScaleTests(ITestOutputHelper output)
{
    private const int Skills = 60;

    [Fact]
    public void Every_plan_on_a_500_badge_catalogue_is_valid_and_meets_every_coverable_requirement()
    {
        var figures = GapEngine.Compute(Build(new Random(500), out var roles));
        var snapshot = figures.Snapshot;
        Assert.Equal(500, snapshot.Badges.Count);

        // Warm-up (JIT tiering), not measured: a running service plans with optimised code.
        foreach (var role in roles)
            for (var e = 0; e < figures.EmployeeCount; e++) PathwayPlanner.Plan(figures, e, role);
        foreach (var role in roles)
        {
            var times = new List<double>();
            var cpuTimes = new List<double>();
            var optimal = 0;
            var steps = 0;
            decimal hours = 0;
            for (var e = 0; e < figures.EmployeeCount; e++)
            {
                var cpuBefore = ThreadCpuMilliseconds();
                var clock = Stopwatch.StartNew();
                var pathway = PathwayPlanner.Plan(figures, e, role);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (cpuBefore is double before && ThreadCpuMilliseconds() is double after) cpuTimes.Add(after - before);
                CheckPlan(figures, e, pathway);
                if (pathway.Optimal) optimal++;
                steps += pathway.Steps.Count;
                hours += pathway.TotalHours;
            }
            times.Sort();
            cpuTimes.Sort();
            var cpuText = cpuTimes.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"thread CPU mean {cpuTimes.Average():F2} ms, median {cpuTimes[cpuTimes.Count / 2]:F2} ms, max {cpuTimes[^1]:F2} ms; ");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"role {role} ({snapshot.FindRole(role)!.Requirements.Count} requirements), {times.Count} employees: " +
                $"wall mean {times.Average():F2} ms, median {times[times.Count / 2]:F2} ms, max {times[^1]:F2} ms; " +
                $"{cpuText}" +
                $"{optimal} proven optimal; mean {(double)steps / times.Count:F1} steps, {(double)hours / times.Count:F1} h"));
        }
    }

    /// <summary>CPU time of the calling thread (Linux /proc), so that a busy machine does not inflate the figure; null elsewhere.</summary>
    private static double? ThreadCpuMilliseconds()
    {
        const string path = "/proc/thread-self/schedstat";
        if (!File.Exists(path)) return null;
        var first = File.ReadAllText(path).Split(' ')[0];
        return long.Parse(first, CultureInfo.InvariantCulture) / 1e6;
    }

    /// <summary>Steps in an order whose prerequisites hold, none already validly held, and every coverable requirement met.</summary>
    private static void CheckPlan(OrganisationFigures figures, int employee, Pathway pathway)
    {
        var snapshot = figures.Snapshot;
        var me = snapshot.Employees[employee].Id;
        var awards = snapshot.Awards.Where(a => a.Employee == me && a.State != VerificationState.Revoked && a.IssuedOn <= snapshot.AsOf).ToList();
        var earned = awards.Select(a => a.Badge).ToHashSet();
        var valid = awards.Where(a => snapshot.FindBadge(a.Badge)!.ExpiryFor(a.IssuedOn, a.ExpiresOn) is not { } x || x > snapshot.AsOf)
            .Select(a => a.Badge).ToHashSet();
        var levels = figures.AttainedRow(employee).ToArray();
        foreach (var step in pathway.Steps)
        {
            var badge = snapshot.FindBadge(step.Badge)!;
            Assert.DoesNotContain(step.Badge, valid);
            Assert.True(snapshot.EffectivePrerequisites(badge).IsMetBy(earned.Contains), $"{step.Badge} planned before its prerequisites");
            earned.Add(step.Badge);
            foreach (var s in badge.Skills)
                levels[snapshot.SkillIndex(s.Skill)] = (byte)Math.Max(levels[snapshot.SkillIndex(s.Skill)], s.Level.Value);
        }
        foreach (var q in snapshot.FindRole(pathway.TargetRole)!.Requirements)
        {
            var goal = pathway.Uncoverable.FirstOrDefault(u => u.Skill == q.Skill) is { } u ? u.Reachable : q.Required.Value;
            Assert.True(levels[snapshot.SkillIndex(q.Skill)] >= goal, $"{q.Skill} left below {goal}");
        }
    }

    private static OrganisationSnapshot Build(Random random, out RoleCode[] roles)
    {
        string Skill(int s) => "K" + s.ToString("00", CultureInfo.InvariantCulture);
        string Track(int s, int level) => Skill(s) + "-L" + level.ToString(CultureInfo.InvariantCulture);
        var badges = new List<Badge>();
        // 300 track badges: level l of skill s needs level l-1, or sometimes a badge of another skill at the same level.
        for (var s = 0; s < Skills; s++)
            for (var l = 1; l <= 5; l++)
            {
                var pre = l == 1 ? "" : random.NextDouble() < 0.3
                    ? Track(s, l - 1) + "|" + Track(random.Next(Skills), l - 1)
                    : Track(s, l - 1);
                badges.Add(new Badge(new BadgeId(Track(s, l)), Track(s, l), "Academy",
                    [new BadgeSkill(new SkillCode(Skill(s)), new ProficiencyLevel(l))], l * 4 + random.Next(7),
                    PrerequisiteRule.Parse(pre), ValidMonths: l >= 4 ? 36 : null));
            }
        // 150 vendor badges, each in one of 50 stacks; 50 stack badges with a small capstone.
        for (var v = 0; v < 150; v++)
        {
            var skills = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(Skills)).Distinct()
                .Select(s => new BadgeSkill(new SkillCode(Skill(s)), new ProficiencyLevel(random.Next(2, 6)))).ToArray();
            var pre = random.NextDouble() < 0.5
                ? Track(random.Next(Skills), random.Next(1, 4)) + (random.NextDouble() < 0.5 ? "|" + Track(random.Next(Skills), random.Next(1, 4)) : "")
                : "";
            badges.Add(new Badge(new BadgeId("V" + v.ToString("000", CultureInfo.InvariantCulture)), "Vendor " + v.ToString(CultureInfo.InvariantCulture),
                "Vendor", skills, random.Next(5, 41), PrerequisiteRule.Parse(pre),
                StackId: new BadgeId("STK" + (v / 3).ToString("00", CultureInfo.InvariantCulture))));
        }
        for (var k = 0; k < 50; k++)
            badges.Add(new Badge(new BadgeId("STK" + k.ToString("00", CultureInfo.InvariantCulture)), "Stack " + k.ToString(CultureInfo.InvariantCulture),
                "Vendor", [new BadgeSkill(new SkillCode(Skill(random.Next(Skills))), new ProficiencyLevel(5)),
                           new BadgeSkill(new SkillCode(Skill(random.Next(Skills))), new ProficiencyLevel(4))],
                random.Next(0, 6), PrerequisiteRule.None));

        // A 35-requirement role (the size of O*NET's Computer Programmers profile) and an 8-requirement one.
        RoleVersion MakeRole(string code, int count) => new(new RoleCode(code), code, null, 1, new DateOnly(2020, 1, 1),
            Enumerable.Range(0, Skills).OrderBy(_ => random.Next()).Take(count)
                .Select(s => new RoleRequirement(new SkillCode(Skill(s)), new ProficiencyLevel(random.Next(2, 6)), random.Next(1, 6), random.NextDouble() < 0.2))
                .ToArray());
        var roleList = new[] { MakeRole("PROGRAMMER", 35), MakeRole("ANALYST", 8) };
        roles = [.. roleList.Select(r => r.Code)];

        var employees = new List<Employee>();
        var awards = new List<Award>();
        for (var e = 0; e < 40; e++)
        {
            var id = new EmployeeId("E-" + e.ToString("000", CultureInfo.InvariantCulture));
            employees.Add(new Employee(id, id.Value, null, roleList[e % 2].Code));
            foreach (var s in Enumerable.Range(0, Skills).OrderBy(_ => random.Next()).Take(random.Next(5, 25)))
                for (var l = 1; l <= random.Next(1, 5); l++)
                    awards.Add(new Award(id, new BadgeId(Track(s, l)), new DateOnly(2021 + random.Next(5), 1 + random.Next(12), 1)));
        }
        return new OrganisationSnapshot(new DateOnly(2026, 1, 31), [], roleList, badges, employees, awards);
    }
}
