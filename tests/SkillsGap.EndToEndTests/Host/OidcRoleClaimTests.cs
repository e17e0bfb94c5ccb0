using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SkillsGap.Host.Security;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// Tokens of an OIDC authority, signed by a test RSA key and validated the way the host validates an authority's
/// tokens (issuer, audience, signature, lifetime) — the key handed to the JWT handler instead of fetched, so no network.
/// </summary>
public sealed class TestAuthority
{
    public const string Issuer = "https://idp.test/realms/skillsgap";
    public const string Audience = "skillsgap-api";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };

    /// <summary>A token with the standard claims plus <paramref name="claims"/> (a JSON object's members, written as given).</summary>
    public string Token(string claims, SecurityKey? key = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"user-1","iat":{{now}},"nbf":{{now}},"exp":{{now + 3600}}{{(claims.Length > 0 ? "," : "")}}{{claims}}}""";
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The principal the JWT handler makes of <paramref name="token"/> (claim names kept as in the token).</summary>
    public async Task<ClaimsPrincipal> ValidateAsync(string token)
    {
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    /// <summary>Points the host's bearer scheme at this authority without its metadata endpoint.</summary>
    public void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        // Registered before the host's own JWT set-up, so it runs first: with a configuration present the handler
        // uses it as is (a static configuration manager) and never fetches /.well-known/openid-configuration.
        builder.Services.PostConfigure<JwtBearerOptions>(SkillsGapClaims.BearerScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(_key);
            o.Configuration = configuration;
        });
}

/// <summary>How the roles and the employee id come out of an authority's tokens, shape by shape (no host).</summary>
public sealed class TokenClaimMappingTests
{
    private readonly TestAuthority _authority = new();

    [Theory]
    // Keycloak: realm roles nested in a JSON object claim.
    [InlineData("realm_access.roles", """ "realm_access":{"roles":["offline_access","hr","uma_authorization"]} """, "hr")]
    // Keycloak client roles, two levels down.
    [InlineData("resource_access.skillsgap.roles", """ "resource_access":{"skillsgap":{"roles":["manager"]},"account":{"roles":["hr"]}} """, "manager")]
    // Entra ID app roles: a top-level array.
    [InlineData("roles", """ "roles":["employee","manager"] """, "employee,manager")]
    // A single string, at the top level and nested.
    [InlineData("roles", """ "roles":"manager" """, "manager")]
    [InlineData("realm_access.roles", """ "realm_access":{"roles":"hr"} """, "hr")]
    // The default claim, as the embedded tokens write it.
    [InlineData("role", """ "role":"hr" """, "hr")]
    // A scope-like value: words separated by one space.
    [InlineData("role", """ "role":"employee manager" """, "employee,manager")]
    // A claim whose own name has dots is read whole before it is taken for a path.
    [InlineData("https://skillsgap.example/roles", """ "https://skillsgap.example/roles":["employee"] """, "employee")]
    public async Task Roles_are_read_from_the_configured_claim_or_path(string roleClaim, string claims, string expected)
    {
        var principal = await NormaliseAsync(claims, new AuthOptions { RoleClaim = roleClaim });

        Assert.Equal(expected.Split(','), Roles(principal));
    }

    [Theory]
    [InlineData("""  "realm_access":{"roles":["skillsgap-hr","offline_access"]} """, "hr")]
    [InlineData("""  "realm_access":{"roles":["SkillsGap Managers"]} """, "manager")]
    // With a map, only the mapped names count: a raw "hr" is not one of them.
    [InlineData("""  "realm_access":{"roles":["hr","uma_authorization"]} """, "")]
    public async Task A_role_map_turns_the_authoritys_names_into_skillsgap_roles(string claims, string expected)
    {
        var options = new AuthOptions { RoleClaim = "realm_access.roles" };
        options.RoleMap["skillsgap-hr"] = "hr";
        options.RoleMap["SkillsGap Managers"] = "manager";

        var principal = await NormaliseAsync(claims, options);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Roles(principal));
    }

    [Theory]
    [InlineData(""" "realm_access":{"roles":["admin","uma_authorization"]} """)]
    [InlineData(""" "realm_access":{"other":["hr"]} """)]
    [InlineData(""" "realm_access":"hr" """)]
    [InlineData(""" "role":"hr" """)]
    [InlineData("")]
    public async Task A_missing_or_unknown_role_gives_no_role_and_no_error(string claims)
    {
        var principal = await NormaliseAsync(claims, new AuthOptions { RoleClaim = "realm_access.roles" });

        Assert.Empty(Roles(principal));
        Assert.True(principal.Identity!.IsAuthenticated);
    }

    [Theory]
    [InlineData(null, null, """ "employee_id":"E-0009" """, "E-0009")]
    [InlineData("employee_number", null, """ "employee_id":"E-0001","employee_number":"E-0009" """, "E-0009")]
    [InlineData("attributes.employee.id", null, """ "attributes":{"employee":{"id":"E-0009"}} """, "E-0009")]
    // The earlier setting's name is still read when the new one is not set.
    [InlineData(null, "hr_id", """ "hr_id":"E-0009" """, "E-0009")]
    [InlineData("employee_number", null, """ "employee_id":"E-0009" """, null)]
    public async Task The_employee_id_comes_from_the_configured_claim(string? employeeClaim, string? employeeIdClaim, string claims, string? expected)
    {
        var principal = await NormaliseAsync(claims, new AuthOptions { EmployeeClaim = employeeClaim, EmployeeIdClaim = employeeIdClaim });

        Assert.Equal(expected, SkillsGapPrincipal.EmployeeIdOf(principal));
    }

    [Theory]
    [InlineData(""" "role":"HR" """)]
    [InlineData(""" "role":"HR " """)]
    [InlineData(""" "role":"hr " """)]
    [InlineData(""" "role":" hr" """)]
    [InlineData(""" "role":"Hr" """)]
    [InlineData(""" "role":"hr\u0000" """)]
    [InlineData(""" "role":["hr\t"] """)]
    public async Task Role_names_are_compared_exactly_and_nothing_is_trimmed(string claims)
    {
        var principal = await NormaliseAsync(claims, new AuthOptions { RoleClaim = "role" });

        Assert.Empty(Roles(principal));
    }

    [Fact]
    public async Task A_role_map_matches_the_authoritys_names_exactly()
    {
        var options = new AuthOptions { RoleClaim = "role" };
        options.RoleMap["skillsgap-hr"] = "hr";

        Assert.Equal(["hr"], Roles(await NormaliseAsync(""" "role":"skillsgap-hr" """, options)));
        Assert.Empty(Roles(await NormaliseAsync(""" "role":"SKILLSGAP-HR" """, options)));
        Assert.Empty(Roles(await NormaliseAsync(""" "role":"skillsgap-hr " """, options)));
    }

    [Fact]
    public void A_role_map_to_something_that_is_not_a_skillsgap_role_is_a_configuration_error()
    {
        var options = new AuthOptions();
        options.RoleMap["skillsgap-admin"] = "admin";
        options.RoleMap["skillsgap-hr"] = "HR";

        var problem = Assert.Single(options.Problems());
        Assert.Contains("'skillsgap-admin' to 'admin'", problem, StringComparison.Ordinal);
    }

    private async Task<ClaimsPrincipal> NormaliseAsync(string claims, AuthOptions options) =>
        SkillsGapPrincipal.Normalise(await _authority.ValidateAsync(_authority.Token(claims.Trim())), options, SkillsGapClaims.BearerScheme);

    private static string[] Roles(ClaimsPrincipal principal) =>
        [.. principal.FindAll(SkillsGapClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal)];
}

/// <summary>A host configured for a Keycloak-like authority: roles in realm_access.roles under a role map.</summary>
public sealed class AuthorityHostFixture : IAsyncLifetime
{
    public TestAuthority Authority { get; } = new();

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Auth:Authority"] = TestAuthority.Issuer,
        ["Auth:Audience"] = TestAuthority.Audience,
        ["Auth:RoleClaim"] = "realm_access.roles",
        ["Auth:RoleMap:skillsgap-hr"] = "hr",
        ["Auth:RoleMap:skillsgap-manager"] = "manager",
        ["Auth:RoleMap:skillsgap-employee"] = "employee",
        ["Auth:EmployeeClaim"] = "employee_number",
    }, configure: Authority.Configure);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The API and the cookie sign-in with the authority's tokens (the reporting lines of <see cref="AccessMatrixTests"/>).</summary>
[Collection(HostCollection.Name)]
public sealed class AuthorityRoleTests(AuthorityHostFixture fixture) : IClassFixture<AuthorityHostFixture>
{
    private TestHost Host => fixture.Host;

    private TestAuthority Authority => fixture.Authority;

    public static TheoryData<string, string, int> Calls => new()
    {
        // hr through the map, beside Keycloak's own default roles.
        { """ "realm_access":{"roles":["offline_access","skillsgap-hr","uma_authorization"]} """, "/api/org/gaps", 200 },
        // A manager (E-0003, two levels above E-0008) with the employee id in the configured claim.
        { """ "realm_access":{"roles":["skillsgap-manager"]},"employee_number":"E-0003" """, "/api/teams/E-0008/gaps", 200 },
        { """ "realm_access":{"roles":["skillsgap-manager"]},"employee_number":"E-0003" """, "/api/org/gaps", 403 },
        // A single string instead of an array.
        { """ "realm_access":{"roles":"skillsgap-employee"},"employee_number":"E-0009" """, "/api/employees/E-0009/gaps", 200 },
        { """ "realm_access":{"roles":"skillsgap-employee"},"employee_number":"E-0009" """, "/api/employees/E-0010/gaps", 403 },
        // The employee id in the default claim is not read when another is configured.
        { """ "realm_access":{"roles":"skillsgap-employee"},"employee_id":"E-0009" """, "/api/employees/E-0009/gaps", 403 },
        // Unknown roles, a missing claim, a role at the top level instead of the configured path: no role, 403 everywhere.
        { """ "realm_access":{"roles":["uma_authorization"]},"employee_number":"E-0009" """, "/api/employees/E-0009/gaps", 403 },
        { """ "realm_access":{"roles":["uma_authorization"]},"employee_number":"E-0009" """, "/api/org/gaps", 403 },
        { """ "employee_number":"E-0003" """, "/api/teams/E-0003/gaps", 403 },
        { """ "employee_number":"E-0009" """, "/api/employees/E-0009/recommendations", 403 },
        { """ "role":"hr","roles":["hr"] """, "/api/org/gaps", 403 },
        { """ "realm_access":"not an object" """, "/api/imports/1", 403 },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task An_authority_token_is_answered_by_the_role_it_maps_to(string claims, string path, int expected)
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, path, Authority.Token(claims.Trim())));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(expected == (int)response.StatusCode, $"{path}: expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected == 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(403, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_401()
    {
        var token = Authority.Token(""" "realm_access":{"roles":["skillsgap-hr"]} """.Trim(), new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" });

        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/org/gaps", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_mapped_role_signs_in_to_the_pages_and_one_without_goes_back_to_the_sign_in_page()
    {
        using var manager = await SignInAsync(Authority.Token(""" "realm_access":{"roles":["skillsgap-manager"]},"employee_number":"E-0003" """.Trim()));
        Assert.Equal(HttpStatusCode.Redirect, manager.StatusCode);
        Assert.Equal("/team", manager.Headers.Location?.ToString());
        var cookie = manager.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var team = new HttpRequestMessage(HttpMethod.Get, "/team");
        team.Headers.Add("Cookie", cookie);
        using var page = await Host.Client.SendAsync(team);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var unknown = await SignInAsync(Authority.Token(""" "realm_access":{"roles":["uma_authorization"]},"employee_number":"E-0003" """.Trim()));
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.StartsWith("/signin?error=no-role", unknown.Headers.Location?.ToString(), StringComparison.Ordinal);
        using var signInPage = await Host.Client.GetAsync(new Uri(unknown.Headers.Location!.ToString(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Contains("carries no SkillsGap role", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SignInAsync(string token)
    {
        // The antiforgery pair a /signin page would render: a cookie token and the matching form field.
        var antiforgery = Host.App.Services.GetRequiredService<IAntiforgery>();
        var options = Host.App.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = Host.App.Services });
        var fields = new Dictionary<string, string> { ["token"] = token, ["returnUrl"] = "/team", [tokens.FormFieldName] = tokens.RequestToken! };
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signin") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", $"{options.Cookie.Name}={tokens.CookieToken}");
        return await Host.Client.SendAsync(request);
    }
}
