using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsGap.App.Imports;
using SkillsGap.App.OpenBadges;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Host.Endpoints;

namespace SkillsGap.Host.Jobs;

/// <summary>Inserted, updated and unchanged rows.</summary>
public sealed record CountsDocument(int Inserted, int Updated, int Unchanged)
{
    public static CountsDocument From(ChangeCounts c) => new(c.Inserted, c.Updated, c.Unchanged);
}

/// <summary>What one uploaded file held and changed.</summary>
public sealed record FileResultDocument(string File, int Records, CountsDocument Changes);

/// <summary>What an Open Badges upload did: credentials read, awards and catalogue badges written, badges to review.</summary>
public sealed record OpenBadgesResultDocument(int Credentials, CountsDocument Awards, CountsDocument Badges,
    IReadOnlyList<string> BadgesForReview, IReadOnlyDictionary<string, string> Verification);

/// <summary>What an import changed (or, for a dry run, would change).</summary>
public sealed record ImportResultDocument(string Kind, bool DryRun, IReadOnlyList<FileResultDocument> Files, CountsDocument Total,
    IReadOnlyList<RowErrorDocument> Skipped, OpenBadgesResultDocument? OpenBadges = null)
{
    public static ImportResultDocument From(ImportOutcome o) => new(
        o.Kind.ToString().ToLowerInvariant(), o.DryRun,
        [.. o.Files.Select(f => new FileResultDocument(Path.GetFileName(f.File), f.Records, CountsDocument.From(f.Changes)))],
        CountsDocument.From(o.Total), RowErrorDocument.From(o.Skipped));

    public static ImportResultDocument From(OpenBadgesImportOutcome o, IReadOnlyList<string> files) => new(
        ImportArguments.OpenBadgesKind, o.DryRun,
        [.. files.Select(f => new FileResultDocument(f, 1, CountsDocument.From(ChangeCounts.None)))],
        CountsDocument.From(new ChangeCounts(o.Awards.Inserted + o.Badges.Inserted, o.Awards.Updated + o.Badges.Updated, o.Awards.Unchanged + o.Badges.Unchanged)),
        RowErrorDocument.From(o.Skipped),
        new OpenBadgesResultDocument(o.Credentials, CountsDocument.From(o.Awards), CountsDocument.From(o.Badges), o.BadgesForReview,
            o.States.GroupBy(s => Path.GetFileName(s.File)).ToDictionary(g => g.Key, g => g.Last().State.ToString().ToLowerInvariant(), StringComparer.Ordinal)));
}

/// <summary>One uploaded file waiting to be imported: its name as uploaded and where it was saved.</summary>
public sealed record UploadedFile(string Name, string Path, long Length);

/// <summary>The arguments of an import job, kept in <c>jobs.arguments_json</c>; <paramref name="SkipInvalid"/> imports the valid rows and lists the others.</summary>
public sealed record ImportArguments(string Kind, bool DryRun, IReadOnlyList<UploadedFile> Files, bool SkipInvalid = false)
{
    public const string OpenBadgesKind = "openbadges";
}

/// <summary>
/// The status resource of an API import (<c>GET /api/imports/{id}</c>): queued, running, succeeded, rejected (nothing
/// written; see <see cref="Errors"/>) or failed, with the result and the row errors.
/// </summary>
public sealed record ImportStatusDocument(
    long Id, string Kind, string Status, bool DryRun, IReadOnlyList<string> Files,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    ImportResultDocument? Result, IReadOnlyList<RowErrorDocument> Errors, string? Error, long? ImportRecordId)
{
    public static ImportStatusDocument From(JobEntity job)
    {
        var args = JobLedger.Read<ImportArguments>(job.ArgumentsJson);
        var outcome = JobLedger.Read<ImportJobResult>(job.ResultJson);
        return new ImportStatusDocument(job.Id, args?.Kind ?? "", job.Status, args?.DryRun ?? false,
            [.. (args?.Files ?? []).Select(f => f.Name)], job.CreatedAt, job.StartedAt, job.FinishedAt,
            outcome?.Result, outcome?.Errors ?? [], job.Error, job.ImportId);
    }
}

/// <summary>What an import job leaves in <c>jobs.result_json</c>: the result, or the row errors of a rejection.</summary>
public sealed record ImportJobResult(ImportResultDocument? Result, IReadOnlyList<RowErrorDocument> Errors);

/// <summary>The status of any background job (<c>GET /api/jobs/{id}</c>).</summary>
public sealed record JobStatusDocument(
    long Id, string Kind, string Status, string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, JsonElement? Arguments, JsonElement? Result, string? Error, long? ImportId)
{
    public static JobStatusDocument From(JobEntity job) => new(job.Id, job.Kind, job.Status, job.RequestedBy, job.CreatedAt,
        job.StartedAt, job.FinishedAt, JobLedger.Read<JsonElement?>(job.ArgumentsJson), JobLedger.Read<JsonElement?>(job.ResultJson),
        job.Error, job.ImportId);
}

/// <summary>Status values of the <c>jobs</c> table and the JSON of its columns.</summary>
public static class JobLedger
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T? Read<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Json);
}
