using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Issuing;
using SkillsGap.App.Jobs;
using SkillsGap.EndToEndTests.Cli;
using SkillsGap.EndToEndTests.Host;

namespace SkillsGap.EndToEndTests.Issuing;

/// <summary>
/// <c>Issuer:AutoIssue</c> on a real host: an awards upload queues an issuing job that signs the new awards' credentials
/// outside the import; other kinds and dry runs queue nothing; a failing issuing job leaves the import standing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AutoIssueTests
{
    private static Dictionary<string, string?> Settings(string secret) => new()
    {
        ["Issuer:Name"] = "Acme Academy",
        ["Issuer:AutoIssue"] = "true",
        ["Issuer:KeySecret"] = secret,
    };

    [Fact]
    public async Task An_awards_import_issues_in_the_background_and_a_failure_there_never_fails_the_import()
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-autoissue-").FullName;
        await using (var host = await IssuingHost.StartAsync(samples: false, Settings("the-first-secret-0123456789"), folder))
        {
            var hr = host.Token("hr");
            foreach (var (kind, content) in new[] { ("skills", TinyOrganisation.Skills), ("roles", TinyOrganisation.Roles), ("badges", TinyOrganisation.Badges),
                ("employees", TinyOrganisation.Employees) })
                await ImportAsync(host, hr, kind, content);
            Assert.Empty(await IssueJobsAsync(host));
            await ImportAsync(host, hr, "awards", TinyOrganisation.Awards, dryRun: true);
            Assert.Empty(await IssueJobsAsync(host));

            await ImportAsync(host, hr, "awards", TinyOrganisation.Awards);

            var job = await FinishedAsync(host, Assert.Single(await IssueJobsAsync(host)));
            Assert.True(job.Status == JobLedger.Succeeded, job.Error);
            var result = job.Result<IssueJobResult>()!;
            // The eight award rows of TinyOrganisation.Awards are all Acme Academy's, and every holder has an e-mail.
            Assert.Equal(8, result.Issued);
            Assert.Equal(8, await host.WithDbAsync(db => db.IssuedCredentials.CountAsync()));
            using var status = await host.SendAsync(HttpMethod.Get, $"/api/jobs/{job.Id}", hr);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal(8, JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetProperty("issued").GetInt32());
        }

        // The same database with another key secret: the stored key cannot be unlocked, so issuing fails — the import stands.
        await using (var host = await IssuingHost.StartAsync(samples: false, Settings("a-different-secret-0123456789"), folder))
        {
            await ImportAsync(host, host.Token("hr"), "awards", "employee_id,badge_id,issued_on\nE-4,PY-101,2025-09-01\n");
            var jobs = await IssueJobsAsync(host);
            Assert.Equal(2, jobs.Count);
            var failed = await FinishedAsync(host, jobs.Max());
            Assert.Equal(JobLedger.Failed, failed.Status);
            Assert.Contains("Issuer:KeySecret", failed.Error, StringComparison.Ordinal);
            Assert.True(await host.WithDbAsync(db => db.Awards.AnyAsync(a => a.EmployeeId == "E-4" && a.BadgeId == "PY-101")));
            Assert.Equal(8, await host.WithDbAsync(db => db.IssuedCredentials.CountAsync()));
        }
    }

    private static async Task ImportAsync(IssuingHost host, string token, string kind, string csv, bool dryRun = false)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"{kind}.csv");
        using var response = await host.SendAsync(HttpMethod.Post, $"/api/imports/{kind}{(dryRun ? "?dryRun=true" : "")}", token, content: form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<List<long>> IssueJobsAsync(IssuingHost host) =>
        host.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == IssueCredentialsJob.Kind).Select(j => j.Id).ToListAsync());

    private static async Task<JobRecord> FinishedAsync(IssuingHost host, long id)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<JobLedger>();
        for (var waited = 0; waited < 600; waited++)
        {
            var job = await jobs.FindAsync(id);
            if (job is { Finished: true }) return job;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Issuing job {id} did not finish in 2 minutes.");
    }
}
