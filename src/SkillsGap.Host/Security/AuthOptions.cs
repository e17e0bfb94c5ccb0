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

    /// <summary>
    /// Where the authority's tokens carry the roles: a claim name (<c>role</c>, <c>roles</c>, <c>groups</c>) or a dotted path
    /// into a JSON object claim (<c>realm_access.roles</c>, <c>resource_access.skillsgap.roles</c>); its value may be a
    /// string or an array of strings.
    /// </summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>
    /// The authority's role (or group) names → SkillsGap roles (hr, manager, employee). Empty: the values must be the
    /// SkillsGap role names themselves, exactly (lower case). Not empty: only the names it lists (exactly) give a role.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the tokens carry the caller's employee id: a claim name or a dotted path, like <see cref="RoleClaim"/>.</summary>
    public string? EmployeeClaim { get; set; }

    /// <summary>The earlier name of <see cref="EmployeeClaim"/>, still read when that is not set.</summary>
    public string? EmployeeIdClaim { get; set; }

    /// <summary>The employee claim in force: <see cref="EmployeeClaim"/>, else <see cref="EmployeeIdClaim"/>, else <c>employee_id</c>.</summary>
    public string EmployeeClaimPath =>
        !string.IsNullOrWhiteSpace(EmployeeClaim) ? EmployeeClaim.Trim()
        : !string.IsNullOrWhiteSpace(EmployeeIdClaim) ? EmployeeIdClaim.Trim()
        : SkillsGapClaims.EmployeeId;

    /// <summary>Whether the metadata address must be HTTPS (turn off only for a local test authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long the sign-in cookie lasts, in hours.</summary>
    public int CookieHours { get; set; } = 12;

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>
    /// The SkillsGap roles that a token's role values give: through <see cref="RoleMap"/> when it has entries, else the
    /// values that are role names. Values are compared exactly (ordinal, nothing trimmed: <c>"HR "</c> or <c>"Hr"</c>
    /// gives no role). A value that is not found whole is also tried word by word (separated by one space or comma, as
    /// in a scope-like claim). Unknown values give nothing.
    /// </summary>
    public IReadOnlyList<string> MapRoles(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var map = RoleMap.Count == 0 ? null : new Dictionary<string, string>(RoleMap, StringComparer.Ordinal);
        string? One(string name)
        {
            if (map is not null) return map.TryGetValue(name, out var mapped) ? mapped.Trim().ToLowerInvariant() : null;
            return SkillsGapPrincipal.IsKnownRole(name) ? name : null;
        }
        var roles = new List<string>();
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value) || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) continue;
            if (One(value) is { } whole) roles.Add(whole);
            else roles.AddRange(value.Split([' ', ',']).Select(One).OfType<string>());
        }
        return [.. roles.Where(SkillsGapPrincipal.IsKnownRole).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What is wrong with these settings (an empty list when nothing is): every mapped role must be a SkillsGap role.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RoleClaim)) problems.Add("Auth:RoleClaim must name a claim (or a dotted path such as realm_access.roles).");
        foreach (var (from, to) in RoleMap)
        {
            if (!SkillsGapPrincipal.IsKnownRole(to?.Trim().ToLowerInvariant()))
                problems.Add($"Auth:RoleMap maps '{from}' to '{to}'; a SkillsGap role is hr, manager or employee.");
        }
        return problems;
    }
}
