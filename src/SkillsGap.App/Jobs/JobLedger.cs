using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Jobs;

/// <summary>A row of the <c>jobs</c> table as use cases and documents read it.</summary>
public sealed record JobRecord(long Id, string Kind, string Status, string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? ArgumentsJson, string? ResultJson, string? Error, long? ImportId)
{
    /// <summary>Whether the job has ended: succeeded, rejected or failed.</summary>
    public bool Finished => Status is JobLedger.Succeeded or JobLedger.Rejected or JobLedger.Failed;

    /// <summary>The job's arguments, as the use case that queued it wrote them.</summary>
    public T? Arguments<T>() => JobLedger.Read<T>(ArgumentsJson);

    /// <summary>The job's result, as its handler wrote it.</summary>
    public T? Result<T>() => JobLedger.Read<T>(ResultJson);
}

/// <summary>
/// The <c>jobs</c> table: long work started from the API or a page (a large import, training) and where it stands —
/// queued, running, succeeded, rejected (the input was refused; nothing written) or failed. The status resources
/// (<c>GET /api/imports/{id}</c>, <c>GET /api/jobs/{id}</c>) and the uploads page read it; any host's worker runs it.
/// </summary>
public sealed class JobLedger(IDbContextFactory<SkillsGapDbContext> contexts, BusinessCalendar calendar)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    /// <summary>The JSON of the table's argument and result columns (web defaults: camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T? Read<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>Records a queued job of <paramref name="kind"/> with its arguments; returns it.</summary>
    public async Task<JobRecord> CreateAsync<TArguments>(string kind, TArguments arguments, string? requestedBy, CancellationToken ct = default)
    {
        var row = new JobEntity
        {
            Kind = kind,
            Status = Queued,
            RequestedBy = requestedBy,
            CreatedAt = calendar.Now,
            ArgumentsJson = Write(arguments),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Jobs.Add(row);
        await db.SaveChangesAsync(ct);
        return Record(row);
    }

    /// <summary>The job, or null when there is none with that id.</summary>
    public async Task<JobRecord?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        return row is null ? null : Record(row);
    }

    /// <summary>
    /// Whether a job of <paramref name="kind"/> is queued or running, counting only those recorded within
    /// <paramref name="within"/> (default 6 hours) so that one left by a host that died does not block forever.
    /// </summary>
    public async Task<bool> HasOpenAsync(string kind, CancellationToken ct = default, TimeSpan? within = null)
    {
        var since = calendar.Now - (within ?? TimeSpan.FromHours(6));
        await using var db = await contexts.CreateDbContextAsync(ct);
        // SQLite cannot compare DateTimeOffset in SQL: the open rows are few, the date is checked here.
        var open = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind && (j.Status == Queued || j.Status == Running))
            .Select(j => j.CreatedAt).ToListAsync(ct);
        return open.Any(created => created >= since);
    }

    /// <summary>The newest job of <paramref name="kind"/> (the highest id), or null.</summary>
    public async Task<JobRecord?> LatestAsync(string kind, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind).OrderByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        return row is null ? null : Record(row);
    }

    /// <summary>Marks the job running (when it starts on a worker).</summary>
    public Task StartAsync(long id, CancellationToken ct = default) => UpdateAsync(id, row =>
    {
        row.Status = Running;
        row.StartedAt = calendar.Now;
    }, ct);

    /// <summary>Records how the job ended: its status, result, error and (for an import) its first ledger row.</summary>
    public Task FinishAsync(long id, string status, string? resultJson, string? error, long? importId, CancellationToken ct = default) =>
        UpdateAsync(id, row =>
        {
            row.Status = status;
            row.ResultJson = resultJson;
            row.Error = error;
            row.ImportId = importId;
            row.FinishedAt = calendar.Now;
        }, ct);

    private async Task UpdateAsync(long id, Action<JobEntity> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Jobs.SingleAsync(j => j.Id == id, ct);
        change(row);
        await db.SaveChangesAsync(ct);
    }

    private static JobRecord Record(JobEntity j) =>
        new(j.Id, j.Kind, j.Status, j.RequestedBy, j.CreatedAt, j.StartedAt, j.FinishedAt, j.ArgumentsJson, j.ResultJson, j.Error, j.ImportId);
}
