using SkillsGap.App.Jobs;
using SkillsGap.Data;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>Inserted, updated and unchanged rows.</summary>
public sealed record CountsDocument(int Inserted, int Updated, int Unchanged)
{
    public static CountsDocument From(ChangeCounts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Inserted, c.Updated, c.Unchanged);
    }
}

/// <summary>A row error in a document: where (file, sheet, row, column), which value and why.</summary>
public sealed record RowErrorDocument(string File, string? Sheet, int? Row, string? Column, string? Value, string Reason)
{
    public static IReadOnlyList<RowErrorDocument> From(IEnumerable<RowError> errors) =>
        [.. errors.Select(e => new RowErrorDocument(e.File, e.Sheet, e.Row, e.Column, e.Value, e.Reason))];

    public RowError ToRowError() => new(File, Sheet, Row, Column, Value, Reason);
}

/// <summary>What one uploaded file held and changed, and its <c>imports</c> ledger row.</summary>
public sealed record FileResultDocument(string File, int Records, CountsDocument Changes, long? ImportRecordId = null);

/// <summary>What an Open Badges upload did: credentials read, awards and catalogue badges written, badges to review.</summary>
public sealed record OpenBadgesResultDocument(int Credentials, CountsDocument Awards, CountsDocument Badges,
    IReadOnlyList<string> BadgesForReview, IReadOnlyDictionary<string, string> Verification, IReadOnlyDictionary<string, string>? VerificationReasons = null);

/// <summary>What an import changed (or, for a dry run, would change).</summary>
public sealed record ImportResultDocument(string Kind, bool DryRun, IReadOnlyList<FileResultDocument> Files, CountsDocument Total,
    IReadOnlyList<RowErrorDocument> Skipped, OpenBadgesResultDocument? OpenBadges = null)
{
    /// <summary>The document of an import's outcome; an Open Badges import's total counts awards and created badges.</summary>
    public static ImportResultDocument From(ImportOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var files = o.Files.Select(f => new FileResultDocument(Path.GetFileName(f.File), f.Records, CountsDocument.From(f.Changes), f.ImportId)).ToList();
        if (o.OpenBadges is not { } ob)
            return new(ImportKinds.Name(o.Kind), o.DryRun, files, CountsDocument.From(o.Total), RowErrorDocument.From(o.Skipped));
        return new(ImportKinds.Name(o.Kind), o.DryRun, files,
            CountsDocument.From(new ChangeCounts(ob.Awards.Inserted + ob.Badges.Inserted, ob.Awards.Updated + ob.Badges.Updated, ob.Awards.Unchanged + ob.Badges.Unchanged)),
            RowErrorDocument.From(o.Skipped),
            new OpenBadgesResultDocument(ob.Credentials, CountsDocument.From(ob.Awards), CountsDocument.From(ob.Badges), ob.BadgesForReview,
                ob.States.GroupBy(s => Path.GetFileName(s.File)).ToDictionary(g => g.Key, g => g.Last().State.ToString().ToLowerInvariant(), StringComparer.Ordinal),
                ob.Reasons.GroupBy(r => Path.GetFileName(r.File)).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(r => r.Reason).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal)));
    }
}

/// <summary>One uploaded file waiting to be imported: its name as uploaded and where it was saved.</summary>
public sealed record UploadedFile(string Name, string Path, long Length);

/// <summary>The arguments of an import job, kept in <c>jobs.arguments_json</c>; <paramref name="SkipInvalid"/> imports the valid rows and lists the others.</summary>
public sealed record ImportArguments(string Kind, bool DryRun, IReadOnlyList<UploadedFile> Files, bool SkipInvalid = false);

/// <summary>What an import job leaves in <c>jobs.result_json</c>: the result, or the row errors of a rejection; and the ledger rows.</summary>
public sealed record ImportJobResult(ImportResultDocument? Result, IReadOnlyList<RowErrorDocument> Errors, IReadOnlyList<long>? ImportRecordIds = null);

/// <summary>
/// The status resource of an uploaded import (<c>GET /api/imports/{id}</c>): queued, running, succeeded, rejected (nothing
/// written; see <see cref="Errors"/>) or failed, with the result, the row errors, and the <c>imports</c> ledger rows it
/// wrote (<see cref="ImportRecordIds"/>, one per file; <see cref="ImportRecordId"/> is the first).
/// </summary>
public sealed record ImportStatusDocument(
    long Id, string Kind, string Status, bool DryRun, IReadOnlyList<string> Files,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    ImportResultDocument? Result, IReadOnlyList<RowErrorDocument> Errors, string? Error, long? ImportRecordId, IReadOnlyList<long> ImportRecordIds)
{
    public static ImportStatusDocument From(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var args = job.Arguments<ImportArguments>();
        var outcome = job.Result<ImportJobResult>();
        return new ImportStatusDocument(job.Id, args?.Kind ?? "", job.Status, args?.DryRun ?? false,
            [.. (args?.Files ?? []).Select(f => f.Name)], job.CreatedAt, job.StartedAt, job.FinishedAt,
            outcome?.Result, outcome?.Errors ?? [], job.Error, job.ImportId, outcome?.ImportRecordIds ?? []);
    }
}
