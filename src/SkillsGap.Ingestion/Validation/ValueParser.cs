using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion.Validation;

/// <summary>Parses the cell values of the file contract (DESIGN §10), culture-invariant, each failure with a reason a user can act on.</summary>
public static class ValueParser
{
    /// <summary>A level on the default scale: a whole number 0–5 (a number cell such as <c>3.0</c> counts as whole).</summary>
    public static bool TryParseLevel(ReadOnlySpan<char> text, out int level, out string? reason)
    {
        text = text.Trim();
        level = 0;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reason = $"level '{text}' is not a whole number from {ProficiencyLevel.Min} to {ProficiencyLevel.Max}";
            return false;
        }
        if (value != decimal.Truncate(value))
        {
            reason = $"level {value.ToString(CultureInfo.InvariantCulture)} is not a whole number";
            return false;
        }
        if (value is < ProficiencyLevel.Min or > ProficiencyLevel.Max)
        {
            reason = $"level {value.ToString(CultureInfo.InvariantCulture)} is outside the scale {ProficiencyLevel.Min}–{ProficiencyLevel.Max}";
            return false;
        }
        level = (int)value;
        reason = null;
        return true;
    }

    /// <summary>
    /// An ISO 8601 date <c>yyyy-MM-dd</c>, or a date-time (<c>2026-11-28T09:30:00Z</c>) whose date part is taken as written.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date, out string? reason)
    {
        text = text.Trim();
        reason = null;
        if (text.Length == 10 && TryParseIsoDate(text, out date))
            return true;
        if (text.Length > 10 && text[10] is 'T' or 't' or ' '
            && TryParseIsoDate(text[..10], out date)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return true;
        date = default;
        reason = $"'{text}' is not an ISO 8601 date (yyyy-MM-dd)";
        return false;
    }

    /// <summary><c>yyyy-MM-dd</c> exactly, without the general date parser (this runs once per award row).</summary>
    private static bool TryParseIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        if (!TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>
    /// An absolute URL: a scheme (a letter, then letters, digits, <c>+ - .</c>), a colon, and a non-empty rest without
    /// spaces. Cheaper than <see cref="Uri.TryCreate(string, UriKind, out Uri)"/>, which matters at millions of rows.
    /// </summary>
    public static bool IsAbsoluteUrl(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon < 1 || colon == text.Length - 1 || !char.IsAsciiLetter(text[0])) return false;
        foreach (var c in text[..colon])
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        return !text.ContainsAny(' ', '\t', '\n') && !text.Contains('\r');
    }

    /// <summary>true/false, yes/no, y/n or 1/0, any case.</summary>
    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || text.Equals("y", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1"))
        {
            value = true;
            return true;
        }
        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase)
            || text.Equals("n", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0");
    }

    /// <summary>A decimal number, invariant (<c>1.5</c>); <c>1,5</c> with a single comma and no point is read as a decimal comma.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value))
            return true;
        var comma = text.IndexOf(',');
        if (comma > 0 && comma == text.LastIndexOf(',') && text.IndexOf('.') < 0)
        {
            Span<char> copy = stackalloc char[text.Length];
            text.CopyTo(copy);
            copy[comma] = '.';
            return decimal.TryParse(copy, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }
        return false;
    }

    /// <summary>A whole number (a number cell such as <c>12.0</c> counts as whole).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            || d != decimal.Truncate(d) || d is > int.MaxValue or < int.MinValue)
            return false;
        value = (int)d;
        return true;
    }
}
