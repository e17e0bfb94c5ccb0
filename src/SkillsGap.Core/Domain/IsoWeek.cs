using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>An ISO 8601 week, written <c>2026-W48</c>; weeks start on Monday and week 1 holds the year's first Thursday.</summary>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998) throw new ArgumentOutOfRangeException(nameof(year), year, "The ISO year must be between 1 and 9998.");
        if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            throw new ArgumentOutOfRangeException(nameof(week), week, $"{year} has weeks 1 to {ISOWeek.GetWeeksInYear(year)}.");
        Year = year;
        Week = week;
    }

    public int Year { get; }
    public int Week { get; }

    /// <summary>The Monday that starts the week.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The Sunday that ends the week.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public IsoWeek Next => Of(Monday.AddDays(7));

    /// <summary>The week a date falls in.</summary>
    public static IsoWeek Of(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dt), ISOWeek.GetWeekOfYear(dt));
    }

    /// <summary>Reads <c>YYYY-Www</c> (e.g. <c>2026-W48</c>); false for anything else, including week 53 of a 52-week year.</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')) return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return false;
        if (!int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var w)) return false;
        if (y < 1 || y > 9998 || w < 1 || w > ISOWeek.GetWeeksInYear(y)) return false;
        week = new IsoWeek(y, w);
        return true;
    }

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public static bool operator <(IsoWeek a, IsoWeek b) => a.CompareTo(b) < 0;
    public static bool operator >(IsoWeek a, IsoWeek b) => a.CompareTo(b) > 0;
    public static bool operator <=(IsoWeek a, IsoWeek b) => a.CompareTo(b) <= 0;
    public static bool operator >=(IsoWeek a, IsoWeek b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Week:00}");
}
