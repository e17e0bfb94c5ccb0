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
        if (viewer.IsManager && viewer.Self is not null) return Redirect("/team");
        if (viewer.Self is not null) return Redirect("/badges");
        return Denied("Your sign-in names no employee, so there is no page of your own to show.");
    }
}
