using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.Host.Endpoints;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// The sign-in page: a form that posts a token minted by <c>skillsgap token</c> to <c>/auth/signin</c> and, in demo
/// mode (the embedded default), one button per sample person and role.
/// </summary>
public sealed class SignInModel(FiguresCache figures, BusinessCalendar calendar, IOptions<AuthOptions> auth) : SkillsGapPageModel
{
    private const int PeoplePerRole = 4;

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [FromQuery(Name = "error")]
    public string? Error { get; set; }

    /// <summary>Demo sign-in (choose a person and a role): by default on the embedded SQLite default only (<c>Auth:DemoSignIn</c>).</summary>
    public bool DemoMode => auth.Value.DemoSignIn == true;

    /// <summary>The roles a demo sign-in may choose.</summary>
    public static IReadOnlyList<string> Roles { get; } = [SkillsGapClaims.Roles.Hr, SkillsGapClaims.Roles.Manager, SkillsGapClaims.Roles.Employee];

    /// <summary>What went wrong with the last attempt, in words (the sign-in endpoint sends a code).</summary>
    public string? ErrorMessage => Error switch
    {
        null or "" => null,
        "invalid-token" => "That token is not valid: it may have expired, or it was signed by another key, issuer or audience.",
        "no-role" => "That token carries no SkillsGap role (hr, manager or employee).",
        "token-required" => "Paste a token to sign in.",
        "unknown-role" => "Choose one of the roles hr, manager or employee.",
        "employee-required" => "A manager or an employee signs in with their employee id.",
        "unknown-employee" => "No one with that employee id is on the roster today.",
        _ => "The sign-in did not succeed; try again.",
    };

    public IReadOnlyList<DemoPerson> DemoPeople { get; private set; } = [];

    /// <summary>A local path to return to after sign-in; anything else becomes the start page.</summary>
    public string SafeReturnUrl => AuthEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!DemoMode) return;
        var f = await figures.GetAsync(calendar.Today, ct);
        DemoPeople = DemoPerson.Choose(f.Snapshot, PeoplePerRole);
    }
}

/// <summary>One demo sign-in choice: a sample person and the role to sign in with.</summary>
public sealed record DemoPerson(string EmployeeId, string Name, string Role, string Description)
{
    /// <summary>
    /// hr (as the first person at the top of the tree), managers with large and with smaller teams, and a few people
    /// who manage nobody.
    /// </summary>
    public static IReadOnlyList<DemoPerson> Choose(SkillsGap.Core.Figures.OrganisationSnapshot snapshot, int perRole)
    {
        var active = snapshot.Employees.Where(e => e.LeftOn is not DateOnly left || left > snapshot.AsOf).ToList();
        if (active.Count == 0) return [];
        var selector = new SkillsGap.Analytics.GroupSelector(snapshot);
        var reports = active.ToDictionary(e => e.Id, e => 0);
        foreach (var e in active)
            if (e.Manager is { } m && reports.ContainsKey(m)) reports[m]++;
        var result = new List<DemoPerson>();
        var top = active.FirstOrDefault(e => e.Manager is null) ?? active[0];
        result.Add(new DemoPerson(top.Id.Value, top.Name, SkillsGapClaims.Roles.Hr, "HR analyst: the whole organisation"));
        // Managers at two levels: the largest teams, then the first few smaller ones on the roster.
        var managers = active.Where(e => reports[e.Id] > 0 && e.Manager is not null)
            .Select(e => (Person: e, Team: selector.Team(e.Id).Length)).ToList();
        var largest = managers.OrderByDescending(x => x.Team).ThenBy(x => x.Person.Id.Value, StringComparer.Ordinal).Take(perRole / 2).ToList();
        var smaller = managers.Except(largest).OrderBy(x => x.Person.Id.Value, StringComparer.Ordinal).Take(perRole - largest.Count);
        foreach (var manager in largest.Concat(smaller))
            result.Add(new DemoPerson(manager.Person.Id.Value, manager.Person.Name, SkillsGapClaims.Roles.Manager,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Manager, {manager.Person.Role.Value}, {manager.Person.Department}: a team of {manager.Team}")));
        foreach (var person in active.Where(e => reports[e.Id] == 0).OrderBy(e => e.Id.Value, StringComparer.Ordinal).Take(perRole))
            result.Add(new DemoPerson(person.Id.Value, person.Name, SkillsGapClaims.Roles.Employee,
                $"Employee, {person.Role.Value}, {person.Department}"));
        return result;
    }
}
