using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SkillsGap.Host.Security;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// Every API route against every kind of caller. The reporting lines come from data-samples/employees.csv:
/// E-0001 (CEO) → E-0002 and E-0161 (department heads) → E-0003 (team lead under E-0002) → E-0008 (team lead)
/// → E-0009 and E-0010 (developers). E-0161's tree does not reach E-0003, E-0008 or E-0009.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AccessMatrixTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        void Route(string method, string path, int hr, int managerAbove, int managerOutside, int self, int otherEmployee)
        {
            data.Add(method, path, "hr", hr);
            data.Add(method, path, "manager E-0003", managerAbove);
            data.Add(method, path, "manager E-0161", managerOutside);
            data.Add(method, path, "employee E-0009", self);
            data.Add(method, path, "employee E-0010", otherEmployee);
            foreach (var anonymous in new[] { "none", "garbage", "expired", "other key", "wrong audience" })
                data.Add(method, path, anonymous, 401);
        }
        // An employee's own resources: hr, the employee, and any manager above them (E-0003 is two levels up).
        Route("GET", "/api/employees/E-0009/gaps", 200, 200, 403, 200, 403);
        Route("GET", "/api/employees/E-0009/recommendations?top=3", 200, 200, 403, 200, 403);
        Route("GET", "/api/employees/E-0009/pathway", 200, 200, 403, 200, 403);
        // A team: hr, its manager, or a manager higher up; an employee never (even one of its members).
        Route("GET", "/api/teams/E-0008/gaps", 200, 200, 403, 403, 403);
        Route("GET", "/api/org/gaps", 200, 403, 403, 403, 403);
        Route("GET", "/api/imports/999999", 404, 403, 403, 403, 403);
        Route("GET", "/api/jobs/999999", 404, 403, 403, 403, 403);
        Route("GET", "/api/audit", 200, 403, 403, 403, 403);
        Route("POST", "/api/imports/skills?dryRun=true", 200, 403, 403, 403, 403);
        // The OpenAPI document is the public contract: anyone may read it, with or without a token.
        foreach (var caller in new[] { "hr", "manager E-0003", "employee E-0009", "none", "garbage", "expired" })
            data.Add("GET", "/openapi/v1.json", caller, 200);
        // A manager reading themselves is reading an employee's own resources.
        data.Add("GET", "/api/employees/E-0003/gaps", "manager E-0003", 200);
        data.Add("GET", "/api/teams/E-0003/gaps", "manager E-0003", 200);
        data.Add("GET", "/api/teams/E-0003/gaps", "manager E-0161", 403);
        // A manager below does not see up.
        data.Add("GET", "/api/employees/E-0003/gaps", "manager E-0008", 403);
        data.Add("GET", "/api/teams/E-0003/gaps", "manager E-0008", 403);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_caller_as_the_access_rules_say(string method, string path, string caller, int expected)
    {
        using var request = Host.Request(new HttpMethod(method), path, TokenFor(caller));
        if (method == "POST") request.Content = Uploads.Csv("skills-dry.csv", "skill_code,skill_name\nMATRIX-TEST,Matrix test skill\n");
        using var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{method} {path} as {caller}: expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        }
        else
        {
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        }
    }

    private string? TokenFor(string caller)
    {
        var parts = caller.Split(' ');
        return (parts[0] is "manager" or "employee" ? parts[0] : caller) switch
        {
            "none" => null,
            "garbage" => "not-a-token",
            "hr" => Host.Token("hr"),
            "manager" or "employee" => Host.Token(parts[0], parts[1]),
            // Issued two days ago for one day: expired well beyond the 30 s clock skew.
            "expired" => Host.Token("hr", lifetime: TimeSpan.FromDays(1), issuedAt: DateTimeOffset.UtcNow.AddDays(-2)),
            "other key" => TokenIssuer.Create(new SymmetricSecurityKey(new byte[32]), "hr", null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow),
            "wrong audience" => WrongAudience(),
            _ => throw new ArgumentException(caller),
        };
    }

    private string WrongAudience()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "skillsgap",
            Audience = "someone-else",
            Claims = new Dictionary<string, object> { ["role"] = "hr" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                Host.App.Services.GetService(typeof(SigningKeyStore)) is SigningKeyStore s ? s.Current : throw new InvalidOperationException(),
                SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>Multipart bodies as a browser or curl sends them.</summary>
internal static class Uploads
{
    public static MultipartFormDataContent Csv(string name, string content) => File(name, System.Text.Encoding.UTF8.GetBytes(content));

    public static MultipartFormDataContent File(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return form;
    }
}
