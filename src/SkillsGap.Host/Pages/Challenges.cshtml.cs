using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics.Gamification;
using SkillsGap.Analytics.Insights;
using SkillsGap.App;
using SkillsGap.App.Challenges;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// Challenges for HR (every one) and managers (their teams'): each with the group's progress; for HR also the "equal
/// chance" figures by department and location. HR and managers set a new one with the form (HR for any group, a manager
/// for their own team), through <see cref="ChallengeService.CreateAsync"/>. Employees see their own challenges on "My badges".
/// </summary>
public sealed class ChallengesModel(ChallengeService challenges, EqualChanceQuery equalChance, FiguresCache figures, BusinessCalendar calendar)
    : SkillsGapPageModel
{
    public IReadOnlyList<ChallengeProgressDocument> Progress { get; private set; } = [];

    public EqualChanceReport? EqualChance { get; private set; }

    /// <summary>The groups the viewer may set a challenge for: (form value, words).</summary>
    public IReadOnlyList<(string Value, string Label)> Groups { get; private set; } = [];

    public IReadOnlyList<Skill> Skills { get; private set; } = [];

    public IReadOnlyList<Badge> Badges { get; private set; } = [];

    /// <summary>The form as posted (or its defaults).</summary>
    [BindProperty]
    public ChallengeForm Form { get; set; } = new();

    /// <summary>Why the last post was refused, in the use case's words; null when none.</summary>
    public string? Error { get; private set; }

    /// <summary>The id of the challenge just created (from the redirect), to mark it in the list.</summary>
    public long? Created { get; private set; }

    private OrganisationSnapshot? _snapshot;

    public async Task<IActionResult> OnGetAsync(long? created, CancellationToken ct)
    {
        if (Refusal() is { } refused) return refused;
        Created = created;
        var today = calendar.Today;
        Form.From ??= today;
        Form.To ??= today.AddDays(30);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Refusal() is { } refused) return refused;
        var viewer = Viewer!;
        var (scope, manager, department) = SplitGroup(Form.Group);
        var request = new ChallengeRequest(Form.Name, scope, manager, department, Form.GoalText(), Form.From, Form.To);
        try
        {
            var made = await challenges.CreateAsync(request, Caller(viewer), ct);
            return RedirectToPage(null, null, new { created = made.Id }, "challenge-" + made.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (InputRejectedException rejected)
        {
            Error = rejected.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (AccessDeniedException denied)
        {
            Error = denied.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A challenge's group in words: "Team of Jasmine Collins", the department, or "Everyone".</summary>
    public string GroupText(ChallengeDocument challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return challenge.Scope switch
        {
            "manager" => "Team of " + PersonName(challenge.ManagerId),
            "department" => challenge.Department ?? "",
            _ => "Everyone",
        };
    }

    private string PersonName(string? id)
    {
        if (ParseEmployee(id) is not EmployeeId e) return id ?? "";
        return _snapshot?.FindEmployee(e) is { } person ? PlainWords.Person(person) : e.Value;
    }

    private IActionResult? Refusal()
    {
        var viewer = Viewer;
        if (viewer is null) return Denied("Your sign-in carries no SkillsGap role.");
        if (!viewer.IsHr && !viewer.IsManager) return Denied("Challenges are set by HR and managers; yours are on your badges page.");
        return null;
    }

    private static ChallengeCaller Caller(PageViewer viewer) => new(viewer.IsHr, viewer.IsManager, viewer.Self, viewer.Self?.Value);

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = Viewer!;
        var caller = Caller(viewer);
        _snapshot = (await figures.GetAsync(calendar.Today, ct)).Snapshot;
        var list = await challenges.ListAsync(caller, ct);
        var progress = new List<ChallengeProgressDocument>();
        foreach (var c in list.Take(20)) progress.Add(await challenges.ProgressAsync(c.Id, caller, null, ct));
        Progress = progress;
        if (viewer.IsHr) EqualChance = await equalChance.RunAsync(null, 90, ct);
        Skills = [.. _snapshot.Skills.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)];
        Badges = [.. _snapshot.Badges.OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase)];
        var groups = new List<(string, string)>();
        if (viewer.IsHr)
        {
            groups.Add(("org", "Everyone"));
            foreach (var d in _snapshot.Employees.Select(e => e.Department).OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)
                         .Order(StringComparer.Ordinal))
                groups.Add(("department:" + d, "Department: " + d));
            var managers = _snapshot.Employees.Select(e => e.Manager).OfType<EmployeeId>().Distinct()
                .Select(_snapshot.FindEmployee).OfType<Employee>()
                .OrderBy(PlainWords.Person, StringComparer.CurrentCultureIgnoreCase);
            foreach (var m in managers) groups.Add(("manager:" + m.Id.Value, "Team of " + PlainWords.Person(m)));
        }
        else if (viewer.Self is EmployeeId self)
        {
            groups.Add(("manager:" + self.Value, "My team"));
        }
        Groups = groups;
    }

    private static (string? Scope, string? Manager, string? Department) SplitGroup(string? group)
    {
        var text = group ?? "";
        if (text.StartsWith("manager:", StringComparison.Ordinal)) return ("manager", text["manager:".Length..], null);
        if (text.StartsWith("department:", StringComparison.Ordinal)) return ("department", null, text["department:".Length..]);
        return (text.Length == 0 ? null : text, null, null);
    }
}

/// <summary>The challenge form's fields; the goal is put into the use case's text form (<c>points:N</c>, <c>skill:CODE:LEVEL</c>, <c>badges:A;B</c>).</summary>
public sealed class ChallengeForm
{
    public string? Name { get; set; }

    /// <summary><c>org</c>, <c>department:NAME</c> or <c>manager:ID</c>.</summary>
    public string? Group { get; set; }

    /// <summary><c>points</c>, <c>skill</c> or <c>badges</c>.</summary>
    public string? GoalKind { get; set; } = "points";

    public string? Points { get; set; }

    public string? Skill { get; set; }

    public string? Level { get; set; }

    public IList<string> Badges { get; set; } = [];

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The goal as the use case reads it; the use case checks it.</summary>
    public string GoalText() => GoalKind switch
    {
        "skill" => $"skill:{Skill?.Trim()}:{Level?.Trim()}",
        "badges" => "badges:" + string.Join(';', Badges.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim())),
        _ => $"points:{Points?.Trim()}",
    };
}
