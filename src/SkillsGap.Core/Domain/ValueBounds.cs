using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>
/// The ranges every stored value must lie in. The readers refuse a value outside them at the edge (file, row, column,
/// reason); the engine clamps one that is already stored (written before the checks existed, or by another tool) into
/// them and counts it (<see cref="ClampReport"/>), so that no stored row can make a figure throw.
/// </summary>
public static class ValueBounds
{
    /// <summary>The first date of the business range: nothing SkillsGap records happened before it.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>The last date of the business range (an expiry or a plan may reach this far, nothing beyond).</summary>
    public static readonly DateOnly MaxDate = new(2200, 12, 31);

    /// <summary>Most hours of effort a badge may take: 10,000 (about five years of full-time study).</summary>
    public const decimal MaxHours = 10_000m;

    /// <summary>Decimal places of a badge's hours (the databases store hours as numeric(9, 2)).</summary>
    public const int HoursDecimals = 2;

    /// <summary>Longest validity of a badge, in months: 1,200 (100 years). None means it never expires.</summary>
    public const int MaxValidMonths = 1_200;

    /// <summary>Longest id or code (skill, role, badge, employee).</summary>
    public const int MaxIdLength = 200;

    /// <summary>Longest name or title (a person, skill, role, badge, issuer): the databases' column size.</summary>
    public const int MaxNameLength = 400;

    /// <summary>Longest short label (category, family, department, location): the databases' column size.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>Longest e-mail address (RFC 5321: 64 + 1 + 255).</summary>
    public const int MaxEmailLength = 320;

    /// <summary>Longest URL (evidence).</summary>
    public const int MaxUrlLength = 2_000;

    /// <summary>Longest description, and longest list of aliases as stored.</summary>
    public const int MaxDescriptionLength = 4_000;

    public static bool IsInRange(DateOnly date) => date >= MinDate && date <= MaxDate;

    /// <summary>Whether the whole ISO week lies within the business dates (its Monday and its Sunday).</summary>
    public static bool IsInRange(IsoWeek week) => IsInRange(week.Monday) && IsInRange(week.Sunday);

    /// <summary>"1900-01-01 to 2200-12-31", for messages.</summary>
    public static string DateRange { get; } =
        $"{MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {MaxDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static DateOnly Clamp(DateOnly date) => date < MinDate ? MinDate : date > MaxDate ? MaxDate : date;

    /// <summary>Hours in [0, <see cref="MaxHours"/>].</summary>
    public static decimal ClampHours(decimal hours) => Math.Clamp(hours, 0m, MaxHours);

    /// <summary>A validity in [1, <see cref="MaxValidMonths"/>] (the readers accept a positive whole number of months only).</summary>
    public static int ClampValidMonths(int months) => Math.Clamp(months, 1, MaxValidMonths);

    public static int ClampWeight(int weight) => Math.Clamp(weight, RoleRequirement.MinWeight, RoleRequirement.MaxWeight);

    public static int ClampLevel(int level) => Math.Clamp(level, ProficiencyLevel.Min, ProficiencyLevel.Max);

    /// <summary><paramref name="date"/> plus <paramref name="months"/>, or <see cref="DateOnly.MaxValue"/> when that is beyond the calendar (never throws).</summary>
    public static DateOnly AddMonthsSaturating(DateOnly date, int months)
    {
        // DateOnly.AddMonths throws beyond ±120,000 months or past 9999-12-31 / before 0001-01-01.
        var monthIndex = (long)date.Year * 12 + date.Month - 1 + months;
        if (monthIndex > 9999L * 12 + 11) return DateOnly.MaxValue;
        if (monthIndex < 1L * 12) return DateOnly.MinValue;
        return date.AddMonths(months);
    }
}
