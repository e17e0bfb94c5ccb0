using System.Security.Claims;
using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Web;

/// <summary>Who is looking at a page: their role and, for managers and employees, their own employee id.</summary>
public sealed record PageViewer(string Role, EmployeeId? Self)
{
    public bool IsHr => Role == SkillsGapClaims.Roles.Hr;

    public bool IsManager => Role == SkillsGapClaims.Roles.Manager;

    /// <summary>The viewer from the sign-in cookie's claims, or null when they carry no known role.</summary>
    public static PageViewer? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var role = user.FindFirst(SkillsGapClaims.Role)?.Value;
        if (role is not (SkillsGapClaims.Roles.Hr or SkillsGapClaims.Roles.Manager or SkillsGapClaims.Roles.Employee)) return null;
        var id = user.FindFirst(SkillsGapClaims.EmployeeId)?.Value;
        return new PageViewer(role, string.IsNullOrWhiteSpace(id) ? null : new EmployeeId(id));
    }
}

/// <summary>
/// Who may see whom on the pages (DESIGN §8): hr everyone; a manager themselves and their reporting tree; an employee
/// only themselves. Decided on the roster as of the figures' date.
/// </summary>
public static class PageAccess
{
    /// <summary>Whether the viewer may open the organisation-wide pages (overview, uploads).</summary>
    public static bool MaySeeOrganisation(PageViewer viewer) => viewer.IsHr;

    /// <summary>Whether the viewer may open the team page of <paramref name="manager"/>.</summary>
    public static bool MaySeeTeam(PageViewer viewer, EmployeeId manager, OrganisationSnapshot snapshot)
    {
        if (viewer.IsHr) return true;
        if (!viewer.IsManager || viewer.Self is not EmployeeId self) return false;
        return self == manager || InTree(self, manager, snapshot);
    }

    /// <summary>Whether the viewer may open the page of one employee.</summary>
    public static bool MaySeeEmployee(PageViewer viewer, EmployeeId employee, OrganisationSnapshot snapshot)
    {
        if (viewer.IsHr) return true;
        if (viewer.Self is not EmployeeId self) return false;
        if (self == employee) return true;
        return viewer.IsManager && InTree(self, employee, snapshot);
    }

    private static bool InTree(EmployeeId manager, EmployeeId person, OrganisationSnapshot snapshot)
    {
        if (snapshot.EmployeeIndex(manager) < 0 || snapshot.EmployeeIndex(person) < 0) return false;
        var target = snapshot.EmployeeIndex(person);
        return new GroupSelector(snapshot).Team(manager).Contains(target);
    }
}
