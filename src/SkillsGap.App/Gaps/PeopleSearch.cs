using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.Core.Figures;

namespace SkillsGap.App.Gaps;

/// <summary>A person found by HR's people search: who they are, their readiness today and whether they manage a team.</summary>
public sealed record PersonHit(string Id, string Name, string RoleTitle, string? Department, double Readiness, bool Ready, bool IsManager);

/// <summary>HR's people search on the overview: everyone on the roster whose name or id contains the text.</summary>
public static class PeopleSearch
{
    /// <summary>
    /// The people of <paramref name="figures"/> whose name or id contains <paramref name="text"/> (case-insensitive), by
    /// name, at most <paramref name="max"/>; and how many matched in all.
    /// </summary>
    public static (IReadOnlyList<PersonHit> Hits, int Total) Find(OrganisationFigures figures, string text, int max)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(text);
        var snapshot = figures.Snapshot;
        var needle = text.Trim();
        var selector = new GroupSelector(snapshot);
        var managers = selector.Managers().Select(m => m.Manager).ToHashSet();
        var found = selector.Organisation()
            .Where(e => snapshot.Employees[e].Name.Contains(needle, StringComparison.OrdinalIgnoreCase)
                || snapshot.Employees[e].Id.Value.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var hits = found.Select(e =>
        {
            var p = snapshot.Employees[e];
            var f = figures.ForEmployee(e);
            return new PersonHit(p.Id.Value, PlainWords.Person(p), PlainWords.RoleTitle(snapshot, p.Role), p.Department, f.Readiness, f.Ready, managers.Contains(e));
        }).OrderBy(h => h.Name, StringComparer.Ordinal).Take(max).ToList();
        return (hits, found.Count);
    }
}
