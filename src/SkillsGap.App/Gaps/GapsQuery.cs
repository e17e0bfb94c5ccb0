using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Analytics;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;

namespace SkillsGap.App.Gaps;

/// <summary>Which figures to compute: one employee or a group, as of a date, optionally against a target role.</summary>
public sealed record GapsRequest(GroupKind Kind, string? Key = null, DateOnly? AsOf = null, RoleCode? TargetRole = null);

/// <summary>
/// The `gaps` documents of DESIGN §10: loads the organisation as it stood on the date, computes its figures at
/// once over arrays, and selects the employee or group asked for.
/// </summary>
public sealed class GapsQuery(FiguresCache cache, BusinessCalendar calendar, IOptions<FiguresOptions> figures,
    IDbContextFactory<SkillsGapDbContext>? contexts = null)
{
    public async Task<OrganisationFigures> FiguresAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        return await cache.GetAsync(asOf ?? calendar.Today, ct);
    }

    public async Task<IGapsDocument> RunAsync(GapsRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == GroupKind.Employee && contexts is not null) return await OnePersonAsync(request, ct);
        var f = await FiguresAsync(request.AsOf, ct);
        return Build(f, request, succession: true);
    }

    /// <summary>
    /// One employee's document (<c>GET /api/employees/{id}/gaps</c>, <c>gaps --employee</c>). It costs one person: the
    /// organisation's figures when this host holds them already, else the figures of a snapshot holding only that
    /// employee and their awards (a person's gaps depend on nobody else's), never a computation of everyone.
    /// </summary>
    public async Task<EmployeeGapsDocument> EmployeeAsync(EmployeeId employee, DateOnly? asOf = null, RoleCode? targetRole = null, CancellationToken ct = default) =>
        (EmployeeGapsDocument)await RunAsync(new GapsRequest(GroupKind.Employee, employee.Value, asOf, targetRole), ct);

    private async Task<IGapsDocument> OnePersonAsync(GapsRequest request, CancellationToken ct)
    {
        var date = request.AsOf ?? calendar.Today;
        if (await cache.CachedAsync(date, ct) is { } whole) return Build(whole, request);
        EmployeeId employee;
        try
        {
            employee = new EmployeeId(request.Key ?? "");
        }
        catch (ArgumentException)
        {
            // Not an id at all: answered as the whole organisation's path answers it.
            return Build(await FiguresAsync(date, ct), request);
        }
        OrganisationSnapshot one;
        await using (var db = await contexts!.CreateDbContextAsync(ct))
            one = await new SnapshotLoader(db).LoadEmployeeAsync(employee, date, ct);
        return Build(GapEngine.Compute(one, new FigureOptions(figures.Value.ReadyThreshold, figures.Value.CountUnverified)), request);
    }

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
