using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>One row of the <c>imports</c> ledger as pages and documents show it.</summary>
public sealed record ImportLine(long Id, DateTimeOffset StartedAt, string Kind, string File, string Status, bool DryRun,
    int Inserted, int Updated, int Unchanged, int Errors);

/// <summary>One import's ledger row with when it finished and its row errors (stored up to 1000).</summary>
public sealed record ImportRecordView(ImportLine Line, DateTimeOffset? FinishedAt, IReadOnlyList<RowError> Errors);

/// <summary>
/// The <c>imports</c> ledger: one row per file of every import — imported, checked by a dry run, or rejected (with its
/// row errors) — so that what came in, when, and what it changed can be looked up. The rows of an import that writes are
/// part of its <see cref="Writes.DataWrite"/> (they commit or roll back with the data, and the awards they bring name
/// their row as <c>source</c>); a dry run's and a rejection's rows are written on their own.
/// </summary>
public sealed class ImportLedger(IDbContextFactory<SkillsGapDbContext> contexts, BusinessCalendar calendar)
{
    public const string Imported = "imported";
    public const string DryRun = "dry-run";
    public const string Rejected = "rejected";

    private const int FileNameLength = 400;
    private const int StoredErrors = 1000;

    /// <summary>The <c>awards.source</c> of the rows an import wrote: its ledger row, <c>import:42</c>.</summary>
    public static string SourceOf(long importId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"import:{importId}");

    /// <summary>A ledger row for one file of an import (not yet stored).</summary>
    internal ImportEntity Entry(ImportKind kind, string file, bool dryRun, string status, ChangeCounts changes, IReadOnlyList<RowError> errors) => new()
    {
        Kind = ImportKinds.Name(kind),
        FileName = file.Length > FileNameLength ? file[^FileNameLength..] : file,
        DryRun = dryRun,
        StartedAt = calendar.Now,
        FinishedAt = calendar.Now,
        Status = status,
        Inserted = changes.Inserted,
        Updated = changes.Updated,
        Unchanged = changes.Unchanged,
        ErrorCount = errors.Count,
        ErrorsJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors.Take(StoredErrors)),
    };

    /// <summary>Stores rows on their own (a dry run's, a rejection's) and returns their ids in order.</summary>
    internal async Task<IReadOnlyList<long>> StoreAsync(IReadOnlyList<ImportEntity> rows, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Imports.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return [.. rows.Select(r => r.Id)];
    }

    /// <summary>The newest <paramref name="count"/> rows, newest first.</summary>
    public async Task<IReadOnlyList<ImportLine>> RecentAsync(int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Imports.AsNoTracking().OrderByDescending(i => i.Id).Take(count).ToListAsync(ct);
        return [.. rows.Select(Line)];
    }

    /// <summary>One row, or null when there is none with that id.</summary>
    public async Task<ImportLine?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().Where(i => i.Id == id).Select(r => Line(r)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// One import's result as its page shows it (<c>/uploads/{id}</c>): the ledger row and its stored row errors (the
    /// first 1000); null when there is no row with that id.
    /// </summary>
    public async Task<ImportRecordView?> ResultAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (row is null) return null;
        var errors = row.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<RowError>>(row.ErrorsJson) ?? [];
        return new ImportRecordView(Line(row), row.FinishedAt, errors);
    }

    private static ImportLine Line(ImportEntity r) =>
        new(r.Id, r.StartedAt, r.Kind, r.FileName, r.Status, r.DryRun, r.Inserted, r.Updated, r.Unchanged, r.ErrorCount);
}
