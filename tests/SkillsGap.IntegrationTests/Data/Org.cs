using SkillsGap.Core.Domain;
using SkillsGap.Data;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>Small builders for the domain values the storage tests write.</summary>
internal static class Org
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Skill Skill(string code, string? name = null, params string[] aliases) =>
        new(new SkillCode(code), name ?? code, "Tech", null, aliases);

    public static RoleRequirement Req(string skill, int level, int weight = 3, bool critical = false) =>
        new(new SkillCode(skill), new ProficiencyLevel(level), weight, critical);

    public static RoleDefinition Role(string code, string title, DateOnly? from, params RoleRequirement[] requirements) =>
        new(new RoleCode(code), title, "Data", requirements, from);

    public static Badge Badge(string id, string skill, int level, decimal hours = 10, int? validMonths = null, string? prerequisites = null, string? stack = null) =>
        new(new BadgeId(id), id + " badge", "Acme Academy", [new BadgeSkill(new SkillCode(skill), new ProficiencyLevel(level))], hours,
            PrerequisiteRule.Parse(prerequisites), validMonths, stack is null ? null : new BadgeId(stack));

    public static EmployeeChange Person(string id, string role, string? manager = null, DateOnly? from = null, DateOnly? leftOn = null, string? department = "Analytics") =>
        new(new Employee(new EmployeeId(id), "Person " + id, id.ToLowerInvariant() + "@example.org", new RoleCode(role),
            manager is null ? null : new EmployeeId(manager), department, "Leeds", null, leftOn), from);

    public static Award Award(string employee, string badge, string issued, string? expires = null, VerificationState state = VerificationState.Recorded, string? source = "test") =>
        new(new EmployeeId(employee), new BadgeId(badge), D(issued), expires is null ? null : D(expires), null, state, null, null, source);
}
