using System.Globalization;
using SkillsGap.Analytics;
using SkillsGap.App.Figures;

namespace SkillsGap.App.Setup;

/// <summary>One demo sign-in choice: a sample person and the role to sign in with.</summary>
public sealed record DemoPerson(string EmployeeId, string Name, string Role, string Description);

/// <summary>
/// Whom the demo sign-in offers (the embedded default): hr (as the person at the top of the tree), managers with large
/// and with smaller teams, and a few people who manage nobody — as the roster stands today.
/// </summary>
public sealed class DemoPeople(FiguresCache figures, BusinessCalendar calendar)
{
    public const string Hr = "hr";
    public const string Manager = "manager";
    public const string Employee = "employee";

    public async Task<IReadOnlyList<DemoPerson>> RunAsync(int perRole, CancellationToken ct = default)
    {
        var snapshot = (await figures.GetAsync(calendar.Today, ct)).Snapshot;
        var active = snapshot.Employees.Where(e => GroupKeys.IsEmployed(e, snapshot.AsOf)).ToList();
        if (active.Count == 0) return [];
        var selector = new GroupSelector(snapshot);
        var result = new List<DemoPerson>();
        var top = active.FirstOrDefault(e => e.Manager is null) ?? active[0];
        result.Add(new DemoPerson(top.Id.Value, top.Name, Hr, "HR analyst: the whole organisation"));
        // Managers at two levels: the largest teams, then the first few smaller ones on the roster.
        var managers = selector.Managers().Select(m => (Person: snapshot.Employees[m.Manager], Team: m.People))
            .Where(m => m.Person.Manager is not null).ToList();
        var largest = managers.OrderByDescending(x => x.Team).ThenBy(x => x.Person.Id.Value, StringComparer.Ordinal).Take(perRole / 2).ToList();
        var smaller = managers.Except(largest).OrderBy(x => x.Person.Id.Value, StringComparer.Ordinal).Take(perRole - largest.Count);
        foreach (var manager in largest.Concat(smaller))
            result.Add(new DemoPerson(manager.Person.Id.Value, manager.Person.Name, Manager,
                string.Create(CultureInfo.InvariantCulture, $"Manager, {manager.Person.Role.Value}, {manager.Person.Department}: a team of {manager.Team}")));
        var withReports = active.Where(e => e.Manager is not null).Select(e => e.Manager!.Value).ToHashSet();
        foreach (var person in active.Where(e => !withReports.Contains(e.Id)).OrderBy(e => e.Id.Value, StringComparer.Ordinal).Take(perRole))
            result.Add(new DemoPerson(person.Id.Value, person.Name, Employee, $"Employee, {person.Role.Value}, {person.Department}"));
        return result;
    }
}
