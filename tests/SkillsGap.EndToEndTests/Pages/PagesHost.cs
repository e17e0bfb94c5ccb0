using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// The real host on Kestrel at a free local port, on an embedded SQLite file in a temporary folder with the samples
/// loaded: shared by the page tests of one collection.
/// </summary>
public sealed class PagesHost : IAsyncLifetime
{
    private HostFactory? _factory;

    /// <summary>Uploads above this many bytes are imported by a background job (the page tests' small files stay below).</summary>
    public const int BackgroundImportBytes = 400;

    /// <summary>The largest upload: 20 KB.</summary>
    public const int MaxUploadBytes = 20 * 1024;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("skillsgap-pages-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public Task InitializeAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://localhost:{port}/");
        _factory = new HostFactory(DataFolder);
        _factory.UseKestrel(port);
        // The host migrates the empty database and loads the samples itself before it serves (HostStartup).
        _factory.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>A client with its own cookies that does not follow redirects (so 302s can be seen).</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { } // SQLite may still hold the file a moment on a slow machine; it is a temp folder
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class HostFactory(string dataFolder) : WebApplicationFactory<SkillsGap.Host.HostStartup>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("SkillsGap:DataFolder", dataFolder);
            builder.UseSetting("SkillsGap:TimeZone", "UTC");
            builder.UseSetting("Host:LoadSamples", "true");
            builder.UseSetting("Host:DemoSignIn", "true");
            builder.UseSetting("Reports:Scheduled", "false");
            builder.UseSetting("Models:TrainOnStart", "false");
            builder.UseSetting("Host:SamplesFolder", CliRunner.SamplesFolder);
            // Small limits, so that a small file takes the background-job path and a modest one is over the limit.
            builder.UseSetting("Host:BackgroundImportBytes", BackgroundImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Host:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesHost>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Pages";
}
