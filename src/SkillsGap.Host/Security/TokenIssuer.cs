using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SkillsGap.Host.Security;

/// <summary>Writes bearer tokens signed with the embedded key (issuer and audience <c>skillsgap</c>).</summary>
public static class TokenIssuer
{
    /// <summary>A signed JWT for <paramref name="role"/> (and the employee id managers and employees need).</summary>
    public static string Create(SecurityKey key, string role, string? employeeId, TimeSpan lifetime, DateTimeOffset now)
    {
        if (!SkillsGapPrincipal.IsKnownRole(role)) throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        if (role != SkillsGapClaims.Roles.Hr && string.IsNullOrWhiteSpace(employeeId))
            throw new ArgumentException($"A {role} token needs an employee id.", nameof(employeeId));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["role"] = role };
        if (!string.IsNullOrWhiteSpace(employeeId)) claims[SkillsGapClaims.EmployeeId] = employeeId;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.EmbeddedIssuer,
            Audience = AuthOptions.EmbeddedIssuer,
            Subject = new ClaimsIdentity([new Claim("sub", string.IsNullOrWhiteSpace(employeeId) ? role : employeeId)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
