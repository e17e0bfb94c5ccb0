namespace SkillsGap.Reporting;

/// <summary>
/// Text from the data that a spreadsheet could take for a formula (CWE-1236, "CSV/formula injection"): it starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return.
/// </summary>
public static class SafeText
{
    /// <summary>Whether <paramref name="text"/> starts with a character a spreadsheet treats as the start of a formula.</summary>
    public static bool LooksLikeFormula(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A label for a chart: one line, control characters dropped, at most <paramref name="max"/> characters.</summary>
    public static string Label(string? text, int max = 40)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var chars = text.Where(c => !char.IsControl(c)).ToArray();
        var s = new string(chars).Trim();
        return s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");
    }
}
