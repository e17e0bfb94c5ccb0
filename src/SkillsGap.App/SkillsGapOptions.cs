namespace SkillsGap.App;

/// <summary>Settings under <c>SkillsGap</c>: the business time zone and where local state lives.</summary>
public sealed class SkillsGapOptions
{
    public const string Section = "SkillsGap";

    /// <summary>IANA or Windows time zone id in which "today" is taken; empty means the machine's local zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Folder for the embedded database and local files; default the user's local application data folder.</summary>
    public string? DataFolder { get; set; }

    public string ResolveDataFolder() =>
        string.IsNullOrWhiteSpace(DataFolder)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "SkillsGap")
            : Path.GetFullPath(DataFolder);
}

/// <summary>Settings under <c>Figures</c>: what counts in the figures.</summary>
public sealed class FiguresOptions
{
    public const string Section = "Figures";

    /// <summary>Whether unverified Open Badges awards count towards attained levels.</summary>
    public bool CountUnverified { get; set; } = true;

    /// <summary>Readiness at or above which someone with no critical gap is ready.</summary>
    public double ReadyThreshold { get; set; } = 0.9;

    /// <summary>Look-ahead for "expiring soon", in days.</summary>
    public int ExpiringWithinDays { get; set; } = 90;

    /// <summary>
    /// How often a host asks the shared database whether another host changed the data (<c>Figures:StampCheckSeconds</c>,
    /// default 1): one query per host per interval, however many requests arrive. This host's own writes show at once.
    /// </summary>
    public double StampCheckSeconds { get; set; } = 1;
}
