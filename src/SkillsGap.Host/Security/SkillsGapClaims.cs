using System.Security.Claims;

namespace SkillsGap.Host.Security;

/// <summary>
/// The claims SkillsGap reads from a bearer token or the sign-in cookie: one role (<see cref="Roles"/>) and, for
/// managers and employees, the employee id they are on the roster as.
/// </summary>
public static class SkillsGapClaims
{
    /// <summary>Claim type of the role; the value is one of <see cref="Roles"/>.</summary>
    public const string Role = ClaimTypes.Role;

    /// <summary>Claim type of the caller's own employee id.</summary>
    public const string EmployeeId = "employee_id";

    /// <summary>Authentication scheme of API bearer tokens.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>Authentication scheme of the pages' and dashboard's sign-in cookie.</summary>
    public const string CookieScheme = "Cookies";

    /// <summary>The three roles of DESIGN §8.</summary>
    public static class Roles
    {
        public const string Hr = "hr";
        public const string Manager = "manager";
        public const string Employee = "employee";
    }
}
