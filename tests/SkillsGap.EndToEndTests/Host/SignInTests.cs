using System.Net;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>The cookie sign-in of the pages and the Hangfire dashboard (demo sign-in is on for the embedded default).</summary>
[Collection(HostCollection.Name)]
public sealed class SignInTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_demo_sign_in_sets_the_cookie_and_redirects_to_the_local_return_url()
    {
        using var response = await SignInAsync(new() { ["employeeId"] = "E-0009", ["role"] = "employee", ["returnUrl"] = "/me" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/me", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task A_return_url_to_another_site_goes_home_instead(string returnUrl)
    {
        using var response = await SignInAsync(new() { ["role"] = "hr", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_token_signs_in_and_a_bad_token_goes_back_to_the_sign_in_page()
    {
        using var good = await SignInAsync(new() { ["token"] = Host.Token("manager", "E-0003"), ["returnUrl"] = "/team" });
        Assert.Equal("/team", good.Headers.Location?.ToString());
        using var bad = await SignInAsync(new() { ["token"] = "not-a-token" });
        Assert.StartsWith("/signin?error=invalid-token", bad.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.False(bad.Headers.Contains("Set-Cookie") && bad.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_employee_cannot_sign_in()
    {
        using var response = await SignInAsync(new() { ["employeeId"] = "E-9999", ["role"] = "employee" });
        Assert.StartsWith("/signin?error=unknown-employee", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = "hr" });
        using var response = await Host.Client.PostAsync("/auth/signin", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_dashboard_is_for_a_signed_in_hr_only()
    {
        using var anonymous = await Host.Client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/signin?returnUrl=", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);

        var employee = await CookieAsync(new() { ["employeeId"] = "E-0009", ["role"] = "employee" });
        using var forbidden = await GetWithCookieAsync("/hangfire", employee);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);

        var hr = await CookieAsync(new() { ["role"] = "hr" });
        using var allowed = await GetWithCookieAsync("/hangfire", hr);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Hangfire", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_takes_no_cookie_only_a_bearer_token()
    {
        var hr = await CookieAsync(new() { ["role"] = "hr" });
        using var response = await GetWithCookieAsync("/api/org/gaps", hr);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sign_out_clears_the_cookie()
    {
        var hr = await CookieAsync(new() { ["role"] = "hr" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signout");
        request.Headers.Add("Cookie", hr);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal("/signin", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("skillsgap.auth=;", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> SignInAsync(Dictionary<string, string> fields) => Host.SignInAsync(fields);

    private Task<string> CookieAsync(Dictionary<string, string> fields) => Host.SignInCookieAsync(fields);

    private Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie) => Host.GetWithCookieAsync(path, cookie);
}
