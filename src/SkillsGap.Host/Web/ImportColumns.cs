using System.Text;
using SkillsGap.Ingestion;

namespace SkillsGap.Host.Web;

/// <summary>A column of an import kind (DESIGN §10): its header, whether it is required, and what it holds.</summary>
public sealed record ImportColumn(string Name, bool Required, string Meaning, string Example);

/// <summary>
/// The columns of each tabular import kind as the uploads page lists them, the CSV template it offers, and the kind a
/// file's header most likely belongs to (for a hint when the chosen kind misses required columns).
/// </summary>
public static class ImportColumns
{
    public static IReadOnlyDictionary<ImportKind, IReadOnlyList<ImportColumn>> Of { get; } = new Dictionary<ImportKind, IReadOnlyList<ImportColumn>>
    {
        [ImportKind.Skills] =
        [
            new("skill_code", true, "a short code", "SQL"), new("skill_name", true, "the name people read", "SQL querying"),
            new("category", false, "a grouping", "Data"), new("description", false, "what the skill covers", "Writing queries"),
            new("aliases", false, "other names, separated by ;", "Structured Query Language"),
        ],
        [ImportKind.Roles] =
        [
            new("role_code", true, "a short code", "ANALYST"), new("role_title", true, "the title", "Data Analyst"),
            new("family", false, "a role family", "Data"), new("skill_code", true, "a required skill", "SQL"),
            new("required_level", true, "the level required, 0–5", "3"), new("weight", false, "how much it counts (default 3)", "4"),
            new("critical", false, "true when the role cannot do without it", "true"),
        ],
        [ImportKind.Badges] =
        [
            new("badge_id", true, "a short id", "SQL-201"), new("badge_name", true, "the name", "SQL Practitioner"),
            new("issuer", false, "who awards it", "Internal Academy"), new("skills", true, "skills and levels it attests, CODE:level;CODE:level", "SQL:3"),
            new("hours", true, "hours of learning", "12"), new("prerequisites", false, "badges needed first: A;B all of, A|B either", "SQL-101"),
            new("valid_months", false, "months until it expires", "24"), new("stack_id", false, "the stack it belongs to", "DATA-STACK"),
        ],
        [ImportKind.Employees] =
        [
            new("employee_id", true, "a unique id", "E-104"), new("name", true, "full name", "Ana Ortiz"), new("email", false, "work e-mail", "ana@example.org"),
            new("role_code", true, "their role", "ANALYST"), new("manager_id", false, "their manager's employee_id", "E-042"),
            new("department", false, "department name", "Finance"), new("location", false, "where they work", "Lisbon"),
            new("target_role_code", false, "the role they aim for", "SENIOR-ANALYST"),
        ],
        [ImportKind.Awards] =
        [
            new("employee_id", true, "who earned it (or email)", "E-104"), new("badge_id", true, "the badge", "SQL-201"),
            new("issued_on", true, "ISO date", "2026-03-01"), new("expires_on", false, "ISO date", "2028-03-01"),
            new("evidence_url", false, "a link to the evidence", "https://example.org/evidence/1"),
        ],
    };

    /// <summary>A header matched as the importer does: case ignored, spaces, '-' and '_' the same.</summary>
    public static string Normalise(string header) =>
        new string([.. header.Trim().Trim('\uFEFF', '"').ToLowerInvariant().Select(c => c is ' ' or '-' ? '_' : c)]);

    /// <summary>The CSV template of a kind: its header row and one example row.</summary>
    public static byte[] Template(ImportKind kind)
    {
        var columns = Of[kind];
        var text = string.Join(',', columns.Select(c => c.Name)) + "\n" + string.Join(',', columns.Select(c => Quote(c.Example))) + "\n";
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>
    /// The kind whose required columns all appear in <paramref name="headers"/>, when it is not <paramref name="chosen"/>
    /// and the chosen kind misses some of its own; null otherwise. Ties go to the kind with the most matching columns.
    /// </summary>
    public static ImportKind? LikelyKind(IReadOnlyCollection<string> headers, ImportKind chosen)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var set = headers.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        if (set.Contains("employee_id") && set.Contains("email")) set.Add("employee_id");
        if (Of.TryGetValue(chosen, out var own) && own.Where(c => c.Required).All(c => set.Contains(c.Name))) return null;
        return Of.Where(k => k.Key != chosen && k.Value.Where(c => c.Required).All(c => set.Contains(c.Name)))
            .OrderByDescending(k => k.Value.Count(c => set.Contains(c.Name))).Select(k => (ImportKind?)k.Key).FirstOrDefault();
    }

    /// <summary>The header cells of a CSV file's first line (quotes removed), or empty when it is not text.</summary>
    public static IReadOnlyList<string> CsvHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: false);
        var buffer = new char[4096];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        var line = new string(buffer, 0, read).Split('\n')[0].TrimEnd('\r');
        if (line.Any(char.IsControl)) return [];
        var separator = line.Count(c => c == ';') > line.Count(c => c == ',') ? ';' : line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        return [.. line.Split(separator).Select(h => h.Trim().Trim('"'))];
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
