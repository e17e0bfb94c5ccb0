namespace SkillsGap.Host;

/// <summary>Settings under <c>Host</c>: start-up data, upload limits, background work.</summary>
public sealed class SkillsGapHostOptions
{
    public const string Section = "Host";

    /// <summary>Load data-samples/ at start-up when the database holds no employee.</summary>
    public bool LoadSamples { get; set; } = true;

    /// <summary>The samples folder; default data-samples/ next to the app or above the working directory.</summary>
    public string? SamplesFolder { get; set; }

    /// <summary>Largest accepted upload, in bytes (413 above it).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Uploads larger than this, in bytes, are imported by a background job (202) instead of in the request (200).</summary>
    public long BackgroundImportBytes { get; set; } = 1024L * 1024;

    /// <summary>Where uploads wait for their background import; with several hosts, a folder they all share.</summary>
    public string? UploadFolder { get; set; }

    /// <summary>Hangfire workers of this host.</summary>
    public int Workers { get; set; } = 2;
}
