using Microsoft.Playwright;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// Debian's Chromium driven by Playwright (the driver comes with the NuGet package; no browser is ever downloaded),
/// launched once for the page tests' collection. Without Chromium it launches nothing: the browser tests are skipped
/// (<see cref="ChromiumFactAttribute"/>), or, when <c>SKILLSGAP_REQUIRE_CHROMIUM=1</c>, fail on <see cref="Browser"/> with the
/// reason; the collection's plain-HTTP page tests run either way.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser; a clear failure when Chromium is not installed.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        Chromium.UnavailableReason ?? "Chromium is installed but was not launched.");

    public async Task InitializeAsync()
    {
        if (Chromium.UnavailableReason is not null) return;
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> at the repository root (beside the TRX files CI writes).</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("SKILLSGAP_TEST_RESULTS");
            var root = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : Path.Combine(Path.GetDirectoryName(CliRunner.SamplesFolder)!, "TestResults");
            var folder = Path.Combine(root, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
