using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static SkillsGap.IntegrationTests.Data.Org;

namespace SkillsGap.IntegrationTests.Data;

/// <summary>
/// The bulk path stores exactly what EF Core would. The timings are printed for information only (the 1,000,000-row
/// figures in the report come from a separate run); nothing here asserts on time.
/// </summary>
public sealed class BulkPathTests(ITestOutputHelper output)
{
    private const int People = 500;
    private const int AwardsPerPerson = 20;

    private static List<Award> Awards()
    {
        string[] badges = ["PY-101", "PY-201", "SQL-101"];
        return Enumerable.Range(0, People * AwardsPerPerson).Select(i => new Award(
                new EmployeeId($"P{i / AwardsPerPerson:D5}"), new BadgeId(badges[i % 3]), D("2023-01-01").AddDays(i % AwardsPerPerson * 17),
                i % 3 == 0 ? D("2023-01-01").AddDays(i % AwardsPerPerson * 17 + 400) : null,
                // One URL of 1,900 two-byte characters: longer than the COPY writer's headroom per row.
                i == 5 ? "https://evidence.example.org/" + new string('é', 1_900) : i % 5 == 0 ? $"https://evidence.example.org/{i}?q=é" : null,
                (VerificationState)(i % 4), i % 7 == 0 ? i % 6 : null, i % 11 == 0 ? $"urn:uuid:{i:D8}" : null, "bulk"))
            .ToList();
    }

    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var writer = new ImportWriter(db);
        await writer.UpsertSkillsAsync([Skill("PY"), Skill("SQL")], CancellationToken.None);
        await writer.UpsertBadgesAsync([Badge("PY-101", "PY", 2, validMonths: 12), Badge("PY-201", "PY", 3), Badge("SQL-101", "SQL", 2)], CancellationToken.None);
        await writer.ApplyEmployeesAsync(Enumerable.Range(0, People).Select(i => Person($"P{i:D5}", "ANALYST")).ToList(), D("2023-01-01"), CancellationToken.None);
        return database;
    }

    private static async Task<List<string>> ContentAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var rows = await db.Awards.AsNoTracking().ToListAsync();
        return rows.Select(a => string.Join('|', a.EmployeeId, a.BadgeId, a.IssuedOn.ToString("O", CultureInfo.InvariantCulture),
                a.ExpiresOn?.ToString("O", CultureInfo.InvariantCulture), a.EvidenceUrl, a.State.ToString(CultureInfo.InvariantCulture),
                a.AchievedLevel?.ToString(CultureInfo.InvariantCulture), a.CredentialId, a.Source))
            .Order(StringComparer.Ordinal).ToList();
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_bulk_path_stores_the_same_rows_as_EF_Core_AddRange(DatabaseProvider provider)
    {
        var awards = Awards();
        await using var bulkDatabase = await SeededAsync(provider);
        await using var efDatabase = await SeededAsync(provider);

        var bulkTime = Stopwatch.StartNew();
        await using (var db = bulkDatabase.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(new ChangeCounts(awards.Count, 0, 0), await new ImportWriter(db).UpsertAwardsAsync(awards, CancellationToken.None));
            await transaction.CommitAsync();
        }
        bulkTime.Stop();

        var efTime = Stopwatch.StartNew();
        await using (var db = efDatabase.NewContext())
        {
            db.Awards.AddRange(awards.Select(a => new AwardEntity
            {
                EmployeeId = a.Employee.Value,
                BadgeId = a.Badge.Value,
                IssuedOn = a.IssuedOn,
                ExpiresOn = a.ExpiresOn,
                EvidenceUrl = a.EvidenceUrl,
                State = (int)a.State,
                AchievedLevel = a.AchievedLevel,
                CredentialId = a.CredentialId,
                Source = a.Source,
            }));
            await db.SaveChangesAsync();
        }
        efTime.Stop();

        Assert.Equal(await ContentAsync(efDatabase), await ContentAsync(bulkDatabase));
        output.WriteLine(FormattableString.Invariant(
            $"{provider}: {awards.Count} awards, bulk path {bulkTime.Elapsed.TotalSeconds:F2}s, EF AddRange+SaveChanges {efTime.Elapsed.TotalSeconds:F2}s, ratio {efTime.Elapsed / bulkTime.Elapsed:F1}x"));
    }

    private static async Task<ChangeCounts> UpsertAsync(TestDatabase database, IReadOnlyList<Award> awards, CancellationToken ct = default)
    {
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counts = await new ImportWriter(db).UpsertAwardsAsync(awards, ct);
        await transaction.CommitAsync(ct);
        return counts;
    }

    private static async Task<List<AwardEntity>> StoredAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Awards.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private static Award A(string employee, string badge, string issued, string? expires = null, string? evidence = null,
        VerificationState state = VerificationState.Recorded, string source = "first") =>
        new(new EmployeeId(employee), new BadgeId(badge), D(issued), expires is null ? null : D(expires), evidence, state, null, null, source);

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_second_import_counts_each_key_once_as_inserted_updated_or_unchanged(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        Assert.Equal(new ChangeCounts(4, 0, 0), await UpsertAsync(database,
        [
            A("P00000", "PY-101", "2023-01-01"),
            A("P00000", "PY-201", "2023-02-01"),
            A("P00001", "SQL-101", "2023-03-01", evidence: "https://evidence.example.org/e/1"),
            A("P00001", "PY-101", "2023-04-01"),
        ]));

        var counts = await UpsertAsync(database,
        [
            A("P00000", "PY-101", "2023-01-01"),                                                      // the same: unchanged
            A("P00000", "PY-201", "2023-02-01", state: VerificationState.Verified, source: "second"), // state: updated
            A("P00001", "SQL-101", "2023-03-01", evidence: "https://evidence.example.org/E/1"),       // only the case of the URL: updated
            A("P00001", "PY-101", "2023-04-01", source: "second"),                                    // only the source: unchanged
            A("P00002", "PY-101", "2023-05-01", expires: "2024-05-01"),                               // new, given twice:
            A("P00002", "PY-101", "2023-05-01", expires: "2025-05-01", source: "second"),            // the last one counts
        ]);

        // By hand: 5 distinct keys — 1 new, 2 changed, 2 as they were.
        Assert.Equal(new ChangeCounts(1, 2, 2), counts);
        var stored = await StoredAsync(database);
        Assert.Equal(5, stored.Count);
        var byKey = stored.ToDictionary(a => (a.EmployeeId, a.BadgeId, a.IssuedOn));
        Assert.Equal((int)VerificationState.Verified, byKey[("P00000", "PY-201", D("2023-02-01"))].State);
        Assert.Equal("second", byKey[("P00000", "PY-201", D("2023-02-01"))].Source);
        Assert.Equal("https://evidence.example.org/E/1", byKey[("P00001", "SQL-101", D("2023-03-01"))].EvidenceUrl);
        // The source alone changes nothing, so the row keeps the import that last changed it.
        Assert.Equal("first", byKey[("P00001", "PY-101", D("2023-04-01"))].Source);
        Assert.Equal(D("2025-05-01"), byKey[("P00002", "PY-101", D("2023-05-01"))].ExpiresOn);
        Assert.Equal("second", byKey[("P00002", "PY-101", D("2023-05-01"))].Source);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Codes_differing_only_in_case_are_different_keys(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        await using (var db = database.NewContext())
            await new ImportWriter(db).UpsertBadgesAsync([Badge("py-101", "PY", 1)], CancellationToken.None);

        var counts = await UpsertAsync(database, [A("P00000", "PY-101", "2023-01-01"), A("P00000", "py-101", "2023-01-01")]);

        Assert.Equal(new ChangeCounts(2, 0, 0), counts);
        Assert.Equal(["PY-101", "py-101"], (await StoredAsync(database)).Select(a => a.BadgeId).Order(StringComparer.Ordinal));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task An_award_of_an_unknown_employee_or_badge_is_refused_and_nothing_of_the_import_is_written(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        await UpsertAsync(database, [A("P00000", "PY-101", "2023-01-01")]);

        var noEmployee = await Assert.ThrowsAnyAsync<DbException>(() => UpsertAsync(database,
            [A("P00001", "PY-101", "2023-01-01"), A("NOBODY", "PY-101", "2023-01-01")]));
        var noBadge = await Assert.ThrowsAnyAsync<DbException>(() => UpsertAsync(database,
            [A("P00001", "PY-101", "2023-01-01"), A("P00001", "NO-SUCH-BADGE", "2023-01-01")]));

        Assert.Contains("foreign key", noEmployee.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("foreign key", noBadge.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await StoredAsync(database));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Deleting_an_employee_deletes_their_awards_and_a_badge_with_awards_cannot_be_deleted(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        await UpsertAsync(database, [A("P00000", "PY-101", "2023-01-01"), A("P00001", "PY-101", "2023-01-01"), A("P00001", "SQL-101", "2023-01-01")]);

        await using (var db = database.NewContext())
        {
            Assert.Equal(1, await db.Employees.Where(e => e.Id == "P00001").ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<DbException>(() => db.Badges.Where(b => b.Id == "PY-101").ExecuteDeleteAsync());
            // A badge nobody holds can go.
            Assert.Equal(1, await db.Badges.Where(b => b.Id == "PY-201").ExecuteDeleteAsync());
        }

        var stored = await StoredAsync(database);
        Assert.Equal([("P00000", "PY-101")], stored.Select(a => (a.EmployeeId, a.BadgeId)));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_cancelled_import_leaves_exactly_the_awards_before_or_after_it(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        var outcomes = new List<string>();
        // Each attempt adds new keys (a later issue date), cancelled at a different moment: before, during or after.
        foreach (var (attempt, delay) in new[] { 0, 5, 20, 60, 150, 400 }.Select((d, i) => (i, d)))
        {
            var before = (await StoredAsync(database)).Count;
            var awards = Awards().Select(a => a with { IssuedOn = a.IssuedOn.AddYears(10 + attempt) }).ToList();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(delay));
            try
            {
                await UpsertAsync(database, awards, cancel.Token);
                outcomes.Add("completed");
            }
            catch (Exception e) when (e is OperationCanceledException || e.InnerException is OperationCanceledException || e is DbException)
            {
                outcomes.Add("cancelled");
            }
            var after = (await StoredAsync(database)).Count;
            Assert.True(after == before || after == before + awards.Count,
                $"{provider}, cancelled after {delay} ms: {after} awards, expected {before} or {before + awards.Count}.");
        }
        output.WriteLine($"{provider}: {string.Join(", ", outcomes)}");
    }
}
