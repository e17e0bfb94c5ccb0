using System.Security.Claims;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Web;

/// <summary>Who is looking at a page: their roles (a principal may hold several) and, when known, their employee id.</summary>
public sealed record PageViewer(bool IsHr, bool IsManager, bool IsEmployee, EmployeeId? Self)
{
    /// <summary>The roles as text, for the header.</summary>
    public string Roles => string.Join(", ", new[] { IsHr ? "hr" : null, IsManager ? "manager" : null, IsEmployee ? "employee" : null }.OfType<string>());

    /// <summary>The viewer from the sign-in cookie's claims, or null when they carry no known role.</summary>
    public static PageViewer? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var hr = AccessRules.IsHr(user);
        var manager = AccessRules.IsManager(user);
        var employee = AccessRules.IsEmployee(user);
        if (!hr && !manager && !employee) return null;
        EmployeeId? self = null;
        if (SkillsGapPrincipal.EmployeeIdOf(user) is { Length: > 0 } id)
        {
            try { self = new EmployeeId(id); }
            catch (ArgumentException) { self = null; }
        }
        return new PageViewer(hr, manager, employee, self);
    }
}
