using System.Text.Json.Serialization;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Insights;

/// <summary>What a heatmap cell holds: the person's role does not require the skill, requires it and it is met, or has a gap.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<HeatmapCellState>))]
public enum HeatmapCellState
{
    NotRequired,
    Met,
    Gap,
}

/// <summary>
/// Which rows of a heatmap to show: <paramref name="Search"/> matches a name or id (any case, part of it);
/// <paramref name="Role"/> keeps one role; <paramref name="OnlyWithGaps"/> / <paramref name="OnlyCriticalGaps"/> keep
/// people with a gap / a critical gap; <paramref name="Page"/> (from 1) of <paramref name="PageSize"/> rows (1–500).
/// </summary>
public sealed record HeatmapQuery(
    string? Search = null,
    string? Role = null,
    bool OnlyWithGaps = false,
    bool OnlyCriticalGaps = false,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;

    public static HeatmapQuery All { get; } = new();
}

/// <summary>
/// A people × skills heatmap of a team (DESIGN §7): every skill on which someone shown has a critical gap is a column,
/// then the skills with the largest weighted gaps up to <c>maxColumns</c> columns in all; rows weakest first.
/// </summary>
/// <param name="People">Members of the group.</param>
/// <param name="Matching">Members matching the query, over all pages.</param>
/// <param name="Columns">Critical-gap skills first, then by weighted gap (Σ weight · gap over the people matching).</param>
/// <param name="SkillsLeftOut">Skills with a gap among the people matching that are not columns (smaller gaps, none critical).</param>
/// <param name="Rows">This page's people: the least ready first, then the largest weighted gap, then name.</param>
/// <param name="Roles">The roles in the group and how many people hold each (for a role filter).</param>
/// <param name="Description">What a cell means, in plain words (for the page and screen readers).</param>
public sealed record HeatmapDocument(
    DateOnly AsOf,
    int People,
    int Matching,
    int Page,
    int PageSize,
    int Pages,
    IReadOnlyList<HeatmapColumn> Columns,
    int SkillsLeftOut,
    IReadOnlyList<HeatmapRow> Rows,
    IReadOnlyList<HeatmapRoleCount> Roles,
    string Description)
{
    public string ToJson(bool indented = false) => PlainWords.Json(this, indented);
}

/// <summary>A skill column: its name and label ("SQL querying (SQL)"), whether someone shown has a critical gap in it, and its totals.</summary>
public sealed record HeatmapColumn(
    string Skill,
    string Name,
    string Label,
    bool CriticalGap,
    int PeopleRequired,
    int PeopleWithGap,
    int PeopleWithCriticalGap,
    long WeightedGap);

/// <summary>A person's row: readiness against their own role (4 places), weighted gap, critical gaps, and one cell per column.</summary>
public sealed record HeatmapRow(
    string Employee,
    string Name,
    string Role,
    string RoleTitle,
    double Readiness,
    bool Ready,
    long WeightedGap,
    int CriticalGaps,
    IReadOnlyList<HeatmapCell> Cells);

/// <summary>One cell. Required, attained, gap and weight are null when the skill is not required; <paramref name="Text"/> says it in words.</summary>
public sealed record HeatmapCell(HeatmapCellState State, int? Required, int? Attained, int? Gap, int? Weight, bool Critical, string Text);

/// <summary>A role in the group and the number of people in it.</summary>
public sealed record HeatmapRoleCount(string Role, string RoleTitle, int People);

/// <summary>Builds the heatmap of a team (or any group).</summary>
public static class TeamHeatmap
{
    /// <summary>The most columns unless more skills carry a critical gap (those are never left out).</summary>
    public const int DefaultMaxColumns = 15;

    public const string DescriptionText =
        "Each cell is a skill the person's role requires: the gap between the level required and the level they have, " +
        "or “met” when there is none; a blank cell means their role does not require the skill. “!” marks a critical " +
        "requirement. Columns: every skill with a critical gap, then the largest gaps. Rows: the least ready first.";

    public static HeatmapDocument Build(OrganisationFigures f, IReadOnlyList<int> members, HeatmapQuery? query = null, int maxColumns = DefaultMaxColumns)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(members);
        query ??= HeatmapQuery.All;
        var snapshot = f.Snapshot;
        var people = members.Select(e => f.ForEmployee(e)).ToArray();

