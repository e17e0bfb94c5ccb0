using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Tabular;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Frameworks;

/// <summary>
/// ESCO <c>occupationSkillRelations.csv</c> as role frameworks: an essential relation is a critical requirement at
/// <see cref="RoleFrameworkOptions.EscoLevel"/> (3) with weight <see cref="RoleFrameworkOptions.EscoWeight"/> (3); an optional one
/// is left out. Role code = occupation URI, title = its preferredLabel and family = its ISCO group (from
/// <c>occupations_en.csv</c> and <c>ISCOGroups_en.csv</c> beside the file); skill code = skill URI, name = preferredLabel,
/// aliases = altLabels (one per line) and description from <c>skills_en.csv</c>.
/// </summary>
internal static class EscoFramework
{
    public static (IReadOnlyList<ImportedSkill>, IReadOnlyList<ImportedRole>) Read(InputFile file, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors)
    {
        if (options.EscoLevel is < ProficiencyLevel.Min or > ProficiencyLevel.Max || options.EscoWeight is < RoleRequirement.MinWeight or > RoleRequirement.MaxWeight)
            throw new InputRejectedException(new RowError(file.Name, null, null, null, null,
                $"ESCO level {options.EscoLevel.ToString(CultureInfo.InvariantCulture)} / weight {options.EscoWeight.ToString(CultureInfo.InvariantCulture)} is outside 0–5 / 1–5"));

        using var reader = TabularReader.Open(file with { Format = InputFormat.Csv }, limits);
        var table = new RecordTable(reader, errors);
        var occupationColumn = table.Required("occupationUri");
        var relationColumn = table.Required("relationType");
        var skillColumn = table.Required("skillUri");
        if (table.MissingRequiredColumn) return ([], []);

        var relations = new Dictionary<string, (int Row, List<SkillCode> Skills, HashSet<SkillCode> Seen)>(StringComparer.Ordinal);
        var order = new List<string>();
        var skillRows = new Dictionary<string, int>(StringComparer.Ordinal);
        while (table.Next())
        {
            var occupation = table.Id(occupationColumn, c => new RoleCode(c));
            var skill = table.Id(skillColumn, c => new SkillCode(c));
            var relation = table.RequiredText(relationColumn);
            if (relation is not null && !relation.Equals("essential", StringComparison.OrdinalIgnoreCase)
                && !relation.Equals("optional", StringComparison.OrdinalIgnoreCase))
                table.Fail(relationColumn, $"relationType '{relation}' is neither essential nor optional");
            if (table.RowHasErrors || !relation!.Equals("essential", StringComparison.OrdinalIgnoreCase)) continue;

            var key = occupation!.Value.Value;
            if (!relations.TryGetValue(key, out var entry))
            {
                entry = (table.Row, [], []);
                relations[key] = entry;
                order.Add(key);
            }
            if (entry.Seen.Add(skill!.Value)) entry.Skills.Add(skill.Value);
            skillRows.TryAdd(skill.Value.Value, table.Row);
        }

        var occupations = ReadConcepts(file, "occupations_en.csv", limits, options, errors, "iscoGroup", relations.Keys.ToHashSet(StringComparer.Ordinal));
        var iscoGroups = ReadIscoGroups(file, limits, options, errors);
        var skillConcepts = ReadConcepts(file, "skills_en.csv", limits, options, errors, "skillType", skillRows.Keys.ToHashSet(StringComparer.Ordinal));

        var level = new ProficiencyLevel(options.EscoLevel);
        var roles = new List<ImportedRole>(order.Count);
        foreach (var uri in order)
        {
            var (row, skillCodes, _) = relations[uri];
            occupations.TryGetValue(uri, out var concept);
            var family = concept?.Extra is string group ? iscoGroups.GetValueOrDefault(group) ?? group : null;
            var requirements = skillCodes.Select(s => new RoleRequirement(s, level, options.EscoWeight, Critical: true)).ToList();
            roles.Add(new ImportedRole(new RoleCode(uri), concept?.Label ?? uri, family, requirements, null, row));
        }
        var skills = skillRows.Select(pair =>
        {
            skillConcepts.TryGetValue(pair.Key, out var concept);
            var category = concept?.Extra is string type ? "ESCO " + type : "ESCO";
            var label = concept?.Label ?? pair.Key;
            var aliases = concept?.AltLabels.Where(a => !a.Equals(label, StringComparison.OrdinalIgnoreCase)).ToArray() ?? [];
            return new ImportedSkill(new Skill(new SkillCode(pair.Key), label, category, concept?.Description, aliases), pair.Value);
        }).OrderBy(s => s.Row).ToList();
        return (skills, roles);
    }

    private sealed record Concept(string Label, IReadOnlyList<string> AltLabels, string? Description, string? Extra);

    /// <summary>
    /// Concepts of a companion file by conceptUri (only the <paramref name="wanted"/> ones); empty when absent. A wanted
    /// concept's value beyond its bounds is an error of the batch (naming the companion file), not dropped in silence.
    /// </summary>
    private static Dictionary<string, Concept> ReadConcepts(InputFile file, string name, ReadLimits limits, RoleFrameworkOptions options,
        ErrorCollector errors, string extraHeader, HashSet<string> wanted)
    {
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        using var reader = FrameworkReader.OpenCompanionTable(file, name, options, limits);
        if (reader is null) return concepts;
        var table = new RecordTable(reader, errors);
        var uri = table.Optional("conceptUri");
        var label = table.Optional("preferredLabel");
        var alt = table.Optional("altLabels");
        var description = table.Optional("description");
        var extra = table.Optional(extraHeader);
        if (!uri.Present || !label.Present) return concepts;
        while (table.Next())
        {
            if (!wanted.Contains(table.Span(uri).ToString())) continue;
            var key = table.Span(uri).ToString();
            var aliases = (table.Text(alt, TextRules.Kind.Text, int.MaxValue) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToArray();
            if (aliases.Any(a => TextRules.Problem(a, TextRules.Kind.Line) is not null) || Records.SkillRecords.AliasesTooLong(aliases))
            {
                table.Fail(alt, $"the alternative labels hold a character a name may not hold, or take more than {ValueBounds.MaxDescriptionLength.ToString(CultureInfo.InvariantCulture)} characters as stored");
                aliases = [];
            }
            concepts.TryAdd(key, new Concept(table.Text(label) ?? key, aliases,
                table.Text(description, TextRules.Kind.Text, ValueBounds.MaxDescriptionLength), table.Text(extra, maxLength: ValueBounds.MaxLabelLength)));
        }
        return concepts;
    }

    private static Dictionary<string, string> ReadIscoGroups(InputFile file, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = FrameworkReader.OpenCompanionTable(file, "ISCOGroups_en.csv", options, limits);
        if (reader is null) return groups;
        var table = new RecordTable(reader, errors);
        var code = table.Optional("code");
        var label = table.Optional("preferredLabel");
        if (!code.Present || !label.Present) return groups;
        // A group's label becomes a role's family.
        while (table.Next())
            if (table.Text(code, TextRules.Kind.Identifier, ValueBounds.MaxIdLength) is string c && table.Text(label, maxLength: ValueBounds.MaxLabelLength) is string l)
                groups.TryAdd(c, l);
        return groups;
    }
}
