using SkillsGap.Analytics;

namespace SkillsGap.App.Gaps;

/// <summary>One department (or the people without one) on the overview: its readiness and its one top gap.</summary>
public sealed record PartOverview(string Name, SummaryLine Summary, SkillLine? TopGap);

/// <summary>A manager and the size of their team (direct and indirect reports), for links to team pages; the team's readiness when computed.</summary>
public sealed record TeamLine(string ManagerId, string Name, string Role, string? Department, int People, SummaryLine? Summary = null);

/// <summary>One role on the overview: its title, the readiness of the people holding it, and its top gap.</summary>
public sealed record RoleOverview(string Role, string Title, SummaryLine Summary, SkillLine? TopGap);

/// <summary>
/// HR's view of the organisation on a date: its readiness, its top gaps and the gaps no badge can close (the same figures
/// as <c>GET /api/org/gaps</c>), readiness and top gap by department, least ready first (the parts of the workbook's
/// Departments sheet), the same by role, and the managers with their team sizes (largest first) and readiness.
/// </summary>
public sealed record OrganisationOverview(
    DateOnly AsOf,
    SummaryLine Summary,
    IReadOnlyList<SkillLine> TopGaps,
    IReadOnlyList<UncoverableLine> Uncoverable,
    IReadOnlyList<PartOverview> Departments,
    IReadOnlyList<TeamLine> Teams)
{
    /// <summary>Per role held by someone, the people holding it, least ready first.</summary>
    public IReadOnlyList<RoleOverview> Roles { get; init; } = [];
}

/// <summary>The organisation overview (the overview page, <c>skillsgap demo</c>), from the cached figures.</summary>
public sealed class OrganisationOverviewQuery(GapsQuery gaps)
{
    public async Task<OrganisationOverview> RunAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var f = await gaps.FiguresAsync(asOf, ct);
        var org = (GroupGapsDocument)gaps.Build(f, new GapsRequest(GroupKind.Organisation));
        var departments = Partition.Of(f.Snapshot, PartitionKind.Department).Select(p =>
        {
            // Only each department's summary and top gap: not its whole analysis (bench, expiring awards).
            var top = Analytics.TopGaps.First(SkillTotals.Of(f, p.Members).Aggregates(f));
            return new PartOverview(p.Label, GapsDocumentBuilder.Summary(GroupAnalysis.Summarise(f, p.Members)),
                top is null ? null : GapsDocumentBuilder.Skill(top));
        }).OrderBy(d => d.Summary.MeanReadiness ?? 1).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        var selector = new GroupSelector(f.Snapshot);
        var teams = selector.Managers().Select(m =>
        {
            var person = f.Snapshot.Employees[m.Manager];
            return new TeamLine(person.Id.Value, person.Name, person.Role.Value, person.Department, m.People,
                GapsDocumentBuilder.Summary(GroupAnalysis.Summarise(f, selector.Team(person.Id))));
        }).OrderByDescending(t => t.People).ThenBy(t => t.ManagerId, StringComparer.Ordinal).ToList();
        var members = selector.Organisation();
        var roles = members.GroupBy(e => f.Snapshot.Employees[e].Role).Select(g =>
        {
            var people = g.ToArray();
            var top = Analytics.TopGaps.First(SkillTotals.Of(f, people).Aggregates(f));
            return new RoleOverview(g.Key.Value, f.Snapshot.FindRole(g.Key)?.Title ?? g.Key.Value,
                GapsDocumentBuilder.Summary(GroupAnalysis.Summarise(f, people)), top is null ? null : GapsDocumentBuilder.Skill(top));
        }).OrderBy(r => r.Summary.MeanReadiness ?? 1).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
        return new OrganisationOverview(f.AsOf, org.Summary, Analytics.TopGaps.Of(org.Skills), org.Uncoverable, departments, teams) { Roles = roles };
    }
}
