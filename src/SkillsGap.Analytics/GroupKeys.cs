using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>What the organisation is split by for HR's views: each person's department, or their location.</summary>
public enum PartitionKind
{
    Department,
    Location,
}

/// <summary>
/// The group keys of SkillsGap, defined once: who is employed on a date, and the department and location a person is
/// counted under — trimmed, compared ignoring case, spelled as first seen on the roster; a blank name is no name, and
/// the people without one form a part of their own (<see cref="NoDepartment"/>, <see cref="NoLocation"/>). A team is a
/// manager's reporting tree (<see cref="GroupSelector.Team"/>).
/// </summary>
public static class GroupKeys
{
    /// <summary>How department and location names are compared.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The label of the people who have no department.</summary>
    public const string NoDepartment = "(no department)";

    /// <summary>The label of the people who have no location.</summary>
    public const string NoLocation = "(no location)";

    /// <summary>Whether the person is still employed on <paramref name="asOf"/> (they have not left by then).</summary>
    public static bool IsEmployed(Employee employee, DateOnly asOf) =>
        employee?.LeftOn is not DateOnly left || left > asOf;

    /// <summary>The department a person is counted under, or null when they have none.</summary>
    public static string? Department(Employee employee) => Clean(employee?.Department);

    /// <summary>The location a person is counted under, or null when they have none.</summary>
    public static string? Location(Employee employee) => Clean(employee?.Location);

    /// <summary>The person's department or location.</summary>
    public static string? Of(Employee employee, PartitionKind kind) =>
        kind == PartitionKind.Department ? Department(employee) : Location(employee);

    /// <summary>The name to show for a key: the key itself, or the label of the people without one.</summary>
    public static string Label(string? key, PartitionKind kind) =>
        key ?? (kind == PartitionKind.Department ? NoDepartment : NoLocation);

    /// <summary>A name as a key: trimmed; null when blank.</summary>
    public static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();
}

/// <summary>
/// One part of the organisation: its <see cref="Key"/> (null for the people without a department or location), the
/// <see cref="Label"/> to show, and its members (employee indices, in roster order).
/// </summary>
public sealed record GroupPart(string? Key, string Label, int[] Members);

/// <summary>The organisation split into parts by department or location.</summary>
public static class Partition
{
    /// <summary>
    /// Everyone employed on the snapshot's date, by <paramref name="kind"/>: the named parts in ordinal order of their
    /// names, then (when there are any) the people without one. Every employed person is in exactly one part.
    /// </summary>
    public static IReadOnlyList<GroupPart> Of(OrganisationSnapshot snapshot, PartitionKind kind = PartitionKind.Department)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var named = new Dictionary<string, (string Key, List<int> Members)>(GroupKeys.Comparer);
        var none = new List<int>();
        for (var e = 0; e < snapshot.Employees.Count; e++)
        {
            var person = snapshot.Employees[e];
            if (!GroupKeys.IsEmployed(person, snapshot.AsOf)) continue;
            if (GroupKeys.Of(person, kind) is not { } key)
            {
                none.Add(e);
                continue;
            }
            if (!named.TryGetValue(key, out var part)) named[key] = part = (key, []);
            part.Members.Add(e);
        }
        var parts = named.Values.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new GroupPart(p.Key, p.Key, [.. p.Members])).ToList();
        if (none.Count > 0) parts.Add(new GroupPart(null, GroupKeys.Label(null, kind), [.. none]));
        return parts;
    }
}
