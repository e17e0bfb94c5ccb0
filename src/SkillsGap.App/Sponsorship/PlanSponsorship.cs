using System.Globalization;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.App.Gaps;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Sponsorship;

namespace SkillsGap.App.Sponsorship;

/// <summary>
/// What to plan: a manager's team (<paramref name="Kind"/> <see cref="GroupKind.Team"/>, <paramref name="Key"/> the
/// manager's id), a department (its name) or the organisation; the budget in hours; whether gaps are measured against
/// target roles; the figures' date (default today); an optional fixed cost per badge in hours.
/// </summary>
public sealed record SponsorshipAsk(GroupKind Kind, string? Key, decimal BudgetHours, bool Target = false, DateOnly? AsOf = null,
    decimal CostPerBadge = 0m);

/// <summary>
/// The sponsorship planner as one use case (DESIGN §3 "Sponsorship planner"; <c>skillsgap sponsor</c>,
/// <c>POST /api/sponsorship</c> and the team and overview pages): checks the ask, selects the group from the cached
/// figures and returns the <c>sponsor --format json</c> document.
/// </summary>
/// <remarks>
/// The planner is CPU work that takes seconds for a very large group (about 10–30 s at 100,000 people, README
/// "Performance"). It never runs on the caller's thread: it runs on the thread pool, one plan at a time per process
/// (<see cref="MaxConcurrentPlans"/>), so that a burst of requests cannot take every core; waiting for the turn honours
/// cancellation. Groups above <see cref="LargeGroup"/> people get a cheaper search (<see cref="LargeGroupOptions"/>):
/// the answer is then more often "within N of the best possible" than proven best.
/// </remarks>
public sealed class PlanSponsorship(GapsQuery gaps, Audit.AuditLog audit)
{
    /// <summary>The largest budget accepted, in hours.</summary>
    public const decimal MaxBudgetHours = 10_000_000m;

    /// <summary>Plans computed at the same time in one process.</summary>
    public const int MaxConcurrentPlans = 1;

    /// <summary>People in a group above which the search is made cheaper.</summary>
    public const int LargeGroup = 20_000;

    /// <summary>The search limits for a group above <see cref="LargeGroup"/> people.</summary>
    public static SponsorshipOptions LargeGroupOptions { get; } = new(EnumerationLimit: 100_000, PersonEnumerationLimit: 20_000,
        SearchNodeLimit: 100_000, BoundNodeLimit: 200_000, BoundEvaluations: 6);

    private static readonly SemaphoreSlim Turn = new(MaxConcurrentPlans, MaxConcurrentPlans);

    public async Task<SponsorshipDocument> RunAsync(SponsorshipAsk ask, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ask);
        Check(ask);
        var f = await gaps.FiguresAsync(ask.AsOf, ct);
        int[] members;
        var key = ask.Kind == GroupKind.Organisation ? null : ask.Key?.Trim();
        try
        {
            members = new GroupSelector(f.Snapshot).Select(ask.Kind, key);
        }
        catch (KeyNotFoundException missing)
        {
            throw new NotFoundException(missing.Message);
        }
        var options = members.Length > LargeGroup ? LargeGroupOptions : SponsorshipOptions.Default;
        var request = new SponsorshipRequest(ask.BudgetHours, ask.Target, ask.CostPerBadge);
        SponsorshipDocument document;
        await Turn.WaitAsync(ct);
        try
        {
            var plan = await Task.Run(() => SponsorshipPlanner.Plan(f, members, request, options), ct);
            document = SponsorshipDocumentBuilder.From(f, ask.Kind, key, plan);
        }
        finally
        {
            Turn.Release();
        }
        // Who planned what for whom, with which budget and how much of it the plan uses (the audit log, GET /api/audit).
        var subject = key is null ? document.Scope : $"{document.Scope} {key}";
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"budget {document.BudgetHours} h, {document.HoursUsed} h used, {document.Choices.Count} badge(s), {document.People} people, as of {document.AsOf:yyyy-MM-dd}");
        await audit.RecordAsync(Audit.AuditActions.Sponsor, subject, detail, ct);
        return document;
    }

    /// <summary>Rejects (400 / exit 2) a budget that is not a positive number of hours up to <see cref="MaxBudgetHours"/>, a negative cost per badge, or a group without its key.</summary>
    public static void Check(SponsorshipAsk ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        if (ask.Kind is not (GroupKind.Team or GroupKind.Department or GroupKind.Organisation))
            throw new InputRejectedException("Sponsorship is planned for a manager's team, a department or the whole organisation.");
        if (ask.Kind != GroupKind.Organisation && string.IsNullOrWhiteSpace(ask.Key))
            throw new InputRejectedException(ask.Kind == GroupKind.Team ? "Name the manager whose team to plan for." : "Name the department to plan for.");
        if (ask.BudgetHours <= 0m)
            throw new InputRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The budget must be a positive number of hours; {ask.BudgetHours} was given."));
        if (ask.BudgetHours > MaxBudgetHours)
            throw new InputRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The budget of {ask.BudgetHours} hours is more than the {MaxBudgetHours:#,0} hours the planner accepts."));
        if (ask.CostPerBadge < 0m)
            throw new InputRejectedException("The cost per badge must not be negative.");
    }
}
