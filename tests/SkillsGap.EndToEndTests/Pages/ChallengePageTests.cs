using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.Data;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// The challenges page's form over plain HTTP (no script): a manager sets a challenge for their team and finds it listed
/// with its progress; a refused goal is explained on the page; an employee sees no form and may not post one.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class ChallengePageTests(PagesHost host)
{
    [Fact]
    public async Task A_manager_sets_a_challenge_for_their_team_and_sees_it_listed_with_its_progress()
    {
        // E-0003 (Bilal Richards) has 15 people below him in the samples: 5 reports and their 10. The challenge starts
        // tomorrow, so nobody has earned anything towards it yet: 0 of 15 done, 0% mean progress, 0 points.
        using var client = await SignIn.AsAsync(host, "manager", "E-0003");
        var page = await client.GetStringAsync(new Uri("/challenges", UriKind.Relative));
        Assert.Contains("Set a challenge", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"manager:E-0003\">My team</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"org\"", page, StringComparison.Ordinal);
        var token = await SignIn.AntiforgeryTokenAsync(client, "/challenges");
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var to = from.AddDays(29);

        using var response = await client.PostAsync(new Uri("/challenges", UriKind.Relative),
            Form(token, "Autumn points for Bilal's team", "manager:E-0003", from, to, ("Form.GoalKind", "points"), ("Form.Points", "40")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/challenges?created=", location, StringComparison.Ordinal);
        var list = await client.GetStringAsync(new Uri(location, UriKind.Relative));
        var id = location["/challenges?created=".Length..location.IndexOf('#', StringComparison.Ordinal)];
        var row = Row(list, $"<tr id=\"challenge-{id}\"");
        Assert.Contains("Autumn points for Bilal&#x27;s team (new)", row, StringComparison.Ordinal);
        Assert.Contains("<td>Team of Bilal Richards</td>", row, StringComparison.Ordinal);
        Assert.Contains($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0 of 15</td>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0%</td>", row, StringComparison.Ordinal);
        Assert.DoesNotContain("E-0003", row, StringComparison.Ordinal);
        var stored = await WithDbAsync(db => db.Challenges.SingleAsync(c => c.Id == long.Parse(id, CultureInfo.InvariantCulture)));
        Assert.Equal(("manager", "E-0003", "points:40"), (stored.Scope, stored.ManagerId, stored.Goal));
    }

    [Fact]
    public async Task A_refused_challenge_is_explained_on_the_page_and_nothing_is_saved()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");
        var token = await SignIn.AntiforgeryTokenAsync(client, "/challenges");
        var from = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.PostAsync(new Uri("/challenges", UriKind.Relative),
            Form(token, "Backwards dates", "org", from, from.AddDays(-1), ("Form.GoalKind", "points"), ("Form.Points", "10")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The end date is before the start date. Nothing was saved.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Backwards dates\"", html, StringComparison.Ordinal);
        Assert.False(await WithDbAsync(db => db.Challenges.AnyAsync(c => c.Name == "Backwards dates")));
    }

    [Fact]
    public async Task An_employee_sees_no_form_and_a_post_as_employee_is_refused()
    {
        using var client = await SignIn.AsAsync(host, "employee", "E-0004");
        using var get = await client.GetAsync(new Uri("/challenges", UriKind.Relative));
        var page = await get.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.DoesNotContain("Set a challenge", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.Name", page, StringComparison.Ordinal);
        // A valid antiforgery token of this user (from the sign-out form of their badges page): only the role stops them.
        var token = await SignIn.AntiforgeryTokenAsync(client, "/badges");
        var from = DateOnly.FromDateTime(DateTime.UtcNow);

        using var post = await client.PostAsync(new Uri("/challenges", UriKind.Relative),
            Form(token, "Posted by an employee", "manager:E-0003", from, from.AddDays(10), ("Form.GoalKind", "points"), ("Form.Points", "5")));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Challenges are set by HR and managers", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await WithDbAsync(db => db.Challenges.AnyAsync(c => c.Name == "Posted by an employee")));
    }

    private static FormUrlEncodedContent Form(string token, string name, string group, DateOnly from, DateOnly to, params (string Key, string Value)[] goal) =>
        new(new[]
        {
            new KeyValuePair<string, string>("__RequestVerificationToken", token),
            new("Form.Name", name),
            new("Form.Group", group),
            new("Form.From", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Form.To", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        }.Concat(goal.Select(g => new KeyValuePair<string, string>(g.Key, g.Value))));

    private static string Row(string html, string start)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row {start}");
        return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private async Task<T> WithDbAsync<T>(Func<SkillsGapDbContext, Task<T>> query)
    {
        using var scope = host.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SkillsGapDbContext>());
    }
}
