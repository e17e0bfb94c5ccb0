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
