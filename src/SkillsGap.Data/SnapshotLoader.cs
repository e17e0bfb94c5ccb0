using System.Data;
using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SQLitePCL;

namespace SkillsGap.Data;

/// <summary>
/// Loads what the figures need as of a date, straight from data readers (no change tracking, no materialised
/// entities), so that an organisation of 100,000 people with millions of awards loads in seconds.
/// </summary>
public sealed class SnapshotLoader(SkillsGapDbContext db)
{
    private DbTransaction? _transaction;
    private ClampReport? _clamped;

    /// <summary>
    /// The organisation as of <paramref name="asOf"/>: every skill and badge; per role, the version in force (the latest
    /// whose effective_from ≤ asOf, the highest version number breaking a tie — or, for a role with no version in force
    /// yet, its earliest version, so that people already holding it are still measured); the roster as it stood (each
    /// employee's history row in force; nobody whose first row starts after asOf or whose row in force says they left on
    /// or before asOf); and all awards of the people in that roster (the engine filters them by date). The rules are
    /// <see cref="OrganisationTimeline.RolesInForce"/> and <see cref="OrganisationTimeline.InForce"/>.
    /// </summary>
    public Task<OrganisationSnapshot> LoadAsync(DateOnly asOf, CancellationToken ct) => InReadSnapshotAsync(async () =>
    {
        var skills = await LoadSkillsAsync(ct);
        var roles = OrganisationTimeline.RolesInForce(await LoadRoleVersionsAsync(ct), asOf);
        var badges = await LoadBadgesAsync(ct);
        var employees = RosterOn(await LoadRosterRowsAsync(ct), asOf);
        var awards = await LoadAwardsAsync(employees.Select(e => e.Id), ct);
        return new OrganisationSnapshot(asOf, skills, roles, badges, employees, awards, _clamped);
    }, ct);

    /// <summary>
    /// One employee's organisation as of <paramref name="asOf"/>: every skill, the roles in force and every badge, as
    /// <see cref="LoadAsync"/> reads them, but of the roster only that employee (when on it on that date) and only their
    /// awards — two look-ups by key instead of the whole roster and every award. A person's gaps, readiness and pathway
    /// depend on nobody else, so they equal those of the whole snapshot.
    /// </summary>
    public Task<OrganisationSnapshot> LoadEmployeeAsync(EmployeeId employee, DateOnly asOf, CancellationToken ct) => InReadSnapshotAsync(async () =>
    {
        var skills = await LoadSkillsAsync(ct);
        var roles = OrganisationTimeline.RolesInForce(await LoadRoleVersionsAsync(ct), asOf);
        var badges = await LoadBadgesAsync(ct);
        var rows = await LoadRosterRowsAsync(ct, employee);
        var employees = RosterOn(rows, asOf);
        var awards = employees.Count == 0 ? [] : await LoadAwardsOfAsync(employees[0].Id, ct);
        return new OrganisationSnapshot(asOf, skills, roles, badges, employees, awards, _clamped);
    }, ct);

    /// <summary>
    /// The whole history in one read: every skill, role version, badge, roster row and award. Any date's snapshot or
    /// readiness then comes from memory (<see cref="OrganisationTimeline.SnapshotAsOf"/>, <see cref="OrganisationTimeline.ReadinessAsOf"/>):
    /// a 12-week trend is one read instead of twelve.
    /// </summary>
    public Task<OrganisationTimeline> LoadTimelineAsync(CancellationToken ct) => InReadSnapshotAsync(async () =>
    {
        var skills = await LoadSkillsAsync(ct);
        var versions = await LoadRoleVersionsAsync(ct);
        var badges = await LoadBadgesAsync(ct);
        var roster = await LoadRosterRowsAsync(ct);
        var awards = await LoadAwardsAsync(roster.Select(r => r.Employee.Id), ct);
        return new OrganisationTimeline(skills, versions, badges, roster, awards, _clamped);
    }, ct);

