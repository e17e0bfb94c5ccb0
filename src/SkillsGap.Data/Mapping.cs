using System.Text.Json;
using SkillsGap.Core.Domain;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>Conversions between stored rows and domain values.</summary>
internal static class Mapping
{
    public static string AliasesToJson(IReadOnlyList<string> aliases) => JsonSerializer.Serialize(aliases);

    public static IReadOnlyList<string> AliasesFromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static RoleRequirement ToDomain(RoleRequirementEntity r) =>
        new(new SkillCode(r.SkillCode), ProficiencyLevel.FromStored(r.RequiredLevel), r.Weight, r.Critical);

    public static RoleVersion ToDomain(RoleVersionEntity v) =>
        new(new RoleCode(v.RoleCode), v.Title, v.Family, v.Version, v.EffectiveFrom,
            v.Requirements.OrderBy(r => r.SkillCode, StringComparer.Ordinal).Select(ToDomain).ToArray());

    /// <summary>Rows of one badge's prerequisites back into groups, by group number then position.</summary>
    public static PrerequisiteRule ToRule(IEnumerable<(int Group, int Position, string Badge)> rows)
    {
        var groups = rows.GroupBy(r => r.Group).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<BadgeId>)g.OrderBy(r => r.Position).Select(r => new BadgeId(r.Badge)).ToArray())
            .ToArray();
        return groups.Length == 0 ? PrerequisiteRule.None : new PrerequisiteRule(groups);
    }

    public static IEnumerable<BadgePrerequisiteEntity> ToRows(BadgeId badge, PrerequisiteRule rule)
    {
        for (var g = 0; g < rule.Groups.Count; g++)
            for (var p = 0; p < rule.Groups[g].Count; p++)
                yield return new BadgePrerequisiteEntity { BadgeId = badge.Value, GroupNo = g, Position = p, AlternativeBadgeId = rule.Groups[g][p].Value };
    }

    public static Badge ToDomain(BadgeEntity b) =>
        new(new BadgeId(b.Id), b.Name, b.Issuer,
            b.Skills.OrderBy(s => s.SkillCode, StringComparer.Ordinal).Select(s => new BadgeSkill(new SkillCode(s.SkillCode), ProficiencyLevel.FromStored(s.Level))).ToArray(),
            b.Hours,
            ToRule(b.Prerequisites.Select(p => (p.GroupNo, p.Position, p.AlternativeBadgeId))),
            b.ValidMonths,
            b.StackId is null ? null : new BadgeId(b.StackId),
            b.NeedsReview);
}
