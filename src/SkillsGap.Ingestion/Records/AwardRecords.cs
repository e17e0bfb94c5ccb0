using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Records;

/// <summary>
/// employee_id or email, badge_id, issued_on, [expires_on], [evidence_url]. Built for millions of rows: each distinct
/// employee, e-mail and badge text is resolved against the catalogue once, and the duplicate check keys on small integers.
/// </summary>
internal static class AwardRecords
{
    private readonly record struct Resolved<T>(T? Id, int Index, string? Problem) where T : struct;

    public static IReadOnlyList<ImportedAward> Read(RecordTable table, IReferenceCatalogue known)
    {
        var employeeColumn = table.Optional("employee_id");
        var emailColumn = table.Optional("email");
        if (!employeeColumn.Present && !emailColumn.Present)
            table.MissingColumn("employee_id", "missing required column 'employee_id' (or 'email')");
        var badgeColumn = table.Required("badge_id");
        var issuedColumn = table.Required("issued_on");
        var expiresColumn = table.Optional("expires_on");
        var evidenceColumn = table.Optional("evidence_url");
        if (table.MissingRequiredColumn) return [];

        var nextEmployee = 0;
        var employees = new SpanCache<Resolved<EmployeeId>>(text =>
        {
            if (RecordTable.IdentifierProblem(text) is string problem) return new(null, -1, problem);
            var id = new EmployeeId(text);
            return known.HasEmployee(id) ? new(id, nextEmployee++, null) : new(id, -1, $"unknown employee '{text}'");
        });
        var byEmail = new SpanCache<EmployeeId?>(known.EmployeeByEmail);
        var nextBadge = 0;
        var badges = new SpanCache<Resolved<BadgeId>>(text =>
        {
            if (RecordTable.IdentifierProblem(text) is string problem) return new(null, -1, problem);
            var id = new BadgeId(text);
            return known.HasBadge(id) ? new(id, nextBadge++, null) : new(id, -1, $"unknown badge '{text}': it is not in the catalogue");
        });

        var records = new List<ImportedAward>();
        var firstRow = new Dictionary<(int Employee, int Badge, int Day), int>();
        while (table.Next())
        {
            var employee = ResolveEmployee(table, employees, byEmail, employeeColumn, emailColumn);
            int employeeIndex = -1;
            if (employee is EmployeeId e)
            {
                var fromId = employees.Get(e.Value);
                employeeIndex = fromId.Index >= 0 ? fromId.Index : -1;
            }

            var badge = new Resolved<BadgeId>(null, -1, null);
            if (table.IsEmpty(badgeColumn)) table.RequiredText(badgeColumn);
            else
            {
                badge = badges.Get(table.Span(badgeColumn));
                if (badge.Problem is string problem) table.Fail(badgeColumn, problem);
            }

            var issued = table.Date(issuedColumn, required: true);
            var expires = table.Date(expiresColumn);
            if (issued is DateOnly i && expires is DateOnly x && x <= i)
                table.Fail(expiresColumn, x == i
                    ? $"expires_on {Iso(x)} is the day it was issued: the award would never be valid (it is valid from issued_on up to, not including, expires_on)"
                    : $"expires_on {Iso(x)} is before issued_on {Iso(i)}");
            if (issued is DateOnly day0 && employee is EmployeeId who && known.LeftOn(who) is DateOnly left && day0 > left)
                table.Fail(issuedColumn, $"issued_on {Iso(day0)} is after employee {who} left on {Iso(left)}");
            var evidence = table.Text(evidenceColumn, maxLength: ValueBounds.MaxUrlLength);
            if (evidence is not null && !ValueParser.IsAbsoluteUrl(evidence))
                table.Fail(evidenceColumn, $"'{evidence}' is not an absolute URL");

            if (employeeIndex >= 0 && badge.Index >= 0 && issued is DateOnly day
                && !firstRow.TryAdd((employeeIndex, badge.Index, day.DayNumber), table.Row))
            {
                var first = firstRow[(employeeIndex, badge.Index, day.DayNumber)];
                table.Fail(issuedColumn, $"employee {employee} was awarded badge {badge.Id} on {Iso(day)} already on row {first.ToString(CultureInfo.InvariantCulture)}");
            }
            if (!table.RowHasErrors)
                records.Add(new ImportedAward(new Award(employee!.Value, badge.Id!.Value, issued!.Value, expires, evidence), table.Row));
        }
        return records;
    }

    private static EmployeeId? ResolveEmployee(RecordTable table, SpanCache<Resolved<EmployeeId>> employees,
        SpanCache<EmployeeId?> byEmail, Column employeeColumn, Column emailColumn)
    {
        EmployeeId? employee = null;
        var hasId = !table.IsEmpty(employeeColumn);
        if (hasId)
        {
            var resolved = employees.Get(table.Span(employeeColumn));
            if (resolved.Problem is string problem)
            {
                table.Fail(employeeColumn, problem);
                return null;
            }
            employee = resolved.Id;
        }
        if (!table.IsEmpty(emailColumn))
        {
            var owner = byEmail.Get(table.Span(emailColumn));
            if (owner is null)
            {
                table.Fail(emailColumn, $"no employee has the e-mail '{table.Span(emailColumn)}'");
                return null;
            }
            if (employee is EmployeeId id && owner != id)
            {
                table.Fail(emailColumn, $"e-mail {table.Span(emailColumn)} belongs to employee {owner}, not {id}");
                return null;
            }
            employee = owner;
        }
        if (employee is null && !hasId)
            table.Fail(employeeColumn.Present ? employeeColumn : emailColumn, "a value is required (employee_id or email)");
        return employee;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
