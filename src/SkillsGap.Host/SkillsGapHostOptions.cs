namespace SkillsGap.Host;

/// <summary>
/// Settings under <c>Host</c>: start-up data, the upload limit, the demo sign-in, background workers. (<c>Host:BackgroundImportBytes</c> and
/// <c>Host:UploadFolder</c> are App's <see cref="App.Imports.UploadOptions"/>.)
/// </summary>
public sealed class SkillsGapHostOptions
{
    public const string Section = "Host";

    /// <summary>Load data-samples/ at start-up when the database holds no employee.</summary>
    public bool LoadSamples { get; set; } = true;

    /// <summary>The samples folder; default data-samples/ next to the app or above the working directory.</summary>
    public string? SamplesFolder { get; set; }

    /// <summary>Largest accepted upload, in bytes (413 above it).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The demo sign-in (pick a sample person and a role, no credential): off unless true, and even then only while the
    /// host listens on loopback alone (<see cref="Security.DemoSignInGate"/>). appsettings.Development.json turns it on.
    /// </summary>
    public bool DemoSignIn { get; set; }

    /// <summary>Hangfire workers of this host.</summary>
    public int Workers { get; set; } = 2;
}
