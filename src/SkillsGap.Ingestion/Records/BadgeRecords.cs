using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Records;

/// <summary>badge_id, badge_name, [issuer], skills, hours, [prerequisites], [valid_months], [stack_id].</summary>
internal static class BadgeRecords
{
    private sealed record Draft(BadgeId Id, Badge? Badge, int Row, PrerequisiteRule Prerequisites, BadgeId? Stack, string? PrerequisiteText, string? StackText)
    {
        public bool Invalid { get; set; }
    }

    public static IReadOnlyList<ImportedBadge> Read(RecordTable table, IReferenceCatalogue known)
    {
        var idColumn = table.Required("badge_id");
        var nameColumn = table.Required("badge_name");
        var issuerColumn = table.Optional("issuer");
        var skillsColumn = table.Required("skills");
        var hoursColumn = table.Required("hours");
        var prerequisitesColumn = table.Optional("prerequisites");
        var validColumn = table.Optional("valid_months");
        var stackColumn = table.Optional("stack_id");
        if (table.MissingRequiredColumn) return [];

        var drafts = new List<Draft>();
        var index = new Dictionary<BadgeId, int>();
        while (table.Next())
        {
            var id = table.Id(idColumn, c => new BadgeId(c));
            var name = table.RequiredText(nameColumn);
            var issuer = table.Text(issuerColumn);
            var skills = ParseSkills(table, skillsColumn, known);
            var hours = table.Hours(hoursColumn);
            var validMonths = table.PositiveInteger(validColumn, "valid_months", ValueBounds.MaxValidMonths);
            var prerequisiteText = table.Text(prerequisitesColumn, TextRules.Kind.Text, int.MaxValue);
            var prerequisites = PrerequisiteRule.None;
            try
            {
                prerequisites = PrerequisiteRule.Parse(prerequisiteText);
                foreach (var prerequisite in prerequisites.AllBadges)
                    if (RecordTable.IdentifierProblem(prerequisite.Value, "a badge id") is string problem)
                    {
                        table.Fail(prerequisitesColumn, $"prerequisite '{TextRules.Visible(prerequisite.Value)}': {problem}");
                        prerequisites = PrerequisiteRule.None;
                        break;
                    }
            }
            catch (ArgumentException e)
            {
                table.Fail(prerequisitesColumn, $"prerequisites cannot be read: {e.Message}");
            }
            var stackText = table.IdText(stackColumn, required: false);
            BadgeId? stack = stackText is null ? null : new BadgeId(stackText);
            if (id is not BadgeId badgeId) continue;
            if (index.TryGetValue(badgeId, out var first))
            {
                table.Fail(idColumn, $"badge_id {badgeId} appears twice (first on row {drafts[first].Row.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }
            var badge = table.RowHasErrors ? null : new Badge(badgeId, name!, issuer, skills, hours!.Value, prerequisites, validMonths, stack);
            index[badgeId] = drafts.Count;
            drafts.Add(new Draft(badgeId, badge, table.Row, prerequisites, stack, prerequisiteText, stackText) { Invalid = table.RowHasErrors });
        }

        CheckReferences(table, known, drafts, index, prerequisitesColumn, stackColumn);
        CheckCycles(table, drafts, index, prerequisitesColumn);
        return drafts.Where(d => !d.Invalid && d.Badge is not null).Select(d => new ImportedBadge(d.Badge!, d.Row)).ToList();
    }

    /// <summary><c>CODE:level;CODE:level</c>; the level follows the last colon, so URI codes keep theirs.</summary>
    private static List<BadgeSkill> ParseSkills(RecordTable table, Column column, IReferenceCatalogue known)
    {
        var skills = new List<BadgeSkill>();
        var text = table.Text(column, TextRules.Kind.Text, int.MaxValue);
        if (text is null) return skills;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0)
            {
                table.Fail(column, $"'{part}' is not CODE:level");
                continue;
            }
            var code = part[..colon].Trim();
            if (RecordTable.IdentifierProblem(code, "a skill code") is string problem)
            {
                table.Fail(column, problem);
                continue;
            }
            if (!ValueParser.TryParseLevel(part.AsSpan(colon + 1), out var level, out var reason))
            {
                table.Fail(column, $"{reason} (in '{part}')");
                continue;
            }
            var skill = new SkillCode(code);
            if (!known.HasSkill(skill))
                table.Fail(column, $"unknown skill '{code}': it is not in the skills taxonomy");
            else if (skills.Any(s => s.Skill == skill))
                table.Fail(column, $"skill {code} is listed twice");
            else
                skills.Add(new BadgeSkill(skill, new ProficiencyLevel(level)));
        }
        return skills;
    }

    private static void CheckReferences(RecordTable table, IReferenceCatalogue known, List<Draft> drafts,
        Dictionary<BadgeId, int> index, Column prerequisitesColumn, Column stackColumn)
    {
        foreach (var draft in drafts)
        {
            foreach (var prerequisite in draft.Prerequisites.AllBadges)
            {
                if (prerequisite == draft.Id)
                {
                    table.FailAt(draft.Row, prerequisitesColumn, draft.PrerequisiteText, $"badge {draft.Id} is its own prerequisite");
                    draft.Invalid = true;
                }
                else if (!index.ContainsKey(prerequisite) && !known.HasBadge(prerequisite))
                {
                    table.FailAt(draft.Row, prerequisitesColumn, draft.PrerequisiteText,
                        $"unknown badge '{prerequisite}' in prerequisites: it is neither in the catalogue nor in this file");
                    draft.Invalid = true;
                }
            }
            if (draft.Stack is BadgeId stack)
            {
                if (stack == draft.Id)
                {
                    table.FailAt(draft.Row, stackColumn, draft.StackText, $"badge {draft.Id} names itself as its stack");
                    draft.Invalid = true;
                }
                else if (!index.ContainsKey(stack) && !known.HasBadge(stack))
                {
                    table.FailAt(draft.Row, stackColumn, draft.StackText,
                        $"unknown stack '{stack}': it is neither in the catalogue nor in this file");
                    draft.Invalid = true;
                }
            }
        }
    }

    /// <summary>
    /// A badge needs its prerequisites (any alternative counts as an edge) and a stack needs its children; a cycle among
    /// the badges of this file can never be earned. Each cycle is reported once, on the row of its first badge in file order.
    /// </summary>
    private static void CheckCycles(RecordTable table, List<Draft> drafts, Dictionary<BadgeId, int> index, Column prerequisitesColumn)
    {
        var edges = drafts.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            foreach (var prerequisite in draft.Prerequisites.AllBadges)
                if (prerequisite != draft.Id && index.TryGetValue(prerequisite, out var j)) edges[i].Add(j);
            if (draft.Stack is BadgeId stack && stack != draft.Id && index.TryGetValue(stack, out var s)) edges[s].Add(i);
        }
        foreach (var cycle in GraphCycles.Find(edges))
        {
            var first = cycle.Take(cycle.Count - 1).Min();
            var draft = drafts[first];
            var members = GraphCycles.StartingAt(cycle, first).Select(i => drafts[i].Id.Value);
            table.FailAt(draft.Row, prerequisitesColumn, draft.PrerequisiteText,
                $"prerequisite cycle: {string.Join(" → ", members)} (a stack's children count as its prerequisites)");
            foreach (var member in cycle) drafts[member].Invalid = true;
        }
    }
}
