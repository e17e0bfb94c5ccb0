using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics;
using SkillsGap.App.Gaps;
using SkillsGap.App.Pathways;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// "My badges": an employee's gaps against their role (and target role), the next badges to earn with reasons, and
/// the pathways to both roles. Open to the employee, their managers and HR.
/// </summary>
public sealed class BadgesModel(GapsQuery gaps, RecommendQuery recommend, PathwayQuery pathways, AccessRules access) : SkillsGapPageModel
{
    private const int NextBadgeCount = 5;

    [FromRoute(Name = "employeeId")]
    public string? EmployeeId { get; set; }

    public DateOnly AsOf { get; private set; }

    public Employee Person { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public EmployeeGaps RoleGaps { get; private set; } = null!;

    public EmployeeGaps? TargetGaps { get; private set; }

    public RecommendationsDocument NextBadges { get; private set; } = null!;

    public Pathway RolePathway { get; private set; } = null!;

    public Pathway? TargetPathway { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer;
        if (viewer is null) return Denied("Your sign-in carries no SkillsGap role.");
        EmployeeId? who = EmployeeId is null ? viewer.Self : ParseEmployee(EmployeeId);
        if (who is not EmployeeId id)
            return EmployeeId is null ? Redirect(viewer.IsHr ? "/overview" : "/signin") : Missing("That is not an employee id.");
        var f = await gaps.FiguresAsync(null, ct);
        if (!await access.CanReadEmployeeAsync(User, id, ct)) return Denied("You may see only your own badges and those of the people you manage.");
        if (f.Snapshot.FindEmployee(id) is not { } person) return Missing($"Employee {id} is not on the roster on {Format.Date(f.AsOf)}.");

        AsOf = f.AsOf;
        Person = person;
        IsSelf = viewer.Self == id;
        RoleGaps = gaps.Build(f, new GapsRequest(GroupKind.Employee, id.Value)).Employees[0];
        RolePathway = await pathways.RunAsync(id, null, f.AsOf, ct);
        if (person.TargetRole is RoleCode target && target != person.Role && f.Snapshot.RoleIndex(target) >= 0)
        {
            TargetGaps = gaps.Build(f, new GapsRequest(GroupKind.Employee, id.Value, f.AsOf, target)).Employees[0];
            TargetPathway = await pathways.RunAsync(id, target, f.AsOf, ct);
        }
        NextBadges = await recommend.RunAsync(id, NextBadgeCount, f.AsOf, ct);
        return Page();
    }
}
