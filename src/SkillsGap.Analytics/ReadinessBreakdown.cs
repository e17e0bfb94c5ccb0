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
    /// <summary>Everyone still employed, by department (ordinal order; people without one under the empty name).</summary>
    public static IReadOnlyList<PartReadiness> ByDepartment(OrganisationFigures f)
    {
        var slot = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        var part = new int[f.EmployeeCount];
        for (var e = 0; e < f.EmployeeCount; e++)
        {
            if (!GroupAnalysis.IsEmployed(f, e)) { part[e] = -1; continue; }
            var name = f.Snapshot.Employees[e].Department ?? "";
            if (!slot.TryGetValue(name, out var p)) { slot[name] = p = names.Count; names.Add(name); }
            part[e] = p;
        }
        var people = new int[names.Count];
        var ready = new int[names.Count];
        var sum = new double[names.Count];
        var histograms = new int[names.Count][];
        for (var p = 0; p < names.Count; p++) histograms[p] = new int[ReadinessSummary.Bins];
        for (var e = 0; e < part.Length; e++)
        {
            var p = part[e];
            if (p < 0) continue;
            var r = f.Readiness(e);
            people[p]++;
            sum[p] += r;
            if (f.IsReady(e)) ready[p]++;
            histograms[p][GroupAnalysis.HistogramBin(r)]++;
        }
        var result = new PartReadiness[names.Count];
        for (var p = 0; p < names.Count; p++)
            result[p] = new PartReadiness(names[p],
                new ReadinessSummary(people[p], sum[p] / people[p], ready[p], (double)ready[p] / people[p], histograms[p]));
        Array.Sort(result, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
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
