using System.Globalization;

namespace SkillsGap.Analytics;

/// <summary>Flattens a `gaps` document to CSV (RFC 4180: comma, CRLF, quoted where needed; invariant numbers).</summary>
public static class GapsCsv
{
    /// <summary>The header row's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["employee_id", "role", "target_role", "skill", "required", "attained", "gap", "weight", "critical", "readiness", "ready"];

    /// <summary>
    /// Writes one row per employee × requirement. An employee whose role requires nothing gets one row with the
    /// requirement columns empty, so nobody disappears from the file.
    /// </summary>
    public static void Write(IGapsDocument document, TextWriter writer)
    {
        WriteRow(writer, Columns);
        var fields = new string[Columns.Count];
        foreach (var e in document.Employees)
        {
            fields[0] = e.Id;
            fields[1] = e.Role;
            fields[2] = e.TargetRole ?? "";
            fields[9] = e.Readiness.ToString("R", CultureInfo.InvariantCulture);
            fields[10] = Bool(e.Ready);
            if (e.Requirements.Count == 0)
            {
                for (var i = 3; i <= 8; i++) fields[i] = "";
                WriteRow(writer, fields);
                continue;
            }
            foreach (var q in e.Requirements)
            {
                fields[3] = q.Skill;
                fields[4] = q.Required.ToString(CultureInfo.InvariantCulture);
                fields[5] = q.Attained.ToString(CultureInfo.InvariantCulture);
                fields[6] = q.Gap.ToString(CultureInfo.InvariantCulture);
                fields[7] = q.Weight.ToString(CultureInfo.InvariantCulture);
                fields[8] = Bool(q.Critical);
                WriteRow(writer, fields);
            }
        }
    }

    /// <summary>The CSV text of a document.</summary>
    public static string ToText(IGapsDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(document, writer);
        return writer.ToString();
    }

    /// <summary>A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote, CR or LF.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Bool(bool value) => value ? "true" : "false";

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Quote(fields[i]));
        }
        writer.Write("\r\n");
    }
}
