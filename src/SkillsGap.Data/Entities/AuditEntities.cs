namespace SkillsGap.Data.Entities;

/// <summary>Row of <c>audit_log</c>: who did what to what, when (imports, deletions, training, issuing, revoking, demo sign-in, …).</summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who: an employee id, a token's name, <c>cli:user</c>, or a job's requester.</summary>
    public string Actor { get; set; } = "";
    /// <summary>What, one of <c>SkillsGap.App.Audit.AuditActions</c> (<c>import</c>, <c>train</c>, <c>issue</c>, …).</summary>
    public string Action { get; set; } = "";
    /// <summary>To what: a file, a credential id, an employee id, a model id.</summary>
    public string Subject { get; set; } = "";
    /// <summary>Counts, reasons, roles: plain words.</summary>
    public string? Detail { get; set; }
}
