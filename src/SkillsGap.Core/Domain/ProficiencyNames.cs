using System.Globalization;

namespace SkillsGap.Core.Domain;

/// <summary>The words of the default proficiency scale (DESIGN §2), for what people read: "3 practitioner".</summary>
public static class ProficiencyNames
{
    /// <summary>The name of each level 0–5: none, awareness, working, practitioner, advanced, expert.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "awareness", "working", "practitioner", "advanced", "expert"];

    /// <summary>The name of a level ("practitioner" for 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0–5.</exception>
    public static string Name(int level) =>
        level is >= ProficiencyLevel.Min and <= ProficiencyLevel.Max
            ? Names[level]
            : throw new ArgumentOutOfRangeException(nameof(level), level, "A proficiency level is between 0 and 5.");

    /// <summary>The level with its name, as people read it: "3 practitioner".</summary>
    public static string Describe(int level) => level.ToString(CultureInfo.InvariantCulture) + " " + Name(level);
}
