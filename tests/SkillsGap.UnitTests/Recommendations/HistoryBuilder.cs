using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Recommendations;

/// <summary>Builds small award histories by hand for the next-badge tests.</summary>
internal sealed class HistoryBuilder
{
    private readonly List<RoleVersion> _roles = [];
    private readonly List<Badge> _badges = [];
    private readonly List<Employee> _employees = [];
    private readonly List<Award> _awards = [];

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A role; requirements written <c>SKILL:level:weight</c>, a trailing <c>!</c> when critical.</summary>
    public HistoryBuilder Role(string code, params string[] requirements)
    {
        var list = requirements.Select(text =>
        {
            var critical = text.EndsWith('!');
            var parts = text.TrimEnd('!').Split(':');
            return new RoleRequirement(new SkillCode(parts[0]), new ProficiencyLevel(int.Parse(parts[1], CultureInfo.InvariantCulture)),
                int.Parse(parts[2], CultureInfo.InvariantCulture), critical);
        }).ToArray();
        _roles.Add(new RoleVersion(new RoleCode(code), code + " title", null, 1, D("2020-01-01"), list));
        return this;
    }

    /// <summary>A badge; skills written <c>PY:3;SQL:2</c>.</summary>
    public HistoryBuilder Badge(string id, string skills, decimal hours = 10m, string? prerequisites = null, int? validMonths = null, string? stack = null)
    {
        var attests = skills.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s =>
        {
            var parts = s.Split(':');
            return new BadgeSkill(new SkillCode(parts[0]), new ProficiencyLevel(int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }).ToArray();
        _badges.Add(new Badge(new BadgeId(id), id, "Issuer", attests, hours, PrerequisiteRule.Parse(prerequisites), validMonths,
            stack is null ? null : new BadgeId(stack)));
        return this;
    }

    public HistoryBuilder Employee(string id, string role, string? department = null, string? target = null)
    {
        _employees.Add(new Employee(new EmployeeId(id), "Name of " + id, null, new RoleCode(role), Department: department,
            TargetRole: target is null ? null : new RoleCode(target)));
        return this;
    }

    public HistoryBuilder Award(string employee, string badge, DateOnly issued, VerificationState state = VerificationState.Recorded)
    {
        _awards.Add(new Award(new EmployeeId(employee), new BadgeId(badge), issued, null, null, state));
        return this;
    }

    public HistoryBuilder Award(string employee, string badge, string issued, VerificationState state = VerificationState.Recorded) =>
        Award(employee, badge, D(issued), state);

    public OrganisationSnapshot Build(string asOf) => new(D(asOf), [], _roles, _badges, _employees, _awards);

    /// <summary>
    /// A history with a strong sequential pattern: each role's people earn their role's five badges in a fixed order,
    /// 30 days apart, starting on staggered days. The badges attest no required skill, so gap-greedy cannot tell them apart.
    /// </summary>
    public static OrganisationSnapshot Chains(int employeesPerRole)
    {
        var builder = new HistoryBuilder();
        string[][] chains = [["B00", "B07", "B03", "B11", "B05"], ["B01", "B09", "B14", "B02", "B12"], ["B06", "B13", "B04", "B10", "B08"]];
        builder.Role("R0", "X:3:3").Role("R1", "X:3:3").Role("R2", "X:3:3");
        for (var b = 0; b < 15; b++)
            builder.Badge(string.Create(CultureInfo.InvariantCulture, $"B{b:00}"), "Y:2", 5 + b);
        var start = D("2023-01-01");
        var n = 0;
        for (var r = 0; r < chains.Length; r++)
            for (var i = 0; i < employeesPerRole; i++, n++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"E{n:000}");
                builder.Employee(id, "R" + r.ToString(CultureInfo.InvariantCulture));
                for (var step = 0; step < chains[r].Length; step++)
                    builder.Award(id, chains[r][step], start.AddDays(n * 3 + step * 30));
            }
        return builder.Build("2026-01-01");
    }
}
