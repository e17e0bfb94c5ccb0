using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Records;

/// <summary>employee_id, name, [email], role_code, [manager_id], [department], [location], [target_role_code], [effective_from], [left_on].</summary>
internal static class EmployeeRecords
{
    private sealed record Draft(Employee? Employee, EmployeeId Id, EmployeeId? Manager, string? ManagerText, DateOnly? EffectiveFrom, int Row)
    {
        public bool Invalid { get; set; }
    }

    public static IReadOnlyList<ImportedEmployee> Read(RecordTable table, IReferenceCatalogue known)
    {
        var idColumn = table.Required("employee_id");
        var nameColumn = table.Required("name");
        var emailColumn = table.Optional("email");
        var roleColumn = table.Required("role_code");
        var managerColumn = table.Optional("manager_id");
        var departmentColumn = table.Optional("department");
        var locationColumn = table.Optional("location");
        var targetColumn = table.Optional("target_role_code");
        var effectiveColumn = table.Optional("effective_from");
        var leftColumn = table.Optional("left_on");
        if (table.MissingRequiredColumn) return [];

        var drafts = new List<Draft>();
        var index = new Dictionary<EmployeeId, int>();
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (table.Next())
        {
            var id = table.Id(idColumn, c => new EmployeeId(c));
            var name = table.RequiredText(nameColumn);
            var email = table.Text(emailColumn, maxLength: ValueBounds.MaxEmailLength);
            var role = table.Id(roleColumn, c => new RoleCode(c));
            var managerText = table.IdText(managerColumn, required: false);
            EmployeeId? manager = managerText is null ? null : new EmployeeId(managerText);
            var department = table.Text(departmentColumn, maxLength: ValueBounds.MaxLabelLength);
            var location = table.Text(locationColumn, maxLength: ValueBounds.MaxLabelLength);
            var target = table.Id(targetColumn, c => new RoleCode(c), required: false);
            var effectiveFrom = table.Date(effectiveColumn);
            var leftOn = table.Date(leftColumn);
            if (leftOn is DateOnly left && effectiveFrom is DateOnly from && left < from)
                table.Fail(leftColumn, $"left_on {Iso(left)} is before effective_from {Iso(from)}: a row cannot end before it starts");

            if (role is RoleCode r && !known.HasRole(r))
                table.Fail(roleColumn, $"unknown role '{r}': import its role framework first");
            if (target is RoleCode t && !known.HasRole(t))
                table.Fail(targetColumn, $"unknown role '{t}': import its role framework first");
            if (email is not null)
            {
                if (!LooksLikeEmail(email))
                    table.Fail(emailColumn, $"'{email}' is not an e-mail address");
                else if (!emails.TryAdd(email, table.Row))
                    table.Fail(emailColumn, $"e-mail {email} is used twice (first on row {emails[email].ToString(CultureInfo.InvariantCulture)})");
                else if (id is EmployeeId self && known.EmployeeByEmail(email) is EmployeeId owner && owner != self)
                    table.Fail(emailColumn, $"e-mail {email} already belongs to employee {owner}");
            }
            if (id is not EmployeeId employeeId) continue;
            if (index.TryGetValue(employeeId, out var first))
            {
                table.Fail(idColumn, $"employee_id {employeeId} appears twice (first on row {drafts[first].Row.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }
            var employee = table.RowHasErrors ? null
                : new Employee(employeeId, name!, email, role!.Value, manager, department, location, target, leftOn);
            index[employeeId] = drafts.Count;
            drafts.Add(new Draft(employee, employeeId, manager, managerText, effectiveFrom, table.Row) { Invalid = table.RowHasErrors });
        }

        foreach (var draft in drafts)
        {
            if (draft.Manager is EmployeeId m && m != draft.Id && !index.ContainsKey(m) && !known.HasEmployee(m))
            {
                table.FailAt(draft.Row, managerColumn, draft.ManagerText, $"unknown manager '{m}': not an employee in storage or in this file");
                draft.Invalid = true;
            }
        }
        CheckManagerCycles(table, known, drafts, index, managerColumn);
        return drafts.Where(d => !d.Invalid && d.Employee is not null)
            .Select(d => new ImportedEmployee(d.Employee!, d.EffectiveFrom, d.Row)).ToList();
    }

    /// <summary>Stored manager links overlaid with this file's; each cycle is reported on the row of its first member in the file.</summary>
    private static void CheckManagerCycles(RecordTable table, IReferenceCatalogue known, List<Draft> drafts,
        Dictionary<EmployeeId, int> index, Column managerColumn)
    {
        var links = new Dictionary<EmployeeId, EmployeeId?>(known.ManagerLinks);
        foreach (var draft in drafts) links[draft.Id] = draft.Manager;
        for (var guard = 0; guard <= links.Count; guard++)
        {
            if (ManagerTree.FindCycle(links) is not { } cycle) return;
            var inFile = cycle.Where(index.ContainsKey).Select(id => index[id]).DefaultIfEmpty(-1).Min();
            if (inFile < 0)
            {
                // A cycle already in storage that this file does not touch: not this file's error.
                links[cycle[0]] = null;
                continue;
            }
            var draft = drafts[inFile];
            var members = Records.GraphCycles.StartingAt(cycle, draft.Id);
            table.FailAt(draft.Row, managerColumn, draft.ManagerText, $"manager cycle: {string.Join(" → ", members)}");
            draft.Invalid = true;
            links[draft.Id] = null;
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One @ with text on both sides, a dot in the domain, no spaces.</summary>
    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1
               && text.IndexOf('.', at) > at + 1 && !text.Contains(' ', StringComparison.Ordinal);
    }
}
