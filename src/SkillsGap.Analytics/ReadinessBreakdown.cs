using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>Readiness of one department (or other partition) of the organisation.</summary>
public sealed record PartReadiness(string Name, ReadinessSummary Summary);

/// <summary>Readiness on one date of a trend.</summary>
/// <param name="Date">The as-of date of the figures.</param>
/// <param name="Summary">The group's readiness against its people's own roles on that date.</param>
public sealed record TrendPoint(DateOnly Date, ReadinessSummary Summary);

/// <summary>Readiness split by department in one pass over the arrays, and readiness trends over dates.</summary>
public static class ReadinessBreakdown
{
    /// <summary>
    /// Everyone still employed, by department as <see cref="Partition"/> splits them (named departments in ordinal order,
    /// then the people without one under <see cref="GroupKeys.NoDepartment"/>).
    /// </summary>
    public static IReadOnlyList<PartReadiness> ByDepartment(OrganisationFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return [.. Partition.Of(f.Snapshot, PartitionKind.Department).Select(p => new PartReadiness(p.Label, GroupAnalysis.Summarise(f, p.Members)))];
    }

    /// <summary>
    /// The <paramref name="weeks"/> weekly dates ending on <paramref name="asOf"/>, oldest first
    /// (asOf − 7·(weeks − 1) days, …, asOf).
    /// </summary>
    public static IReadOnlyList<DateOnly> WeeklyDates(DateOnly asOf, int weeks = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        var dates = new DateOnly[weeks];
        for (var w = 0; w < weeks; w++) dates[w] = asOf.AddDays(-7 * (weeks - 1 - w));
        return dates;
    }

    /// <summary>
    /// A readiness trend: for each date, the figures as of that date (from <paramref name="figuresOn"/>, which loads
    /// the roster, roles and awards as they stood then) and the group chosen on them by <paramref name="members"/>.
    /// </summary>
    public static IReadOnlyList<TrendPoint> Trend(IEnumerable<DateOnly> dates, Func<DateOnly, OrganisationFigures> figuresOn,
        Func<OrganisationFigures, IReadOnlyList<int>> members)
    {
        var points = new List<TrendPoint>();
        foreach (var date in dates)
        {
            var f = figuresOn(date);
            if (f.AsOf != date)
                throw new InvalidOperationException($"Figures for {Iso.Date(date)} were computed as of {Iso.Date(f.AsOf)}.");
            points.Add(new TrendPoint(date, GroupAnalysis.Summarise(f, members(f))));
        }
        return points;
    }
}
