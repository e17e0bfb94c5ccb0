using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.EndToEndTests.Cli;
using SkillsGap.Host;
using SkillsGap.Host.Security;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.EndToEndTests.Issuing;

/// <summary>A fact that needs the reference verifier: skipped, saying why, without Node.js (unless SKILLSGAP_REQUIRE_NODE=1).</summary>
public sealed class ReferenceVerifierFactAttribute : FactAttribute
{
    public ReferenceVerifierFactAttribute()
    {
        if (ReferenceVerifier.UnavailableReason is { } reason && !ReferenceVerifier.Required) Skip = reason;
    }
}

/// <summary>
/// The real host on Kestrel at a free local port (real HTTP), on an embedded SQLite file in a temporary folder, issuing as
/// "SkillsGap Academy" with <c>Issuer:PublicBaseUrl</c> = its own address, so that every URL a credential names is served
/// by this host.
/// </summary>
public sealed class IssuingHost : IAsyncDisposable
{
    private IssuingHost(WebApplication app, Uri baseAddress, string folder)
    {
        App = app;
        BaseAddress = baseAddress;
        Folder = folder;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public string Folder { get; }
    public HttpClient Client { get; }

    public static async Task<IssuingHost> StartAsync(bool samples, IDictionary<string, string?>? settings = null, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("skillsgap-issuing-").FullName;
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var all = new Dictionary<string, string?>
        {
            ["SkillsGap:DataFolder"] = folder,
            ["SkillsGap:TimeZone"] = "UTC",
            ["Host:SamplesFolder"] = CliRunner.SamplesFolder,
            ["Host:LoadSamples"] = samples ? "true" : "false",
            ["Reports:Scheduled"] = "false",
            ["Host:DemoSignIn"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Issuer:Name"] = "SkillsGap Academy",
            ["Issuer:Url"] = "https://academy.example.com",
            ["Issuer:PublicBaseUrl"] = url,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var app = SkillsGapHost.Build(["--urls", url], b => b.Configuration.AddInMemoryCollection(all));
        await app.StartAsync();
        return new IssuingHost(app, new Uri(url + "/"), folder);
    }

    public string Token(string role, string? employee = null) =>
        TokenIssuer.Create(App.Services.GetRequiredService<SigningKeyStore>().Current, role, employee, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? cookie = null,
        HttpContent? content = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await Client.SendAsync(request);
    }

    /// <summary>The sign-in cookie of a demo sign-in (the form the /signin page posts, with its antiforgery pair).</summary>
    public async Task<string> SignInCookieAsync(string role, string? employee = null)
    {
        var antiforgery = App.Services.GetRequiredService<IAntiforgery>();
        var options = App.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = App.Services });
        var fields = new Dictionary<string, string> { ["role"] = role, [tokens.FormFieldName] = tokens.RequestToken! };
        if (employee is not null) fields["employeeId"] = employee;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signin") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", $"{options.Cookie.Name}={tokens.CookieToken}");
        using var response = await Client.SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("skillsgap.auth=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    public async Task<T> WithDbAsync<T>(Func<SkillsGapDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<SkillsGapDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
