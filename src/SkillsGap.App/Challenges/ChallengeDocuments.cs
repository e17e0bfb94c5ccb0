using System.Text.Json.Serialization;
using SkillsGap.Analytics.Gamification;
using SkillsGap.Core.Domain;

namespace SkillsGap.App.Challenges;

/// <summary>Who asks: HR (any group), a manager (their team) or an employee (the challenges they are in). The CLI is HR.</summary>
public sealed record ChallengeCaller(bool IsHr, bool IsManager, EmployeeId? Self, string? Name = null)
{
    /// <summary>The command line: the operator, who may do what HR may.</summary>
    public static ChallengeCaller Hr { get; } = new(true, false, null, "cli");
}

/// <summary>A new challenge: <c>scope</c> manager (with <c>managerId</c>), department (with <c>department</c>) or org; the goal as on the command line.</summary>
public sealed record ChallengeRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("managerId")] string? ManagerId,
    [property: JsonPropertyName("department")] string? Department,
    [property: JsonPropertyName("goal")] string? Goal,
    [property: JsonPropertyName("from")] DateOnly? From,
    [property: JsonPropertyName("to")] DateOnly? To);

/// <summary>A stored challenge: its group, goal (as on the command line and in words), dates and status as of today.</summary>
public sealed record ChallengeDocument(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("managerId")] string? ManagerId,
    [property: JsonPropertyName("department")] string? Department,
    [property: JsonPropertyName("goal")] string Goal,
    [property: JsonPropertyName("goalText")] string GoalText,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("createdBy")] string? CreatedBy);

/// <summary>
/// <c>challenge progress ID</c> and <c>GET /api/challenges/{id}/progress</c>: the challenge, the group's figures as of a
/// date, each person's progress (<c>participants</c>: everyone for HR and the group's managers; for anyone else only their
/// own line), the viewer's own line (<c>you</c>), and the standings by progress as the viewer may see them (names only of
/// those who opted in).
/// </summary>
public sealed record ChallengeProgressDocument(
    [property: JsonPropertyName("challenge")] ChallengeDocument Challenge,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("completedShare")] double CompletedShare,
    [property: JsonPropertyName("meanProgress")] double MeanProgress,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("participants")] IReadOnlyList<ChallengeParticipant> Participants,
    [property: JsonPropertyName("you")] ChallengeParticipant? You,
    [property: JsonPropertyName("standings")] StandingsView Standings);
