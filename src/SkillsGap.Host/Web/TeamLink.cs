using SkillsGap.Analytics;
using SkillsGap.Core.Figures;

namespace SkillsGap.Host.Web;

/// <summary>A manager with the size of their team (direct and indirect reports), for links to team pages.</summary>
public sealed record TeamLink(string ManagerId, string Name, string Role, string? Department, int People)
{
    /// <summary>Everyone still employed who has at least one report, largest team first.</summary>
    public static IReadOnlyList<TeamLink> Managers(OrganisationSnapshot snapshot, GroupSelector selector)
    {
        var list = new List<TeamLink>();
        foreach (var e in selector.Organisation())
        {
            var person = snapshot.Employees[e];
            var team = selector.Team(person.Id).Length;
            if (team > 0) list.Add(new TeamLink(person.Id.Value, person.Name, person.Role.Value, person.Department, team));
        }
        return [.. list.OrderByDescending(t => t.People).ThenBy(t => t.ManagerId, StringComparer.Ordinal)];
    }
}
