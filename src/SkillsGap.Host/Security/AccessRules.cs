using System.Security.Claims;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Host.Security;

/// <summary>
/// Who may read what (DESIGN §8): hr everything; a manager themselves and their whole reporting tree as the roster
/// stands today; an employee only themselves. Imports, training and organisation figures are hr only.
/// </summary>
public sealed class AccessRules(FiguresCache figures, BusinessCalendar calendar)
{
    public static bool IsHr(ClaimsPrincipal user) => user.HasClaim(SkillsGapClaims.Role, SkillsGapClaims.Roles.Hr);

    public static bool IsManager(ClaimsPrincipal user) => user.HasClaim(SkillsGapClaims.Role, SkillsGapClaims.Roles.Manager);

    public static bool IsEmployee(ClaimsPrincipal user) => user.HasClaim(SkillsGapClaims.Role, SkillsGapClaims.Roles.Employee);

    /// <summary>Whether <paramref name="user"/> may read one employee's gaps, recommendations and pathway.</summary>
    public async Task<bool> CanReadEmployeeAsync(ClaimsPrincipal user, EmployeeId employee, CancellationToken ct = default)
    {
        if (IsHr(user)) return true;
        // An employee id alone is not enough: a caller whose token names no SkillsGap role reads nothing.
        if (!IsManager(user) && !IsEmployee(user)) return false;
        if (SkillsGapPrincipal.EmployeeIdOf(user) is not { } self) return false;
        if (string.Equals(self, employee.Value, StringComparison.Ordinal)) return true;
        if (!IsManager(user)) return false;
        var today = await figures.GetAsync(calendar.Today, ct);
        return IsAbove(today.Snapshot, new EmployeeId(self), employee);
    }

    /// <summary>Whether <paramref name="user"/> may read the team (reporting tree) of <paramref name="manager"/>.</summary>
    public async Task<bool> CanReadTeamAsync(ClaimsPrincipal user, EmployeeId manager, CancellationToken ct = default)
    {
        if (IsHr(user)) return true;
        if (!IsManager(user) || SkillsGapPrincipal.EmployeeIdOf(user) is not { } self) return false;
        if (string.Equals(self, manager.Value, StringComparison.Ordinal)) return true;
        var today = await figures.GetAsync(calendar.Today, ct);
        return IsAbove(today.Snapshot, new EmployeeId(self), manager);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> (403) unless <paramref name="user"/> may read the employee.</summary>
    public async Task EnsureCanReadEmployeeAsync(ClaimsPrincipal user, EmployeeId employee, CancellationToken ct = default)
    {
        if (!await CanReadEmployeeAsync(user, employee, ct)) throw new AccessDeniedException($"You may not read employee {employee}.");
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> (403) unless <paramref name="user"/> may read the team.</summary>
    public async Task EnsureCanReadTeamAsync(ClaimsPrincipal user, EmployeeId manager, CancellationToken ct = default)
    {
        if (!await CanReadTeamAsync(user, manager, ct)) throw new AccessDeniedException($"You may not read the team of {manager}.");
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> (403) unless <paramref name="user"/> is hr or the run's manager.</summary>
    public static void EnsureCanReadReportRun(ClaimsPrincipal user, ReportRunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (IsHr(user)) return;
        if (IsManager(user) && run.ManagerId is not null && SkillsGapPrincipal.EmployeeIdOf(user) == run.ManagerId) return;
        throw new AccessDeniedException($"You may not read report run {run.Id}.");
    }

    /// <summary>Whether <paramref name="manager"/> is a direct or indirect manager of <paramref name="employee"/>.</summary>
    public static bool IsAbove(OrganisationSnapshot snapshot, EmployeeId manager, EmployeeId employee)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = snapshot.FindEmployee(employee);
        // Walking up the chain is O(depth); the step limit only guards against a cycle the importer let through.
        for (var steps = 0; current?.Manager is EmployeeId up && steps < snapshot.Employees.Count; steps++)
        {
            if (up == manager) return true;
            current = snapshot.FindEmployee(up);
        }
        return false;
    }
}
