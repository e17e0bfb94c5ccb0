using Microsoft.Playwright;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>
/// Debian's Chromium driven by Playwright (the driver comes with the NuGet package; no browser is ever downloaded).
/// A missing Chromium fails the tests with a clear message: CI installs it (<c>apt-get install chromium</c>).
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is required for the web page tests and was not found at {ChromiumPath}: install it with `apt-get install -y chromium` (.ci/run does).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
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
