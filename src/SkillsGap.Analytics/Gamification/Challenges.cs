using System.Globalization;
using System.Text.Json.Serialization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics.Gamification;

/// <summary>What a challenge asks for.</summary>
public enum ChallengeGoalKind
{
    /// <summary>Skill points to earn within the dates.</summary>
    Points,
    /// <summary>A skill to raise to a level by the end date.</summary>
    Skill,
    /// <summary>A set of badges to hold: held at the start or earned within the dates.</summary>
    Badges,
}

/// <summary>
/// A challenge's goal, written as on the command line: <c>points:N</c>, <c>skill:CODE:LEVEL</c> or <c>badges:A;B</c>.
/// </summary>
public sealed record ChallengeGoal(ChallengeGoalKind Kind, int Points = 0, SkillCode? Skill = null, int Level = 0, IReadOnlyList<BadgeId>? Badges = null)
{
    /// <summary>The badges of a badges goal (empty otherwise).</summary>
    public IReadOnlyList<BadgeId> Badges { get; init; } = Badges ?? [];

    /// <summary>Reads <c>points:N</c> (N ≥ 1), <c>skill:CODE:LEVEL</c> (level 1–5) or <c>badges:A;B</c> (at least one).</summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is expected.</exception>
    public static ChallengeGoal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text.Trim() : text[..colon].Trim();
        var rest = colon < 0 ? "" : text[(colon + 1)..].Trim();
        switch (kind.ToUpperInvariant())
        {
            case "POINTS" when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var points) && points >= 1:
                return new ChallengeGoal(ChallengeGoalKind.Points, Points: points);
            case "SKILL":
                {
                    var at = rest.LastIndexOf(':');
                    if (at > 0 && int.TryParse(rest[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= ProficiencyLevel.Max)
                        return new ChallengeGoal(ChallengeGoalKind.Skill, Skill: new SkillCode(rest[..at]), Level: level);
                    break;
                }
            case "BADGES":
                {
                    var ids = rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b => new BadgeId(b)).Distinct().ToArray();
                    if (ids.Length > 0) return new ChallengeGoal(ChallengeGoalKind.Badges, Badges: ids);
                    break;
                }
        }
        throw new FormatException($"'{text}' is not a challenge goal: write points:N (N ≥ 1), skill:CODE:LEVEL (level 1–5) or badges:A;B.");
    }

    /// <summary>The goal as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Kind switch
    {
        ChallengeGoalKind.Points => string.Create(CultureInfo.InvariantCulture, $"points:{Points}"),
        ChallengeGoalKind.Skill => string.Create(CultureInfo.InvariantCulture, $"skill:{Skill}:{Level}"),
        _ => "badges:" + string.Join(";", Badges.Select(b => b.Value)),
    };
}

/// <summary>Whose challenge it is: a manager's team (their direct and indirect reports), a department, or the organisation.</summary>
public enum ChallengeScope
{
    Manager,
    Department,
    Org,
}

/// <summary>A time-boxed goal set for a group, from <see cref="From"/> to <see cref="To"/> inclusive (DESIGN §7b).</summary>
public sealed record Challenge(string Name, ChallengeScope Scope, EmployeeId? Manager, string? Department, ChallengeGoal Goal, DateOnly From, DateOnly To)
{
    /// <summary>The people of the challenge's group on the roster of the figures' date (indices, roster order); those who have left are not.</summary>
    public IReadOnlyList<int> Members(OrganisationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var snapshot = figures.Snapshot;
        IEnumerable<int> members = Scope switch
        {
            ChallengeScope.Manager when Manager is EmployeeId m =>
                ManagerTree.ReportsOf(m, snapshot.Employees).Select(snapshot.EmployeeIndex).Where(i => i >= 0).Order(),
            ChallengeScope.Department => Enumerable.Range(0, figures.EmployeeCount)
                .Where(e => string.Equals(snapshot.Employees[e].Department, Department, StringComparison.Ordinal)),
            ChallengeScope.Org => Enumerable.Range(0, figures.EmployeeCount),
            _ => [],
        };
        return [.. members.Where(e => snapshot.Employees[e].LeftOn is not DateOnly left || left > figures.AsOf)];
    }
}

