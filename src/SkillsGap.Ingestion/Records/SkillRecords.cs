using System.Globalization;
using System.Text.Json;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Records;

/// <summary>skill_code, skill_name, [category], [description], [aliases].</summary>
internal static class SkillRecords
{
    public static IReadOnlyList<ImportedSkill> Read(RecordTable table)
    {
        var codeColumn = table.Required("skill_code");
        var nameColumn = table.Required("skill_name");
        var categoryColumn = table.Optional("category");
        var descriptionColumn = table.Optional("description");
        var aliasesColumn = table.Optional("aliases");
        if (table.MissingRequiredColumn) return [];

        var records = new List<ImportedSkill>();
        var firstRow = new Dictionary<SkillCode, int>();
        while (table.Next())
        {
            var code = table.Id(codeColumn, c => new SkillCode(c));
            var name = table.RequiredText(nameColumn);
            var category = table.Text(categoryColumn, maxLength: ValueBounds.MaxLabelLength);
            var description = table.Text(descriptionColumn, TextRules.Kind.Text, ValueBounds.MaxDescriptionLength);
            var aliases = SplitList(table.Text(aliasesColumn, maxLength: ValueBounds.MaxDescriptionLength));
            if (AliasesTooLong(aliases))
                table.Fail(aliasesColumn, $"the aliases take more than {ValueBounds.MaxDescriptionLength.ToString(CultureInfo.InvariantCulture)} characters as stored (a JSON list)");
            if (code is SkillCode key && !firstRow.TryAdd(key, table.Row))
                table.Fail(codeColumn, $"skill_code {key} appears twice (first on row {firstRow[key].ToString(CultureInfo.InvariantCulture)})");
            if (!table.RowHasErrors)
                records.Add(new ImportedSkill(new Skill(code!.Value, name!, category, description, aliases), table.Row));
        }
        return records;
    }

    /// <summary>Whether the aliases, stored as a JSON list, would pass the column's size.</summary>
    public static bool AliasesTooLong(IReadOnlyList<string> aliases) =>
        aliases.Count > 0 && JsonSerializer.Serialize(aliases).Length > ValueBounds.MaxDescriptionLength;

    /// <summary>A <c>a;b</c> list, trimmed, without empties or repeats.</summary>
    public static string[] SplitList(string? text) =>
        text is null ? [] : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
