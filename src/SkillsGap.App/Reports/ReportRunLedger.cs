using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Reports;

/// <summary>The values of <c>report_runs.status</c> and <c>report_runs.scope</c>.</summary>
public static class ReportRunStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public const string ManagerScope = "manager";
    public const string OrganisationScope = "org";
    public const string EmployeeScope = "employee";

    /// <summary>The stored scope of a <see cref="ReportScope"/>.</summary>
    public static string ScopeText(ReportScope scope) => scope switch
    {
        ReportScope.Manager => ManagerScope,
        ReportScope.Employee => EmployeeScope,
        _ => OrganisationScope,
    };

    /// <summary>The request a stored run stands for.</summary>
    public static ReportRequest ToRequest(string scope, string subject, string isoWeek)
    {
        if (!IsoWeek.TryParse(isoWeek, out var week)) throw new InvalidOperationException($"Report run week '{isoWeek}' is not an ISO week.");
        return scope switch
        {
            ManagerScope => ReportRequest.ForManager(new EmployeeId(subject), week),
            EmployeeScope => ReportRequest.ForEmployee(new EmployeeId(subject), week),
            _ => ReportRequest.ForOrganisation(week),
        };
    }
}

/// <summary>A run this worker holds: it alone may deliver it until its lease ends.</summary>
public sealed record ClaimedReportRun(long Id, ReportRequest Request, int Attempt, DateTimeOffset LeaseUntil);

/// <summary>
/// The report-run ledger in <c>report_runs</c>: one row per (scope, subject, ISO week), created at most once, claimed by
/// one worker at a time through a conditional UPDATE (never read-then-write), so that any number of hosts and workers
/// deliver each run at most once. All times are written in UTC, which keeps SQLite's text timestamps in order.
/// </summary>
public sealed class ReportRunLedger(IDbContextFactory<SkillsGapDbContext> contexts, TimeProvider time, IOptions<ReportOptions> options)
{
    private const int ErrorLength = 4000;

    /// <summary>
    /// Creates a pending run for each subject of <paramref name="week"/> that has none yet; returns how many it created.
    /// Safe to race: the unique key (scope, subject, iso_week) lets exactly one insert win.
    /// </summary>
    public async Task<int> EnsureRunsAsync(IsoWeek week, IReadOnlyCollection<(string Scope, string Subject)> subjects, CancellationToken ct = default)
    {
        if (subjects.Count == 0) return 0;
        var weekText = week.ToString();
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Only the missing ones are inserted, so that the frequent catch-up tick costs one read once the week exists.
        var existing = (await db.ReportRuns.AsNoTracking().Where(r => r.IsoWeek == weekText)
            .Select(r => new { r.Scope, r.Subject }).ToListAsync(ct))
            .Select(r => (r.Scope, r.Subject)).ToHashSet();
        var missing = subjects.Where(s => !existing.Contains(s)).Distinct().ToList();
        if (missing.Count == 0) return 0;

        // Counted from the ids the INSERTs return, not from rows-affected (which SET NOCOUNT can hide on SQL Server).
        return await db.Database.RunTransactionAsync(async cancel =>
        {
            var created = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            foreach (var (scope, subject) in missing)
            {
                var ids = db.Provider == DatabaseProvider.SqlServer
                    ? db.Database.SqlQuery<long>($"""
                        INSERT INTO report_runs (scope, subject, iso_week, status, attempts, created_at)
                        OUTPUT inserted.id AS [Value]
                        SELECT {scope}, {subject}, {weekText}, {ReportRunStatus.Pending}, 0, {now}
                        WHERE NOT EXISTS (SELECT 1 FROM report_runs WITH (UPDLOCK, HOLDLOCK)
                                          WHERE scope = {scope} AND subject = {subject} AND iso_week = {weekText})
                        """)
                    : db.Database.SqlQuery<long>($"""
                        INSERT INTO report_runs (scope, subject, iso_week, status, attempts, created_at)
                        VALUES ({scope}, {subject}, {weekText}, {ReportRunStatus.Pending}, 0, {now})
                        ON CONFLICT (scope, subject, iso_week) DO NOTHING
                        RETURNING id AS "Value"
                        """);
                created += (await ids.ToListAsync(cancel)).Count;
            }
            await transaction.CommitAsync(cancel);
            return created;
        }, ct);
    }

