using Microsoft.Extensions.Options;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.App.Gaps;

/// <summary>
/// What managers and HR act on, for a group of the figures: who needs attention (against the figures a week earlier),
/// succession and bench per role, awards expiring soon with the gap each would open, and the people × skills heatmap.
/// The team page, the overview and the gaps documents call it; every part is a pure function of cached figures.
/// </summary>
public sealed class GroupInsights(GapsQuery gaps, IOptions<FiguresOptions> figures)
{
    /// <summary>Days between the figures compared for "readiness fell since last week".</summary>
    public const int CompareDays = 7;

    /// <summary>The members of a group (a manager's team, a department, a role, the organisation).</summary>
    /// <exception cref="NotFoundException">No such manager, department or role on the figures' date.</exception>
    public static int[] Members(OrganisationFigures f, GroupKind kind, string? key)
    {
        ArgumentNullException.ThrowIfNull(f);
        try
        {
            return new GroupSelector(f.Snapshot).Select(kind, key);
        }
        catch (KeyNotFoundException missing)
        {
            throw new NotFoundException(missing.Message);
        }
    }

    /// <summary>Who in the group needs attention, each with the reasons and the one next step; "readiness fell" against the figures <see cref="CompareDays"/> days earlier.</summary>
    public async Task<AttentionDocument> AttentionAsync(OrganisationFigures f, IReadOnlyList<int> members, int maxPeople = 50, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        var previous = await gaps.FiguresAsync(f.AsOf.AddDays(-CompareDays), ct);
        return Attention.ForGroup(f, previous, members, new AttentionOptions(figures.Value.ExpiringWithinDays, maxPeople));
    }

    /// <summary>Awards of the group expiring within <c>Figures:ExpiringWithinDays</c> that would open a gap.</summary>
    public ExpiryDocument Expiry(OrganisationFigures f, IReadOnlyList<int> members, ExpiryGrouping grouping) =>
        ExpiryOverview.ForGroup(f, members, grouping, figures.Value.ExpiringWithinDays);

    /// <summary>Succession of a group: a team (its manager's role, the roles held and targeted), a role, a department (the roles held and targeted), or the organisation.</summary>
    public static SuccessionDocument Succession(OrganisationFigures f, GroupKind kind, string? key, SuccessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var selector = new GroupSelector(f.Snapshot);
        try
        {
            switch (kind)
            {
                case GroupKind.Organisation:
                    return Analytics.Insights.Succession.ForOrganisation(f, selector, options);
                case GroupKind.Role:
                    return Analytics.Insights.Succession.ForRole(f, selector, new RoleCode(key!), options);
                case GroupKind.Team:
                    return Analytics.Insights.Succession.ForTeam(f, selector, new EmployeeId(key!), options);
                default:
                    var members = selector.Select(kind, key);
                    var roles = new SortedSet<int>();
                    foreach (var e in members)
                    {
                        var person = f.Snapshot.Employees[e];
                        var r = f.Snapshot.RoleIndex(person.Role);
                        if (r >= 0) roles.Add(r);
                        if (person.TargetRole is RoleCode t && f.Snapshot.RoleIndex(t) is var tr and >= 0) roles.Add(tr);
                    }
                    return Analytics.Insights.Succession.Build(f, members, [.. roles.Where(r => f.CompiledRoles[r].WeightedRequired > 0)],
                        kind == GroupKind.Department ? "department" : "group", key,
                        SponsorshipDocumentBuilder.GroupName(f.Snapshot, kind, key), options);
            }
        }
        catch (KeyNotFoundException missing)
        {
            throw new NotFoundException(missing.Message);
        }
    }

    /// <summary>The heatmap of a group's people, filtered and paged.</summary>
    public static HeatmapDocument Heatmap(OrganisationFigures f, IReadOnlyList<int> members, HeatmapQuery query) =>
        TeamHeatmap.Build(f, members, query);
}
