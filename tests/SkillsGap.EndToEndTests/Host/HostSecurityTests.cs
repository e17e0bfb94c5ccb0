using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SkillsGap.EndToEndTests.Cli;
using SkillsGap.Host;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>Which listening addresses count as loopback alone, for the demo sign-in (no host).</summary>
public sealed class DemoSignInGateTests
{
    [Theory]
    [InlineData("http://localhost:5068", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.3.4.5:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://LOCALHOST:7086", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://skillsgap.example:80", false)]
    [InlineData("http://localhost.evil.example:80", false)]
    [InlineData("http://unix:/tmp/skillsgap.sock", false)]
    [InlineData("", false)]
    public void A_listening_address_is_loopback_only_when_it_names_the_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, DemoSignInGate.IsLoopbackAddress(address));
}

/// <summary>
/// The demo sign-in on a real Kestrel host (DESIGN §8): off unless <c>Host:DemoSignIn</c> is true, and even then only
/// while the host listens on loopback alone; and the security headers on a real socket.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class DemoSignInListeningTests
{
    [Fact]
    public async Task A_host_on_all_interfaces_refuses_the_demo_sign_in_even_when_asked_for_it()
    {
        var port = FreePort();
        await using var host = await KestrelAsync($"http://0.0.0.0:{port}", demo: true);
        using var client = Client(port);

        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        Assert.DoesNotContain("Demo: sign in as a sample person", page, StringComparison.Ordinal);
        using var response = await PostDemoAsync(client, page, "hr", "");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("demo sign-in is off", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(HasAuthCookie(response));
    }

    [Fact]
    public async Task A_loopback_host_offers_the_demo_only_when_asked_and_never_through_a_proxy()
    {
        var port = FreePort();
        await using (var host = await KestrelAsync($"http://127.0.0.1:{port}", demo: null))
        {
            // Not asked for (the default, as in production): no demo, even on loopback.
            using var client = Client(port);
            var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
            Assert.DoesNotContain("Demo: sign in as a sample person", page, StringComparison.Ordinal);
            using var refused = await PostDemoAsync(client, page, "hr", "");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        port = FreePort();
        await using (var host = await KestrelAsync($"http://127.0.0.1:{port}", demo: true))
        {
            using var client = Client(port);
            var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
            Assert.Contains("Demo: sign in as a sample person", page, StringComparison.Ordinal);
            // The same request relayed by a proxy in front of the loopback host: refused.
            foreach (var (name, value) in new[] { ("X-Forwarded-For", "203.0.113.7"), ("Forwarded", "for=203.0.113.7") })
            {
                using var proxiedClient = Client(port);
                var proxiedPage = await proxiedClient.GetStringAsync(new Uri("/signin", UriKind.Relative));
                using var proxied = await PostDemoAsync(proxiedClient, proxiedPage, "hr", "", (name, value));
                Assert.Equal(HttpStatusCode.Forbidden, proxied.StatusCode);
                Assert.False(HasAuthCookie(proxied));
            }
            using var allowed = await PostDemoAsync(client, page, "employee", "E-0009");
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
            Assert.True(HasAuthCookie(allowed));
        }
    }

    [Fact]
    public async Task Every_response_on_a_real_socket_carries_the_security_headers()
    {
        var port = FreePort();
        await using var host = await KestrelAsync($"http://127.0.0.1:{port}", demo: true);
        using var client = Client(port);
        foreach (var path in new[] { "/signin", "/health", "/css/site.css", "/api/org/gaps", "/no-such-page", "/openapi/v1.json" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            SecurityHeaderAssert.Check(response, path);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: HSTS over plain HTTP");
        }
    }

    private static async Task<HttpResponseMessage> PostDemoAsync(HttpClient client, string page, string role, string employee,
        params (string Name, string Value)[] headers)
    {
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "the sign-in page has no antiforgery field");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/signin", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["employeeId"] = employee,
                ["role"] = role,
                ["returnUrl"] = "/",
            }),
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }

    private static bool HasAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal));

    private static HttpClient Client(int port) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };

    private static async Task<WebApplication> KestrelAsync(string url, bool? demo)
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-listen-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["SkillsGap:DataFolder"] = folder,
            ["Host:SamplesFolder"] = CliRunner.SamplesFolder,
            ["Reports:Scheduled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (demo is bool on) settings["Host:DemoSignIn"] = on ? "true" : "false";
        var app = SkillsGapHost.Build(["--urls", url, "--environment", "Production"], b => b.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>The demo sign-in's roles, the return URL, the headers and the audit log on the in-process sample host.</summary>
[Collection(HostCollection.Name)]
public sealed class DemoRolesAndAuditTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    [Theory]
    // Role names exactly, nothing trimmed.
    [InlineData("HR", "", "unknown-role")]
    [InlineData("hr ", "", "unknown-role")]
    [InlineData(" employee", "E-0009", "unknown-role")]
    [InlineData("Manager", "E-0003", "unknown-role")]
    [InlineData("admin", "", "unknown-role")]
    // The employee role only as that employee, on today's roster; the id exactly.
    [InlineData("employee", " E-0009", "unknown-employee")]
    [InlineData("employee", "e-0009", "unknown-employee")]
    [InlineData("employee", "E-9999", "unknown-employee")]
    [InlineData("employee", "", "employee-required")]
    // The manager role only for someone who manages a team today: E-0009 and E-0010 are developers with no reports.
    [InlineData("manager", "E-0009", "not-a-manager")]
    [InlineData("manager", "E-0010", "not-a-manager")]
    [InlineData("manager", "", "employee-required")]
    public async Task A_demo_sign_in_with_a_role_the_person_does_not_hold_is_refused(string role, string employee, string error)
    {
        using var response = await Host.SignInAsync(new() { ["employeeId"] = employee, ["role"] = role, ["returnUrl"] = "/team" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/signin?error={error}&", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("manager", "E-0003")]
    [InlineData("manager", "E-0008")]
    [InlineData("employee", "E-0009")]
    [InlineData("hr", "")]
    [InlineData("hr", "E-0001")]
    public async Task A_demo_sign_in_with_a_role_the_person_holds_succeeds(string role, string employee)
    {
        using var response = await Host.SignInAsync(new() { ["employeeId"] = employee, ["role"] = role, ["returnUrl"] = "/" });

        Assert.Equal("/", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https:evil.example")]
    public async Task A_return_url_that_a_browser_would_send_elsewhere_goes_home(string returnUrl)
    {
        using var response = await Host.SignInAsync(new() { ["role"] = "hr", ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());

        using var page = await Host.Client.GetAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("evil.example", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    // Cut short: the file part never ends (no closing boundary).
    [InlineData("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.csv\"\r\nContent-Type: text/csv\r\n\r\nskill_code,skill_name\nCUT-1,Cut")]
    // Cut inside the part's headers.
    [InlineData("--XyZ\r\nContent-Disposition: form-data; name=\"fi")]
    public async Task A_truncated_multipart_upload_is_400_not_500_and_writes_nothing(string body)
    {
        var before = await Host.WithDbAsync(db => Task.FromResult(db.Skills.Count()));
        using var request = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        request.Content = new StringContent(body);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");
        using var response = await Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("multipart", text, StringComparison.Ordinal);
        Assert.Equal(before, await Host.WithDbAsync(db => Task.FromResult(db.Skills.Count())));
    }

    [Fact]
    public async Task Hsts_is_sent_under_https_only()
    {
        using var secure = await Host.Client.GetAsync(new Uri("https://localhost/health"));
        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        SecurityHeaderAssert.Check(secure, "https /health");

        using var plain = await Host.Client.GetAsync(new Uri("http://localhost/health"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_problem_and_a_page_carry_the_security_headers_too()
    {
        using var forbidden = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/org/gaps", Host.Token("employee", "E-0009")));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        SecurityHeaderAssert.Check(forbidden, "403 problem");

        var cookie = await Host.SignInCookieAsync(new() { ["role"] = "hr" });
        using var page = await Host.GetWithCookieAsync("/overview", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        SecurityHeaderAssert.Check(page, "/overview");
    }

    [Fact]
    public async Task The_audit_log_is_for_hr_only_and_records_a_demo_sign_in_and_an_import_newest_first()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit", Host.Token("manager", "E-0003")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit", Host.Token("employee", "E-0009")))).StatusCode);

        using (await Host.SignInAsync(new() { ["employeeId"] = "E-0008", ["role"] = "manager" })) { }
        using var upload = Host.Request(HttpMethod.Post, "/api/imports/skills", Host.Token("hr"));
        upload.Content = Uploads.Csv("audit-skills.csv", "skill_code,skill_name\nAUDIT-1,Audit one\nAUDIT-2,Audit two\n");
        using (var imported = await Host.Client.SendAsync(upload)) Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit?pageSize=2", Host.Token("hr")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.True(json.RootElement.GetProperty("total").GetInt32() >= 2);
        // Newest first: the import, then the sign-in before it.
        Assert.Equal("import", entries[0].GetProperty("action").GetString());
        Assert.Equal("audit-skills.csv", entries[0].GetProperty("subject").GetString());
        var actor = entries[0].GetProperty("actor").GetString();
        Assert.True(actor?.EndsWith("(hr)", StringComparison.Ordinal), actor);
        Assert.Contains("2 record(s)", entries[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("2 inserted", entries[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("signin.demo", entries[1].GetProperty("action").GetString());
        Assert.Equal("E-0008", entries[1].GetProperty("subject").GetString());
        Assert.Equal("E-0008 (manager)", entries[1].GetProperty("actor").GetString());
        Assert.True(entries[0].GetProperty("id").GetInt64() > entries[1].GetProperty("id").GetInt64());

        using var bad = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit?pageSize=100000", Host.Token("hr")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_sponsorship_plan_is_audited_with_its_actor_scope_budget_and_hours_used()
    {
        using var plan = Host.Request(HttpMethod.Post, "/api/sponsorship", Host.Token("manager", "E-0008"));
        plan.Content = System.Net.Http.Json.JsonContent.Create(new { scope = "manager", managerId = "E-0008", budgetHours = 20 });
        using var planned = await Host.Client.SendAsync(plan);
        var planBody = await planned.Content.ReadAsStringAsync();
        Assert.True(planned.StatusCode == HttpStatusCode.OK, planBody);
        using var document = JsonDocument.Parse(planBody);
        var hoursUsed = document.RootElement.GetProperty("hoursUsed").GetDecimal();
        var badges = document.RootElement.GetProperty("choices").GetArrayLength();

        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/audit?action=sponsor&pageSize=1", Host.Token("hr")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var entry = Assert.Single(json.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal("sponsor", entry.GetProperty("action").GetString());
        Assert.Equal("E-0008 (manager)", entry.GetProperty("actor").GetString());
        Assert.Equal("manager E-0008", entry.GetProperty("subject").GetString());
        var detail = entry.GetProperty("detail").GetString();
        Assert.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"budget 20 h, {hoursUsed} h used, {badges} badge(s), "), detail, StringComparison.Ordinal);
    }
}

internal static class SecurityHeaderAssert
{
    /// <summary>The headers every response must carry (CSP with no inline script and no framing, nosniff, DENY, a referrer policy).</summary>
    public static void Check(HttpResponseMessage response, string what)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.True(csp is not null, $"{what}: no Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        // Inline script is never allowed; 'unsafe-inline' appears once, for style attributes alone.
        Assert.Single(Regex.Matches(csp!, "'unsafe-inline'"));
        Assert.Contains("style-src-attr 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.Single() : null;
}
