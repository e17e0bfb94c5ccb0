using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics.Wallet;
using SkillsGap.App.Challenges;
using SkillsGap.App.Gaps;
using SkillsGap.App.Wallet;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// "My badges", the credential wallet: every award newest first with issuer, dates, state, whether it counts today,
/// skills with level names, evidence, points and the credential SkillsGap issued for it; stacks with their progress.
/// Open to the employee, their managers and HR.
/// </summary>
public sealed class BadgesModel(GapsQuery gaps, WalletQuery wallets, ChallengeService challenges, AccessRules access) : SkillsGapPageModel
{
    [FromRoute(Name = "employeeId")]
    public string? EmployeeId { get; set; }

    public DateOnly AsOf { get; private set; }

    public Employee Person { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public string RoleTitle { get; private set; } = "";

    public CredentialWallet Wallet { get; private set; } = null!;

    public IReadOnlySet<string> Issued { get; private set; } = new HashSet<string>();

    /// <summary>The challenges the person is in, with their progress and place (names in standings only of those who opted in).</summary>
    public IReadOnlyList<ChallengeProgressDocument> Challenges { get; private set; } = [];

    /// <summary>Whether the person lets their name appear in standings (shown and changed on their own page only).</summary>
    public bool OptedIn { get; private set; }

    /// <summary>Saves the viewer's own standings setting.</summary>
    public async Task<IActionResult> OnPostStandingsAsync(bool optIn, CancellationToken ct)
    {
        var viewer = Viewer;
        if (viewer?.Self is not EmployeeId self) return Denied("Only an employee can choose whether their name appears in standings.");
        if (EmployeeId is not null && ParseEmployee(EmployeeId) != self) return Denied("You may change only your own setting.");
        await challenges.SetOptInAsync(self, optIn, ct);
        return Redirect("/badges#standings-heading");
    }

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
        var view = await wallets.ViewAsync(id, f.AsOf, ct);
        Wallet = view.Wallet;
        Issued = view.Issued;
        Challenges = await challenges.OfEmployeeAsync(id, f.AsOf, ct);
        if (IsSelf) OptedIn = await challenges.IsOptedInAsync(id, ct);
        return Page();
    }
}
