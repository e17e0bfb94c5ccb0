using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsGap.Analytics;
using SkillsGap.App.Figures;
using SkillsGap.App.Jobs;
using SkillsGap.Core.Domain;
using SkillsGap.Data;

namespace SkillsGap.App.Reports;

/// <summary>
/// What a fan-out did: the occurrence it served, the week, how many subjects the roster gave and how many runs it
/// created (both 0 when that week's fan-out had already been done).
/// </summary>
public sealed record ReportFanOut(DateTimeOffset? Occurrence, IsoWeek? Week, int Subjects, int Created)
{
    public static ReportFanOut NotYetDue { get; } = new(null, null, 0, 0);
}

/// <summary>
/// The weekly fan-out: for the latest schedule occurrence at or before now, one pending run per manager (everyone still
/// employed at the week's end with someone in their team, <see cref="GroupSelector.Managers"/>) and one organisation run (when
/// <c>Reports:Organisation</c>). Idempotent: calling it again, or from two hosts at once, creates nothing more. After a
/// downtime only the latest due week is created; earlier missed weeks are not back-filled (their figures are superseded).
/// Cheap once the week is done (one settings read), so that the catch-up tick can call it too.
/// </summary>
public sealed class ScheduleReportRuns(ReportSchedule schedule, ReportRunLedger ledger, FiguresCache figures, IOptions<ReportOptions> options)
{
    public async Task<ReportFanOut> RunAsync(CancellationToken ct = default)
    {
        if (schedule.LatestDue() is not { } occurrence) return ReportFanOut.NotYetDue;
        var week = schedule.WeekOf(occurrence);
        if (await ledger.IsFannedOutAsync(week, ct)) return new ReportFanOut(occurrence, week, 0, 0);
        var (subjects, created) = await CreateForWeekAsync(week, ct);
        await ledger.MarkFannedOutAsync(week, ct);
        return new ReportFanOut(occurrence, week, subjects, created);
    }

    /// <summary>Creates the missing runs of <paramref name="week"/>; returns how many subjects it has and how many runs were new.</summary>
    public async Task<(int Subjects, int Created)> CreateForWeekAsync(IsoWeek week, CancellationToken ct = default)
    {
        var roster = (await figures.GetAsync(week.Sunday, ct)).Snapshot;
        // The managers as Analytics defines them: everyone employed whose team has someone in it.
        var subjects = new GroupSelector(roster).Managers()
            .Select(m => (ReportRunStatus.ManagerScope, roster.Employees[m.Manager].Id.Value))
            .ToList();
        if (options.Value.Organisation) subjects.Add((ReportRunStatus.OrganisationScope, ""));
        var created = await ledger.EnsureRunsAsync(week, subjects, ct);
        return (subjects.Count, created);
    }
}

/// <summary>How one delivery attempt ended for the caller.</summary>
public enum ReportDeliveryResult
{
    /// <summary>Another worker holds the run, it is not due yet, or it is finished: nothing was done.</summary>
    NotClaimed,
    Delivered,
    /// <summary>The attempt failed; the run is pending again after its back-off.</summary>
    WillRetry,
    /// <summary>The attempt failed and was the last (or cannot succeed); the run is failed.</summary>
    Failed,
    /// <summary>The lease ran out before this worker finished and another worker took the run over.</summary>
    LeaseLost,
}

