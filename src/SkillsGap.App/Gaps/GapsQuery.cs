using Microsoft.Extensions.Options;
using SkillsGap.Analytics;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.App.Gaps;

/// <summary>Which figures to compute: one employee or a group, as of a date, optionally against a target role.</summary>
public sealed record GapsRequest(GroupKind Kind, string? Key = null, DateOnly? AsOf = null, RoleCode? TargetRole = null);

/// <summary>
/// The `gaps` documents of DESIGN §10: loads the organisation as it stood on the date, computes its figures at
/// once over arrays, and selects the employee or group asked for.
/// </summary>
public sealed class GapsQuery(FiguresCache cache, BusinessCalendar calendar, IOptions<FiguresOptions> figures)
{
    public async Task<OrganisationFigures> FiguresAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        return await cache.GetAsync(asOf ?? calendar.Today, ct);
    }

    public async Task<IGapsDocument> RunAsync(GapsRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var f = await FiguresAsync(request.AsOf, ct);
        return Build(f, request, succession: true);
    }

    /// <summary>One employee's document (<c>GET /api/employees/{id}/gaps</c>, <c>gaps --employee</c>).</summary>
    public async Task<EmployeeGapsDocument> EmployeeAsync(EmployeeId employee, DateOnly? asOf = null, RoleCode? targetRole = null, CancellationToken ct = default) =>
        (EmployeeGapsDocument)await RunAsync(new GapsRequest(GroupKind.Employee, employee.Value, asOf, targetRole), ct);

    /// <summary>A group's document: a manager's team, a department, a role or the organisation.</summary>
    public async Task<GroupGapsDocument> GroupAsync(GroupKind kind, string? key, DateOnly? asOf = null, RoleCode? targetRole = null, CancellationToken ct = default)
    {
        if (kind == GroupKind.Employee) throw new ArgumentException("An employee is not a group.", nameof(kind));
        return (GroupGapsDocument)await RunAsync(new GapsRequest(kind, key, asOf, targetRole), ct);
    }

    /// <summary>The document of <paramref name="request"/>; with <paramref name="succession"/>, a group's document carries its succession per role.</summary>
    public IGapsDocument Build(OrganisationFigures f, GapsRequest request, bool succession = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(request);
        if (request.TargetRole is RoleCode target && f.Snapshot.RoleIndex(target) < 0)
            throw new NotFoundException($"Role {target} is not known on {f.AsOf:yyyy-MM-dd}.");
        int[] members;
        try
        {
            members = new GroupSelector(f.Snapshot).Select(request.Kind, request.Key);
        }
        catch (KeyNotFoundException missing)
        {
            throw new NotFoundException(missing.Message);
        }
        if (request.Kind == GroupKind.Employee)
            return GapsDocumentBuilder.ForEmployee(f, members[0], request.TargetRole);
        var document = GapsDocumentBuilder.ForGroup(f, request.Kind, request.Key, members,
            new AnalysisOptions(figures.Value.ExpiringWithinDays));
        return succession ? document with { Succession = GroupInsights.Succession(f, request.Kind, request.Key).Roles } : document;
    }
}
