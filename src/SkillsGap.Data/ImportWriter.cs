using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Data.Bulk;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>
/// Writes validated import records. Every method runs inside the caller's transaction when one is open (the App opens
/// it, calls several writers, then commits, or rolls back for a dry run); otherwise it opens and commits its own.
/// Upserts are by natural key, so re-importing the same rows changes nothing (all Unchanged). Within one call a key
/// that appears twice is taken from its last occurrence.
/// </summary>
public sealed class ImportWriter(SkillsGapDbContext db)
{
    internal static readonly UpsertSpec AwardSpec = new(
        "awards", ["employee_id", "badge_id", "issued_on"],
        ["expires_on", "evidence_url", "state", "achieved_level", "credential_id"],
        // The source names the import that last changed the row; on its own it is not a change.
        ["source"]);

    internal static readonly BulkColumn<Award>[] AwardColumns =
    [
        Col.Code<Award>("employee_id", a => a.Employee.Value),
        Col.Code<Award>("badge_id", a => a.Badge.Value),
        Col.Date<Award>("issued_on", a => a.IssuedOn),
        Col.Date<Award>("expires_on", a => a.ExpiresOn),
        Col.Text<Award>("evidence_url", a => a.EvidenceUrl, SkillsGapDbContext.UrlLength),
        Col.Int<Award>("state", a => (int)a.State),
        Col.Int<Award>("achieved_level", a => a.AchievedLevel),
        Col.Code<Award>("credential_id", a => a.CredentialId, SkillsGapDbContext.CredentialIdLength),
        Col.Text<Award>("source", a => a.Source, SkillsGapDbContext.NameLength),
    ];

    internal static readonly UpsertSpec EmployeeSpec = new("employees", ["id"], ["name", "email"], []);

    internal static readonly BulkColumn<EmployeeEntity>[] EmployeeColumns =
    [
        Col.Code<EmployeeEntity>("id", e => e.Id),
        Col.Text<EmployeeEntity>("name", e => e.Name, SkillsGapDbContext.NameLength),
        Col.Text<EmployeeEntity>("email", e => e.Email, SkillsGapDbContext.EmailLength),
    ];

    internal static readonly UpsertSpec HistorySpec = new(
        "employee_history", ["employee_id", "effective_from"],
        ["role_code", "manager_id", "department", "location", "target_role_code", "left_on"], []);

    internal static readonly BulkColumn<EmployeeHistoryEntity>[] HistoryColumns =
    [
        Col.Code<EmployeeHistoryEntity>("employee_id", h => h.EmployeeId),
        Col.Date<EmployeeHistoryEntity>("effective_from", h => h.EffectiveFrom),
        Col.Code<EmployeeHistoryEntity>("role_code", h => h.RoleCode),
        Col.Code<EmployeeHistoryEntity>("manager_id", h => h.ManagerId),
        Col.Text<EmployeeHistoryEntity>("department", h => h.Department, SkillsGapDbContext.IdLength),
        Col.Text<EmployeeHistoryEntity>("location", h => h.Location, SkillsGapDbContext.IdLength),
        Col.Code<EmployeeHistoryEntity>("target_role_code", h => h.TargetRoleCode),
        Col.Date<EmployeeHistoryEntity>("left_on", h => h.LeftOn),
    ];

