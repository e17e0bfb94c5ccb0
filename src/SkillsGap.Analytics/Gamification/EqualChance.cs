using System.Text.Json.Serialization;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Gamification;

/// <summary>
/// How one department or location is doing at learning (DESIGN §7b, "equal chance"): its people on the date, how many
/// earned a badge in the last <c>days</c> days and their share, the hours of the badges earned then per person, and how
/// many have a sponsored or recommended badge that closes a gap, and their share.
/// </summary>
public sealed record EqualChanceRow(
    [property: JsonPropertyName("dimension")] string Dimension,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("earnedRecently")] int EarnedRecently,
    [property: JsonPropertyName("earnedShare")] double EarnedShare,
    [property: JsonPropertyName("hoursEarned")] decimal HoursEarned,
    [property: JsonPropertyName("hoursPerPerson")] double HoursPerPerson,
    [property: JsonPropertyName("withBadgeOffered")] int WithBadgeOffered,
    [property: JsonPropertyName("offeredShare")] double OfferedShare);

/// <summary>The equal-chance figures per department and per location, and the organisation's for comparison.</summary>
public sealed record EqualChanceReport(
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("org")] EqualChanceRow Org,
    [property: JsonPropertyName("departments")] IReadOnlyList<EqualChanceRow> Departments,
    [property: JsonPropertyName("locations")] IReadOnlyList<EqualChanceRow> Locations)
{
    /// <summary>The label of people with no department or location.</summary>
    public const string None = "(none)";

    /// <summary>
    /// The figures over the people employed on the figures' date: an award counts when it is issued in the
    /// <paramref name="days"/> days up to and including the date and counts (not revoked, unverified only where those
    /// count); its hours are its badge's. <paramref name="hasBadgeOffered"/> says, per employee index, whether they have a
    /// sponsored or recommended badge that closes a gap (the caller decides: a sponsorship plan, the served list).
    /// Rows are ordered by their lowest share of people who earned recently first (who is left out), then by name.
    /// </summary>
    public static EqualChanceReport Measure(OrganisationFigures figures, Func<int, bool> hasBadgeOffered, int days = 90)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(hasBadgeOffered);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var snapshot = figures.Snapshot;
        var awards = figures.Awards;
        var today = figures.AsOf.DayNumber;
        var from = today - days + 1;
        var people = Enumerable.Range(0, figures.EmployeeCount)
            .Where(e => snapshot.Employees[e].LeftOn is not DateOnly left || left > figures.AsOf)
            .Select(e =>
            {
                var earned = false;
                var hours = 0m;
                for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
                {
                    if (awards.Issued[a] < from || awards.Issued[a] > today || !awards.Counts(a, figures.Options)) continue;
                    earned = true;
                    hours += snapshot.Badges[awards.Badge[a]].Hours;
                }
                return (Employee: snapshot.Employees[e], Earned: earned, Hours: hours, Offered: hasBadgeOffered(e));
            })
            .ToList();
        EqualChanceRow Row(string dimension, string value, IReadOnlyCollection<(Core.Domain.Employee Employee, bool Earned, decimal Hours, bool Offered)> group)
        {
            var n = group.Count;
            var earned = group.Count(p => p.Earned);
            var hours = group.Sum(p => p.Hours) / 1.0000000000000000000000000000m;
            var offered = group.Count(p => p.Offered);
            return new EqualChanceRow(dimension, value, n, earned, Share(earned, n), hours, n == 0 ? 0 : Math.Round((double)hours / n, 2, MidpointRounding.AwayFromZero),
                offered, Share(offered, n));
        }
        List<EqualChanceRow> By(string dimension, Func<Core.Domain.Employee, string?> key) =>
            [.. people.GroupBy(p => string.IsNullOrWhiteSpace(key(p.Employee)) ? None : key(p.Employee)!, StringComparer.Ordinal)
                .Select(g => Row(dimension, g.Key, [.. g]))
                .OrderBy(r => r.EarnedShare).ThenBy(r => r.Value, StringComparer.Ordinal)];
        return new EqualChanceReport(figures.AsOf, days, Row("org", "organisation", people), By("department", e => e.Department), By("location", e => e.Location));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4, MidpointRounding.AwayFromZero);
}
