using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics.Progress;
using SkillsGap.App.Gaps;
using SkillsGap.App.Progress;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// "Next badges": the badges to earn next (those that close a gap or renew an expiring award first, those popular with
/// peers apart), the journey toward the role and target role as progress, and each requirement with level names.
/// Open to the employee, their managers and HR.
/// </summary>
public sealed class NextModel(GapsQuery gaps, RecommendQuery recommend, JourneyQuery journeys, AccessRules access) : SkillsGapPageModel
{
    private const int NextBadgeCount = 5;

    [FromRoute(Name = "employeeId")]
    public string? EmployeeId { get; set; }

    public DateOnly AsOf { get; private set; }

    public Employee Person { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public string RoleTitle { get; private set; } = "";

    public RecommendationsDocument NextBadges { get; private set; } = null!;

    public Journey Journey { get; private set; } = null!;

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
        RoleTitle = f.Snapshot.FindRole(person.Role)?.Title ?? person.Role.Value;
        Journey = await journeys.RunAsync(id, null, f.AsOf, ct);
        NextBadges = await recommend.RunAsync(id, NextBadgeCount, f.AsOf, ct);
        return Page();
    }
}
