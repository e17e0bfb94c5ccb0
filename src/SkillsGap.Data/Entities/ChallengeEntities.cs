namespace SkillsGap.Data.Entities;

/// <summary>Row of <c>challenges</c>: a time-boxed goal set by HR or a manager for a group (DESIGN §7b).</summary>
public sealed class ChallengeEntity
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary><c>manager</c>, <c>department</c> or <c>org</c>.</summary>
    public string Scope { get; set; } = "";
    public string? ManagerId { get; set; }
    public string? Department { get; set; }
    /// <summary>As on the command line: <c>points:N</c>, <c>skill:CODE:LEVEL</c> or <c>badges:A;B</c>.</summary>
    public string Goal { get; set; } = "";
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Row of <c>standings_opt_ins</c>: whether an employee may be named in standings (absent: not).</summary>
public sealed class StandingsOptInEntity
{
    public string EmployeeId { get; set; } = "";
    public bool OptedIn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