/// <summary>
/// One person's progress in a challenge as of a date: <c>progress</c> in [0, 1]; <c>completedOn</c> the day the goal was
/// first met within the dates; the points earned within the dates; for a skill goal the level at the start and now; for a
/// badges goal the ones still missing; <c>text</c> in plain words ("2 of 3 badges").
/// </summary>
public sealed record ChallengeParticipant(
    [property: JsonPropertyName("employee")] string Employee,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("completedOn")] DateOnly? CompletedOn,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("startLevel")] int? StartLevel,
    [property: JsonPropertyName("level")] int? Level,
    [property: JsonPropertyName("missing")] IReadOnlyList<string> Missing,
    [property: JsonPropertyName("text")] string Text);

/// <summary>
/// A challenge's progress as of a date (<c>challenge progress ID</c>): <c>status</c> upcoming / open / closed, the group's
/// people, how many completed it, their mean progress and the points they earned within the dates, and each person.
/// </summary>
public sealed record ChallengeProgress(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("goal")] string Goal,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("asOf")] DateOnly AsOf,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("completedShare")] double CompletedShare,
    [property: JsonPropertyName("meanProgress")] double MeanProgress,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("participants")] IReadOnlyList<ChallengeParticipant> Participants)
{
    /// <summary>
    /// The progress of <paramref name="challenge"/> as of the figures' date (before its start: nothing yet; after its end:
    /// the final figures), for its group on the figures' roster, with the skill points of <paramref name="points"/>.
    /// Participants are ordered by progress (highest first), then completion day, then id.
    /// </summary>
    public static ChallengeProgress Measure(Challenge challenge, OrganisationFigures figures, PointsLedger points)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(points);
        var asOf = figures.AsOf;
        var end = asOf < challenge.To ? asOf : challenge.To;
        var status = asOf < challenge.From ? "upcoming" : asOf <= challenge.To ? "open" : "closed";
        var people = challenge.Members(figures).Select(e => Participant(challenge, figures, points, e, end)).ToList();
        people.Sort((x, y) => y.Progress != x.Progress ? y.Progress.CompareTo(x.Progress)
            : (x.CompletedOn ?? DateOnly.MaxValue) != (y.CompletedOn ?? DateOnly.MaxValue) ? (x.CompletedOn ?? DateOnly.MaxValue).CompareTo(y.CompletedOn ?? DateOnly.MaxValue)
            : string.CompareOrdinal(x.Employee, y.Employee));
        var completed = people.Count(p => p.Completed);
        return new ChallengeProgress(challenge.Name, challenge.Goal.ToString(), challenge.From, challenge.To, asOf, status, people.Count, completed,
            people.Count == 0 ? 0 : PeopleWords.Round((double)completed / people.Count), people.Count == 0 ? 0 : PeopleWords.Round(people.Average(p => p.Progress)),
            people.Sum(p => p.Points), people);
    }

    private static ChallengeParticipant Participant(Challenge challenge, OrganisationFigures figures, PointsLedger points, int e, DateOnly end)
    {
        var person = figures.Snapshot.Employees[e];
        var goal = challenge.Goal;
        var started = end >= challenge.From;
        // Points earned from the start to the end (or today), award by award, to find the day the goal was met.
        var earned = 0;
        DateOnly? pointsMetOn = null;
        if (started)
            foreach (var award in points.OfEmployee(e).Where(p => p.IssuedOn >= challenge.From && p.IssuedOn <= end))
            {
                earned += award.Points;
                if (goal.Kind == ChallengeGoalKind.Points && pointsMetOn is null && earned >= goal.Points) pointsMetOn = award.IssuedOn;
            }
        switch (goal.Kind)
        {
            case ChallengeGoalKind.Points:
                {
                    var progress = PeopleWords.Round(Math.Min(1.0, (double)earned / goal.Points));
                    return new ChallengeParticipant(person.Id.Value, person.Name, progress, pointsMetOn is not null, pointsMetOn, earned, null, null, [],
                        string.Create(CultureInfo.InvariantCulture, $"{Math.Min(earned, goal.Points)} of {goal.Points} points"));
                }
            case ChallengeGoalKind.Skill:
                {
                    var s = figures.Snapshot.SkillIndex(goal.Skill!.Value);
                    var startLevel = s < 0 ? 0 : LevelOn(figures, e, s, challenge.From.AddDays(-1));
                    var level = s < 0 || !started ? startLevel : LevelOn(figures, e, s, end);
                    DateOnly? metOn = null;
                    if (startLevel >= goal.Level) metOn = challenge.From;
                    else if (started && level >= goal.Level)
                        metOn = FirstDayAtLevel(figures, e, s, goal.Level, challenge.From, end);
                    var progress = PeopleWords.Round(Math.Min(1.0, (double)level / goal.Level));
                    var name = PeopleWords.SkillName(figures.Snapshot, goal.Skill.Value);
                    return new ChallengeParticipant(person.Id.Value, person.Name, progress, metOn is not null, metOn, earned, startLevel, level, [],
                        $"{name} at {ProficiencyNames.Describe(level)} of {ProficiencyNames.Describe(goal.Level)}");
                }
            default:
                {
                    var have = new List<(BadgeId Badge, DateOnly On)>();
                    var missing = new List<string>();
                    foreach (var id in goal.Badges)
                        if (HeldOrEarned(figures, e, id, challenge.From, end, started) is DateOnly on) have.Add((id, on));
                        else missing.Add(id.Value);
                    var complete = missing.Count == 0 && goal.Badges.Count > 0;
                    var progress = PeopleWords.Round(goal.Badges.Count == 0 ? 0 : (double)have.Count / goal.Badges.Count);
                    return new ChallengeParticipant(person.Id.Value, person.Name, progress, complete, complete ? have.Max(h => h.On) : null, earned, null, null,
                        missing, string.Create(CultureInfo.InvariantCulture, $"{have.Count} of {goal.Badges.Count} badges"));
                }
        }
    }

    /// <summary>
    /// When the badge counts toward the goal: held validly on the day before the start (the start day then), or earned
    /// within the dates (that day); null when neither.
    /// </summary>
    private static DateOnly? HeldOrEarned(OrganisationFigures figures, int e, BadgeId id, DateOnly from, DateOnly end, bool started)
    {
        var b = figures.Snapshot.BadgeIndex(id);
        if (b < 0) return null;
        var awards = figures.Awards;
        DateOnly? first = null;
        for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
        {
            if (awards.Badge[a] != b || !awards.Counts(a, figures.Options)) continue;
            if (awards.IsValidOn(a, from.DayNumber - 1)) return from;
            var issued = DateOnly.FromDayNumber(awards.Issued[a]);
            if (started && issued >= from && issued <= end && (first is null || issued < first)) first = issued;
        }
        return first;
    }

    private static int LevelOn(OrganisationFigures figures, int e, int skill, DateOnly date) => figures.AttainedOn(e, date)[skill];

    /// <summary>The first award day within the dates on which the skill's level reached <paramref name="level"/>.</summary>
    private static DateOnly? FirstDayAtLevel(OrganisationFigures figures, int e, int skill, int level, DateOnly from, DateOnly end)
    {
        var awards = figures.Awards;
        var days = new SortedSet<int>();
        for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
            if (awards.Issued[a] >= from.DayNumber && awards.Issued[a] <= end.DayNumber) days.Add(awards.Issued[a]);
        foreach (var day in days)
            if (LevelOn(figures, e, skill, DateOnly.FromDayNumber(day)) >= level) return DateOnly.FromDayNumber(day);
        return null;
    }

}
