using System.Net;
using System.Text.RegularExpressions;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// A past import opens its result: the uploads page's list links each import to <c>/uploads/{id}</c>, which shows its
/// kind, file name, counts and row errors to HR only; an unknown id is a 404 page.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed partial class UploadResultPageTests(PagesHost host)
{
    [Fact]
    public async Task An_import_with_skipped_rows_opens_from_the_list_with_its_counts_and_row_errors()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");
        var token = await SignIn.AntiforgeryTokenAsync(client, "/uploads");
        // Header is row 1; rows 2 and 4 are new skills; row 3 has no skill_name.
        var csv = "skill_code,skill_name\nRESULT-1,Result one\nRESULT-2,\nRESULT-3,Result three\n"u8.ToArray();
        using var form = UploadPageTests.UploadForm(token, "Skills", "result-skills.csv", csv);
        form.Add(new StringContent("true"), "SkipInvalid");
        using var posted = await client.PostAsync(new Uri("/uploads", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var list = await client.GetStringAsync(new Uri("/uploads", UriKind.Relative));
        var link = LinkTo().Match(list);
        Assert.True(link.Success, "the uploads list has no link to the result of result-skills.csv");
        var html = await client.GetStringAsync(new Uri(link.Groups[1].Value, UriKind.Relative));

        Assert.Contains(": result-skills.csv</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>What the file held</dt><dd>skills</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Dry run</dt><dd>no</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">Imported</span>", html, StringComparison.Ordinal);
        // 2 inserted, 0 updated, 0 unchanged, 1 row error.
        Assert.Contains("<tr><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("<td class=\"num\">3</td>\\s*<td>skill_name</td>\\s*<td></td>\\s*<td>a value is required</td>"), html);
        Assert.DoesNotContain("/tmp/", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager", "E-0003")]
    [InlineData("employee", "E-0004")]
    public async Task Only_hr_may_open_an_import_result(string role, string employee)
    {
        using var client = await SignIn.AsAsync(host, role, employee);

        using var response = await client.GetAsync(new Uri("/uploads/1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Uploads are for HR only.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_import_is_a_404_page()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");

        using var response = await client.GetAsync(new Uri("/uploads/999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Import 999999 does not exist.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"(/uploads/[0-9]+)\">result-skills.csv</a>")]
    private static partial Regex LinkTo();
}
