using System.Globalization;

namespace SkillsGap.Analytics;

/// <summary>ISO 8601 text for dates, culture-invariant.</summary>
internal static class Iso
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);
}
