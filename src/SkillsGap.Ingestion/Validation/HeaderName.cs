using System.Text;

namespace SkillsGap.Ingestion;

/// <summary>How headers and JSON property names are matched: case-insensitively, with spaces, <c>-</c>, <c>_</c> and camelCase word breaks equivalent.</summary>
public static class HeaderName
{
    /// <summary>The matching key: <c>Role Code</c>, <c>role-code</c>, <c>role_code</c> and <c>roleCode</c> all give <c>role_code</c>.</summary>
    public static string Normalize(string header)
    {
        var key = new StringBuilder(header.Length + 4);
        var pendingBreak = false;
        var previous = '\0';
        foreach (var c in header.Trim().TrimStart('\uFEFF'))
        {
            if (c is ' ' or '-' or '_' or '\t')
            {
                pendingBreak = key.Length > 0;
            }
            else
            {
                if (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))) pendingBreak = true;
                if (pendingBreak) key.Append('_');
                pendingBreak = false;
                key.Append(char.ToLowerInvariant(c));
            }
            previous = c;
        }
        return key.ToString();
    }
}
