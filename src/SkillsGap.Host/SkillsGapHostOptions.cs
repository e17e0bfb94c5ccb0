namespace SkillsGap.Host;

/// <summary>
/// Settings under <c>Host</c>: start-up data, the upload limit, background workers. (<c>Host:BackgroundImportBytes</c> and
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

    /// <summary>Hangfire workers of this host.</summary>
    public int Workers { get; set; } = 2;
}
