using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics.Gamification;
using SkillsGap.App.Challenges;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// Challenges for HR (every one) and managers (their teams'): each with the group's progress; for HR also the "equal
/// chance" figures by department and location. Employees see their own challenges on "My badges".
/// </summary>
public sealed class ChallengesModel(ChallengeService challenges, EqualChanceQuery equalChance) : SkillsGapPageModel
{
    public IReadOnlyList<ChallengeProgressDocument> Progress { get; private set; } = [];

    public EqualChanceReport? EqualChance { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer;
        if (viewer is null) return Denied("Your sign-in carries no SkillsGap role.");
        if (!viewer.IsHr && !viewer.IsManager) return Denied("Challenges are set by HR and managers; yours are on your badges page.");
        var caller = new ChallengeCaller(viewer.IsHr, viewer.IsManager, viewer.Self);
        var list = await challenges.ListAsync(caller, ct);
        var progress = new List<ChallengeProgressDocument>();
        foreach (var c in list.Take(20)) progress.Add(await challenges.ProgressAsync(c.Id, caller, null, ct));
        Progress = progress;
        if (viewer.IsHr) EqualChance = await equalChance.RunAsync(null, 90, ct);
        return Page();
    }
}
