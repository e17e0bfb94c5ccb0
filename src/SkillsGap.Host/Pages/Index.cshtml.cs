using Microsoft.AspNetCore.Mvc;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>The start page: sends each role to its own page.</summary>
public sealed class IndexModel : SkillsGapPageModel
{
    public IActionResult OnGet()
    {
        var viewer = Viewer;
        if (viewer is null) return Denied("Your sign-in carries no SkillsGap role.");
        if (viewer.IsHr) return Redirect("/overview");
        if (viewer.IsManager) return Redirect("/team");
        return Redirect("/badges");
    }
}