    /// <summary>Inserts new skills and updates changed names, categories, descriptions and aliases.</summary>
    public Task<ChangeCounts> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken ct) => InTransactionAsync(async () =>
    {
        var incoming = LastByKey(skills, s => s.Code.Value);
        var existing = await db.Skills.ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var skill in incoming)
        {
            var aliases = Mapping.AliasesToJson(skill.Aliases);
            if (!existing.TryGetValue(skill.Code.Value, out var row))
            {
                db.Skills.Add(new SkillEntity { Code = skill.Code.Value, Name = skill.Name, Category = skill.Category, Description = skill.Description, Aliases = aliases });
                inserted++;
            }
            else if (row.Name != skill.Name || row.Category != skill.Category || row.Description != skill.Description || row.Aliases != aliases)
            {
                (row.Name, row.Category, row.Description, row.Aliases) = (skill.Name, skill.Category, skill.Description, aliases);
                updated++;
            }
            else unchanged++;
        }
        await SaveAsync(ct);
        return new ChangeCounts(inserted, updated, unchanged);
    }, ct);

    /// <summary>
    /// Applies role frameworks. A role whose requirements differ from its latest version gets a new version, effective
    /// from <see cref="RoleDefinition.EffectiveFrom"/> or else <paramref name="importDate"/> (counted as Updated; a new
    /// role as Inserted); a change of title or family alone updates the latest version in place; identical is Unchanged.
    /// </summary>
    public Task<ChangeCounts> ApplyRolesAsync(IReadOnlyList<RoleDefinition> roles, DateOnly importDate, CancellationToken ct) => InTransactionAsync(async () =>
    {
        var incoming = LastByKey(roles, r => r.Code.Value);
        foreach (var role in incoming)
        {
            var duplicate = role.Requirements.GroupBy(q => q.Skill).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ArgumentException($"Role {role.Code} requires skill {duplicate.Key} more than once.", nameof(roles));
        }
        var codes = incoming.Select(r => r.Code.Value).ToArray();
        var latest = (await db.RoleVersions.Include(v => v.Requirements).Where(v => codes.Contains(v.RoleCode)).ToListAsync(ct))
            .GroupBy(v => v.RoleCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!, StringComparer.Ordinal);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var role in incoming)
        {
            if (latest.TryGetValue(role.Code.Value, out var current))
            {
                if (Mapping.ToDomain(current).HasSameRequirements(role.Requirements))
                {
                    if (current.Title == role.Title && current.Family == role.Family) { unchanged++; continue; }
                    (current.Title, current.Family) = (role.Title, role.Family);
                    updated++;
                    continue;
                }
                updated++;
            }
            else inserted++;
            db.RoleVersions.Add(new RoleVersionEntity
            {
                RoleCode = role.Code.Value,
                Version = (current?.Version ?? 0) + 1,
                Title = role.Title,
                Family = role.Family,
                // A role seen for the first time has been in force all along unless the file says from when.
                EffectiveFrom = role.EffectiveFrom ?? (current is null ? BeginningOfRecords : importDate),
                Requirements = role.Requirements.Select(q => new RoleRequirementEntity
                { SkillCode = q.Skill.Value, RequiredLevel = q.Required.Value, Weight = q.Weight, Critical = q.Critical }).ToList(),
            });
        }
        await SaveAsync(ct);
        return new ChangeCounts(inserted, updated, unchanged);
    }, ct);

    /// <summary>Inserts new badges and updates changed ones, their attested skills and prerequisite groups included.</summary>
    public Task<ChangeCounts> UpsertBadgesAsync(IReadOnlyList<Badge> badges, CancellationToken ct) => InTransactionAsync(async () =>
    {
        var incoming = LastByKey(badges, b => b.Id.Value);
        var existing = await db.Badges.Include(b => b.Skills).Include(b => b.Prerequisites).AsSplitQuery()
            .ToDictionaryAsync(b => b.Id, StringComparer.Ordinal, ct);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var badge in incoming)
        {
            var skills = LastByKey(badge.Skills, s => s.Skill.Value);
            if (!existing.TryGetValue(badge.Id.Value, out var row))
            {
                row = new BadgeEntity { Id = badge.Id.Value };
                SetScalars(row, badge);
                row.Skills = skills.Select(s => new BadgeSkillEntity { BadgeId = badge.Id.Value, SkillCode = s.Skill.Value, Level = s.Level.Value }).ToList();
                row.Prerequisites = Mapping.ToRows(badge.Id, badge.Prerequisites).ToList();
                db.Badges.Add(row);
                inserted++;
                continue;
            }
            var stored = Mapping.ToDomain(row);
            var sameSkills = stored.Skills.Count == skills.Count &&
                             stored.Skills.ToHashSet().SetEquals(skills);
            if (stored.Name == badge.Name && stored.Issuer == badge.Issuer && stored.Hours == badge.Hours &&
                stored.ValidMonths == badge.ValidMonths && stored.StackId == badge.StackId && stored.NeedsReview == badge.NeedsReview &&
                sameSkills && stored.Prerequisites.Equals(badge.Prerequisites))
            {
                unchanged++;
                continue;
            }
            SetScalars(row, badge);
            // Children are matched by key and changed in place, so no deleted and re-added row shares a key.
            var wantedSkills = skills.ToDictionary(s => s.Skill.Value, s => s.Level.Value, StringComparer.Ordinal);
            foreach (var s in row.Skills.ToList())
            {
                if (wantedSkills.Remove(s.SkillCode, out var level)) s.Level = level;
                else row.Skills.Remove(s);
            }
            foreach (var (code, level) in wantedSkills)
                row.Skills.Add(new BadgeSkillEntity { BadgeId = row.Id, SkillCode = code, Level = level });
            var wantedRules = Mapping.ToRows(badge.Id, badge.Prerequisites).ToDictionary(p => (p.GroupNo, p.Position));
            foreach (var p in row.Prerequisites.ToList())
            {
                if (wantedRules.Remove((p.GroupNo, p.Position), out var wanted)) p.AlternativeBadgeId = wanted.AlternativeBadgeId;
                else row.Prerequisites.Remove(p);
            }
            foreach (var p in wantedRules.Values) row.Prerequisites.Add(p);
            updated++;
        }
        await SaveAsync(ct);
        return new ChangeCounts(inserted, updated, unchanged);
    }, ct);

    /// <summary>
    /// Applies employees. Each change takes effect from its <see cref="EmployeeChange.EffectiveFrom"/> or else
    /// <paramref name="importDate"/> — but no later than the employee's <c>left_on</c>, so that a leaver drops out of the
    /// roster from the day they left even when the file arrives later. A history row is written only when role, manager,
    /// department, location, target role or <c>left_on</c> differ from the row in force on that date (a row already
    /// starting that day is updated in place). Name and e-mail are not historised. Per employee row: Inserted when the
    /// employee is new, Updated when anything was written, else Unchanged. Uses the bulk path.
    /// </summary>
    public Task<ChangeCounts> ApplyEmployeesAsync(IReadOnlyList<EmployeeChange> employees, DateOnly importDate, CancellationToken ct) => InTransactionAsync(async () =>
    {
        var changes = LastByKey(employees, c => (c.Employee.Id.Value, EffectiveDate(c, importDate)))
            .OrderBy(c => c.Employee.Id.Value, StringComparer.Ordinal).ThenBy(c => EffectiveDate(c, importDate))
            .ToList();
        if (changes.Count == 0) return ChangeCounts.None;
        var (stored, history) = await LoadEmployeeStateAsync(ct);

        var employeeWrites = new Dictionary<string, EmployeeEntity>(StringComparer.Ordinal);
        var historyWrites = new Dictionary<(string, DateOnly), EmployeeHistoryEntity>();
        int inserted = 0, updated = 0, unchanged = 0;
        var seenNew = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var person = change.Employee;
            var id = person.Id.Value;
            var isNew = !stored.ContainsKey(id) && seenNew.Add(id);
            var changed = false;
            var latest = employeeWrites.GetValueOrDefault(id) ?? stored.GetValueOrDefault(id);
            if (latest is null || latest.Name != person.Name || latest.Email != person.Email)
            {
                employeeWrites[id] = new EmployeeEntity { Id = id, Name = person.Name, Email = person.Email };
                changed = true;
            }

            // Someone the roster has never held, with no effective_from, has been there all along: their first row
            // starts at the beginning of records, so that figures as of earlier dates (awards, trends) include them.
            var firstSeen = !history.TryGetValue(id, out var known) || known.Count == 0;
            var effective = firstSeen && change.EffectiveFrom is null
                ? EffectiveDate(change, BeginningOfRecords)
                : EffectiveDate(change, importDate);
            var candidate = new EmployeeHistoryEntity
            {
                EmployeeId = id,
                EffectiveFrom = effective,
                RoleCode = person.Role.Value,
                ManagerId = person.Manager?.Value,
                Department = person.Department,
                Location = person.Location,
                TargetRoleCode = person.TargetRole?.Value,
                LeftOn = person.LeftOn,
            };
            if (!history.TryGetValue(id, out var rows)) history[id] = rows = [];
            var inForce = rows.LastOrDefault(h => h.EffectiveFrom <= effective);
            if (inForce is null || !SameState(inForce, candidate))
            {
                if (inForce is not null && inForce.EffectiveFrom == effective) rows[rows.IndexOf(inForce)] = candidate;
                else
                {
                    rows.Add(candidate);
                    rows.Sort((a, b) => a.EffectiveFrom.CompareTo(b.EffectiveFrom));
                }
                historyWrites[(id, effective)] = candidate;
                changed = true;
            }

            if (isNew) inserted++;
            else if (changed) updated++;
            else unchanged++;
        }

        await BulkUpsert.RunAsync(db, "stg_employees", EmployeeColumns, employeeWrites.Values.ToList(), EmployeeSpec, ct);
        await BulkUpsert.RunAsync(db, "stg_employee_history", HistoryColumns, historyWrites.Values.ToList(), HistorySpec, ct);
        return new ChangeCounts(inserted, updated, unchanged);
    }, ct);

    /// <summary>
    /// Upserts awards by (employee, badge, issued on) through the bulk path. A stored award is Updated when its expiry,
    /// evidence, state, achieved level or credential id differ; the source alone is not a change.
    /// </summary>
    public Task<ChangeCounts> UpsertAwardsAsync(IReadOnlyList<Award> awards, CancellationToken ct) => InTransactionAsync(async () =>
    {
        var counts = await BulkUpsert.RunAsync(db, "stg_awards", AwardColumns, awards, AwardSpec, ct);
        // An award whose credential the organisation revoked stays revoked, whatever a file imported later says.
        var revoked = db.IssuedCredentials.Where(c => c.RevokedAt != null && c.SupersededAt == null && c.AwardId != null).Select(c => c.AwardId!.Value);
        await db.Awards.Where(a => revoked.Contains(a.Id) && a.State != (int)VerificationState.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, (int)VerificationState.Revoked), ct);
        return counts;
    }, ct);

    /// <summary>The effective date of a first roster row that names none.</summary>
    public static readonly DateOnly BeginningOfRecords = new(1900, 1, 1);

    private static DateOnly EffectiveDate(EmployeeChange change, DateOnly importDate)
    {
        var effective = change.EffectiveFrom ?? importDate;
        return change.Employee.LeftOn is DateOnly left && left < effective ? left : effective;
    }

    private static bool SameState(EmployeeHistoryEntity a, EmployeeHistoryEntity b) =>
        a.RoleCode == b.RoleCode && a.ManagerId == b.ManagerId && a.Department == b.Department &&
        a.Location == b.Location && a.TargetRoleCode == b.TargetRoleCode && a.LeftOn == b.LeftOn;

    private static void SetScalars(BadgeEntity row, Badge badge)
    {
        row.Name = badge.Name;
        row.Issuer = badge.Issuer;
        row.Hours = badge.Hours;
        row.ValidMonths = badge.ValidMonths;
        row.StackId = badge.StackId?.Value;
        row.NeedsReview = badge.NeedsReview;
    }

    private async Task<(Dictionary<string, EmployeeEntity> Employees, Dictionary<string, List<EmployeeHistoryEntity>> History)> LoadEmployeeStateAsync(CancellationToken ct)
    {
        var employees = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        var history = new Dictionary<string, List<EmployeeHistoryEntity>>(StringComparer.Ordinal);
        foreach (var row in await db.EmployeeHistory.AsNoTracking().OrderBy(h => h.EmployeeId).ThenBy(h => h.EffectiveFrom).ToListAsync(ct))
        {
            if (!history.TryGetValue(row.EmployeeId, out var list)) history[row.EmployeeId] = list = [];
            list.Add(row);
        }
        return (employees, history);
    }

    private static List<T> LastByKey<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key) where TKey : notnull
    {
        var index = new Dictionary<TKey, int>(items.Count);
        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            var k = key(item);
            if (index.TryGetValue(k, out var at)) result[at] = item;
            else
            {
                index[k] = result.Count;
                result.Add(item);
            }
        }
        return result;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    // Without the caller's transaction: an own one, run again from the start after a transient failure where the
    // provider's execution strategy retries (SQL Server).
    private async Task<ChangeCounts> InTransactionAsync(Func<Task<ChangeCounts>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        return await db.Database.RunTransactionAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var counts = await work();
            await transaction.CommitAsync(cancel);
            return counts;
        }, ct);
    }
}
