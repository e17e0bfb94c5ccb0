using System.Globalization;
using System.Text;

namespace SkillsGap.Ingestion.Validation;

/// <summary>Which characters a value may hold: none that are invisible, control the terminal, or reorder what is shown.</summary>
public static class TextRules
{
    /// <summary>How much of the character repertoire a kind of value accepts.</summary>
    public enum Kind
    {
        /// <summary>Ids and codes: no control, format (zero-width, bidi, BOM), separator or lone surrogate character.</summary>
        Identifier,
        /// <summary>Names, titles, labels: one line — no control character (tab and line breaks included), no bidi override or lone surrogate.</summary>
        Line,
        /// <summary>Descriptions: tab and line breaks allowed; no other control character, no lone surrogate.</summary>
        Text,
    }

    /// <summary>Why <paramref name="text"/> cannot be a value of <paramref name="kind"/> ("it contains U+0000 (NUL) at character 3"), or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text, Kind kind)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and < '\u007F') continue; // printable ASCII: the common case
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (!Allowed(c, kind))
                return $"it contains {Describe(c)} at character {(i + 1).ToString(CultureInfo.InvariantCulture)}, which {(kind == Kind.Identifier ? "an identifier" : "this value")} may not hold";
        }
        return null;
    }

    private static bool Allowed(char c, Kind kind)
    {
        if (char.IsSurrogate(c)) return false; // unpaired
        if (char.IsControl(c)) return kind == Kind.Text && c is '\t' or '\n' or '\r';
        var category = char.GetUnicodeCategory(c);
        if (kind == Kind.Identifier)
            return category is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) || c == ' ';
        // Bidi embeddings, overrides and isolates can make a name display as something else.
        return c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
               && (kind == Kind.Text || category is not (UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator));
    }

    /// <summary>"U+0000 (NUL)", "U+202E (a bidi control)", "U+00A0".</summary>
    private static string Describe(char c)
    {
        var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return c switch
        {
            '\0' => code + " (NUL)",
            '\t' => code + " (tab)",
            '\n' or '\r' => code + " (a line break)",
            '\u001B' => code + " (escape)",
            _ when char.IsControl(c) => code + " (a control character)",
            _ when char.IsSurrogate(c) => code + " (half of a character)",
            (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => code + " (a bidi control)",
            _ when char.GetUnicodeCategory(c) == UnicodeCategory.Format => code + " (an invisible format character)",
            _ => code,
        };
    }

    /// <summary><paramref name="text"/> with every control, format or separator character written as <c>\uXXXX</c>, so that an error message shows it and a terminal does not act on it.</summary>
    public static string Visible(string text)
    {
        StringBuilder? shown = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var hidden = c is < ' ' or '\u007F' || (c >= '\u0080' && (char.IsControl(c) || char.IsSurrogate(c) && !IsPair(text, i)
                || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator));
            if (!hidden)
            {
                shown?.Append(c);
                continue;
            }
            shown ??= new StringBuilder(text, 0, i, text.Length + 16);
            shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return shown?.ToString() ?? text;
    }

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
