using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;

namespace SkillsGap.Samples;

/// <summary>Writes the sample records as the CSV files of the file contract (DESIGN §10): UTF-8 without BOM, LF, <c>,</c>-separated.</summary>
public static class SampleFiles
{
    public const string Skills = "skills.csv";
    public const string Roles = "roles.csv";
    public const string RolesMatrix = "roles-matrix.xlsx";
    public const string Badges = "badges.csv";
    public const string Employees = "employees.csv";
    public const string Awards = "awards.csv";
    public const string Readme = "README.md";

    /// <summary>The six data files, in the order they are imported.</summary>
    public static IReadOnlyList<string> DataFiles { get; } = [Skills, Roles, RolesMatrix, Badges, Employees, Awards];

    public static Task WriteSkillsAsync(string path, IEnumerable<Skill> skills, CancellationToken cancellationToken = default) =>
        WriteAsync(path, ["skill_code", "skill_name", "category", "aliases"],
            skills.Select(s => new[] { s.Code.Value, s.Name, s.Category, string.Join(';', s.Aliases) }), cancellationToken);

    public static Task WriteRolesAsync(string path, IEnumerable<SampleRole> roles, CancellationToken cancellationToken = default) =>
        WriteAsync(path, ["role_code", "role_title", "family", "skill_code", "required_level", "weight", "critical"],
            roles.SelectMany(r => r.Requirements.Select(q => new[]
            {
                r.Code.Value, r.Title, r.Family, q.Skill.Value, q.Required.ToString(), Number(q.Weight), q.Critical ? "true" : "false",
            })), cancellationToken);

    public static Task WriteBadgesAsync(string path, IEnumerable<Badge> badges, CancellationToken cancellationToken = default) =>
        WriteAsync(path, ["badge_id", "badge_name", "issuer", "skills", "hours", "prerequisites", "valid_months", "stack_id"],
            badges.Select(b => new[]
            {
                b.Id.Value, b.Name, b.Issuer, string.Join(';', b.Skills.Select(s => $"{s.Skill.Value}:{s.Level}")),
                b.Hours.ToString(CultureInfo.InvariantCulture), b.Prerequisites.ToString(),
                b.ValidMonths is int m ? Number(m) : null, b.StackId?.Value,
            }), cancellationToken);

    public static Task WriteEmployeesAsync(string path, IEnumerable<Employee> employees, CancellationToken cancellationToken = default) =>
        WriteAsync(path, ["employee_id", "name", "email", "role_code", "manager_id", "department", "location", "target_role_code"],
            employees.Select(e => new[]
            {
                e.Id.Value, e.Name, e.Email, e.Role.Value, e.Manager?.Value, e.Department, e.Location, e.TargetRole?.Value,
            }), cancellationToken);

    public static Task WriteAwardsAsync(string path, IEnumerable<Award> awards, CancellationToken cancellationToken = default) =>
        WriteAsync(path, ["employee_id", "badge_id", "issued_on", "expires_on", "evidence_url"],
            awards.Select(a => new[] { a.Employee.Value, a.Badge.Value, Date(a.IssuedOn), a.ExpiresOn is DateOnly x ? Date(x) : null, a.EvidenceUrl }),
            cancellationToken);

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(string path, string[] header, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var line = new StringBuilder();
        await writer.WriteLineAsync(string.Join(',', header));
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append(',');
                AppendField(line, row[i]);
            }
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static void AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        // Fields holding ';' are quoted too, so that a reader that detects the separator is never misled.
        if (value.AsSpan().IndexOfAny(",\";\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
