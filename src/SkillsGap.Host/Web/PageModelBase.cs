using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsGap.Core.Domain;

namespace SkillsGap.Host.Web;

/// <summary>A page whose model knows its viewer and can answer 403 with the page's own layout.</summary>
public abstract class SkillsGapPageModel : PageModel
{
    /// <summary>Why the page was refused (then the page shows only that, with status 403); null when allowed.</summary>
    public string? Denial { get; private set; }

    /// <summary>The signed-in viewer; null when the cookie names no known role.</summary>
    protected PageViewer? Viewer => PageViewer.From(User);

    /// <summary>The page, rendered as a 403 that says why.</summary>
    protected IActionResult Denied(string reason)
    {
        Denial = reason;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>A 404 page for an id that is not on the roster (or not a valid id).</summary>
    protected IActionResult Missing(string reason)
    {
        Denial = reason;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>An employee id from a route or form value, or null when the text is not a valid id.</summary>
    protected static EmployeeId? ParseEmployee(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return new EmployeeId(text.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
