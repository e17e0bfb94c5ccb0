using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App.Figures;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Writes;

/// <summary>
/// The one write path for organisation data — skills, roles, badges, the roster, awards and any table a new feature adds
/// (credentials, challenges, preferences): <see cref="RunAsync{T}"/> runs a writer's work in one transaction, saves it,
/// marks the data changed (<see cref="DataVersion"/>, so that every host's cached figures are recomputed) and commits;
/// when the work throws, or for a dry run, everything is rolled back and nothing is marked. A writer never bumps the
/// version or commits itself, and cannot forget to: a context handed out by <c>AddSkillsGap</c> refuses to save such rows
/// outside a <see cref="DataWrite"/> (only the operational ledgers — imports, jobs, settings, models, report runs, the
/// issuing ledger — are written directly). Raw SQL that changes organisation data must run inside <see cref="RunAsync{T}"/> too.
/// </summary>
/// <example>
/// <code>
/// public sealed class RevokeAward(DataWrite write)
/// {
///     public Task RunAsync(long awardId, CancellationToken ct) => write.RunAsync(async (db, ct) =>
///     {
///         var award = await db.Awards.SingleAsync(a => a.Id == awardId, ct);
///         award.State = (int)VerificationState.Revoked;
///         return award.Id;
///     }, ct);
/// }
/// </code>
/// </example>
public sealed class DataWrite(SkillsGapDbContext db, BusinessCalendar calendar)
{
    private static readonly ConditionalWeakTable<DbContext, object> Writing = [];

    /// <summary>The tables written outside a <see cref="DataWrite"/>: ledgers of what ran, not data the figures or pages show.</summary>
    public static IReadOnlySet<Type> OperationalEntities { get; } = new HashSet<Type>
    {
        typeof(ImportEntity), typeof(JobEntity), typeof(SettingEntity), typeof(ModelEntity), typeof(ReportRunEntity),
        // The issuing ledger: keys, status lists and the signed documents; no figure reads them (a revocation, which
        // changes an award, is a DataWrite).
        typeof(IssuerKeyEntity), typeof(StatusListEntity), typeof(IssuedCredentialEntity),
        // Who did what: written beside the work, never read by a figure.
        typeof(AuditEntryEntity),
    };

    /// <summary>Runs <paramref name="work"/> on the scope's context, saves it, marks the data changed and commits.</summary>
    public Task<T> RunAsync<T>(Func<SkillsGapDbContext, CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        RunAsync(work, commit: true, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and saves it; then commits and marks the data changed, or (when
    /// <paramref name="commit"/> is false: a dry run) rolls back, so that the work could see its own writes and count them.
    /// The change tracker is cleared afterwards either way.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SkillsGapDbContext, CancellationToken, Task<T>> work, bool commit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A transaction is already open on this context: a DataWrite is not nested.");
        // SQL Server's retrying execution strategy runs the whole transaction again, from the start, after a transient
        // failure (the other providers run it once): the work must only write, from what it was given.
        return await db.Database.RunTransactionAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            Writing.AddOrUpdate(db, this);
            try
            {
                var result = await work(db, cancel);
                await db.SaveChangesAsync(cancel);
                if (!commit)
                {
                    await transaction.RollbackAsync(cancel);
                    return result;
                }
                await DataVersion.BumpAsync(db, calendar.Now, cancel);
                await transaction.CommitAsync(cancel);
                DataVersion.NoteCommitted();
                return result;
            }
            finally
            {
                Writing.Remove(db);
                db.ChangeTracker.Clear();
            }
        }, ct);
    }

    /// <summary>
    /// Makes <paramref name="context"/> refuse to save organisation data outside a <see cref="DataWrite"/>: the guard every
    /// context of <c>AddSkillsGap</c> carries, so that a writer that bypasses this path fails in its first test instead of
    /// leaving every host's figures stale.
    /// </summary>
    public static T Guard<T>(T context) where T : DbContext
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SavingChanges += (sender, _) =>
        {
            var saving = (DbContext)sender!;
            if (Writing.TryGetValue(saving, out var _)) return;
            if (saving.ChangeTracker.AutoDetectChangesEnabled) saving.ChangeTracker.DetectChanges();
            var entry = saving.ChangeTracker.Entries().FirstOrDefault(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !OperationalEntities.Contains(e.Metadata.ClrType));
            if (entry is not null)
                throw new InvalidOperationException(
                    $"{entry.Metadata.ClrType.Name} is organisation data: write it through {nameof(DataWrite)}.{nameof(RunAsync)}, " +
                    "which also marks every host's cached figures stale (see README, \"How a request flows\").");
        };
        return context;
    }
}
