using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SkillsGap.App;
using SkillsGap.App.Issuing;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages.Ob;

/// <summary>
/// The public verification page of one credential, <c>/ob/credentials/{id}</c>: anonymous; the verdict, the badge with
/// its picture, the holder's name and the dates — nothing else about the person. With <c>Accept: application/json</c>
/// the same as JSON (<see cref="PublicCredentialDocument"/>). Signed in as the holder, it adds LinkedIn's "add to
/// profile" link and the downloads; as one who may read the holder (their managers, hr), the downloads.
/// </summary>
[AllowAnonymous]
public sealed class CredentialModel(CredentialVerdicts verdicts, CredentialDownloads downloads, AccessRules access) : SkillsGapPageModel
{
    [FromRoute(Name = "id")]
    public string? Id { get; set; }

    public PublicCredentialDocument Credential { get; private set; } = null!;

    /// <summary>The signed-in viewer is the holder.</summary>
    public bool IsHolder { get; private set; }

    /// <summary>The signed-in viewer may download it (the holder, their managers, hr).</summary>
    public bool CanDownload { get; private set; }

    public string DownloadPath(string format) => CredentialLinks.DownloadPath(Credential.Credential, format);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PublicCredentialDocument? found;
        try
        {
            found = string.IsNullOrWhiteSpace(Id) ? null : await verdicts.FindAsync(Id, ct);
        }
        catch (IssuerNotConfiguredException)
        {
            found = null;
        }
        if (WantsJson())
        {
            if (found is null) throw new NotFoundException($"No credential {Id} was issued here.");
            return new JsonResult(found, DocumentJson.Options);
        }
        if (found is null) return Missing("No credential with this address was issued here. Check the link you were given.");
        Credential = found;
        if (PageViewer.From(User) is { } viewer && await downloads.FindAsync(found.Credential, ct) is { } stored)
        {
            var holder = new EmployeeId(stored.Employee);
            IsHolder = viewer.Self == holder;
            CanDownload = await access.CanReadEmployeeAsync(User, holder, ct);
        }
        return Page();
    }

    private bool WantsJson()
    {
        var accept = Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
