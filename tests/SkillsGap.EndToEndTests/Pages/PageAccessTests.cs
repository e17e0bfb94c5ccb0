using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;

namespace SkillsGap.EndToEndTests.Pages;

// People of data-samples/employees.csv used below: E-0001 is at the top of the tree (signed in as hr); E-0003
// (TEAM-LEAD) manages E-0004..E-0008 directly and, through E-0008, E-0009..E-0018: 5 + 10 = 15 people; E-0019 is a
// TEAM-LEAD beside E-0003 under E-0002, so outside E-0003's tree; E-0004 (DEV) manages no one.

/// <summary>Who gets which page over plain HTTP: redirects to sign-in, 403 pages, 200 pages, the workbook download.</summary>
[Collection(PagesCollection.Name)]
public sealed class PageAccessTests(PagesHost host)
{
    public static TheoryData<string> SignedInPages => ["/", "/overview", "/uploads", "/team", "/team/E-0003", "/badges", "/badges/E-0004", "/next", "/next/E-0004", "/challenges"];

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Every_page_sends_an_anonymous_visitor_to_the_sign_in_page(string path)
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_is_open_to_anyone_and_offers_the_demo_people()
    {
        using var client = host.CreateClient();

        var html = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));

        Assert.Contains("name=\"token\"", html, StringComparison.Ordinal);
        Assert.Contains("data-role=\"hr\" data-employee=\"E-0001\"", html, StringComparison.Ordinal);
        Assert.Contains("data-role=\"manager\"", html, StringComparison.Ordinal);
        Assert.Contains("data-role=\"employee\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/overview", HttpStatusCode.Forbidden)]
    [InlineData("/uploads", HttpStatusCode.Forbidden)]
    [InlineData("/team", HttpStatusCode.Forbidden)]
    [InlineData("/team/E-0003", HttpStatusCode.Forbidden)]
    [InlineData("/badges", HttpStatusCode.OK)]
    [InlineData("/badges/E-0004", HttpStatusCode.OK)]
    [InlineData("/badges/E-0005", HttpStatusCode.Forbidden)]
    [InlineData("/next", HttpStatusCode.OK)]
    [InlineData("/next/E-0005", HttpStatusCode.Forbidden)]
    [InlineData("/challenges", HttpStatusCode.Forbidden)]
    public async Task An_employee_sees_only_their_own_badges(string path, HttpStatusCode expected)
    {
        using var client = await SignIn.AsAsync(host, "employee", "E-0004");

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
            Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/team", HttpStatusCode.OK)]
    [InlineData("/team/E-0003", HttpStatusCode.OK)]
    [InlineData("/team/E-0008", HttpStatusCode.OK)]
    [InlineData("/team/E-0019", HttpStatusCode.Forbidden)]
    [InlineData("/team/E-0002", HttpStatusCode.Forbidden)]
    [InlineData("/badges/E-0013", HttpStatusCode.OK)]
    [InlineData("/badges/E-0020", HttpStatusCode.Forbidden)]
    [InlineData("/overview", HttpStatusCode.Forbidden)]
    [InlineData("/uploads", HttpStatusCode.Forbidden)]
    public async Task A_manager_sees_their_own_reporting_tree_and_nothing_else(string path, HttpStatusCode expected)
    {
        using var client = await SignIn.AsAsync(host, "manager", "E-0003");

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/overview")]
    [InlineData("/uploads")]
    [InlineData("/team/E-0019")]
    [InlineData("/team/E-0003")]
    [InlineData("/badges/E-0020")]
    public async Task Hr_sees_every_page(string path)
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_employee_is_a_404_page_not_an_error()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");

        using var response = await client.GetAsync(new Uri("/badges/E-9999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("E-9999 is not on the roster", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_page_shows_one_heatmap_row_per_person_of_the_tree()
    {
        using var client = await SignIn.AsAsync(host, "manager", "E-0003");

        var html = await client.GetStringAsync(new Uri("/team/E-0003", UriKind.Relative));

        // 15 people in E-0003's tree (see the top of this file), each a row header linking to their badges.
        var heatmap = html[html.IndexOf("<table class=\"heatmap\">", StringComparison.Ordinal)..];
        heatmap = heatmap[..heatmap.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(15, heatmap.Split("<th scope=\"row\">").Length - 1);
        foreach (var id in new[] { "E-0004", "E-0008", "E-0018" })
            Assert.Contains($"href=\"/badges/{id}\"", heatmap, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/badges/E-0003\"", heatmap, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbook_link_returns_this_weeks_workbook_for_the_team_only_to_those_who_may_see_it()
    {
        using var manager = await SignIn.AsAsync(host, "manager", "E-0003");
        // The file name the registered builder gives E-0003's workbook for this ISO week (the host's zone is UTC).
        string expectedName;
        using (var scope = host.Services.CreateScope())
        {
            var week = IsoWeek.Of(scope.ServiceProvider.GetRequiredService<BusinessCalendar>().Today);
            var report = await scope.ServiceProvider.GetRequiredService<IWeeklyReportBuilder>()
                .BuildAsync(ReportRequest.ForManager(new EmployeeId("E-0003"), week));
            expectedName = report.FileName;
        }

        using var response = await manager.GetAsync(new Uri("/team/E-0003?handler=Workbook", UriKind.Relative));
        using var other = await manager.GetAsync(new Uri("/team/E-0019?handler=Workbook", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(expectedName, disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        Assert.EndsWith(".xlsx", expectedName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]); // an .xlsx is a zip package
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Skills"), "Kind" },
            { new ByteArrayContent("skill_code,skill_name\nX,Y\n"u8.ToArray()), "Upload", "skills.csv" },
        };

        using var response = await client.PostAsync(new Uri("/uploads", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Values_from_a_rejected_file_are_shown_encoded_never_as_markup()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");
        var token = await SignIn.AntiforgeryTokenAsync(client, "/uploads");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Awards"), "Kind" },
            { new ByteArrayContent("employee_id,badge_id,issued_on\n<script>alert(1)</script>,SQL-101,2025-01-01\n"u8.ToArray()), "Upload", "awards.csv" },
        };

        using var response = await client.PostAsync(new Uri("/uploads", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
