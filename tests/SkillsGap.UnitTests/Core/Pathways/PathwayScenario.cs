using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;

namespace SkillsGap.UnitTests.Core.Pathways;

/// <summary>A small organisation built by hand: badges, roles, one or more employees and their awards, as of 2026-01-31.</summary>
internal sealed class PathwayScenario
{
    public static readonly DateOnly AsOf = new(2026, 1, 31);

    private readonly List<Badge> _badges = [];
    private readonly List<RoleVersion> _roles = [];
    private readonly List<Employee> _employees = [];
    private readonly List<Award> _awards = [];
    private OrganisationFigures? _figures;

    /// <summary>Skills as <c>PY:3;SQL:2</c>, prerequisites as <c>A;B|C</c>.</summary>
    public PathwayScenario Badge(string id, decimal hours, string skills = "", string prerequisites = "", int? validMonths = null,
        string? stack = null, string? name = null)
    {
        var attests = skills.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':'))
            .Select(p => new BadgeSkill(new SkillCode(p[0]), new ProficiencyLevel(int.Parse(p[1], CultureInfo.InvariantCulture))))
            .ToArray();
        _badges.Add(new Badge(new BadgeId(id), name ?? id, "Issuer", attests, hours, PrerequisiteRule.Parse(prerequisites),
            validMonths, stack is null ? null : new BadgeId(stack)));
        _figures = null;
        return this;
    }

    public PathwayScenario Role(string code, params (string Skill, int Level, int Weight, bool Critical)[] requirements)
    {
        _roles.Add(new RoleVersion(new RoleCode(code), code, null, 1, new DateOnly(2020, 1, 1),
            requirements.Select(r => new RoleRequirement(new SkillCode(r.Skill), new ProficiencyLevel(r.Level), r.Weight, r.Critical)).ToArray()));
        _figures = null;
        return this;
    }

    public PathwayScenario Employee(string id, string role)
    {
        _employees.Add(new Employee(new EmployeeId(id), id, null, new RoleCode(role)));
        _figures = null;
        return this;
    }

    public PathwayScenario Award(string employee, string badge, string issuedOn, string? expiresOn = null,
        VerificationState state = VerificationState.Recorded)
    {
        _awards.Add(new Award(new EmployeeId(employee), new BadgeId(badge), DateOnly.Parse(issuedOn, CultureInfo.InvariantCulture),
            expiresOn is null ? null : DateOnly.Parse(expiresOn, CultureInfo.InvariantCulture), State: state));
        _figures = null;
        return this;
    }

    public OrganisationFigures Figures() =>
        _figures ??= GapEngine.Compute(new OrganisationSnapshot(AsOf, [], _roles, _badges, _employees, _awards));

    public Pathway Plan(string employee, string? targetRole = null, PathwayOptions? options = null) =>
        PathwayPlanner.Plan(Figures(), new EmployeeId(employee), targetRole is null ? null : new RoleCode(targetRole), options);
}

internal static class PathwayAssertions
{
    public static string[] Badges(this Pathway pathway) => pathway.Steps.Select(s => s.Badge.Value).ToArray();
}