    /// <summary>
    /// Runs <paramref name="load"/> inside one read transaction that sees a single state of the database, even while an
    /// import commits beside it (a report is never built from torn figures), or inside the caller's transaction when
    /// one is open. Transient failures are retried as the provider's execution strategy says (SQL Server).
    /// </summary>
    private async Task<T> InReadSnapshotAsync<T>(Func<Task<T>> load, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } current)
        {
            _transaction = current.GetDbTransaction();
            try
            {
                _clamped = new ClampReport(); // afresh on each attempt
                return await load();
            }
            finally
            {
                _transaction = null;
            }
        }
        return await db.Database.RunTransactionAsync(async cancel =>
        {
            await db.Database.OpenConnectionAsync(cancel);
            var own = await BeginReadTransactionAsync(cancel);
            _transaction = own;
            try
            {
                _clamped = new ClampReport(); // afresh on each attempt
                return await load();
            }
            finally
            {
                _transaction = null;
                await own.RollbackAsync(CancellationToken.None);
                await own.DisposeAsync();
                await db.Database.CloseConnectionAsync();
            }
        }, ct);
    }

    // SQLite: a deferred transaction is a read snapshot under WAL and never blocks the writer (EF would BEGIN
    // IMMEDIATE, taking the write lock). PostgreSQL: REPEATABLE READ, one snapshot for the whole transaction. SQL
    // Server: SNAPSHOT, which the ScaleOutStorage migration allows (ALLOW_SNAPSHOT_ISOLATION ON): row versions, so the
    // read neither blocks an import nor waits for one.
    private async Task<DbTransaction> BeginReadTransactionAsync(CancellationToken ct) => db.Database.GetDbConnection() switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
        NpgsqlConnection postgres => await postgres.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct),
        SqlConnection sqlServer => await sqlServer.BeginTransactionAsync(IsolationLevel.Snapshot, ct),
        var other => throw new NotSupportedException($"No read snapshot for {other.GetType().Name}."),
    };

    /// <summary>The skills of the taxonomy with names and aliases, without the rest of the organisation.</summary>
    public async Task<IReadOnlyList<Skill>> LoadSkillsOnlyAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await LoadSkillsAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Existing skill codes, role codes, badge ids, employee ids, e-mails (case-insensitive) and current manager links.</summary>
    public async Task<StoredKeys> LoadKeysAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var skills = new HashSet<SkillCode>();
            await ReadAsync("SELECT code FROM skills", r => skills.Add(new SkillCode(r.GetString(0))), ct);
            var roles = new HashSet<RoleCode>();
            await ReadAsync("SELECT DISTINCT role_code FROM role_versions", r => roles.Add(new RoleCode(r.GetString(0))), ct);
            var badges = new HashSet<BadgeId>();
            await ReadAsync("SELECT id FROM badges", r => badges.Add(new BadgeId(r.GetString(0))), ct);
            var employees = new HashSet<EmployeeId>();
            var byEmail = new Dictionary<string, EmployeeId>(StringComparer.OrdinalIgnoreCase);
            await ReadAsync("SELECT id, email FROM employees", r =>
            {
                var id = new EmployeeId(r.GetString(0));
                employees.Add(id);
                if (!r.IsDBNull(1)) byEmail[r.GetString(1)] = id;
            }, ct);
            // The current link (and left_on) is the one on each employee's latest history row.
            var managers = new Dictionary<EmployeeId, EmployeeId?>();
            var leftOn = new Dictionary<EmployeeId, DateOnly>();
            await ReadAsync("SELECT employee_id, manager_id, left_on FROM employee_history ORDER BY employee_id, effective_from", r =>
            {
                var id = new EmployeeId(r.GetString(0));
                managers[id] = r.IsDBNull(1) ? null : new EmployeeId(r.GetString(1));
                if (r.IsDBNull(2)) leftOn.Remove(id);
                else leftOn[id] = r.GetFieldValue<DateOnly>(2);
            }, ct);
            return new StoredKeys(skills, roles, badges, employees, byEmail, managers, leftOn);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>All versions of one role (or of every role when <paramref name="role"/> is null), by role then version.</summary>
    public async Task<IReadOnlyList<RoleVersion>> LoadRoleHistoryAsync(RoleCode? role, CancellationToken ct)
    {
        var query = db.RoleVersions.AsNoTracking().Include(v => v.Requirements).AsQueryable();
        if (role is RoleCode code) query = query.Where(v => v.RoleCode == code.Value);
        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(v => v.RoleCode, StringComparer.Ordinal).ThenBy(v => v.Version).Select(Mapping.ToDomain).ToArray();
    }

    private async Task<List<Skill>> LoadSkillsAsync(CancellationToken ct)
    {
        var skills = new List<Skill>();
        await ReadAsync(SkillsSql, r => skills.Add(new Skill(
            new SkillCode(r.GetString(0)), r.GetString(1), NullableString(r, 2), NullableString(r, 3),
            Mapping.AliasesFromJson(NullableString(r, 4)))), ct);
        return skills;
    }

    /// <summary>Every version of every role with its requirements.</summary>
    private async Task<List<RoleVersion>> LoadRoleVersionsAsync(CancellationToken ct)
    {
        var versions = new List<(int Id, string Code, int Version, string Title, string? Family, DateOnly From)>();
        await ReadAsync(RoleVersionsSql, r =>
            versions.Add((r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), NullableString(r, 4), r.GetFieldValue<DateOnly>(5))), ct);
        var requirements = new Dictionary<int, List<RoleRequirement>>();
        await ReadAsync(RoleRequirementsSql, r =>
        {
            var id = r.GetInt32(0);
            if (!requirements.TryGetValue(id, out var list)) requirements[id] = list = [];
            list.Add(new RoleRequirement(new SkillCode(r.GetString(1)),
                ProficiencyLevel.FromStored(r.GetInt32(2), _clamped, "role_requirements.required_level", r.GetString(1)), r.GetInt32(3), r.GetBoolean(4)));
        }, ct);
        return [.. versions.Select(v => new RoleVersion(new RoleCode(v.Code), v.Title, v.Family, v.Version, v.From,
            requirements.TryGetValue(v.Id, out var list) ? list : []))];
    }

    private async Task<List<Badge>> LoadBadgesAsync(CancellationToken ct)
    {
        var skills = new Dictionary<string, List<BadgeSkill>>(StringComparer.Ordinal);
        await ReadAsync(BadgeSkillsSql, r =>
        {
            var id = r.GetString(0);
            if (!skills.TryGetValue(id, out var list)) skills[id] = list = [];
            list.Add(new BadgeSkill(new SkillCode(r.GetString(1)), ProficiencyLevel.FromStored(r.GetInt32(2), _clamped, "badge_skills.level", id)));
        }, ct);
        var prerequisites = new Dictionary<string, List<(int, int, string)>>(StringComparer.Ordinal);
        await ReadAsync(BadgePrerequisitesSql, r =>
        {
            var id = r.GetString(0);
            if (!prerequisites.TryGetValue(id, out var list)) prerequisites[id] = list = [];
            list.Add((r.GetInt32(1), r.GetInt32(2), r.GetString(3)));
        }, ct);
        var badges = new List<Badge>();
        await ReadAsync(BadgesSql, r =>
        {
            var id = r.GetString(0);
            badges.Add(new Badge(new BadgeId(id), r.GetString(1), NullableString(r, 2),
                skills.TryGetValue(id, out var s) ? s : [],
                r.GetDecimal(3),
                prerequisites.TryGetValue(id, out var p) ? Mapping.ToRule(p) : PrerequisiteRule.None,
                r.IsDBNull(4) ? null : r.GetInt32(4),
                r.IsDBNull(5) ? null : new BadgeId(r.GetString(5)),
                r.GetBoolean(6)));
        }, ct);
        return badges;
    }

    /// <summary>Every roster row of every stored employee, per employee in date order.</summary>
    private async Task<List<EmployeeState>> LoadRosterRowsAsync(CancellationToken ct, EmployeeId? only = null)
    {
        var names = new Dictionary<string, (string Name, string? Email)>(StringComparer.Ordinal);
        await ReadAsync(only is null ? EmployeesSql : EmployeeOfOneSql, r => names[r.GetString(0)] = (r.GetString(1), NullableString(r, 2)), ct, only?.Value);
        var rows = new List<EmployeeState>(names.Count);
        EmployeeId? current = null;
        await ReadAsync(only is null ? EmployeeHistorySql : EmployeeHistoryOfOneSql, r =>
        {
            var id = r.GetString(0);
            if (!names.TryGetValue(id, out var who)) return;
            // One id value per employee, shared by all their rows.
            if (current?.Value != id) current = new EmployeeId(id);
            rows.Add(new EmployeeState(r.GetFieldValue<DateOnly>(1), new Employee(current.Value, who.Name, who.Email, new RoleCode(r.GetString(2)),
                r.IsDBNull(3) ? null : new EmployeeId(r.GetString(3)),
                NullableString(r, 4), NullableString(r, 5),
                r.IsDBNull(6) ? null : new RoleCode(r.GetString(6)),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7))));
        }, ct, only?.Value);
        return rows;
    }

    /// <summary>The roster on <paramref name="asOf"/> from rows that come per employee in date order, in id order.</summary>
    private static List<Employee> RosterOn(List<EmployeeState> rows, DateOnly asOf)
    {
        var roster = new List<Employee>();
        var all = CollectionsMarshal.AsSpan(rows);
        for (var start = 0; start < rows.Count;)
        {
            var end = start + 1;
            while (end < rows.Count && rows[end].Employee.Id == rows[start].Employee.Id) end++;
            if (OrganisationTimeline.InForce(all[start..end], asOf) is { } employee) roster.Add(employee);
            start = end;
        }
        roster.Sort((a, b) => string.CompareOrdinal(a.Id.Value, b.Id.Value));
        return roster;
    }

    /// <summary>The awards of <paramref name="employees"/>, in the order they were stored.</summary>
    private async Task<List<Award>> LoadAwardsAsync(IEnumerable<EmployeeId> employees, CancellationToken ct)
    {
        var inRoster = new Dictionary<string, EmployeeId>(StringComparer.Ordinal);
        foreach (var id in employees) inRoster.TryAdd(id.Value, id);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite) return LoadAwardsSqlite(sqlite, inRoster, ct);

        var badgeIds = new Dictionary<string, BadgeId>(StringComparer.Ordinal);
        var awards = new List<Award>();
        await ReadAsync(AwardsSql, r =>
        {
            if (!inRoster.TryGetValue(r.GetString(0), out var employee)) return;
            var badgeText = r.GetString(1);
            if (!badgeIds.TryGetValue(badgeText, out var badge)) badgeIds[badgeText] = badge = new BadgeId(badgeText);
            awards.Add(new Award(employee, badge, r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3),
                NullableString(r, 4),
                (VerificationState)r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetInt32(6),
                NullableString(r, 7),
                NullableString(r, 8)));
        }, ct);
        return awards;
    }

    /// <summary>One employee's awards, in the order they were stored.</summary>
    private async Task<List<Award>> LoadAwardsOfAsync(EmployeeId employee, CancellationToken ct)
    {
        var awards = new List<Award>();
        await ReadAsync(AwardsOfOneSql, r => awards.Add(new Award(employee, new BadgeId(r.GetString(1)), r.GetFieldValue<DateOnly>(2),
            r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3),
            NullableString(r, 4),
            (VerificationState)r.GetInt32(5),
            r.IsDBNull(6) ? null : r.GetInt32(6),
            NullableString(r, 7),
            NullableString(r, 8))), ct, employee.Value);
        return awards;
    }

    // The statements the loader sends (SQL Server parses them in the tests), in the order it sends them.
    internal const string SkillsSql = "SELECT code, name, category, description, aliases FROM skills ORDER BY code";
    internal const string RoleVersionsSql = "SELECT id, role_code, version, title, family, effective_from FROM role_versions";
    internal const string RoleRequirementsSql = "SELECT role_version_id, skill_code, required_level, weight, critical FROM role_requirements ORDER BY role_version_id, skill_code";
    internal const string BadgeSkillsSql = "SELECT badge_id, skill_code, level FROM badge_skills ORDER BY badge_id, skill_code";
    internal const string BadgePrerequisitesSql = "SELECT badge_id, group_no, position, alternative_badge_id FROM badge_prerequisites";
    internal const string BadgesSql = "SELECT id, name, issuer, hours, valid_months, stack_id, needs_review FROM badges ORDER BY id";
    internal const string EmployeesSql = "SELECT id, name, email FROM employees";
    internal const string EmployeeHistorySql = "SELECT employee_id, effective_from, role_code, manager_id, department, location, target_role_code, left_on FROM employee_history ORDER BY employee_id, effective_from";
    internal const string AwardsSql = "SELECT employee_id, badge_id, issued_on, expires_on, evidence_url, state, achieved_level, credential_id, source FROM awards ORDER BY id";
    internal const string EmployeeOfOneSql = EmployeesSql + " WHERE id = @id";
    internal const string EmployeeHistoryOfOneSql = "SELECT employee_id, effective_from, role_code, manager_id, department, location, target_role_code, left_on FROM employee_history WHERE employee_id = @id ORDER BY effective_from";
    internal const string AwardsOfOneSql = "SELECT employee_id, badge_id, issued_on, expires_on, evidence_url, state, achieved_level, credential_id, source FROM awards WHERE employee_id = @id ORDER BY id";

    /// <summary>Every statement of <see cref="LoadAsync"/>, <see cref="LoadTimelineAsync"/> and <see cref="LoadEmployeeAsync"/> on a server provider.</summary>
    internal static readonly string[] Statements =
        [SkillsSql, RoleVersionsSql, RoleRequirementsSql, BadgeSkillsSql, BadgePrerequisitesSql, BadgesSql, EmployeesSql, EmployeeHistorySql, AwardsSql,
         EmployeeOfOneSql, EmployeeHistoryOfOneSql, AwardsOfOneSql];

    // Julian day of 0001-01-01 (proleptic Gregorian), so that julianday(d) - this = DateOnly.DayNumber.
    private const string JulianDayOfDayZero = "1721425.5";

    /// <summary>
    /// SQLite's awards are read through SQLitePCL directly: ids are looked up from the UTF-8 bytes (no string per row for
    /// employee, badge and source), and dates arrive as day numbers computed by SQLite instead of text parsed in .NET.
    /// </summary>
    private List<Award> LoadAwardsSqlite(SqliteConnection connection, Dictionary<string, EmployeeId> inRoster, CancellationToken ct)
    {
        var sql = "SELECT employee_id, badge_id, " +
                  $"CAST(julianday(issued_on) - {JulianDayOfDayZero} AS INTEGER), CAST(julianday(expires_on) - {JulianDayOfDayZero} AS INTEGER), " +
                  "evidence_url, state, achieved_level, credential_id, source FROM awards ORDER BY id";
        var handle = connection.Handle!;
        var employees = inRoster.GetAlternateLookup<ReadOnlySpan<char>>();
        var badges = new Dictionary<string, BadgeId>(StringComparer.Ordinal);
        var badgeLookup = badges.GetAlternateLookup<ReadOnlySpan<char>>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var sourceLookup = sources.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = new char[1024];
        var awards = new List<Award>();

        if (raw.sqlite3_prepare_v2(handle, sql, out var statement) != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), raw.sqlite3_errcode(handle));
        using (statement)
        {
            for (var n = 0; ; n++)
            {
                if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var result = raw.sqlite3_step(statement);
                if (result == raw.SQLITE_DONE) break;
                if (result != raw.SQLITE_ROW) throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);

                if (!employees.TryGetValue(Text(statement, 0, ref chars), out _, out var employee)) continue;
                var badgeText = Text(statement, 1, ref chars);
                if (!badgeLookup.TryGetValue(badgeText, out var badge))
                {
                    var id = new string(badgeText);
                    badges[id] = badge = new BadgeId(id);
                }
                string? source = null;
                if (raw.sqlite3_column_type(statement, 8) != raw.SQLITE_NULL)
                {
                    var sourceText = Text(statement, 8, ref chars);
                    if (!sourceLookup.TryGetValue(sourceText, out source))
                    {
                        source = new string(sourceText);
                        sources[source] = source;
                    }
                }
                awards.Add(new Award(employee, badge,
                    DateOnly.FromDayNumber(raw.sqlite3_column_int(statement, 2)),
                    raw.sqlite3_column_type(statement, 3) == raw.SQLITE_NULL ? null : DateOnly.FromDayNumber(raw.sqlite3_column_int(statement, 3)),
                    StringOrNull(statement, 4),
                    (VerificationState)raw.sqlite3_column_int(statement, 5),
                    raw.sqlite3_column_type(statement, 6) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(statement, 6),
                    StringOrNull(statement, 7),
                    source));
            }
        }
        return awards;

        static string? StringOrNull(sqlite3_stmt statement, int column) =>
            raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();
    }

    private static ReadOnlySpan<char> Text(sqlite3_stmt statement, int column, ref char[] chars)
    {
        var bytes = raw.sqlite3_column_blob(statement, column);
        if (chars.Length < bytes.Length) chars = new char[bytes.Length * 2];
        var length = Encoding.UTF8.GetChars(bytes, chars);
        return chars.AsSpan(0, length);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task ReadAsync(string sql, Action<DbDataReader> row, CancellationToken ct, string? id = null)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            parameter.Value = id;
            command.Parameters.Add(parameter);
        }
        command.CommandTimeout = 0;
        command.Transaction = _transaction ?? db.Database.CurrentTransaction?.GetDbTransaction();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }
}
