using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App.Issuing;
using SkillsGap.Core.Domain;
using SkillsGap.EndToEndTests.Host;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.EndToEndTests.Issuing;

/// <summary>The samples on a real host issuing as SkillsGap Academy; two holders of SQL-101 with their credentials issued.</summary>
public sealed class IssuingSamplesFixture : IAsyncLifetime
{
    public IssuingHost Host { get; private set; } = null!;

    /// <summary>Holders of SQL-101 (an Academy badge) who have a manager and an e-mail: one to look at, one to revoke.</summary>
    public Holder Shown { get; private set; } = null!;
    public Holder Revoked { get; private set; } = null!;

    /// <summary>An employee who is neither holder nor above either.</summary>
    public string Stranger { get; private set; } = null!;

    public sealed record Holder(string Employee, string Name, string Email, string Manager, string Credential);

    public async Task InitializeAsync()
    {
        Host = await IssuingHost.StartAsync(samples: true);
        var people = await Host.WithDbAsync(async db =>
        {
            var holders = await db.Awards.AsNoTracking().Where(a => a.BadgeId == "SQL-101").Select(a => a.EmployeeId).Distinct().ToListAsync();
            var employees = await db.Employees.AsNoTracking().ToListAsync();
            // The latest history row of each person says who their manager is now.
            var history = await db.EmployeeHistory.AsNoTracking().ToListAsync();
            var managerOf = history.GroupBy(h => h.EmployeeId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.EffectiveFrom).Last().ManagerId, StringComparer.Ordinal);
            return (holders, employees, managerOf);
        });
        string? ManagerOf(string id) => people.managerOf.GetValueOrDefault(id);
        var withManager = people.employees.Where(e => people.holders.Contains(e.Id) && ManagerOf(e.Id) is not null && !string.IsNullOrEmpty(e.Email))
            .OrderBy(e => e.Id, StringComparer.Ordinal).Take(2).ToList();
        var managers = people.managerOf.Values.OfType<string>().ToHashSet(StringComparer.Ordinal);
        Stranger = people.employees.Where(e => !managers.Contains(e.Id) && withManager.All(h => h.Id != e.Id))
            .OrderBy(e => e.Id, StringComparer.Ordinal).First().Id;
        var holders = new List<Holder>();
        foreach (var e in withManager)
        {
            var outcome = await Host.WithServiceAsync<IssueCredentials, IssueOutcome>(issue =>
                issue.RunAsync(new IssueRequest(new EmployeeId(e.Id), new BadgeId("SQL-101"))));
            var credential = outcome.Results.Where(r => r.Credential is not null).OrderByDescending(r => r.IssuedOn).First().Credential!;
            holders.Add(new Holder(e.Id, e.Name, e.Email!, ManagerOf(e.Id)!, credential));
        }
        (Shown, Revoked) = (holders[0], holders[1]);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The issuing side over real HTTP: the public /ob documents and page (anonymous, nothing personal), the holder's
/// downloads (who may, in which form), and revocation checked by the reference verifier against the list the host serves.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CredentialHttpTests(IssuingSamplesFixture fixture) : IClassFixture<IssuingSamplesFixture>
{
    private IssuingHost Host => fixture.Host;

    private static string Uuid(string credential) => CredentialLinks.Key(credential);

    private static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task The_published_documents_are_anonymous()
    {
        using var issuer = await Host.SendAsync(HttpMethod.Get, "/ob/issuer");
        var profile = JsonDocument.Parse(await BodyAsync(issuer, HttpStatusCode.OK)).RootElement;
        Assert.Equal("application/json", issuer.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("did:key:z6Mk", profile.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("SkillsGap Academy", profile.GetProperty("name").GetString());
        Assert.Contains("Profile", profile.GetProperty("type").EnumerateArray().Select(t => t.GetString()));

        using var achievement = await Host.SendAsync(HttpMethod.Get, "/ob/achievements/SQL-101");
        var doc = JsonDocument.Parse(await BodyAsync(achievement, HttpStatusCode.OK)).RootElement;
        Assert.Equal(new Uri(Host.BaseAddress, "ob/achievements/SQL-101").ToString(), doc.GetProperty("id").GetString());
        Assert.Equal("SQL Foundations", doc.GetProperty("name").GetString());

        // The picture the credentials point at (achievement.image), and its SVG twin.
        var imageUrl = doc.GetProperty("image").ValueKind == JsonValueKind.Object ? doc.GetProperty("image").GetProperty("id").GetString()! : doc.GetProperty("image").GetString()!;
        using var png = await Host.SendAsync(HttpMethod.Get, new Uri(imageUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        using var svg = await Host.SendAsync(HttpMethod.Get, "/ob/achievements/SQL-101/image.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sandbox", svg.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Another issuer's badge is not ours to publish.
        var partners = await Host.WithDbAsync(db => db.Badges.AsNoTracking().Where(b => b.Issuer != null && b.Issuer != "SkillsGap Academy").Select(b => b.Id).FirstAsync());
        using var partner = await Host.SendAsync(HttpMethod.Get, "/ob/achievements/" + Uri.EscapeDataString(partners));
        Assert.Equal(HttpStatusCode.NotFound, partner.StatusCode);
        using var partnerImage = await Host.SendAsync(HttpMethod.Get, "/ob/achievements/" + Uri.EscapeDataString(partners) + "/image.png");
        Assert.Equal(HttpStatusCode.NotFound, partnerImage.StatusCode);

        // The status list the credential names, signed by the issuer.
        var credential = await CredentialJsonAsync(fixture.Shown);
        var listUrl = credential.GetProperty("credentialStatus").GetProperty("statusListCredential").GetString()!;
        using var list = await Host.SendAsync(HttpMethod.Get, new Uri(listUrl).PathAndQuery);
        var listDoc = JsonDocument.Parse(await BodyAsync(list, HttpStatusCode.OK)).RootElement;
        Assert.Contains("BitstringStatusListCredential", listDoc.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(profile.GetProperty("id").GetString(), listDoc.GetProperty("issuer").ValueKind == JsonValueKind.Object
            ? listDoc.GetProperty("issuer").GetProperty("id").GetString() : listDoc.GetProperty("issuer").GetString());
        Assert.Equal("no-cache", list.Headers.CacheControl?.ToString());
        using var noList = await Host.SendAsync(HttpMethod.Get, "/ob/status/999");
        Assert.Equal(HttpStatusCode.NotFound, noList.StatusCode);
    }

    [Fact]
    public async Task The_public_page_shows_the_verdict_badge_and_name_and_nothing_else_personal()
    {
        var holder = fixture.Shown;
        var manager = await Host.WithDbAsync(db => db.Employees.AsNoTracking().FirstAsync(e => e.Id == holder.Manager));

        using var page = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Uuid(holder.Credential)}");
        var html = await BodyAsync(page, HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(HtmlEncoder.Default.Encode(holder.Name), html, StringComparison.Ordinal);
        Assert.Contains("SQL Foundations", html, StringComparison.Ordinal);
        Assert.Contains("Valid credential", html, StringComparison.Ordinal);
        Assert.Contains("/ob/achievements/SQL-101/image.svg", html, StringComparison.Ordinal);
        // No e-mail, id or manager; no downloads or LinkedIn link for an anonymous visitor.
        foreach (var secret in new[] { holder.Email, holder.Email.Split('@')[0], holder.Employee, manager.Name, HtmlEncoder.Default.Encode(manager.Name) })
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/api/credentials", html, StringComparison.Ordinal);
        Assert.DoesNotContain("linkedin.com", html, StringComparison.Ordinal);

        // The same as JSON.
        using var json = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{holder.Credential}", accept: "application/json");
        var text = await BodyAsync(json, HttpStatusCode.OK);
        var doc = JsonDocument.Parse(text).RootElement;
        Assert.Equal("valid", doc.GetProperty("verdict").GetString());
        Assert.Equal(holder.Name, doc.GetProperty("holder").GetString());
        Assert.Equal(holder.Credential, doc.GetProperty("credential").GetString());
        Assert.Equal("SQL-101", doc.GetProperty("badge").GetProperty("id").GetString());
        foreach (var secret in new[] { holder.Email, holder.Email.Split('@')[0], holder.Employee, manager.Name, "sha256$", "@" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);

        using var unknown = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownJson = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Guid.NewGuid()}", accept: "application/json");
        Assert.Equal(HttpStatusCode.NotFound, unknownJson.StatusCode);
    }

    [Fact]
    public async Task The_holder_signed_in_gets_the_linkedin_link_and_the_downloads()
    {
        var holder = fixture.Shown;
        var cookie = await Host.SignInCookieAsync("employee", holder.Employee);
        using var page = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Uuid(holder.Credential)}", cookie: cookie);
        var html = WebUtility.HtmlDecode(await BodyAsync(page, HttpStatusCode.OK));
        var issuedOn = JsonDocument.Parse(await (await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{holder.Credential}", accept: "application/json"))
            .Content.ReadAsStringAsync()).RootElement.GetProperty("issuedOn").GetString()!;
        var date = DateOnly.Parse(issuedOn, System.Globalization.CultureInfo.InvariantCulture);
        var expected = "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=SQL%20Foundations&organizationName=SkillsGap%20Academy"
            + $"&issueYear={date.Year}&issueMonth={date.Month}&certUrl={Uri.EscapeDataString(new Uri(Host.BaseAddress, "ob/credentials/" + Uuid(holder.Credential)).ToString())}"
            + $"&certId={Uuid(holder.Credential)}";
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains($"/api/credentials/{Uuid(holder.Credential)}?format=png", html, StringComparison.Ordinal);

        // A manager sees the downloads, not the holder's LinkedIn link.
        var managerCookie = await Host.SignInCookieAsync("manager", holder.Manager);
        using var managerPage = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Uuid(holder.Credential)}", cookie: managerCookie);
        var managerHtml = await BodyAsync(managerPage, HttpStatusCode.OK);
        Assert.DoesNotContain("linkedin.com", managerHtml, StringComparison.Ordinal);
        Assert.Contains("format=json", managerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_are_for_the_holder_their_managers_and_hr_by_token_or_cookie()
    {
        var holder = fixture.Shown;
        var path = $"/api/credentials/{Uuid(holder.Credential)}";

        using (var anonymous = await Host.SendAsync(HttpMethod.Get, path + "?format=json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }
        using (var stranger = await Host.SendAsync(HttpMethod.Get, path, Host.Token("employee", fixture.Stranger)))
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        using (var strangerCookie = await Host.SendAsync(HttpMethod.Get, path, cookie: await Host.SignInCookieAsync("employee", fixture.Stranger)))
            Assert.Equal(HttpStatusCode.Forbidden, strangerCookie.StatusCode);

        var token = Host.Token("employee", holder.Employee);
        using (var json = await Host.SendAsync(HttpMethod.Get, path + "?format=json", token))
        {
            var body = await BodyAsync(json, HttpStatusCode.OK);
            Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Matches($"^{holder.Employee}-SQL-101-\\d{{4}}-\\d{{2}}-\\d{{2}}\\.json$", json.Content.Headers.ContentDisposition?.FileNameStar ?? json.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(holder.Credential, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString());
        }
        using (var png = await Host.SendAsync(HttpMethod.Get, path + "?format=png", token))
        {
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith(".png", png.Content.Headers.ContentDisposition?.FileNameStar ?? png.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
            // Baked: the credential rides in the picture.
            Assert.Contains(holder.Credential, Encoding.Latin1.GetString(await png.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        using (var svg = await Host.SendAsync(HttpMethod.Get, path + "?format=svg", token))
        {
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            Assert.Contains("openbadges:credential", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // A browser on the wallet page follows a plain link: the cookie is enough.
        using (var cookie = await Host.SendAsync(HttpMethod.Get, path + "?format=png", cookie: await Host.SignInCookieAsync("employee", holder.Employee)))
            Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        using (var manager = await Host.SendAsync(HttpMethod.Get, path, Host.Token("manager", holder.Manager)))
            Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        using (var hr = await Host.SendAsync(HttpMethod.Get, path + "?format=svg", Host.Token("hr")))
            Assert.Equal(HttpStatusCode.OK, hr.StatusCode);
        using (var badFormat = await Host.SendAsync(HttpMethod.Get, path + "?format=pdf", token))
            Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        using (var unknown = await Host.SendAsync(HttpMethod.Get, $"/api/credentials/{Guid.NewGuid()}", Host.Token("hr")))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [ReferenceVerifierFact]
    public async Task A_revocation_flips_the_served_list_stops_the_award_counting_and_the_reference_verifier_refuses_it()
    {
        var holder = fixture.Revoked;
        var folder = Directory.CreateTempSubdirectory("skillsgap-revoke-").FullName;
        var credentialFile = Path.Combine(folder, "credential.json");
        using (var download = await Host.SendAsync(HttpMethod.Get, $"/api/credentials/{Uuid(holder.Credential)}?format=json", Host.Token("employee", holder.Employee)))
            await File.WriteAllTextAsync(credentialFile, await BodyAsync(download, HttpStatusCode.OK));
        var listUrl = JsonDocument.Parse(await File.ReadAllTextAsync(credentialFile)).RootElement.GetProperty("credentialStatus").GetProperty("statusListCredential").GetString()!;

        async Task<IReadOnlyDictionary<string, string>> ServedListAsync(string name)
        {
            using var list = await Host.SendAsync(HttpMethod.Get, new Uri(listUrl).PathAndQuery);
            var file = Path.Combine(folder, name);
            await File.WriteAllTextAsync(file, await BodyAsync(list, HttpStatusCode.OK));
            return new Dictionary<string, string> { [listUrl] = file };
        }

        var before = Assert.Single(await ReferenceVerifier.VerifyAsync([credentialFile], await ServedListAsync("list-before.json")));
        Assert.True(before.Verified, before.ToString());

        var path = $"/api/credentials/{Uuid(holder.Credential)}/revoke";
        using (var byHolder = await Host.SendAsync(HttpMethod.Post, path, Host.Token("employee", holder.Employee), content: JsonContent("Not mine to revoke")))
            Assert.Equal(HttpStatusCode.Forbidden, byHolder.StatusCode);
        using (var byCookie = await Host.SendAsync(HttpMethod.Post, path, cookie: await Host.SignInCookieAsync("hr"), content: JsonContent("A cookie cannot post here")))
            Assert.Equal(HttpStatusCode.Unauthorized, byCookie.StatusCode);
        using (var noReason = await Host.SendAsync(HttpMethod.Post, path, Host.Token("hr"), content: JsonContent("  ")))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var revoked = await Host.SendAsync(HttpMethod.Post, path, Host.Token("hr"), content: JsonContent("Awarded in error")))
        {
            var outcome = JsonDocument.Parse(await BodyAsync(revoked, HttpStatusCode.OK)).RootElement;
            Assert.Equal(holder.Credential, outcome.GetProperty("credentialId").GetString());
            Assert.False(outcome.GetProperty("alreadyRevoked").GetBoolean());
        }

        var after = Assert.Single(await ReferenceVerifier.VerifyAsync([credentialFile], await ServedListAsync("list-after.json")));
        Assert.False(after.Verified, after.ToString());
        Assert.Contains(after.Errors, e => e.Contains("revoked", StringComparison.OrdinalIgnoreCase) || e.Contains("status", StringComparison.OrdinalIgnoreCase));

        // The award stops counting, and the public page says so (without the reason, which may be personal).
        var awardId = await Host.WithDbAsync(db => db.IssuedCredentials.AsNoTracking().Where(c => c.CredentialId == holder.Credential).Select(c => c.AwardId).FirstAsync());
        Assert.Equal((int)VerificationState.Revoked, await Host.WithDbAsync(db => db.Awards.AsNoTracking().Where(a => a.Id == awardId).Select(a => a.State).FirstAsync()));
        using var page = await Host.SendAsync(HttpMethod.Get, $"/ob/credentials/{Uuid(holder.Credential)}", accept: "application/json");
        var view = JsonDocument.Parse(await BodyAsync(page, HttpStatusCode.OK)).RootElement;
        Assert.Equal("revoked", view.GetProperty("verdict").GetString());
        Assert.DoesNotContain("Awarded in error", view.GetRawText(), StringComparison.Ordinal);
    }

    private static StringContent JsonContent(string reason) =>
        new(JsonSerializer.Serialize(new { reason }), Encoding.UTF8, "application/json");

    private async Task<JsonElement> CredentialJsonAsync(IssuingSamplesFixture.Holder holder)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, $"/api/credentials/{Uuid(holder.Credential)}", Host.Token("hr"));
        return JsonDocument.Parse(await BodyAsync(response, HttpStatusCode.OK)).RootElement.Clone();
    }
}
