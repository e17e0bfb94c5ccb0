using System.Globalization;
using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Analytics.Gamification;

/// <summary>
/// One line of a standings table as a viewer may see it: the place (equal scores share a place), the score, and the
/// person's id and name only when they opted in (or it is the viewer's own line, <c>you</c>); otherwise both are null and the
/// line reads as an anonymous colleague.
/// </summary>
public sealed record StandingLine(
    [property: JsonPropertyName("place")] int Place,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("employee")] string? Employee,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("you")] bool You);

/// <summary>
/// Standings as one viewer sees them (DESIGN §7b): everyone counted, names only for those who opted in, and the viewer's
/// own place said plainly (<c>yourPlace</c>: "top 25%"; null when the viewer is not in the table). Safe to send to the viewer.
/// </summary>
public sealed record StandingsView(
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("named")] int Named,
    [property: JsonPropertyName("lines")] IReadOnlyList<StandingLine> Lines,
    [property: JsonPropertyName("yourPlace")] int? YourPlace,
    [property: JsonPropertyName("yourPlaceText")] string? YourPlaceText);

/// <summary>
/// A ranking of people by a score (points in a period, or progress in a challenge), highest first; equal scores share a
/// place (1, 2, 2, 4). It holds who everyone is; what leaves it is a <see cref="StandingsView"/> for one viewer.
/// </summary>
public sealed class Standings
{
    private readonly (EmployeeId Id, string Name, double Score, bool OptedIn, int Place)[] _lines;

    private Standings((EmployeeId, string, double, bool, int)[] lines) => _lines = lines;

    /// <summary>How many people the table counts.</summary>
    public int People => _lines.Length;

    /// <summary>Ranks <paramref name="people"/> by score (then id, for a stable order); <paramref name="optedIn"/> says who may be named.</summary>
    public static Standings Rank(IEnumerable<(EmployeeId Id, string Name, double Score)> people, Func<EmployeeId, bool> optedIn)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(optedIn);
        var sorted = people.OrderByDescending(p => p.Score).ThenBy(p => p.Id.Value, StringComparer.Ordinal).ToArray();
        var lines = new (EmployeeId, string, double, bool, int)[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            var place = i > 0 && sorted[i].Score == sorted[i - 1].Score ? lines[i - 1].Item5 : i + 1;
            lines[i] = (sorted[i].Id, sorted[i].Name, sorted[i].Score, optedIn(sorted[i].Id), place);
        }
        return new Standings(lines);
    }

    /// <summary>The table as <paramref name="viewer"/> sees it (null: someone outside it, such as HR): names of those who opted in only.</summary>
    public StandingsView ViewFor(EmployeeId? viewer)
    {
        var lines = new StandingLine[_lines.Length];
        int? yours = null;
        for (var i = 0; i < _lines.Length; i++)
        {
            var (id, name, score, optedIn, place) = _lines[i];
            var you = viewer is EmployeeId v && v == id;
            if (you) yours = place;
            lines[i] = optedIn || you
                ? new StandingLine(place, score, id.Value, name, you)
                : new StandingLine(place, score, null, null, false);
        }
        return new StandingsView(_lines.Length, _lines.Count(l => l.OptedIn), lines, yours, yours is int p ? PlaceText(p, _lines.Length) : null);
    }

    /// <summary>
    /// A place among <paramref name="people"/> in plain words: "1st of 12" for the first three places, otherwise the
    /// smallest of top 10% / top 25% / top half that holds the place ("top 25%"), else "in the second half".
    /// </summary>
    public static string PlaceText(int place, int people)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(place, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(people, place);
        if (place <= 3) return string.Create(CultureInfo.InvariantCulture, $"{place}{Ordinal(place)} of {people}");
        // place / people ≤ share, in integers: place · 100 ≤ share · people.
        if (place * 10 <= people) return "top 10%";
        if (place * 4 <= people) return "top 25%";
        if (place * 2 <= people) return "top half";
        return "in the second half";
    }

    private static string Ordinal(int n) => n switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
}
