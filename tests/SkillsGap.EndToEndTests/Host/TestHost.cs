using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.EndToEndTests.Cli;
using SkillsGap.Host;
using SkillsGap.Host.Security;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// The real SkillsGap host (<see cref="SkillsGapHost.Build"/>, as <c>serve</c> runs it) on an in-process test server,
/// on the embedded SQLite default in a temporary folder, with data-samples/ loaded at start-up.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, string folder)
    {
        App = app;
        Folder = folder;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }
    public string Folder { get; }
    public HttpClient Client { get; }

    public static async Task<TestHost> StartAsync(string? folder = null, IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        folder ??= Directory.CreateTempSubdirectory("skillsgap-host-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["SkillsGap:DataFolder"] = folder,
            ["Host:SamplesFolder"] = CliRunner.SamplesFolder,
            ["Reports:Scheduled"] = "false",
            ["Models:TrainOnStart"] = "false",
            ["Host:BackgroundImportBytes"] = "2000",
            ["Host:MaxUploadBytes"] = "50000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The in-process test server listens on no socket: the demo sign-in is open when asked for.
            ["Host:DemoSignIn"] = "true",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var app = SkillsGapHost.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new TestHost(app, folder);
    }

    /// <summary>A token signed with this host's embedded key.</summary>
    public string Token(string role, string? employee = null, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null) =>
        TokenIssuer.Create(App.Services.GetRequiredService<SigningKeyStore>().Current, role, employee,
            lifetime ?? TimeSpan.FromHours(1), issuedAt ?? DateTimeOffset.UtcNow);

    public HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Posts the sign-in form with the antiforgery pair a /signin page would render (a cookie token and the matching field).</summary>
    public async Task<HttpResponseMessage> SignInAsync(Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var antiforgery = App.Services.GetRequiredService<IAntiforgery>();
        var options = App.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = App.Services });
        fields[tokens.FormFieldName] = tokens.RequestToken!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signin") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", $"{options.Cookie.Name}={tokens.CookieToken}");
        return await Client.SendAsync(request);
    }

    /// <summary>The sign-in cookie (<c>name=value</c>) of a successful sign-in with these form fields.</summary>
    public async Task<string> SignInCookieAsync(Dictionary<string, string> fields)
    {
        using var response = await SignInAsync(fields);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    /// <summary>A GET with the sign-in cookie, as a browser sends it.</summary>
    public async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }

    public async Task<T> WithDbAsync<T>(Func<SkillsGapDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<SkillsGapDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One host with the samples, shared by the tests of a class.</summary>
public sealed class SampleHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The host tests run one class at a time: each host has a Hangfire server and a few hundred employees.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection
{
    public const string Name = "host";
}
