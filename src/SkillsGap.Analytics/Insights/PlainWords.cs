using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Insights;

/// <summary>
/// How the documents of this folder word things for people (CONVENTIONS "What people read"): names first, codes second
/// ("SQL querying (SQL)"), levels with their word ("3 practitioner"), hours, percentages, changes in percentage points,
/// ISO dates.
/// </summary>
public static class PlainWords
{
    /// <summary>"Name (CODE)", or the code alone when the name is the code.</summary>
    public static string Named(string name, string code) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), code, StringComparison.Ordinal) ? code : $"{name.Trim()} ({code})";

    /// <summary>The skill's name, or its code when the taxonomy gives none.</summary>
    public static string SkillName(OrganisationSnapshot snapshot, SkillCode code) =>
        snapshot.SkillIndex(code) is var i and >= 0 ? snapshot.Skills[i].Name : code.Value;

    /// <summary>"SQL querying (SQL)".</summary>
    public static string Skill(OrganisationSnapshot snapshot, SkillCode code) => Named(SkillName(snapshot, code), code.Value);

    public static string BadgeName(OrganisationSnapshot snapshot, BadgeId id) => snapshot.FindBadge(id)?.Name ?? id.Value;

    /// <summary>"SQL Practitioner (B-SQL2)".</summary>
    public static string Badge(OrganisationSnapshot snapshot, BadgeId id) => Named(BadgeName(snapshot, id), id.Value);

    public static string RoleTitle(OrganisationSnapshot snapshot, RoleCode code) => snapshot.FindRole(code)?.Title ?? code.Value;

    /// <summary>"Data Analyst (DATA-ANALYST)".</summary>
    public static string Role(OrganisationSnapshot snapshot, RoleCode code) => Named(RoleTitle(snapshot, code), code.Value);

    /// <summary>A person's name, or their id when the roster gives none.</summary>
    public static string Person(Employee employee) => string.IsNullOrWhiteSpace(employee.Name) ? employee.Id.Value : employee.Name.Trim();

    /// <summary>"3 practitioner".</summary>
    public static string Level(int level) => ProficiencyNames.Describe(level);

    /// <summary>Hours as the documents write them: without the trailing zeros a decimal carries from its input (8.0 → 8).</summary>
    public static decimal Exact(decimal hours) => hours / 1.0000000000000000000000000000m;

    /// <summary>"1 hour", "8 hours", "2.5 hours".</summary>
    public static string Hours(decimal hours) =>
        hours == 1m ? "1 hour" : hours.ToString("0.##", CultureInfo.InvariantCulture) + " hours";

    /// <summary>A share as a whole percentage: 0.8246 → "82%".</summary>
    public static string Percent(double share) =>
        Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change of a share in percentage points: −0.0832 → "down 8.3 percentage points"; 0 → "unchanged".</summary>
    public static string PointsChange(double change)
    {
        var points = Math.Round(change * 100, 1, MidpointRounding.AwayFromZero);
        return points == 0 ? "unchanged" : (points > 0 ? "up " : "down ") + Points(change);
    }

    /// <summary>The size of a change of a share, in percentage points: ±0.0832 → "8.3 percentage points".</summary>
    public static string Points(double change)
    {
        var text = Math.Abs(Math.Round(change * 100, 1, MidpointRounding.AwayFromZero)).ToString("0.#", CultureInfo.InvariantCulture);
        return text + (text == "1" ? " percentage point" : " percentage points");
    }

    /// <summary>ISO 8601: 2026-12-15.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"today", "tomorrow", "in 17 days".</summary>
    public static string DaysFrom(DateOnly today, DateOnly date) => (date.DayNumber - today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        var days when days > 1 => "in " + days.ToString(CultureInfo.InvariantCulture) + " days",
        var days => (-days).ToString(CultureInfo.InvariantCulture) + " days ago",
    };

    /// <summary>A whole number for people: 1,280.</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"1 person", "7 people" — and the like for any noun with a regular plural given.</summary>
    public static string Count(long count, string one, string many) => Count(count) + " " + (count == 1 ? one : many);

    /// <summary>Serialises a document of this folder with the `gaps` documents' settings (camelCase, ISO dates, nulls written).</summary>
    public static string Json<T>(T document, bool indented = false) =>
        JsonSerializer.Serialize(document, indented ? GapsJson.IndentedOptions : GapsJson.Options);
}

/// <summary>Writes an enum as its camelCase name in the documents of this folder.</summary>
public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
