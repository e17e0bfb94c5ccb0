using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>The words of the default 0–5 proficiency scale (DESIGN §2), for what people read: "3 practitioner".</summary>
public static class ProficiencyNames
{
    private static readonly string[] Words = ["none", "awareness", "working", "practitioner", "advanced", "expert"];

    /// <summary>The word of a level: 0 none, 1 awareness, 2 working, 3 practitioner, 4 advanced, 5 expert.</summary>
    public static string Word(int level) =>
        level is >= ProficiencyLevel.Min and <= ProficiencyLevel.Max
            ? Words[level]
            : throw new ArgumentOutOfRangeException(nameof(level), level, "A proficiency level is between 0 and 5.");

    /// <summary>The level with its word: <c>3 practitioner</c>.</summary>
    public static string Describe(int level) => level.ToString(CultureInfo.InvariantCulture) + " " + Word(level);
}
