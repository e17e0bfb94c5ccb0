namespace SkillsGap.Data.Entities;

/// <summary>Row of <c>skills</c>.</summary>
public sealed class SkillEntity
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Category { get; set; }
    public string? Description { get; set; }
    /// <summary>The aliases as a JSON array of strings.</summary>
    public string Aliases { get; set; } = "[]";
}

/// <summary>Row of <c>role_versions</c>: one version of a role framework.</summary>
public sealed class RoleVersionEntity
{
    public int Id { get; set; }
    public string RoleCode { get; set; } = "";
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string? Family { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public List<RoleRequirementEntity> Requirements { get; set; } = [];
}

/// <summary>Row of <c>role_requirements</c>: a skill that a role version requires.</summary>
public sealed class RoleRequirementEntity
{
    public int RoleVersionId { get; set; }
    public string SkillCode { get; set; } = "";
    public int RequiredLevel { get; set; }
    public int Weight { get; set; }
    public bool Critical { get; set; }
}

/// <summary>Row of <c>badges</c>.</summary>
public sealed class BadgeEntity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Issuer { get; set; }
    public decimal Hours { get; set; }
    public int? ValidMonths { get; set; }
    public string? StackId { get; set; }
    public bool NeedsReview { get; set; }
    public List<BadgeSkillEntity> Skills { get; set; } = [];
    public List<BadgePrerequisiteEntity> Prerequisites { get; set; } = [];
}

/// <summary>Row of <c>badge_skills</c>: a skill a badge attests, at a level.</summary>
public sealed class BadgeSkillEntity
{
    public string BadgeId { get; set; } = "";
    public string SkillCode { get; set; } = "";
    public int Level { get; set; }
}

/// <summary>
/// Row of <c>badge_prerequisites</c>: one alternative of one all-of group. Every group must be met; a group is met by
/// any of its alternatives.
/// </summary>
public sealed class BadgePrerequisiteEntity
{
    public string BadgeId { get; set; } = "";
    public int GroupNo { get; set; }
    public int Position { get; set; }
    public string AlternativeBadgeId { get; set; } = "";
}

/// <summary>Row of <c>employees</c>: who a person is. What changes over time is in <see cref="EmployeeHistoryEntity"/>.</summary>
public sealed class EmployeeEntity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
}

/// <summary>Row of <c>employee_history</c>: an employee's role, manager and place from a date until the next row.</summary>
public sealed class EmployeeHistoryEntity
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public DateOnly EffectiveFrom { get; set; }
    public string RoleCode { get; set; } = "";
    public string? ManagerId { get; set; }
    public string? Department { get; set; }
    public string? Location { get; set; }
    public string? TargetRoleCode { get; set; }
    public DateOnly? LeftOn { get; set; }
}

/// <summary>Row of <c>awards</c>: an earned badge, keyed by (employee, badge, issued on).</summary>
public sealed class AwardEntity
{
    public long Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public string BadgeId { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? EvidenceUrl { get; set; }
    public int State { get; set; }
    public int? AchievedLevel { get; set; }
    public string? CredentialId { get; set; }
    public string? Source { get; set; }
}

/// <summary>Row of <c>imports</c>: one import run, its outcome and its row errors.</summary>
public sealed class ImportEntity
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public bool DryRun { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string Status { get; set; } = "";
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The row errors as a JSON array.</summary>
    public string? ErrorsJson { get; set; }
}

/// <summary>Row of <c>settings</c>: shared key/value state (e.g. the host's signing key).</summary>
public sealed class SettingEntity
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Row of <c>models</c>: a trained next-badge model (zip bytes) with its metadata; the newest row is the one in use.</summary>
public sealed class ModelEntity
{
    public long Id { get; set; }
    /// <summary>What the model is for, e.g. <c>next-badge</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Model format version written by the trainer.</summary>
    public string Version { get; set; } = "";
    /// <summary>Trainer kept after comparison, e.g. <c>LightGbmRanking</c>.</summary>
    public string Trainer { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>First and last award day of the training window.</summary>
    public DateOnly DataFrom { get; set; }
    public DateOnly DataUntil { get; set; }
    public int TrainingCases { get; set; }
    /// <summary>Validation metrics and every other metadata field as JSON.</summary>
    public string MetadataJson { get; set; } = "";
    /// <summary>The ML.NET model zip.</summary>
    public byte[] Content { get; set; } = [];
}

/// <summary>Row of <c>report_runs</c>: one weekly report for one manager (or the organisation) and ISO week; delivered at most once.</summary>
public sealed class ReportRunEntity
{
    public long Id { get; set; }
    /// <summary><c>manager</c> or <c>org</c>.</summary>
    public string Scope { get; set; } = "";
    /// <summary>The manager's employee id; empty for the organisation report.</summary>
    public string Subject { get; set; } = "";
    /// <summary>ISO week, <c>2026-W48</c>.</summary>
    public string IsoWeek { get; set; } = "";
    /// <summary><c>pending</c>, <c>running</c>, <c>delivered</c>, <c>failed</c> (gave up after the last attempt).</summary>
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Pending: when it may be tried (after a back-off). Running: when the lease of the worker that holds it ends.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>
    /// Until when a delivery job handed to the job server stands for this run: the catch-up tick queues a due run only
    /// when this is empty or past, so that a run waits in the queue once, not once per tick.
    /// </summary>
    public DateTimeOffset? QueuedUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>Where it went: <c>folder</c> or <c>smtp</c>, and the path or recipients.</summary>
    public string? DeliveredTo { get; set; }
    public string? LastError { get; set; }
    public string? FileName { get; set; }
    /// <summary>The workbook, kept so that any host can serve it for download.</summary>
    public byte[]? Content { get; set; }
}

/// <summary>Row of <c>jobs</c>: long work started from the API (large imports, training) and its status.</summary>
public sealed class JobEntity
{
    public long Id { get; set; }
    /// <summary><c>import</c>, <c>train</c>, …</summary>
    public string Kind { get; set; } = "";
    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public string Status { get; set; } = "";
    /// <summary>Who asked (the signed-in user's name).</summary>
    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The job's input (file name, options) as JSON.</summary>
    public string? ArgumentsJson { get; set; }
    /// <summary>The outcome (counts, row errors, metrics) as JSON.</summary>
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
    /// <summary>The import this job produced, when it is an import.</summary>
    public long? ImportId { get; set; }
}
