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

        var created = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (scope, subject) in missing)
        {
            created += db.Provider == DatabaseProvider.SqlServer
                ? await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO report_runs (scope, subject, iso_week, status, attempts, created_at)
                    SELECT {scope}, {subject}, {weekText}, {ReportRunStatus.Pending}, 0, {now}
                    WHERE NOT EXISTS (SELECT 1 FROM report_runs WITH (UPDLOCK, HOLDLOCK)
                                      WHERE scope = {scope} AND subject = {subject} AND iso_week = {weekText})
                    """, ct)
                : await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO report_runs (scope, subject, iso_week, status, attempts, created_at)
                    VALUES ({scope}, {subject}, {weekText}, {ReportRunStatus.Pending}, 0, {now})
                    ON CONFLICT (scope, subject, iso_week) DO NOTHING
                    """, ct);
        }
        await transaction.CommitAsync(ct);
        return created;
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
        await db.Database.ExecuteSqlAsync($"""
            UPDATE report_runs SET status = {ReportRunStatus.Pending}, attempts = 0, next_attempt_at = NULL, last_error = NULL
            WHERE id = {id} AND status IN ({ReportRunStatus.Delivered}, {ReportRunStatus.Failed})
            """, ct);
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
    /// Takes run <paramref name="id"/> for this worker if it is due (see <see cref="DueRunIdsAsync"/>): one conditional
    /// UPDATE marks it running, counts the attempt and sets the lease; null when another worker has it, it is not yet
    /// due, or it is finished.
    /// </summary>
    public async Task<ClaimedReportRun?> TryClaimAsync(long id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.LeaseTimeout;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE report_runs SET status = {ReportRunStatus.Running}, attempts = attempts + 1, next_attempt_at = {leaseUntil}
            WHERE id = {id}
              AND ((status = {ReportRunStatus.Pending} AND (next_attempt_at IS NULL OR next_attempt_at <= {now}))
                OR (status = {ReportRunStatus.Running} AND next_attempt_at <= {now}))
            """, ct);
        if (claimed == 0) return null;
        var row = await db.ReportRuns.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Scope, r.Subject, r.IsoWeek, r.Attempts }).SingleAsync(ct);
        return new ClaimedReportRun(id, ReportRunStatus.ToRequest(row.Scope, row.Subject, row.IsoWeek), row.Attempts, leaseUntil);
    }

    /// <summary>Keeps the built workbook in the row (any host can then serve it); false when the claim was lost.</summary>
    public async Task<bool> StoreContentAsync(ClaimedReportRun run, string fileName, byte[] content, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE report_runs SET file_name = {fileName}, content = {content}
            WHERE id = {run.Id} AND status = {ReportRunStatus.Running} AND attempts = {run.Attempt}
            """, ct) == 1;
    }

    /// <summary>Marks a claimed run delivered; false when the claim was lost meanwhile (the lease ran out).</summary>
    public async Task<bool> MarkDeliveredAsync(ClaimedReportRun run, string deliveredTo, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE report_runs SET status = {ReportRunStatus.Delivered}, delivered_at = {now}, delivered_to = {Truncate(deliveredTo, SkillsGapDbContext.UrlLength)},
                                   next_attempt_at = NULL, last_error = NULL
            WHERE id = {run.Id} AND status = {ReportRunStatus.Running} AND attempts = {run.Attempt}
            """, ct) == 1;
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
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE report_runs SET status = {status}, next_attempt_at = {next}, last_error = {Truncate(error, ErrorLength)}
            WHERE id = {run.Id} AND status = {ReportRunStatus.Running} AND attempts = {run.Attempt}
            """, ct);
        return updated == 1 ? status : null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