        var search = query.Search?.Trim();
        var matching = people.Where(p =>
                (string.IsNullOrEmpty(search) || p.Employee.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                 || p.Employee.Id.Value.Contains(search, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrWhiteSpace(query.Role) || string.Equals(p.Role.Value, query.Role.Trim(), StringComparison.OrdinalIgnoreCase))
                && (!query.OnlyWithGaps || p.Requirements.Any(r => r.Gap > 0))
                && (!query.OnlyCriticalGaps || p.Requirements.Any(r => r.Gap > 0 && r.Critical)))
            .Select(p => (Figures: p, WeightedGap: p.Requirements.Sum(r => (long)r.Weight * r.Gap), Critical: p.Requirements.Count(r => r.Gap > 0 && r.Critical)))
            .OrderBy(p => p.Figures.Readiness).ThenByDescending(p => p.WeightedGap)
            .ThenBy(p => PlainWords.Person(p.Figures.Employee), StringComparer.Ordinal).ThenBy(p => p.Figures.Employee.Id.Value, StringComparer.Ordinal)
            .ToList();

        // Columns over everyone matching (not only this page), so that paging does not move them.
        var totals = new Dictionary<string, (int Required, int WithGap, int Critical, long Weighted)>(StringComparer.Ordinal);
        foreach (var (figures, _, _) in matching)
            foreach (var r in figures.Requirements)
            {
                totals.TryGetValue(r.Skill.Value, out var t);
                totals[r.Skill.Value] = (t.Required + 1, t.WithGap + (r.Gap > 0 ? 1 : 0), t.Critical + (r.Gap > 0 && r.Critical ? 1 : 0),
                    t.Weighted + (long)r.Weight * r.Gap);
            }
        var withGap = totals.Where(t => t.Value.WithGap > 0)
            .OrderByDescending(t => t.Value.Critical > 0).ThenByDescending(t => t.Value.Weighted).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var criticalColumns = withGap.Count(t => t.Value.Critical > 0);
        var chosen = withGap.Take(Math.Max(maxColumns, criticalColumns)).ToList();
        var columns = chosen.Select(t =>
        {
            var code = new Core.Domain.SkillCode(t.Key);
            return new HeatmapColumn(t.Key, PlainWords.SkillName(snapshot, code), PlainWords.Skill(snapshot, code), t.Value.Critical > 0,
                t.Value.Required, t.Value.WithGap, t.Value.Critical, t.Value.Weighted);
        }).ToArray();

        var pageSize = Math.Clamp(query.PageSize, 1, HeatmapQuery.MaxPageSize);
        var pages = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = matching.Skip((page - 1) * pageSize).Take(pageSize).Select(p =>
        {
            var person = p.Figures.Employee;
            var bySkill = new Dictionary<string, RequirementGap>(StringComparer.Ordinal);
            foreach (var r in p.Figures.Requirements) bySkill.TryAdd(r.Skill.Value, r);
            var roleTitle = PlainWords.RoleTitle(snapshot, person.Role);
            var cells = columns.Select(c => Cell(c, bySkill.GetValueOrDefault(c.Skill), roleTitle)).ToArray();
            return new HeatmapRow(person.Id.Value, PlainWords.Person(person), person.Role.Value, roleTitle,
                GapsDocumentBuilder.Round(p.Figures.Readiness), p.Figures.Ready, p.WeightedGap, p.Critical, cells);
        }).ToArray();

        var roles = people.GroupBy(p => p.Employee.Role)
            .Select(g => new HeatmapRoleCount(g.Key.Value, PlainWords.RoleTitle(snapshot, g.Key), g.Count()))
            .OrderByDescending(r => r.People).ThenBy(r => r.RoleTitle, StringComparer.Ordinal).ToArray();
        return new HeatmapDocument(f.AsOf, members.Count, matching.Count, page, pageSize, pages, columns, withGap.Count - chosen.Count,
            rows, roles, DescriptionText);
    }

    private static HeatmapCell Cell(HeatmapColumn column, RequirementGap? r, string roleTitle)
    {
        if (r is null)
            return new HeatmapCell(HeatmapCellState.NotRequired, null, null, null, null, false, $"{column.Label}: not required for {roleTitle}.");
        var needs = $"{column.Label}: needs {PlainWords.Level(r.Required)}, has {PlainWords.Level(r.Attained)}";
        return r.Gap > 0
            ? new HeatmapCell(HeatmapCellState.Gap, r.Required, r.Attained, r.Gap, r.Weight, r.Critical,
                $"{needs}, a {(r.Critical ? "critical " : "")}gap of {r.Gap}.")
            : new HeatmapCell(HeatmapCellState.Met, r.Required, r.Attained, 0, r.Weight, r.Critical, $"{needs}, no gap.");
    }
}
