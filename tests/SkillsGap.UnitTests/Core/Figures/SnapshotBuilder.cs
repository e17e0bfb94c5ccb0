using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Core.Figures;

/// <summary>Builds a small organisation by hand for tests whose figures are worked out on paper.</summary>
internal sealed class SnapshotBuilder
{
    private readonly List<Skill> _skills = [];
    private readonly List<RoleVersion> _roles = [];
    private readonly List<Badge> _badges = [];
    private readonly List<Employee> _employees = [];
    private readonly List<Award> _awards = [];

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public SnapshotBuilder Skill(params string[] codes)
    {
        foreach (var code in codes) _skills.Add(new Skill(new SkillCode(code), code));
        return this;
    }

    /// <summary>A skill with a name.</summary>
    public SnapshotBuilder NamedSkill(string code, string name)
    {
        _skills.Add(new Skill(new SkillCode(code), name));
        return this;
    }

    /// <summary>Gives the role added last a title (roles are titled by their code otherwise).</summary>
    public SnapshotBuilder Titled(string title)
    {
        _roles[^1] = _roles[^1] with { Title = title };
        return this;
    }

    /// <summary>A role; each requirement written <c>SKILL:level:weight</c>, with a trailing <c>!</c> when critical.</summary>
    public SnapshotBuilder Role(string code, params string[] requirements)
    {
        var list = requirements.Select(text =>
        {
            var critical = text.EndsWith('!');
            var parts = text.TrimEnd('!').Split(':');
            return new RoleRequirement(new SkillCode(parts[0]), new ProficiencyLevel(int.Parse(parts[1], CultureInfo.InvariantCulture)),
                int.Parse(parts[2], CultureInfo.InvariantCulture), critical);
        }).ToArray();
        _roles.Add(new RoleVersion(new RoleCode(code), code, null, 1, D("2020-01-01"), list));
        return this;
    }

    /// <summary>A badge; skills written <c>PY:3;SQL:2</c>; 10 hours unless given.</summary>
    public SnapshotBuilder Badge(string id, string skills, int? validMonths = null, string? stack = null, string? prerequisites = null,
        decimal hours = 10m, string? name = null)
    {
        var attests = skills.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s =>
        {
            var parts = s.Split(':');
            return new BadgeSkill(new SkillCode(parts[0]), new ProficiencyLevel(int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }).ToArray();
        _badges.Add(new Badge(new BadgeId(id), name ?? id, "Issuer", attests, hours, PrerequisiteRule.Parse(prerequisites), validMonths,
            stack is null ? null : new BadgeId(stack)));
        return this;
    }

    public SnapshotBuilder Employee(string id, string role, string? manager = null, string? department = null, string? target = null, string? leftOn = null,
        string? name = null, string? location = null)
    {
        _employees.Add(new Employee(new EmployeeId(id), name ?? "Name of " + id, id.ToLowerInvariant() + "@example.org", new RoleCode(role),
            manager is null ? null : new EmployeeId(manager), department, location, target is null ? null : new RoleCode(target),
            leftOn is null ? null : D(leftOn)));
        return this;
    }

    public SnapshotBuilder Award(string employee, string badge, string issued, string? expires = null,
        VerificationState state = VerificationState.Recorded, int? achievedLevel = null)
    {
        _awards.Add(new Award(new EmployeeId(employee), new BadgeId(badge), D(issued), expires is null ? null : D(expires), null, state, achievedLevel));
        return this;
    }

    public OrganisationSnapshot Build(string asOf) => new(D(asOf), _skills, _roles, _badges, _employees, _awards);

    public OrganisationFigures Figures(string asOf, FigureOptions? options = null) => GapEngine.Compute(Build(asOf), options);
}
