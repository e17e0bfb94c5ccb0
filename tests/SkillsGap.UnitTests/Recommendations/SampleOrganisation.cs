using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.TestSupport;

namespace SkillsGap.UnitTests.Recommendations;

/// <summary>
/// Reads data-samples/*.csv with a minimal CSV reader (and the Business roles of roles-matrix.xlsx through the matrix
/// reader), in the order the database gives them
/// (skills, roles, badges and employees by code; awards in file order), so that figures match `skillsgap evaluate`.
/// </summary>
internal static class SampleOrganisation
{
    public static OrganisationSnapshot Load()
    {
        var folder = ExternalData.SamplesFolder;
        var skills = Rows(Path.Combine(folder, "skills.csv")).Select(r => new Skill(new SkillCode(r["skill_code"]), r["skill_name"]))
            .OrderBy(s => s.Code.Value, StringComparer.Ordinal).ToList();
        var roles = Rows(Path.Combine(folder, "roles.csv")).GroupBy(r => r["role_code"]).Select(g => new RoleVersion(
            new RoleCode(g.Key), g.First()["role_title"], g.First()["family"], 1, new DateOnly(2020, 1, 1),
            g.Select(r => new RoleRequirement(new SkillCode(r["skill_code"]), new ProficiencyLevel(Int(r["required_level"])),
                r["weight"].Length == 0 ? 3 : Int(r["weight"]), string.Equals(r["critical"], "true", StringComparison.OrdinalIgnoreCase))).ToList()))
            .Concat(MatrixRoles(Path.Combine(folder, "roles-matrix.xlsx")))
            .OrderBy(r => r.Code.Value, StringComparer.Ordinal).ToList();
        var badges = Rows(Path.Combine(folder, "badges.csv")).Select(r => new Badge(new BadgeId(r["badge_id"]), r["badge_name"], r["issuer"],
            r["skills"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split(':'))
                .Select(p => new BadgeSkill(new SkillCode(p[0]), new ProficiencyLevel(Int(p[1])))).ToList(),
            decimal.Parse(r["hours"], CultureInfo.InvariantCulture), PrerequisiteRule.Parse(r["prerequisites"]),
            r["valid_months"].Length == 0 ? null : Int(r["valid_months"]),
            r["stack_id"].Length == 0 ? null : new BadgeId(r["stack_id"]))).OrderBy(b => b.Id.Value, StringComparer.Ordinal).ToList();
        var employees = Rows(Path.Combine(folder, "employees.csv")).Select(r => new Employee(new EmployeeId(r["employee_id"]), r["name"],
            r["email"], new RoleCode(r["role_code"]), r["manager_id"].Length == 0 ? null : new EmployeeId(r["manager_id"]),
            r["department"], r["location"], r["target_role_code"].Length == 0 ? null : new RoleCode(r["target_role_code"])))
            .OrderBy(e => e.Id.Value, StringComparer.Ordinal).ToList();
        var awards = Rows(Path.Combine(folder, "awards.csv")).Select(r => new Award(new EmployeeId(r["employee_id"]), new BadgeId(r["badge_id"]),
            HistoryBuilder.D(r["issued_on"]), r["expires_on"].Length == 0 ? null : HistoryBuilder.D(r["expires_on"]),
            r["evidence_url"].Length == 0 ? null : r["evidence_url"])).ToList();
        return new OrganisationSnapshot(new DateOnly(2026, 11, 28), skills, roles, badges, employees, awards);
    }

    private static IEnumerable<RoleVersion> MatrixRoles(string path)
    {
        var read = SkillsGap.Ingestion.RecordReader.ReadRoles(SkillsGap.Ingestion.InputFile.FromPath(path), new AnyKey());
        if (!read.IsValid) throw new InvalidDataException(string.Join("; ", read.Errors));
        return read.Records.Select(r => new RoleVersion(r.Code, r.Title, r.Family, 1, new DateOnly(2020, 1, 1), r.Requirements));
    }

    /// <summary>Every skill is known: the matrix names the skills of skills.csv.</summary>
    private sealed class AnyKey : SkillsGap.Ingestion.IReferenceCatalogue
    {
        public bool HasSkill(SkillCode code) => true;
        public bool HasRole(RoleCode code) => false;
        public bool HasBadge(BadgeId id) => false;
        public bool HasEmployee(EmployeeId id) => false;
        public EmployeeId? EmployeeByEmail(string email) => null;
        public IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks { get; } = new Dictionary<EmployeeId, EmployeeId?>();
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).ToList();
        var header = Fields(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var fields = Fields(line);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) row[header[i]] = i < fields.Count ? fields[i] : "";
            yield return row;
        }
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else current.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
