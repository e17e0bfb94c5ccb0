namespace SkillsGap.Core.Domain;

/// <summary>An employee as the roster stood on a date (role, manager and department are historised).</summary>
public sealed record Employee(
    EmployeeId Id,
    string Name,
    string? Email,
    RoleCode Role,
    EmployeeId? Manager = null,
    string? Department = null,
    string? Location = null,
    RoleCode? TargetRole = null,
    DateOnly? LeftOn = null);

/// <summary>How far an award has been checked. Expiry is a matter of dates, not a state.</summary>
public enum VerificationState
{
    /// <summary>From a CSV / XLSX / JSON file that HR vouches for; counts.</summary>
    Recorded = 0,
    /// <summary>An Open Badge whose signature or hosted copy was checked; counts.</summary>
    Verified = 1,
    /// <summary>An Open Badge that could not be checked offline; counts unless configured otherwise.</summary>
    Unverified = 2,
    /// <summary>Revoked by its issuer; never counts.</summary>
    Revoked = 3,
}

/// <summary>An earned badge (an Open Badges Assertion / Credential).</summary>
public sealed record Award(
    EmployeeId Employee,
    BadgeId Badge,
    DateOnly IssuedOn,
    DateOnly? ExpiresOn = null,
    string? EvidenceUrl = null,
    VerificationState State = VerificationState.Recorded,
    int? AchievedLevel = null,
    string? CredentialId = null,
    string? Source = null);

/// <summary>One row-level problem in an input file: where, which value and why.</summary>
public sealed record RowError(string File, string? Sheet, int? Row, string? Column, string? Value, string Reason)
{
    public override string ToString()
    {
        var where = File;
        if (Sheet is not null) where += $" [{Sheet}]";
        if (Row is not null) where += $" row {Row.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (Column is not null) where += $" column '{Column}'";
        if (Value is not null) where += $" value '{Value}'";
        return $"{where}: {Reason}";
    }
}

/// <summary>The manager tree of a roster.</summary>
public static class ManagerTree
{
    /// <summary>The ids of one manager cycle, in order, or null when the manager links form a forest.</summary>
    public static IReadOnlyList<EmployeeId>? FindCycle(IReadOnlyDictionary<EmployeeId, EmployeeId?> managerOf)
    {
        var state = new Dictionary<EmployeeId, int>(); // 1 on the current path, 2 done
        foreach (var start in managerOf.Keys)
        {
            if (state.ContainsKey(start)) continue;
            var path = new List<EmployeeId>();
            EmployeeId? current = start;
            while (current is EmployeeId id && managerOf.ContainsKey(id))
            {
                if (state.TryGetValue(id, out var s))
                {
                    if (s == 1) return [.. path.SkipWhile(p => p != id), id];
                    break;
                }
                state[id] = 1;
                path.Add(id);
                current = managerOf[id];
            }
            foreach (var p in path) state[p] = 2;
        }
        return null;
    }

    /// <summary>Direct and indirect reports of <paramref name="manager"/>, not the manager; breadth first.</summary>
    public static IReadOnlyList<EmployeeId> ReportsOf(EmployeeId manager, IEnumerable<Employee> roster)
    {
        var children = roster.Where(e => e.Manager is not null)
            .ToLookup(e => e.Manager!.Value, e => e.Id);
        var result = new List<EmployeeId>();
        var seen = new HashSet<EmployeeId> { manager };
        var queue = new Queue<EmployeeId>();
        queue.Enqueue(manager);
        while (queue.TryDequeue(out var m))
            foreach (var child in children[m])
                if (seen.Add(child)) { result.Add(child); queue.Enqueue(child); }
        return result;
    }
}