    /// <summary>Setting that names the last week whose fan-out finished, so that the frequent tick skips the roster read.</summary>
    public const string FanOutSetting = "report-fan-out-week";

    /// <summary>Whether the fan-out of <paramref name="week"/> has already been done (by any host).</summary>
    public async Task<bool> IsFannedOutAsync(IsoWeek week, CancellationToken ct = default, string setting = FanOutSetting)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var done = await db.Settings.AsNoTracking().Where(s => s.Name == setting).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return done == week.ToString();
    }

    /// <summary>Records that the fan-out of <paramref name="week"/> is done.</summary>
    public async Task MarkFannedOutAsync(IsoWeek week, CancellationToken ct = default, string setting = FanOutSetting)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.FindAsync([setting], ct);
        if (row is null) db.Settings.Add(new SettingEntity { Name = setting, Value = week.ToString(), UpdatedAt = time.GetUtcNow() });
        else
        {
            row.Value = week.ToString();
            row.UpdatedAt = time.GetUtcNow();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another host recorded the same week at the same moment.
        }
    }

    /// <summary>
    /// Returns the run of (scope, subject, week), creating it when missing, or making a delivered or failed one pending
    /// again with a fresh count of attempts (an explicit re-send); a pending or running one is left as it is.
    /// </summary>
    public async Task<long> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        var scope = ReportRunStatus.ScopeText(request.Scope);
        var subject = request.Manager?.Value ?? "";
        var week = request.Week.ToString();
        await EnsureRunsAsync(request.Week, [(scope, subject)], ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.ReportRuns.AsNoTracking()
            .Where(r => r.Scope == scope && r.Subject == subject && r.IsoWeek == week).Select(r => r.Id).SingleAsync(ct);
        await UpdatedAsync(db, "status = {0}, attempts = 0, next_attempt_at = NULL, last_error = NULL", "id = {1} AND status IN ({2}, {3})",
            [ReportRunStatus.Pending, id, ReportRunStatus.Delivered, ReportRunStatus.Failed], ct);
        return id;
    }

    /// <summary>
    /// The runs a worker may take now, oldest first: pending ones whose back-off has passed, and running ones whose
    /// lease ran out (their worker died).
    /// </summary>
    public async Task<IReadOnlyList<long>> DueRunIdsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM report_runs
            WHERE (status = {ReportRunStatus.Pending} AND (next_attempt_at IS NULL OR next_attempt_at <= {now}))
               OR (status = {ReportRunStatus.Running} AND next_attempt_at <= {now})
            ORDER BY id
            """).ToListAsync(ct);
    }

    /// <summary>
    /// The due runs (see <see cref="DueRunIdsAsync"/>) that no job stands for yet, marked as handed to the job server until
    /// <see cref="ReportOptions.QueueTimeout"/> from now, oldest first: one conditional UPDATE, so that of several hosts
    /// ticking at once each run is handed over by exactly one, once — not once per tick while it waits in the queue.
    /// </summary>
    public async Task<IReadOnlyList<long>> QueueDueRunsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Database.SqlQuery<long>(ConditionalUpdate(db.Provider, "queued_until = {0}",
            "((status = {1} AND (next_attempt_at IS NULL OR next_attempt_at <= {2})) OR (status = {3} AND next_attempt_at <= {2})) " +
            "AND (queued_until IS NULL OR queued_until <= {2})",
            [now + options.Value.QueueTimeout, ReportRunStatus.Pending, now, ReportRunStatus.Running])).ToListAsync(ct);
        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Renews the lease of a run this worker holds (its heartbeat): <see cref="ReportOptions.LeaseTimeout"/> from now.
    /// False when the claim was lost (the lease had run out and another worker took the run).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(ClaimedReportRun run, CancellationToken ct = default)
    {
        var leaseUntil = time.GetUtcNow() + options.Value.LeaseTimeout;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await UpdatedAsync(db, "next_attempt_at = {0}", "id = {1} AND status = {2} AND attempts = {3}",
            [leaseUntil, run.Id, ReportRunStatus.Running, run.Attempt], ct);
    }

    /// <summary>
    /// Takes run <paramref name="id"/> for this worker if it is due (see <see cref="DueRunIdsAsync"/>): one conditional
    /// UPDATE marks it running, counts the attempt and sets the lease; null when another worker has it, it is not yet
    /// due, or it is finished.
    /// </summary>
    public async Task<ClaimedReportRun?> TryClaimAsync(long id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.LeaseTimeout;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await UpdatedAsync(db,
            "status = {0}, attempts = attempts + 1, next_attempt_at = {1}",
            "id = {2} AND ((status = {3} AND (next_attempt_at IS NULL OR next_attempt_at <= {4})) OR (status = {0} AND next_attempt_at <= {4}))",
            [ReportRunStatus.Running, leaseUntil, id, ReportRunStatus.Pending, now], ct);
        if (!claimed) return null;
        var row = await db.ReportRuns.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Scope, r.Subject, r.IsoWeek, r.Attempts }).SingleAsync(ct);
        return new ClaimedReportRun(id, ReportRunStatus.ToRequest(row.Scope, row.Subject, row.IsoWeek), row.Attempts, leaseUntil);
    }

    /// <summary>Keeps the built workbook in the row (any host can then serve it); false when the claim was lost.</summary>
    public async Task<bool> StoreContentAsync(ClaimedReportRun run, string fileName, byte[] content, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await UpdatedAsync(db, "file_name = {0}, content = {1}", "id = {2} AND status = {3} AND attempts = {4}",
            [fileName, content, run.Id, ReportRunStatus.Running, run.Attempt], ct);
    }

    /// <summary>Marks a claimed run delivered; false when the claim was lost meanwhile (the lease ran out).</summary>
    public async Task<bool> MarkDeliveredAsync(ClaimedReportRun run, string deliveredTo, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await UpdatedAsync(db,
            "status = {0}, delivered_at = {1}, delivered_to = {2}, next_attempt_at = NULL, last_error = NULL",
            "id = {3} AND status = {4} AND attempts = {5}",
            [ReportRunStatus.Delivered, now, Truncate(deliveredTo, SkillsGapDbContext.UrlLength), run.Id, ReportRunStatus.Running, run.Attempt], ct);
    }

    /// <summary>
    /// Records a failed attempt: pending again after the back-off delay, or failed for good after the last attempt or
    /// when <paramref name="permanent"/> (retrying cannot help). Returns the status written, or null when the claim was lost.
    /// </summary>
    public async Task<string?> MarkFailedAsync(ClaimedReportRun run, string error, bool permanent, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var giveUp = permanent || run.Attempt >= options.Value.MaxAttempts;
        var status = giveUp ? ReportRunStatus.Failed : ReportRunStatus.Pending;
        DateTimeOffset? next = giveUp ? null : now + options.Value.RetryDelayAfter(run.Attempt);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The retry is scheduled as a job for that time (ReportJobs), which stands for the run until then and a while after.
        DateTimeOffset? queuedUntil = next is { } at ? at + options.Value.QueueTimeout : null;
        var updated = await UpdatedAsync(db, "status = {0}, next_attempt_at = {1}, last_error = {2}, queued_until = {6}", "id = {3} AND status = {4} AND attempts = {5}",
            [status, next, Truncate(error, ErrorLength), run.Id, ReportRunStatus.Running, run.Attempt, queuedUntil], ct);
        return updated ? status : null;
    }

    /// <summary>
    /// One conditional UPDATE of a report run (<paramref name="set"/> and <paramref name="where"/> name the values as
    /// {0}, {1}, … — they are sent as parameters); true when it changed the row. The changed row is known from the id the
    /// statement returns (OUTPUT on SQL Server, RETURNING elsewhere), never from rows-affected, which SET NOCOUNT or the
    /// server's user options can hide on SQL Server.
    /// </summary>
    internal static FormattableString ConditionalUpdate(DatabaseProvider provider, string set, string where, object?[] values) =>
        FormattableStringFactory.Create(provider == DatabaseProvider.SqlServer
            ? $"UPDATE report_runs SET {set} OUTPUT inserted.id AS [Value] WHERE {where}"
            : $"UPDATE report_runs SET {set} WHERE {where} RETURNING id AS \"Value\"", values);

    private static async Task<bool> UpdatedAsync(SkillsGapDbContext db, string set, string where, object?[] values, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>(ConditionalUpdate(db.Provider, set, where, values)).ToListAsync(ct)).Count == 1;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
