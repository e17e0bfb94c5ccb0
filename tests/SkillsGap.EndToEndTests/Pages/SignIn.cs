using System.Net;
using System.Text.RegularExpressions;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>Demo sign-in over plain HTTP: the sign-in page's antiforgery token, then the form post to /auth/signin.</summary>
public static partial class SignIn
{
    /// <summary>A client signed in (cookie) as <paramref name="employeeId"/> with <paramref name="role"/>.</summary>
    public static async Task<HttpClient> AsAsync(PagesHost host, string role, string employeeId)
    {
        var cookies = new CookieContainer();
        var client = host.CreateClient(cookies);
        var token = await AntiforgeryTokenAsync(client, "/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["employeeId"] = employeeId,
            ["role"] = role,
            ["returnUrl"] = "/",
        });
        using var response = await client.PostAsync(new Uri("/auth/signin", UriKind.Relative), form);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK or HttpStatusCode.NoContent,
            $"sign-in as {role} {employeeId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(cookies.GetAllCookies(), c => c.Value.Length > 0);
        return client;
    }

    /// <summary>The hidden antiforgery field of the first form of a page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"{path} has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
