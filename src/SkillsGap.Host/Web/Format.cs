using System.Globalization;

namespace SkillsGap.Host.Web;

/// <summary>Culture-invariant display of the pages' figures.</summary>
public static class Format
{
    /// <summary>A share in [0, 1] as a whole percentage (“73%”), or an en dash when there is none.</summary>
    public static string Percent(double? share) =>
        share is double s ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(s * 100, MidpointRounding.AwayFromZero):0}%") : "–";

    /// <summary>A number with up to two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Hours with up to two decimals.</summary>
    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + " h";

    /// <summary>An ISO 8601 date.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 UTC date and time to the minute.</summary>
    public static string DateTime(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A size in bytes as people read it: “512 bytes”, “64 KB”, “1.5 MB” (1 KB = 1024 bytes).</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
        >= 1024L * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>An integer, invariant.</summary>
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
