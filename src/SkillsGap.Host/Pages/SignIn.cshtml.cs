using Microsoft.AspNetCore.Mvc;
using SkillsGap.App.Setup;
using SkillsGap.Host.Endpoints;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// The sign-in page: a form that posts a token minted by <c>skillsgap token</c> to <c>/auth/signin</c> and, in demo
/// mode (the embedded default), one button per sample person and role.
/// </summary>
public sealed class SignInModel(DemoPeople demo, DemoSignInGate gate) : SkillsGapPageModel
{
    private const int PeoplePerRole = 4;

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [FromQuery(Name = "error")]
    public string? Error { get; set; }

    /// <summary>Demo sign-in (choose a person and a role): only with <c>Host:DemoSignIn</c> on a host listening on loopback alone.</summary>
    public bool DemoMode { get; private set; }

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
        "not-a-manager" => "Only someone who manages a team today signs in as a manager.",
        _ => "The sign-in did not succeed; try again.",
    };

    public IReadOnlyList<DemoPerson> DemoPeople { get; private set; } = [];

    /// <summary>A local path to return to after sign-in; anything else becomes the start page.</summary>
    public string SafeReturnUrl => AuthEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    public async Task OnGetAsync(CancellationToken ct)
    {
        DemoMode = gate.AllowsRequest(HttpContext);
        if (!DemoMode) return;
        DemoPeople = await demo.RunAsync(PeoplePerRole, ct);
    }
}
