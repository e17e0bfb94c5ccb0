using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.TestSupport;

// The sample organisation of data-samples/ read with the Ingestion readers, both role files included (as the
// notebooks' SampleOrganisation.csx reads it), for tests that look at what the product shows for the samples.

/// <summary>Keys read so far from the sample files, so each file is checked against the ones before it (as an import does).</summary>
internal sealed class SampleKeys : IReferenceCatalogue
{
    public HashSet<string> Skills { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Roles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Badges { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EmployeeId> Employees { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EmployeeId> Emails { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<EmployeeId, EmployeeId?> Managers { get; } = [];

    public bool HasSkill(SkillCode code) => Skills.Contains(code.Value);
    public bool HasRole(RoleCode code) => Roles.Contains(code.Value);
    public bool HasBadge(BadgeId id) => Badges.Contains(id.Value);
    public bool HasEmployee(EmployeeId id) => Employees.ContainsKey(id.Value);
    public EmployeeId? EmployeeByEmail(string email) => Emails.TryGetValue(email, out var id) ? id : null;
    public IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks => Managers;
}

/// <summary>The sample organisation as of one date, read from data-samples/.</summary>
internal static class SampleSnapshot
{
    /// <summary>The day after the last award of the sample history (2026-11-27).</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 28);

    public static OrganisationSnapshot Load(DateOnly? asOf = null)
    {
        var catalogue = new SampleKeys();
        InputFile File(string name) => InputFile.FromPath(Path.Combine(ExternalData.SamplesFolder, name));

        var skills = Valid(RecordReader.ReadSkills(File("skills.csv")), "skills.csv").Select(s => s.Skill).ToList();
        catalogue.Skills.UnionWith(skills.Select(s => s.Code.Value));

        // Both role files: the long one and the Business family kept as a matrix in Excel.
        var roles = Valid(RecordReader.ReadRoles(File("roles.csv"), catalogue), "roles.csv")
            .Concat(Valid(RecordReader.ReadRoles(File("roles-matrix.xlsx"), catalogue), "roles-matrix.xlsx"))
            .Select(r => new RoleVersion(r.Code, r.Title, r.Family, 1, r.EffectiveFrom ?? new DateOnly(2020, 1, 1), r.Requirements))
            .ToList();
        catalogue.Roles.UnionWith(roles.Select(r => r.Code.Value));

        var badges = Valid(RecordReader.ReadBadges(File("badges.csv"), catalogue), "badges.csv").Select(b => b.Badge).ToList();
        catalogue.Badges.UnionWith(badges.Select(b => b.Id.Value));

        var employees = Valid(RecordReader.ReadEmployees(File("employees.csv"), catalogue), "employees.csv").Select(e => e.Employee).ToList();
        foreach (var e in employees)
        {
            catalogue.Employees[e.Id.Value] = e.Id;
            if (e.Email is { Length: > 0 } email) catalogue.Emails[email] = e.Id;
            catalogue.Managers[e.Id] = e.Manager;
        }

        var awards = Valid(RecordReader.ReadAwards(File("awards.csv"), catalogue), "awards.csv").Select(a => a.Award).ToList();
        return new OrganisationSnapshot(asOf ?? AsOf, skills, roles, badges, employees, awards);
    }

    private static IReadOnlyList<T> Valid<T>(ParseResult<T> result, string file) =>
        result.IsValid
            ? result.Records
            : throw new InvalidOperationException($"{file} is not valid: " + string.Join("; ", result.Errors.Take(5)));
}
