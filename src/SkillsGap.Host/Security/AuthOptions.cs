namespace SkillsGap.Host.Security;

/// <summary>Settings under <c>Auth</c>: an external OIDC authority, or the embedded signing key, and the sign-in cookie.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The embedded key's issuer and audience.</summary>
    public const string EmbeddedIssuer = "skillsgap";

    /// <summary>OIDC authority (metadata and JWKS are read from it); empty means the embedded signing key.</summary>
    public string? Authority { get; set; }

    /// <summary>Audience tokens of the authority must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Name of the claim that carries the role (hr, manager, employee) in the authority's tokens.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Name of the claim that carries the caller's employee id.</summary>
    public string EmployeeIdClaim { get; set; } = SkillsGapClaims.EmployeeId;

    /// <summary>Whether the metadata address must be HTTPS (turn off only for a local test authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Whether <c>POST /auth/signin</c> accepts an employee id and a role without a token. Null means on only for the
    /// embedded SQLite default with no authority.
    /// </summary>
    public bool? DemoSignIn { get; set; }

    /// <summary>How long the sign-in cookie lasts, in hours.</summary>
    public int CookieHours { get; set; } = 12;

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);
}
