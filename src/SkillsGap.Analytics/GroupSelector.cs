using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>The kinds of group that figures are aggregated over.</summary>
public enum GroupKind
{
    /// <summary>One employee.</summary>
    Employee,
    /// <summary>A manager's direct and indirect reports, not the manager.</summary>
    Team,
    /// <summary>Everyone in one department.</summary>
    Department,
    /// <summary>Everyone whose own role is one role.</summary>
    Role,
    /// <summary>Everyone on the roster.</summary>
    Organisation,
}

/// <summary>
/// Selects the employee indices (into <see cref="OrganisationSnapshot.Employees"/>) of a group. The indices it
/// needs (reports per manager, people per department and per role) are built once from the snapshot's roster.
/// Employees who had left by the snapshot's date (<see cref="Employee.LeftOn"/> ≤ as-of) are in no group.
/// </summary>
public sealed class GroupSelector
{
    private readonly OrganisationSnapshot _snapshot;
    private readonly int[] _childOffsets;
    private readonly int[] _children;
    private readonly Dictionary<string, List<int>> _departments = new(GroupKeys.Comparer);
    private readonly Dictionary<RoleCode, List<int>> _roles = [];
    private readonly bool[] _active;

    public GroupSelector(OrganisationSnapshot snapshot)
    {
        _snapshot = snapshot;
        var employees = snapshot.Employees;
        var n = employees.Count;
        _active = new bool[n];
        var managerOf = new int[n];
        var counts = new int[n + 1];
        for (var e = 0; e < n; e++)
        {
            var person = employees[e];
            _active[e] = GroupKeys.IsEmployed(person, snapshot.AsOf);
            managerOf[e] = person.Manager is EmployeeId m ? snapshot.EmployeeIndex(m) : -1;
            if (managerOf[e] >= 0) counts[managerOf[e] + 1]++;
            if (!_active[e]) continue;
            if (GroupKeys.Department(person) is { } department)
            {
                if (!_departments.TryGetValue(department, out var list)) _departments[department] = list = [];
                list.Add(e);
            }
            if (!_roles.TryGetValue(person.Role, out var inRole)) _roles[person.Role] = inRole = [];
            inRole.Add(e);
        }
        for (var e = 0; e < n; e++) counts[e + 1] += counts[e];
        _childOffsets = (int[])counts.Clone();
        _children = new int[counts[n]];
        for (var e = 0; e < n; e++)
            if (managerOf[e] >= 0) _children[counts[managerOf[e]]++] = e;
    }

    /// <summary>The department names on the roster (of employees still employed), in order.</summary>
    public IReadOnlyList<string> Departments => [.. _departments.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The group of one kind named by <paramref name="key"/> (employee id, manager id, department, role code; ignored for the organisation).</summary>
    public int[] Select(GroupKind kind, string? key) => kind switch
    {
        GroupKind.Organisation => Organisation(),
        GroupKind.Employee => Employee(new EmployeeId(Required(key, kind))),
        GroupKind.Team => Team(new EmployeeId(Required(key, kind))),
        GroupKind.Department => Department(Required(key, kind)),
        GroupKind.Role => Role(new RoleCode(Required(key, kind))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown group kind."),
    };

    /// <summary>One employee.</summary>
    public int[] Employee(EmployeeId id) => [IndexOf(id)];

    /// <summary>A manager's direct and indirect reports (breadth first), not the manager; a cycle in the links cannot loop.</summary>
    public int[] Team(EmployeeId manager)
    {
        var root = IndexOf(manager);
        var seen = new bool[_active.Length];
        seen[root] = true;
        var order = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out var m))
            for (var k = _childOffsets[m]; k < _childOffsets[m + 1]; k++)
            {
                var child = _children[k];
                if (seen[child]) continue;
                seen[child] = true;
                queue.Enqueue(child); // a report who has left may still have had reports of their own
                if (_active[child]) order.Add(child);
            }
        return [.. order];
    }

    /// <summary>Everyone in a department (names compared as <see cref="GroupKeys"/> compares them).</summary>
    public int[] Department(string department) =>
        GroupKeys.Clean(department) is { } key && _departments.TryGetValue(key, out var list)
            ? [.. list]
            : throw new KeyNotFoundException($"No employee is in department '{department}' on {Iso.Date(_snapshot.AsOf)}.");

    /// <summary>Everyone whose own role is <paramref name="role"/>; empty for a known role nobody holds.</summary>
    public int[] Role(RoleCode role)
    {
        if (_roles.TryGetValue(role, out var list)) return [.. list];
        return _snapshot.RoleIndex(role) >= 0 ? [] : throw new KeyNotFoundException($"Role {role} is not known on {Iso.Date(_snapshot.AsOf)}.");
    }

    /// <summary>
    /// The managers on the snapshot's date: everyone still employed whose team (<see cref="Team"/>) has someone in it,
    /// with the size of that team, in roster order. These are the people who get a team page and a weekly report.
    /// </summary>
    /// <remarks>
    /// One pass for everyone: the people of each tree in breadth-first order from its root, then each one's team size
    /// added up from the bottom (a person's team is their reports and their reports' teams; people who have left count
    /// through, not in). People in a manager cycle (which the importer refuses) are counted one by one.
    /// </remarks>
    public IReadOnlyList<(int Manager, int People)> Managers()
    {
        var n = _active.Length;
        var team = new int[n];
        var order = new List<int>(n);
        var reached = new bool[n];
        for (var e = 0; e < n; e++)
        {
            var manager = _snapshot.Employees[e].Manager is EmployeeId m ? _snapshot.EmployeeIndex(m) : -1;
            if (manager >= 0) continue;
            reached[e] = true;
            order.Add(e);
        }
        for (var i = 0; i < order.Count; i++)
            for (var k = _childOffsets[order[i]]; k < _childOffsets[order[i] + 1]; k++)
                if (!reached[_children[k]])
                {
                    reached[_children[k]] = true;
                    order.Add(_children[k]);
                }
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var e = order[i];
            for (var k = _childOffsets[e]; k < _childOffsets[e + 1]; k++)
                team[e] += team[_children[k]] + (_active[_children[k]] ? 1 : 0);
        }
        var result = new List<(int, int)>();
        for (var e = 0; e < n; e++)
        {
            if (!_active[e] || _childOffsets[e] == _childOffsets[e + 1]) continue;
            var people = reached[e] ? team[e] : Team(_snapshot.Employees[e].Id).Length;
            if (people > 0) result.Add((e, people));
        }
        return result;
    }

    /// <summary>Everyone still employed on the snapshot's date.</summary>
    public int[] Organisation()
    {
        var result = new List<int>(_active.Length);
        for (var e = 0; e < _active.Length; e++)
            if (_active[e]) result.Add(e);
        return [.. result];
    }

    private int IndexOf(EmployeeId id) =>
        _snapshot.EmployeeIndex(id) is var i and >= 0 ? i : throw new KeyNotFoundException($"Employee {id} is not on the roster on {Iso.Date(_snapshot.AsOf)}.");

    private static string Required(string? key, GroupKind kind) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException($"A {kind} group needs a key.", nameof(key)) : key;
}
