using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Analytics.Gamification;
using SkillsGap.App.Figures;
using SkillsGap.App.Wallet;
using SkillsGap.App.Writes;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Challenges;

/// <summary>
/// Challenges (DESIGN §7b): `skillsgap challenge create|list|progress`, <c>GET|POST /api/challenges</c>,
/// <c>GET /api/challenges/{id}/progress</c> and the pages. HR sets one for any group, a manager for their team; employees
/// see the ones they are in. Progress is computed from awards (skill points against the role of each award day) as of any
/// date. Stored through <see cref="DataWrite"/>.
/// </summary>
public sealed class ChallengeService(SkillsGapDbContext db, DataWrite write, FiguresCache figures, PointsLedgers points, BusinessCalendar calendar,
    TimeProvider time)
{
    public const int MaxNameLength = 200;

    /// <summary>Creates a challenge after checking it (400 with the reason) and that the caller may set it for that group (403).</summary>
    public async Task<ChallengeDocument> CreateAsync(ChallengeRequest request, ChallengeCaller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var today = await figures.GetAsync(calendar.Today, ct);
        var snapshot = today.Snapshot;
        var name = (request.Name ?? "").Trim();
        if (name.Length == 0) throw new InputRejectedException("A challenge needs a name (--name).");
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
            throw new InputRejectedException($"The name must be at most {MaxNameLength} characters of text, without control characters.");
        if (name[0] is '=' or '+' or '-' or '@') throw new InputRejectedException("The name may not start with =, +, - or @.");
        ChallengeGoal goal;
        try
        {
            goal = ChallengeGoal.Parse(request.Goal ?? "");
        }
        catch (FormatException bad)
        {
            throw new InputRejectedException(bad.Message);
        }
        if (goal.Skill is SkillCode skill && snapshot.SkillIndex(skill) < 0) throw new InputRejectedException($"Skill {skill} is not known.");
        foreach (var b in goal.Badges)
            if (snapshot.FindBadge(b) is null) throw new InputRejectedException($"Badge {b} is not in the catalogue.");
        if (request.From is not DateOnly from || request.To is not DateOnly to) throw new InputRejectedException("A challenge needs both dates (--from and --to).");
        if (to < from) throw new InputRejectedException("The end date is before the start date.");
        if (to.DayNumber - from.DayNumber > 366 * 2) throw new InputRejectedException("A challenge lasts at most two years.");
        var scope = ParseScope(request.Scope);
        EmployeeId? manager = null;
        string? department = null;
        switch (scope)
        {
            case ChallengeScope.Manager:
                if (string.IsNullOrWhiteSpace(request.ManagerId)) throw new InputRejectedException("A team challenge names its manager (--manager).");
                manager = new EmployeeId(request.ManagerId.Trim());
                if (snapshot.FindEmployee(manager.Value) is null) throw new InputRejectedException($"Manager {manager} is not on the roster.");
                break;
            case ChallengeScope.Department:
                department = (request.Department ?? "").Trim();
                if (department.Length == 0) throw new InputRejectedException("A department challenge names its department (--department).");
                var named = department;
                if (!snapshot.Employees.Any(e => string.Equals(e.Department, named, StringComparison.Ordinal)))
                    throw new InputRejectedException($"Department '{department}' has nobody on the roster.");
                break;
        }
        if (!caller.IsHr)
        {
            // A manager sets challenges for their own team, or for the team of a manager below them.
            if (!caller.IsManager || caller.Self is not EmployeeId self || scope != ChallengeScope.Manager ||
                (manager != self && !IsAbove(snapshot, self, manager!.Value)))
                throw new AccessDeniedException("A manager may set a challenge for their own team only; HR may set one for any group.");
        }
        var entity = new ChallengeEntity
        {
            Name = name,
            Scope = ScopeWord(scope),
            ManagerId = manager?.Value,
            Department = department,
            Goal = goal.ToString(),
            FromDate = from,
            ToDate = to,
            CreatedBy = caller.Name ?? caller.Self?.Value,
            CreatedAt = time.GetUtcNow(),
        };
        await write.RunAsync(async (context, token) =>
        {
            context.Challenges.Add(entity);
            await context.SaveChangesAsync(token);
            return entity.Id;
        }, ct);
        return Document(entity, today.AsOf, snapshot);
    }

    /// <summary>The challenges the caller may see, newest first: all for HR; a manager's team's and their own; an employee's own.</summary>
    public async Task<IReadOnlyList<ChallengeDocument>> ListAsync(ChallengeCaller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var today = await figures.GetAsync(calendar.Today, ct);
        var rows = await db.Challenges.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(ct);
        return [.. rows.Where(r => CanSee(r, caller, today)).Select(r => Document(r, today.AsOf, today.Snapshot))];
    }

    /// <summary>The challenges an employee is in on the date, newest first, with their progress as they may see it.</summary>
    public async Task<IReadOnlyList<ChallengeProgressDocument>> OfEmployeeAsync(EmployeeId employee, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) return [];
        var rows = await db.Challenges.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(ct);
        var mine = rows.Where(r => ToChallenge(r).Members(f).Contains(index)).ToList();
        if (mine.Count == 0) return [];
        var ledger = await points.GetAsync(f, ct);
        var optedIn = await OptedInAsync(ct);
        var viewer = new ChallengeCaller(false, false, employee);
        return [.. mine.Select(r => Progress(r, f, ledger, optedIn, viewer))];
    }

    /// <summary>A challenge's progress as of a date, as the caller may see it (404 unknown, 403 not theirs).</summary>
    public async Task<ChallengeProgressDocument> ProgressAsync(long id, ChallengeCaller caller, DateOnly? asOf = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var row = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
                  ?? throw new NotFoundException(string.Create(CultureInfo.InvariantCulture, $"Challenge {id} does not exist."));
        var today = await figures.GetAsync(calendar.Today, ct);
        if (!CanSee(row, caller, today)) throw new AccessDeniedException(string.Create(CultureInfo.InvariantCulture, $"You may not see challenge {id}."));
        var f = asOf is DateOnly d && d != today.AsOf ? await figures.GetAsync(d, ct) : today;
        var ledger = await points.GetAsync(f, ct);
        return Progress(row, f, ledger, await OptedInAsync(ct), caller);
    }

    /// <summary>Whether the employee lets their name appear in standings.</summary>
    public async Task<bool> IsOptedInAsync(EmployeeId employee, CancellationToken ct = default) =>
        await db.StandingsOptIns.AsNoTracking().AnyAsync(o => o.EmployeeId == employee.Value && o.OptedIn, ct);

    /// <summary>Sets the employee's standings opt-in (their own setting).</summary>
    public async Task SetOptInAsync(EmployeeId employee, bool optedIn, CancellationToken ct = default)
    {
        var today = await figures.GetAsync(calendar.Today, ct);
        if (today.Snapshot.FindEmployee(employee) is null) throw new NotFoundException($"Employee {employee} is not on the roster.");
        var now = time.GetUtcNow();
        await write.RunAsync(async (context, token) =>
        {
            var row = await context.StandingsOptIns.FirstOrDefaultAsync(o => o.EmployeeId == employee.Value, token);
            if (row is null) context.StandingsOptIns.Add(new StandingsOptInEntity { EmployeeId = employee.Value, OptedIn = optedIn, UpdatedAt = now });
            else
            {
                row.OptedIn = optedIn;
                row.UpdatedAt = now;
            }
            await context.SaveChangesAsync(token);
            return true;
        }, ct);
    }

    private async Task<HashSet<string>> OptedInAsync(CancellationToken ct) =>
        (await db.StandingsOptIns.AsNoTracking().Where(o => o.OptedIn).Select(o => o.EmployeeId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    private static ChallengeProgressDocument Progress(ChallengeEntity row, OrganisationFigures f, PointsLedger ledger, HashSet<string> optedIn, ChallengeCaller caller)
    {
        var challenge = ToChallenge(row);
        var progress = ChallengeProgress.Measure(challenge, f, ledger);
        var you = caller.Self is EmployeeId self ? progress.Participants.FirstOrDefault(p => p.Employee == self.Value) : null;
        var seesEveryone = caller.IsHr || (caller.IsManager && caller.Self is EmployeeId m && challenge.Scope == ChallengeScope.Manager &&
                                           (challenge.Manager == m || IsAbove(f.Snapshot, m, challenge.Manager!.Value)));
        var standings = Standings.Rank(progress.Participants.Select(p => (new EmployeeId(p.Employee), p.Name,
                challenge.Goal.Kind == ChallengeGoalKind.Points ? p.Points : p.Progress)), id => optedIn.Contains(id.Value))
            .ViewFor(caller.Self);
        return new ChallengeProgressDocument(Document(row, f.AsOf, f.Snapshot), f.AsOf, progress.Status, progress.People, progress.Completed,
            progress.CompletedShare, progress.MeanProgress, progress.Points,
            seesEveryone ? progress.Participants : you is null ? [] : [you], you, standings);
    }

    private static bool CanSee(ChallengeEntity row, ChallengeCaller caller, OrganisationFigures today)
    {
        if (caller.IsHr) return true;
        if (caller.Self is not EmployeeId self) return false;
        var challenge = ToChallenge(row);
        if (caller.IsManager && challenge.Scope == ChallengeScope.Manager &&
            (challenge.Manager == self || IsAbove(today.Snapshot, self, challenge.Manager!.Value))) return true;
        var index = today.Snapshot.EmployeeIndex(self);
        return index >= 0 && challenge.Members(today).Contains(index);
    }

    private static Challenge ToChallenge(ChallengeEntity row) =>
        new(row.Name, ParseScope(row.Scope), row.ManagerId is null ? null : new EmployeeId(row.ManagerId), row.Department,
            ChallengeGoal.Parse(row.Goal), row.FromDate, row.ToDate);

    private static ChallengeDocument Document(ChallengeEntity row, DateOnly today, OrganisationSnapshot snapshot)
    {
        var goal = ChallengeGoal.Parse(row.Goal);
        var status = today < row.FromDate ? "upcoming" : today <= row.ToDate ? "open" : "closed";
        return new ChallengeDocument(row.Id, row.Name, row.Scope, row.ManagerId, row.Department, row.Goal, GoalText(goal, snapshot),
            row.FromDate, row.ToDate, status, row.CreatedBy);
    }

    /// <summary>The goal in people's words: "earn 20 skill points", "raise Cloud security (SEC-CLOUD) to 3 practitioner", "earn Security+ and …".</summary>
    public static string GoalText(ChallengeGoal goal, OrganisationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(goal);
        ArgumentNullException.ThrowIfNull(snapshot);
        return goal.Kind switch
        {
            ChallengeGoalKind.Points => string.Create(CultureInfo.InvariantCulture, $"earn {goal.Points} skill points"),
            ChallengeGoalKind.Skill => $"raise {SkillName(snapshot, goal.Skill!.Value)} to {ProficiencyNames.Describe(goal.Level)}",
            _ => "earn " + string.Join(" and ", goal.Badges.Select(b => snapshot.FindBadge(b)?.Name ?? b.Value)),
        };
    }

    private static string SkillName(OrganisationSnapshot snapshot, SkillCode code) =>
        snapshot.SkillIndex(code) is var i and >= 0 && !string.Equals(snapshot.Skills[i].Name, code.Value, StringComparison.Ordinal)
            ? $"{snapshot.Skills[i].Name} ({code.Value})"
            : code.Value;

    private static ChallengeScope ParseScope(string? scope) => (scope ?? "").Trim().ToLowerInvariant() switch
    {
        "manager" or "team" => ChallengeScope.Manager,
        "department" => ChallengeScope.Department,
        "org" or "organisation" => ChallengeScope.Org,
        _ => throw new InputRejectedException($"Scope '{scope}' is not one of manager, department, org."),
    };

    private static string ScopeWord(ChallengeScope scope) => scope switch
    {
        ChallengeScope.Manager => "manager",
        ChallengeScope.Department => "department",
        _ => "org",
    };

    /// <summary>Whether <paramref name="manager"/> is a direct or indirect manager of <paramref name="employee"/>.</summary>
    public static bool IsAbove(OrganisationSnapshot snapshot, EmployeeId manager, EmployeeId employee)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = snapshot.FindEmployee(employee);
        for (var steps = 0; current?.Manager is EmployeeId up && steps < snapshot.Employees.Count; steps++)
        {
            if (up == manager) return true;
            current = snapshot.FindEmployee(up);
        }
        return false;
    }
}
