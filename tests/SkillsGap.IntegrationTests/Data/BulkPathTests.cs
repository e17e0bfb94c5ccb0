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
                i % 5 == 0 ? $"https://evidence.example.org/{i}?q=é" : null,
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
}
