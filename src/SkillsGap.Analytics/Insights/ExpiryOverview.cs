using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Insights;

/// <summary>How expiring awards are grouped: by the holder's department, or by their manager (each manager's direct reports).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ExpiryGrouping>))]
public enum ExpiryGrouping
{
    Department,
    Manager,
}

/// <summary>
/// Awards expiring soon that would open a gap (DESIGN §2 "expiring soon", from <see cref="GroupAnalysis.ExpiringWithin"/>),
/// with the gap each would open, grouped per department or per manager.
/// </summary>
/// <param name="Awards">Expiring awards in the group that would open a gap.</param>
/// <param name="Critical">Of them, those that would open a gap in a critical requirement.</param>
public sealed record ExpiryDocument(
    DateOnly AsOf,
    int WithinDays,
    ExpiryGrouping Grouping,
    int People,
    int Awards,
    int Critical,
    string Summary,
    IReadOnlyList<ExpiryGroup> Groups)
{
    public string ToJson(bool indented = false) => PlainWords.Json(this, indented);
}

/// <summary>One department or manager's reports: their expiring awards, soonest first.</summary>
/// <param name="Key">The department name, or the manager's id ("" for people without one).</param>
/// <param name="Name">"Finance", "Team of Ana Ortiz", "No department", "No manager".</param>
public sealed record ExpiryGroup(string Key, string Name, int Awards, int Critical, DateOnly FirstExpiry, IReadOnlyList<ExpiringAwardLine> Items);

/// <summary>An expiring award: who, which badge, when, the hours to renew it, and every gap it would open.</summary>
public sealed record ExpiringAwardLine(
    string Employee,
    string Name,
    string Role,
    string RoleTitle,
    string Badge,
    string BadgeName,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    int DaysLeft,
    decimal RenewalHours,
    bool Critical,
    IReadOnlyList<OpeningGapLine> Opens,
    string Text);

/// <summary>A gap the expiry would open: the level now and then against the level required.</summary>
public sealed record OpeningGapLine(string Skill, string SkillName, int Required, int LevelNow, int LevelThen, int GapNow, int GapThen, int Weight, bool Critical);

/// <summary>Builds the expiry overview of a group.</summary>
public static class ExpiryOverview
{
    public static ExpiryDocument ForGroup(OrganisationFigures f, IReadOnlyList<int> members, ExpiryGrouping grouping = ExpiryGrouping.Department,
        int withinDays = 90)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(members);
        var snapshot = f.Snapshot;
        var lines = new List<(string Key, string Name, ExpiringAwardLine Line)>();
        foreach (var award in GroupAnalysis.ExpiringWithin(f, members, withinDays))
        {
            var e = snapshot.EmployeeIndex(award.Employee);
            var person = snapshot.Employees[e];
            var requirements = new Dictionary<SkillCode, RequirementGap>();
            foreach (var r in f.ForEmployee(e).Requirements) requirements.TryAdd(r.Skill, r);
            var opens = award.Opens.Select(o =>
            {
                var q = requirements[o.Skill];
                return new OpeningGapLine(o.Skill.Value, PlainWords.SkillName(snapshot, o.Skill), q.Required, q.Required - o.GapNow,
                    q.Required - o.GapThen, o.GapNow, o.GapThen, q.Weight, q.Critical);
            }).ToArray();
            var badge = snapshot.FindBadge(award.Badge)!;
            var opensCritical = opens.Any(o => o.Critical);
            var text = $"{PlainWords.Badge(snapshot, badge.Id)} expires on {PlainWords.Date(award.ExpiresOn)} ({PlainWords.DaysFrom(f.AsOf, award.ExpiresOn)}); " +
                       "then " + string.Join("; ", opens.Select(o =>
                           $"{PlainWords.Named(o.SkillName, o.Skill)} drops from {PlainWords.Level(o.LevelNow)} to {PlainWords.Level(o.LevelThen)}, " +
                           $"below the {PlainWords.Level(o.Required)} required{(o.Critical ? " (critical)" : "")}")) +
                       $". Renewing it takes {PlainWords.Hours(Math.Max(0m, badge.Hours))}.";
            var line = new ExpiringAwardLine(person.Id.Value, PlainWords.Person(person), person.Role.Value, PlainWords.RoleTitle(snapshot, person.Role),
                badge.Id.Value, badge.Name, award.IssuedOn, award.ExpiresOn, award.ExpiresOn.DayNumber - f.AsOf.DayNumber, PlainWords.Exact(Math.Max(0m, badge.Hours)),
                opensCritical, opens, text);
            var (key, name) = grouping switch
            {
                ExpiryGrouping.Manager when person.Manager is EmployeeId m =>
                    (m.Value, "Team of " + (snapshot.FindEmployee(m) is { } manager ? PlainWords.Person(manager) : m.Value)),
                ExpiryGrouping.Manager => ("", "No manager"),
                _ when person.Department is { Length: > 0 } d => (d, d),
                _ => ("", "No department"),
            };
            lines.Add((key, name, line));
        }

        var groups = lines
            .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ExpiryGroup(g.Key, g.First().Name, g.Count(), g.Count(x => x.Line.Critical), g.Min(x => x.Line.ExpiresOn),
                [.. g.Select(x => x.Line).OrderBy(x => x.ExpiresOn).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Employee, StringComparer.Ordinal)
                    .ThenBy(x => x.Badge, StringComparer.Ordinal)]))
            .OrderBy(g => g.FirstExpiry).ThenByDescending(g => g.Critical).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToArray();
        var awards = lines.Count;
        var critical = lines.Count(x => x.Line.Critical);
        var people = lines.Select(x => x.Line.Employee).Distinct(StringComparer.Ordinal).Count();
        var summary = awards == 0
            ? $"No award expires in the next {PlainWords.Count(withinDays, "day", "days")} in a way that would open a gap."
            : $"{PlainWords.Count(awards, "award", "awards")} of {PlainWords.Count(people, "person", "people")} {(awards == 1 ? "expires" : "expire")} in the next " +
              $"{PlainWords.Count(withinDays, "day", "days")} and would open a gap" +
              (critical > 0 ? $"; {PlainWords.Count(critical)} of them in a critical requirement." : ".");
        return new ExpiryDocument(f.AsOf, withinDays, grouping, members.Count, awards, critical, summary, groups);
    }
}
