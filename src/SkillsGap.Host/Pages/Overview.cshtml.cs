using Microsoft.AspNetCore.Mvc;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.App;
using SkillsGap.App.Gaps;
using SkillsGap.App.Jobs;
using SkillsGap.App.Models;
using SkillsGap.App.Reports;
using SkillsGap.App.Sponsorship;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Reporting;

namespace SkillsGap.Host.Pages;

/// <summary>
/// HR's organisation overview (<see cref="OrganisationOverviewQuery"/>): readiness by department, role and team
/// (sortable, least ready first), people search, the top gaps with skill names, succession and bench per role, awards
/// expiring soon by department, what to sponsor for any group, the next-badge models (and "train now"), the
/// organisation workbook and the job dashboard.
/// </summary>
public sealed class OverviewModel(OrganisationOverviewQuery overview, GapsQuery gaps, GroupInsights insights, PlanSponsorship sponsorship,
    ListModels models, BusinessCalendar calendar) : SkillsGapPageModel
{
    /// <summary>The most people a search lists.</summary>
    public const int MaxHits = 25;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>Sponsorship group: "org", "department" or "manager".</summary>
    [FromQuery(Name = "scope")]
    public string? Scope { get; set; }

    [FromQuery(Name = "department")]
    public string? Department { get; set; }

    [FromQuery(Name = "manager")]
    public string? ManagerKey { get; set; }

    [FromQuery(Name = "budget")]
    public string? Budget { get; set; }

    [FromQuery(Name = "target")]
    public bool Target { get; set; }

    /// <summary>A training job to follow on the page.</summary>
    [FromQuery(Name = "job")]
    public long? JobId { get; set; }

    public OrganisationOverview Figures { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> SkillNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> RoleTitles { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<PersonHit>? Hits { get; private set; }

    public int HitsTotal { get; private set; }

    public SuccessionDocument? Succession { get; private set; }

    public ExpiryDocument? Expiry { get; private set; }

    public SponsorshipDocument? Plan { get; private set; }

    public string? PlanError { get; private set; }

    public IReadOnlyList<ModelLine> Models { get; private set; } = [];

    public JobRecord? Job { get; private set; }

    public JobRecord? LatestTraining { get; private set; }

    public ChartSvg? Histogram { get; private set; }

    public ChartSvg? TopGapsChart { get; private set; }

    public IsoWeek Week { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromServices] JobLedger jobs, CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("The organisation overview is for HR only.");
        Figures = await overview.RunAsync(null, ct);
        var f = await gaps.FiguresAsync(Figures.AsOf, ct);
        var snapshot = f.Snapshot;
        Week = IsoWeek.Of(calendar.Today);
        RoleTitles = snapshot.Roles.GroupBy(r => r.Code.Value).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        SkillNames = snapshot.Skills.ToDictionary(s => s.Code.Value, s => PlainWords.Skill(snapshot, s.Code), StringComparer.Ordinal);
        Histogram = ReportCharts.DistributionSvg(Figures.Summary.Histogram, "Readiness of the organisation");
        TopGapsChart = ReportCharts.TopGapsSvg([.. Figures.TopGaps.Select(s => (PlainWords.SkillName(snapshot, new SkillCode(s.Skill)), s.WeightedGap))],
            "Top gaps of the organisation");
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var (hits, total) = PeopleSearch.Find(f, Search, MaxHits);
            (Hits, HitsTotal) = (hits, total);
        }
        Succession = GroupInsights.Succession(f, GroupKind.Organisation, null);
        Expiry = insights.Expiry(f, GroupInsights.Members(f, GroupKind.Organisation, null), ExpiryGrouping.Department);
        Models = await models.RunAsync(ct);
        LatestTraining = await jobs.LatestAsync(TrainModelJob.Kind, ct);
        if (JobId is long id) Job = await jobs.FindAsync(id, ct);
        if (Budget is not null)
        {
            var kind = SponsorshipDocumentBuilder.ParseScope(Scope ?? "org") ?? GroupKind.Organisation;
            var key = kind switch
            {
                GroupKind.Department => Department,
                GroupKind.Team => ManagerKey?.Trim(),
                _ => null,
            };
            (Plan, PlanError) = await SponsorshipForm.PlanAsync(sponsorship, kind, key, Budget, Target, ct);
        }
        return Page();
    }

    /// <summary>This week's organisation workbook (the report use case of <c>skillsgap report --org</c>).</summary>
    public async Task<IActionResult> OnGetWorkbookAsync([FromServices] IWeeklyReportBuilder builder, CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("The organisation workbook is for HR only.");
        var report = await builder.BuildAsync(ReportRequest.ForOrganisation(IsoWeek.Of(calendar.Today)), ct);
        return File(report.Workbook, TeamModel.WorkbookContentType, report.FileName);
    }

    /// <summary>"Train now": queues the training job (the use case of <c>skillsgap train</c>) and follows it on the page.</summary>
    public async Task<IActionResult> OnPostTrainAsync([FromServices] TrainModel train, CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("Training the model is for HR only.");
        var job = await train.QueueAsync(null, User.Identity?.Name, ct);
        return Redirect($"/overview?job={job.Id}#models-heading");
    }

    /// <summary>The status of a training job, for the page's script that follows it (hr).</summary>
    public async Task<IActionResult> OnGetJobAsync([FromServices] JobLedger jobs, long id, CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Forbid();
        var job = await jobs.FindAsync(id, ct);
        if (job is null || job.Kind != TrainModelJob.Kind) return NotFound();
        return new JsonResult(new { status = job.Status, finished = job.Finished, text = JobWords(job) });
    }

    /// <summary>A training job's state in plain words.</summary>
    public static string JobWords(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status switch
        {
            JobLedger.Queued => "Training is waiting for a worker…",
            JobLedger.Running => "Training is running; this takes a minute or two…",
            JobLedger.Succeeded => job.Result<TrainResult>() is { } r
                ? r.FallbackReason is null
                    ? $"Training finished at {Format.DateTime(job.FinishedAt ?? job.CreatedAt)}: learned from {PlainWords.Count(r.TrainingCases)} occasions someone earned a badge ({Format.Date(r.DataFrom ?? r.AsOf)} to {Format.Date(r.DataTo ?? r.AsOf)})."
                    : "Training finished, but there is too little history to learn from yet: recommendations stay ranked by how much of each gap a badge closes per hour."
                : "Training finished.",
            _ => "Training failed: " + (job.Error ?? "no reason was recorded") + ". The job dashboard has the details.",
        };
    }

    /// <summary>A trainer's name in plain words.</summary>
    public static string Method(string trainer) => trainer switch
    {
        "LightGbmRanking" => "Ranking trees",
        "FastTreeBinary" => "Boosted decision trees",
        _ => "Learned ranking",
    };
}
