using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Imports;
using SkillsGap.Data;
using SkillsGap.Ingestion;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// The uploads page over plain HTTP (no script): who may post, a file over <c>Host:MaxUploadBytes</c> (20 KB in these
/// tests), and a background import followed by its job id.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class UploadPageTests(PagesHost host)
{
    [Theory]
    [InlineData("manager", "E-0003", "/team")]
    [InlineData("employee", "E-0004", "/badges")]
    public async Task Only_hr_may_post_an_upload(string role, string employee, string pageWithAForm)
    {
        using var client = await SignIn.AsAsync(host, role, employee);
        // A valid antiforgery token of this user (from the sign-out form of a page they may see): only the role stops them.
        var token = await SignIn.AntiforgeryTokenAsync(client, pageWithAForm);
        using var form = UploadForm(token, "Skills", "skills.csv", "skill_code,skill_name\nNOT-HR-1,Posted by someone not in hr\n"u8.ToArray());

        using var response = await client.PostAsync(new Uri("/uploads", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Uploads are for HR only.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await WithDbAsync(db => db.Skills.AnyAsync(s => s.Code == "NOT-HR-1")));
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_the_page_with_a_readable_error_not_a_bare_413()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");
        var token = await SignIn.AntiforgeryTokenAsync(client, "/uploads");
        // 25 000 bytes of valid rows: over the 20 KB (20 480 bytes) limit.
        var csv = "skill_code,skill_name\n" + string.Concat(Enumerable.Range(1, 2000).Select(i => $"BIG-{i:0000},Big {i:0000}\n"));
        Assert.True(csv.Length > PagesHost.MaxUploadBytes);
        using var form = UploadForm(token, "Skills", "big-skills.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        using var response = await client.PostAsync(new Uri("/uploads", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Uploads</h1>", html, StringComparison.Ordinal);
        Assert.Contains("larger than the upload limit of 20 KB (Host:MaxUploadBytes); nothing was imported.", html, StringComparison.Ordinal);
        Assert.False(await WithDbAsync(db => db.Skills.AnyAsync(s => s.Code == "BIG-0001")));
    }

    [Fact]
    public async Task A_queued_job_is_shown_with_its_state_and_a_refresh_until_it_is_done()
    {
        // A job recorded but not yet handed to the workers stays queued while this test looks at it.
        long id;
        using (var scope = host.Services.CreateScope())
        {
            var bytes = "skill_code,skill_name\nQUEUED-1,Queued one\n"u8.ToArray();
            id = (await scope.ServiceProvider.GetRequiredService<ImportUploads>().RecordAsync(new ImportSubmission(ImportKind.Skills,
                [new Upload("queued-skills.csv", bytes.Length, () => new MemoryStream(bytes))], DryRun: true, RequestedBy: "test"))).Id;
        }
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");

        var html = await client.GetStringAsync(new Uri($"/uploads?job={id}", UriKind.Relative));
        // The script follows the job at the address the page gives it.
        var statusUrl = System.Text.RegularExpressions.Regex.Match(html, "data-job-status=\"([^\"]+)\"");
        Assert.True(statusUrl.Success, "the pending job has no data-job-status address");
        var status = await client.GetStringAsync(new Uri(WebUtility.HtmlDecode(statusUrl.Groups[1].Value), UriKind.Relative));

        Assert.Contains("Importing in the background: queued-skills.csv", html, StringComparison.Ordinal);
        Assert.Contains($"Import job {id} (skills, dry run) is", html, StringComparison.Ordinal);
        Assert.Contains(">queued</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>", html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(status);
        Assert.Equal("queued", json.RootElement.GetProperty("status").GetString());
        Assert.False(json.RootElement.GetProperty("finished").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_page()
    {
        using var client = await SignIn.AsAsync(host, "hr", "E-0001");

        using var response = await client.GetAsync(new Uri("/uploads?job=999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Import job 999999 does not exist.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static MultipartFormDataContent UploadForm(string token, string kind, string fileName, byte[] bytes) => new()
    {
        { new StringContent(token), "__RequestVerificationToken" },
        { new StringContent(kind), "Kind" },
        { new ByteArrayContent(bytes), "Upload", fileName },
    };

    private async Task<T> WithDbAsync<T>(Func<SkillsGapDbContext, Task<T>> query)
    {
        using var scope = host.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SkillsGapDbContext>());
    }
}