/// <summary>
/// Delivers one report run: claims it (so that no other worker does), builds it with <see cref="IWeeklyReportBuilder"/>,
/// keeps the workbook in the row, sends it, and marks it delivered; on failure records the error and the back-off.
/// </summary>
public sealed class DeliverReportRun(
    ReportRunLedger ledger,
    IWeeklyReportBuilder builder,
    IReportSender sender,
    IDbContextFactory<SkillsGapDbContext> contexts,
    IOptions<ReportOptions> options,
    ILogger<DeliverReportRun> logger,
    TimeProvider? time = null,
    DeliverEmployeeDigest? digests = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<ReportDeliveryResult> RunAsync(long runId, CancellationToken ct = default)
    {
        if (await ledger.TryClaimAsync(runId, ct) is not { } run) return ReportDeliveryResult.NotClaimed;
        // The heartbeat renews the lease while this worker builds and sends; when the claim is lost (this worker stalled
        // past its lease and another took the run over) the work here is cancelled.
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var done = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(run, lost, done.Token);
        try
        {
            return await DeliverAsync(run, lost.Token, ct);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return LeaseLost(run);
        }
        finally
        {
            await done.CancelAsync();
            await heartbeat;
        }
    }

    private async Task HeartbeatAsync(ClaimedReportRun run, CancellationTokenSource lost, CancellationToken done)
    {
        // A periodic timer remembers a tick that falls while the renewal before it is still running: none is lost.
        using var timer = new PeriodicTimer(options.Value.LeaseTimeout / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                if (!await ledger.RenewLeaseAsync(run, done))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The delivery finished.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database did not answer: the lease may run out; the conditional writes below then find the claim lost.
            logger.LogWarning(e, "Report run {RunId}: renewing the lease failed.", run.Id);
        }
    }

    private async Task<ReportDeliveryResult> DeliverAsync(ClaimedReportRun run, CancellationToken work, CancellationToken ct)
    {
        try
        {
            if (run.Request.Scope == ReportScope.Employee)
            {
                // An employee's digest: the same ledger, claim, lease and back-off; its own message.
                var sent = await (digests ?? throw new PermanentDeliveryException("Employee digests are not set up on this host.")).DeliverAsync(run, work);
                if (sent is null || !await ledger.MarkDeliveredAsync(run, sent, work)) return LeaseLost(run);
                return ReportDeliveryResult.Delivered;
            }
            var recipients = await RecipientsAsync(run.Request, work);
            var report = await builder.BuildAsync(run.Request, work);
            if (!await ledger.StoreContentAsync(run, report.FileName, report.Workbook, work)) return LeaseLost(run);
            var deliveredTo = await sender.SendAsync(report, recipients, work);
            if (!await ledger.MarkDeliveredAsync(run, deliveredTo, ct)) return LeaseLost(run);
            logger.LogInformation("Report run {RunId} ({Scope} {Subject} {Week}) delivered to {DeliveredTo}.",
                run.Id, run.Request.Scope, run.Request.Manager, run.Request.Week, deliveredTo);
            return ReportDeliveryResult.Delivered;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // Shutting down (the lease runs out and another worker, or this host after restart, takes the run over), or
            // the claim was lost: the caller tells which.
            throw;
        }
        catch (Exception e)
        {
            var permanent = e is PermanentDeliveryException or NotFoundException;
            var status = await ledger.MarkFailedAsync(run, $"{e.GetType().Name}: {e.Message}", permanent, CancellationToken.None);
            logger.LogWarning(e, "Report run {RunId} attempt {Attempt} failed; now {Status}.", run.Id, run.Attempt, status);
            return status switch
            {
                ReportRunStatus.Pending => ReportDeliveryResult.WillRetry,
                ReportRunStatus.Failed => ReportDeliveryResult.Failed,
                _ => ReportDeliveryResult.LeaseLost,
            };
        }
    }

    /// <summary>Delivers every due run in turn (the catch-up without a job server); returns each run's result.</summary>
    public async Task<IReadOnlyDictionary<long, ReportDeliveryResult>> RunDueAsync(CancellationToken ct = default)
    {
        var results = new Dictionary<long, ReportDeliveryResult>();
        foreach (var id in await ledger.DueRunIdsAsync(ct))
            results[id] = await RunAsync(id, ct);
        return results;
    }

    private ReportDeliveryResult LeaseLost(ClaimedReportRun run)
    {
        logger.LogWarning("Report run {RunId} attempt {Attempt} outlived its lease; another worker has it.", run.Id, run.Attempt);
        return ReportDeliveryResult.LeaseLost;
    }

    private async Task<ReportRecipients> RecipientsAsync(ReportRequest request, CancellationToken ct)
    {
        if (request.Scope == ReportScope.Organisation)
            return new ReportRecipients("HR", options.Value.HrRecipients);
        var id = request.Manager!.Value.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var manager = await db.Employees.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.Email }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Manager '{id}' is not on the roster.");
        if (sender.NeedsAddresses && string.IsNullOrWhiteSpace(manager.Email))
            throw new PermanentDeliveryException($"Manager '{id}' has no e-mail address on the roster.");
        return new ReportRecipients(manager.Name, string.IsNullOrWhiteSpace(manager.Email) ? [] : [manager.Email]);
    }
}

/// <summary>
/// A report run asked for now (<c>POST /api/reports/runs</c>): the run of (scope, subject, week) is created — or a
/// delivered or failed one made pending again — and handed to a worker, which delivers it with <see cref="DeliverReportRun"/>.
/// </summary>
public sealed class RequestReportRun(ReportRunLedger ledger, ReportRunQuery runs, FiguresCache figures, BusinessCalendar calendar,
    IBackgroundWork background)
{
    /// <summary>Requests the run; a manager who is not on the roster today is <see cref="NotFoundException"/>.</summary>
    public async Task<ReportRunView> RunAsync(ReportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == ReportScope.Manager)
        {
            var today = await figures.GetAsync(calendar.Today, ct);
            if (request.Manager is not { } manager || today.Snapshot.FindEmployee(manager) is null)
                throw new NotFoundException($"Manager '{request.Manager}' is not on the roster.");
        }
        var id = await ledger.RequestAsync(request, ct);
        await background.EnqueueReportDeliveryAsync(id, ct);
        return await runs.FindAsync(id, ct) ?? throw new InvalidOperationException($"Report run {id} vanished.");
    }
}

/// <summary>A report run as the API shows it.</summary>
public sealed record ReportRunView(
    long Id,
    string Scope,
    string? ManagerId,
    string Week,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? DeliveredTo,
    string? LastError,
    string? FileName);

/// <summary>Reads report runs for the API and the CLI.</summary>
public sealed class ReportRunQuery(IDbContextFactory<SkillsGapDbContext> contexts)
{
    /// <summary>The run; <see cref="NotFoundException"/> when there is none with that id.</summary>
    public async Task<ReportRunView> GetAsync(long id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new NotFoundException($"Report run {id} does not exist.");

    /// <summary>The run, or null when there is none with that id.</summary>
    public async Task<ReportRunView?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await db.ReportRuns.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Id, r.Scope, r.Subject, r.IsoWeek, r.Status, r.Attempts, r.CreatedAt, r.NextAttemptAt, r.DeliveredAt, r.DeliveredTo, r.LastError, r.FileName })
            .SingleOrDefaultAsync(ct);
        return r is null ? null : new ReportRunView(r.Id, r.Scope, r.Scope == ReportRunStatus.ManagerScope ? r.Subject : null, r.IsoWeek, r.Status,
            r.Attempts, r.CreatedAt, r.NextAttemptAt, r.DeliveredAt, r.DeliveredTo, r.LastError, r.FileName);
    }
}
