using SkillsGap.Analytics;
using SkillsGap.Core.Figures;

namespace SkillsGap.Host.Web;

/// <summary>One cell of the heatmap: a requirement of the person's role for the column's skill, or none.</summary>
public sealed record HeatmapCell(int Required, int Attained, int Gap, bool Critical);

/// <summary>One person of the heatmap: their readiness and, per column, the requirement (null when their role has none).</summary>
public sealed record HeatmapRow(string Id, string Name, string Role, double Readiness, bool Ready, IReadOnlyList<HeatmapCell?> Cells);

/// <summary>
/// People × skills of a team: the columns are the team's skills with the largest weighted gaps (at most
/// <see cref="MaxColumns"/>), the cells the gap between required and attained level.
/// </summary>
public sealed record Heatmap(IReadOnlyList<string> Skills, IReadOnlyList<HeatmapRow> Rows, int SkillsLeftOut)
{
    public const int MaxColumns = 15;

    public static Heatmap From(GroupGapsDocument document, OrganisationSnapshot snapshot)
    {
        var skills = document.Skills.Take(MaxColumns).Select(s => s.Skill).ToList();
        var rows = document.Employees.Select(e =>
        {
            var byskill = e.Requirements.ToDictionary(r => r.Skill, StringComparer.Ordinal);
            var cells = skills.Select(s => byskill.TryGetValue(s, out var r) ? new HeatmapCell(r.Required, r.Attained, r.Gap, r.Critical) : null).ToList();
            var name = snapshot.FindEmployee(new Core.Domain.EmployeeId(e.Id))?.Name ?? e.Id;
            return new HeatmapRow(e.Id, name, e.Role, e.Readiness, e.Ready, cells);
        }).OrderBy(r => r.Readiness).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new Heatmap(skills, rows, Math.Max(0, document.Skills.Count - MaxColumns));
    }
}
