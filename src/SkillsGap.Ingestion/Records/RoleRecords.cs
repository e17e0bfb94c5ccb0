using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Records;

/// <summary>Role frameworks, long or matrix.</summary>
internal static class RoleRecords
{
    private static readonly string[] MatrixFixedColumns = ["role_code", "role_title", "family", "effective_from"];

    private sealed class RoleDraft(RoleCode code, string? title, string? family, DateOnly? effectiveFrom, int row)
    {
        public RoleCode Code { get; } = code;
        public string? Title { get; } = title;
        public string? Family { get; set; } = family;
        public DateOnly? EffectiveFrom { get; set; } = effectiveFrom;
        public int Row { get; } = row;
        public bool Invalid { get; set; }
        public List<RoleRequirement> Requirements { get; } = [];
        public Dictionary<SkillCode, int> SkillRows { get; } = [];

        public ImportedRole ToRecord() => new(Code, Title!, Family, Requirements, EffectiveFrom, Row);
    }

    public static IReadOnlyList<ImportedRole> Read(RecordTable table, IReferenceCatalogue known) =>
        table.Has("skill_code") && table.Has("required_level") ? ReadLong(table, known) : ReadMatrix(table, known);

    private static string Rows(int row) => row.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<ImportedRole> ReadLong(RecordTable table, IReferenceCatalogue known)
    {
        var roleColumn = table.Required("role_code");
        var titleColumn = table.Required("role_title");
        var familyColumn = table.Optional("family");
        var skillColumn = table.Required("skill_code");
        var levelColumn = table.Required("required_level");
        var weightColumn = table.Optional("weight");
        var criticalColumn = table.Optional("critical");
        var effectiveColumn = table.Optional("effective_from");
        if (table.MissingRequiredColumn) return [];

        var drafts = new Dictionary<RoleCode, RoleDraft>();
        var order = new List<RoleDraft>();
        while (table.Next())
        {
            var role = table.Id(roleColumn, c => new RoleCode(c));
            var title = table.RequiredText(titleColumn);
            var family = table.Text(familyColumn, maxLength: ValueBounds.MaxLabelLength);
            var skill = table.Id(skillColumn, c => new SkillCode(c));
            var level = table.Level(levelColumn);
            var weight = table.Weight(weightColumn);
            var critical = table.Bool(criticalColumn, false);
            var effectiveFrom = table.Date(effectiveColumn);
            if (skill is SkillCode s && !known.HasSkill(s))
                table.Fail(skillColumn, $"unknown skill '{s}': it is not in the skills taxonomy");
            if (role is not RoleCode code) continue;

            if (!drafts.TryGetValue(code, out var draft))
            {
                draft = new RoleDraft(code, title, family, effectiveFrom, table.Row);
                drafts[code] = draft;
                order.Add(draft);
            }
            else
            {
                if (title is not null && draft.Title is not null && title != draft.Title)
                    table.Fail(titleColumn, $"role {code} has the title '{draft.Title}' on row {Rows(draft.Row)}; one role has one title");
                // Family and effective date may be given on one row of the role only; given twice, they must agree.
                if (family is not null && draft.Family is null) draft.Family = family;
                else if (family is not null && family != draft.Family)
                    table.Fail(familyColumn, $"role {code} has the family '{draft.Family}' on row {Rows(draft.Row)}; one role has one family");
                if (effectiveFrom is not null && draft.EffectiveFrom is null) draft.EffectiveFrom = effectiveFrom;
                else if (effectiveFrom is not null && effectiveFrom != draft.EffectiveFrom)
                    table.Fail(effectiveColumn, $"role {code} takes effect on {draft.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(import date)"} on row {Rows(draft.Row)}; one role has one effective date");
            }
            if (skill is SkillCode sk && !draft.SkillRows.TryAdd(sk, table.Row))
                table.Fail(skillColumn, $"role {code} requires skill {sk} twice (first on row {Rows(draft.SkillRows[sk])})");

            if (table.RowHasErrors || draft.Title is null) draft.Invalid = true;
            else draft.Requirements.Add(new RoleRequirement(skill!.Value, new ProficiencyLevel(level!.Value), weight, critical));
        }
        return order.Where(d => !d.Invalid).Select(d => d.ToRecord()).ToList();
    }

    private static IReadOnlyList<ImportedRole> ReadMatrix(RecordTable table, IReferenceCatalogue known)
    {
        var roleColumn = table.Required("role_code");
        var titleColumn = table.Required("role_title");
        var familyColumn = table.Optional("family");
        var effectiveColumn = table.Optional("effective_from");
        if (table.MissingRequiredColumn) return [];

        var fixedIndexes = MatrixFixedColumns.Select(name => table.Optional(name).Index).Where(i => i >= 0).ToHashSet();
        var skillColumns = new List<(Column Column, SkillCode Skill)>();
        var seenSkills = new HashSet<SkillCode>();
        var headers = table.Reader.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (fixedIndexes.Contains(i) || string.IsNullOrWhiteSpace(header)) continue;
            var column = new Column(i, header);
            if (header.Length > 200)
                table.Errors.Add(table.Reader.Error(table.Reader.HeaderRow, header[..50] + "…", null, "a skill code must be at most 200 characters"));
            else if (!known.HasSkill(new SkillCode(header)))
                table.Errors.Add(table.Reader.Error(table.Reader.HeaderRow, header, header,
                    $"unknown skill '{header}': a matrix column other than role_code, role_title, family and effective_from must be a skill code of the taxonomy"));
            else if (!seenSkills.Add(new SkillCode(header)))
                table.Errors.Add(table.Reader.Error(table.Reader.HeaderRow, header, header, $"skill {header} has two columns"));
            else
                skillColumns.Add((column, new SkillCode(header)));
        }
        if (skillColumns.Count == 0 && table.Errors.Count == 0)
            table.MissingColumn("skill_code", "no skill columns: a long file needs skill_code and required_level, a matrix one column per skill code");

        var records = new List<ImportedRole>();
        var firstRow = new Dictionary<RoleCode, int>();
        while (table.Next())
        {
            var role = table.Id(roleColumn, c => new RoleCode(c));
            var title = table.RequiredText(titleColumn);
            var family = table.Text(familyColumn, maxLength: ValueBounds.MaxLabelLength);
            var effectiveFrom = table.Date(effectiveColumn);
            if (role is RoleCode code && !firstRow.TryAdd(code, table.Row))
                table.Fail(roleColumn, $"role_code {code} appears twice (first on row {Rows(firstRow[code])})");

            var requirements = new List<RoleRequirement>();
            foreach (var (column, skill) in skillColumns)
            {
                var cell = table.Span(column);
                if (cell.IsEmpty) continue;
                var critical = cell[^1] == '!';
                if (critical) cell = cell[..^1];
                if (!ValueParser.TryParseLevel(cell, out var level, out var reason))
                {
                    table.Fail(column, reason + " (a matrix cell is a level, 4! marks it critical)");
                    continue;
                }
                // 0 in a matrix means "not required", like an empty cell.
                if (level > 0) requirements.Add(new RoleRequirement(skill, new ProficiencyLevel(level), 3, critical));
            }
            if (!table.RowHasErrors)
                records.Add(new ImportedRole(role!.Value, title!, family, requirements, effectiveFrom, table.Row));
        }
        return records;
    }
}
