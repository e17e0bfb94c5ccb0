using System.Security.Claims;

namespace SkillsGap.Host.Security;

/// <summary>
/// Builds the one principal shape the rest of the host reads, whatever the token's claim names: a role claim of type
/// <see cref="SkillsGapClaims.Role"/> per known role and one <see cref="SkillsGapClaims.EmployeeId"/>.
/// </summary>
public static class SkillsGapPrincipal
{
    public static bool IsKnownRole(string? role) =>
        role is SkillsGapClaims.Roles.Hr or SkillsGapClaims.Roles.Manager or SkillsGapClaims.Roles.Employee;

    public static ClaimsPrincipal Create(IEnumerable<string> roles, string? employeeId, string? name, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, SkillsGapClaims.Role);
        foreach (var role in roles.Where(IsKnownRole).Distinct(StringComparer.Ordinal))
            identity.AddClaim(new Claim(SkillsGapClaims.Role, role));
        if (!string.IsNullOrWhiteSpace(employeeId)) identity.AddClaim(new Claim(SkillsGapClaims.EmployeeId, employeeId));
        identity.AddClaim(new Claim(ClaimTypes.Name, name ?? employeeId ?? string.Join(",", identity.FindAll(SkillsGapClaims.Role).Select(c => c.Value))));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Re-reads a validated token's principal through the configured claims (<see cref="AuthOptions.RoleClaim"/>,
    /// <see cref="AuthOptions.RoleMap"/>, <see cref="AuthOptions.EmployeeClaimPath"/>). Roles it cannot map are dropped:
    /// such a caller is signed in with no role, so everything that needs one answers 403.
    /// </summary>
    public static ClaimsPrincipal Normalise(ClaimsPrincipal token, AuthOptions options, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = options.MapRoles(TokenClaims.Values(token, options.RoleClaim));
        var employeeId = TokenClaims.Values(token, options.EmployeeClaimPath).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        var name = token.FindFirst("name")?.Value ?? token.FindFirst("preferred_username")?.Value ?? token.FindFirst("sub")?.Value;
        return Create(roles, employeeId, name, authenticationType);
    }

    public static string? EmployeeIdOf(ClaimsPrincipal user) => user.FindFirst(SkillsGapClaims.EmployeeId)?.Value;

    /// <summary>Who the user is in the audit log: their employee id (else the name) and roles, e.g. <c>E-0003 (manager)</c>.</summary>
    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var who = EmployeeIdOf(user) ?? user.Identity?.Name ?? "anonymous";
        var roles = string.Join(",", user.FindAll(SkillsGapClaims.Role).Select(c => c.Value));
        return roles.Length == 0 ? who : $"{who} ({roles})";
    }
}
