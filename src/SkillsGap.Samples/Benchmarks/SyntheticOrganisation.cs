using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Samples.Benchmarks;

/// <summary>
/// A large random organisation for performance measurements only: E employees in 20 roles of 15 requirements over
/// S skills, a catalogue of badges attesting two skills each, and A awards spread over three years.
/// </summary>
public sealed class SyntheticOrganisation
{
    private SyntheticOrganisation(IReadOnlyList<Skill> skills, IReadOnlyList<RoleVersion> roles, IReadOnlyList<Badge> badges,
        IReadOnlyList<Employee> employees, IReadOnlyList<Award> awards)
    {
        Skills = skills;
        Roles = roles;
        Badges = badges;
        Employees = employees;
        Awards = awards;
    }

    public IReadOnlyList<Skill> Skills { get; }
    public IReadOnlyList<RoleVersion> Roles { get; }
    public IReadOnlyList<Badge> Badges { get; }
    public IReadOnlyList<Employee> Employees { get; }
    public IReadOnlyList<Award> Awards { get; }

    public static readonly DateOnly AsOf = new(2026, 11, 27);

    public OrganisationSnapshot Snapshot(DateOnly? asOf = null) => new(asOf ?? AsOf, Skills, Roles, Badges, Employees, Awards);

    /// <summary>The same organisation as a history: everyone on the roster from the beginning, every role in force from its date.</summary>
    public OrganisationTimeline History() =>
        new(Skills, Roles, Badges, [.. Employees.Select(e => new EmployeeState(DateOnly.MinValue, e))], Awards);

    public static SyntheticOrganisation Create(int employees, int skills, int awards, int seed = 7)
    {
        var random = new Random(seed);
        var skillList = Enumerable.Range(0, skills)
            .Select(s => new Skill(new SkillCode(Code("S", s)), Code("Skill ", s), "Synthetic")).ToArray();
        var roles = Enumerable.Range(0, 20).Select(r => new RoleVersion(
            new RoleCode(Code("R", r)), Code("Role ", r), Code("F", r % 4), 1, new DateOnly(2020, 1, 1),
            Enumerable.Range(0, skills).OrderBy(_ => random.Next()).Take(Math.Min(15, skills))
                .Select(s => new RoleRequirement(skillList[s].Code, new ProficiencyLevel(random.Next(1, 6)), random.Next(1, 6), random.Next(10) == 0))
                .ToArray())).ToArray();
        var badgeCount = Math.Max(10, skills * 3 / 2);
        var badges = Enumerable.Range(0, badgeCount).Select(b => new Badge(
            new BadgeId(Code("B", b)), Code("Badge ", b), "Synthetic Academy",
            [.. Enumerable.Range(0, 2).Select(k => (b + k * 37) % skills).Distinct()
                .Select(s => new BadgeSkill(skillList[s].Code, new ProficiencyLevel(1 + (b % 5))))],
            random.Next(2, 40), PrerequisiteRule.None, b % 4 == 0 ? 24 : null)).ToArray();
        var people = new Employee[employees];
        for (var e = 0; e < employees; e++)
            people[e] = new Employee(new EmployeeId(Code("E", e)), Code("Person ", e), Code("p", e) + "@example.com",
                roles[e % roles.Length].Code, e == 0 ? null : new EmployeeId(Code("E", (e - 1) / 8)), Code("D", e % 12));
        var awardList = new Award[awards];
        var start = AsOf.AddYears(-3).DayNumber;
        var span = AsOf.DayNumber - start;
        // Awards are keyed by (employee, badge, issued on): draw again on a repeat so that every row is distinct.
        var seen = new HashSet<(int, int, int)>(awards);
        for (var a = 0; a < awards; a++)
        {
            int e, b, day;
            do { e = random.Next(employees); b = random.Next(badgeCount); day = start + random.Next(span); }
            while (!seen.Add((e, b, day)));
            awardList[a] = new Award(people[e].Id, badges[b].Id, DateOnly.FromDayNumber(day));
        }
        return new SyntheticOrganisation(skillList, roles, badges, people, awardList);
    }

    /// <summary>
    /// Like <see cref="Create"/>, but with an award history shaped like real careers, for the recommendation
    /// measurements: each role has its own order of 30 badges; each employee starts somewhere in the three years and
    /// earns badges 10 to 90 days apart, the next one in their role's order four times in five, else any badge of the
    /// catalogue — about <paramref name="awards"/> awards in all, each (employee, badge) at most once.
    /// </summary>
    public static SyntheticOrganisation CreateCareers(int employees, int skills, int awards, int seed = 7)
    {
        var shape = Create(employees, skills, 0, seed);
        var random = new Random(seed + 1);
        var badgeCount = shape.Badges.Count;
        var paths = shape.Roles.Select(_ => Enumerable.Range(0, badgeCount).OrderBy(_ => random.Next()).Take(Math.Min(30, badgeCount)).ToArray()).ToArray();
        var perEmployee = Math.Max(1, awards / Math.Max(1, employees));
        var list = new List<Award>(awards);
        var start = AsOf.AddYears(-3).DayNumber;
        var span = AsOf.DayNumber - start;
        var held = new HashSet<int>();
        for (var e = 0; e < employees && list.Count < awards; e++)
        {
            var path = paths[e % paths.Length];
            var day = start + random.Next(span / 2);
            var step = 0;
            held.Clear();
            for (var k = 0; k < perEmployee && list.Count < awards && day < AsOf.DayNumber; k++)
            {
                int b;
                if (random.Next(5) < 4 && step < path.Length) b = path[step++];
                else b = random.Next(badgeCount);
                if (!held.Add(b)) continue;
                list.Add(new Award(shape.Employees[e].Id, shape.Badges[b].Id, DateOnly.FromDayNumber(day)));
                day += random.Next(10, 91);
            }
        }
        return new SyntheticOrganisation(shape.Skills, shape.Roles, shape.Badges, shape.Employees, list);
    }

    private static string Code(string prefix, int n) => prefix + n.ToString(CultureInfo.InvariantCulture);
}
