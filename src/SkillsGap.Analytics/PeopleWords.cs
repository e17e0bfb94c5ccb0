using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>How figures are written for people in the employee's documents: skills by name then code, whole percentages, hours without trailing zeros.</summary>
internal static class PeopleWords
{
    /// <summary>"SQL querying (SQL)"; the code alone when the taxonomy gives no other name.</summary>
    public static string SkillName(OrganisationSnapshot snapshot, SkillCode code)
    {
        var i = snapshot.SkillIndex(code);
        var name = i >= 0 ? snapshot.Skills[i].Name : code.Value;
        return string.Equals(name, code.Value, StringComparison.Ordinal) ? name : $"{name} ({code.Value})";
    }

    /// <summary>A share as a whole percentage, half away from zero: 0.8333 → "83%".</summary>
    public static string Percent(double share) =>
        Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A share or readiness rounded to 4 places, half away from zero (as the documents show them).</summary>
    public static double Round(double share) => Math.Round(share, 4, MidpointRounding.AwayFromZero);

    /// <summary>Hours without the trailing zeros a decimal carries from its inputs (3.00 → 3).</summary>
    public static decimal Hours(decimal hours) => hours / 1.0000000000000000000000000000m;
}
