using System.Text;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Audit;

/// <summary>The actions the audit log records (the <c>action</c> column).</summary>
public static class AuditActions
{
    public const string Import = "import";
    public const string Delete = "delete";
    public const string Train = "train";
    public const string Issue = "issue";
    public const string Revoke = "revoke";
    public const string Sponsor = "sponsor";
    public const string CreateChallenge = "challenge.create";
    public const string DemoSignIn = "signin.demo";
}

/// <summary>
/// Who is acting in this scope, for the audit log: the host sets it from the signed-in user on each request, a
/// background job from the job's requester; otherwise (the CLI) it is <c>cli:</c> and the operating-system user.
/// </summary>
public sealed class AuditActor
{
    /// <summary>The actor of a command-line run.</summary>
    public static string CommandLine { get; } = "cli:" + Environment.UserName;

    public string Name { get; set; } = CommandLine;
}

/// <summary>One audit entry as the API and the CLI show it.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);

/// <summary>One page of the audit log, newest first: <paramref name="Total"/> entries in all.</summary>
public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditEntry> Entries);

/// <summary>
/// The audit log (<c>audit_log</c>): who imported, deleted, trained, issued, revoked, sponsored, created challenges or
/// signed in as a demo person, and when. Use cases call <see cref="RecordAsync(string, string, string?, CancellationToken)"/>
/// after their work (or add <see cref="Entry"/> to their own transaction, so that the entry commits with it);
/// <c>GET /api/audit</c> (hr) and <c>skillsgap audit</c> read it through <see cref="ListAsync"/>. Text is cut to the
/// column sizes and control characters become spaces, so an entry can neither fail nor forge a line.
/// </summary>
public sealed class AuditLog(IDbContextFactory<SkillsGapDbContext> contexts, AuditActor actor, BusinessCalendar calendar)
{
    public const int MaxPageSize = 500;

    /// <summary>Records that the scope's actor did <paramref name="action"/> to <paramref name="subject"/>.</summary>
    public Task RecordAsync(string action, string subject, string? detail, CancellationToken ct = default) =>
        RecordAsync(actor.Name, action, subject, detail, ct);

    /// <summary>Records that <paramref name="who"/> did <paramref name="action"/> to <paramref name="subject"/>.</summary>
    public async Task RecordAsync(string who, string action, string subject, string? detail, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditLog.Add(Entry(who, action, subject, detail));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An entry by the scope's actor, to add to a transaction of the caller's.</summary>
    public AuditEntryEntity Entry(string action, string subject, string? detail) => Entry(actor.Name, action, subject, detail);

    private AuditEntryEntity Entry(string who, string action, string subject, string? detail) => new()
    {
        At = calendar.Now,
        Actor = Clean(string.IsNullOrWhiteSpace(who) ? "unknown" : who, SkillsGapDbContext.NameLength),
        Action = Clean(action, 50),
        Subject = Clean(subject ?? "", SkillsGapDbContext.NameLength),
        Detail = detail is null ? null : Clean(detail, SkillsGapDbContext.AuditDetailLength),
    };

    /// <summary>Page <paramref name="page"/> (from 1) of the log, newest first.</summary>
    public async Task<AuditPage> ListAsync(int page = 1, int pageSize = 50, string? action = null, CancellationToken ct = default)
    {
        if (page < 1) throw new InputRejectedException("page must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) throw new InputRejectedException($"pageSize must be between 1 and {MaxPageSize}.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(action)) query = query.Where(e => e.Action == action);
        var total = await query.CountAsync(ct);
        // Newest first; the id breaks ties between entries of one instant (and SQLite cannot order by DateTimeOffset).
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(page, pageSize, total, [.. rows.Select(r => new AuditEntry(r.Id, r.At, r.Actor, r.Action, r.Subject, r.Detail))]);
    }

    private static string Clean(string text, int max)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (builder.Length == max) break;
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString();
    }
}
