using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Recommendations;

/// <summary>
/// Keeps trained next-badge models in the <c>models</c> table (so that every host uses the same one) and hands out a
/// <see cref="Recommender"/> over the newest, reloading only when a newer model is stored. Thread-safe; a singleton.
/// </summary>
public sealed class NextBadgeModelStore(IDbContextFactory<SkillsGapDbContext> contexts, TimeProvider time)
{
    public const string Kind = "next-badge";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Id, Recommender Recommender, long CheckedAt)? _current;

    /// <summary>Stores a trained model; it is served unless its validation is worse than the model served before. Returns its row id.</summary>
    public async Task<long> SaveAsync(NextBadgeModel model, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        model.Save(buffer);
        var m = model.Metadata;
        var row = new ModelEntity
        {
            Kind = Kind,
            Version = m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Trainer = m.Trainer,
            CreatedAt = time.GetUtcNow(),
            DataFrom = m.DataFrom ?? m.TrainUntil,
            DataUntil = m.DataTo ?? m.TrainUntil,
            TrainingCases = m.TrainingCases,
            MetadataJson = System.Text.Json.JsonSerializer.Serialize(m),
            Content = buffer.ToArray(),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Models.Add(row);
        await db.SaveChangesAsync(ct);
        _current = null;
        return row.Id;
    }

    /// <summary>
    /// The newest stored model (the highest row id: ids grow with every insert, and SQLite cannot order by a
    /// DateTimeOffset) with its row id, or null when none was trained.
    /// </summary>
    public async Task<(long Id, NextBadgeModel Model)?> LoadNewestAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Models.AsNoTracking().Where(x => x.Kind == Kind)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct); // ids grow: the highest is the newest (SQLite cannot order by DateTimeOffset)
        if (row is null) return null;
        using var stream = new MemoryStream(row.Content, writable: false);
        return (row.Id, NextBadgeModel.Load(stream));
    }

    /// <summary>
    /// The id of the model served (<see cref="Models.ModelServing.Choose"/>: the newest whose validation is not worse
    /// than the one served before it), or null when none has learned anything.
    /// </summary>
    public async Task<long?> ServedIdAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Models.AsNoTracking().Where(x => x.Kind == Kind).Select(x => new { x.Id, x.MetadataJson }).ToListAsync(ct);
        return Models.ModelServing.Choose(rows.Select(r => (r.Id, Models.ModelServing.Read(r.MetadataJson)))
            .Where(r => r.Item2 is not null).Select(r => (r.Id, r.Item2!)));
    }

    /// <summary>A stored model by its row id, or null.</summary>
    public async Task<(long Id, NextBadgeModel Model)?> LoadAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Models.AsNoTracking().FirstOrDefaultAsync(x => x.Kind == Kind && x.Id == id, ct);
        if (row is null) return null;
        using var stream = new MemoryStream(row.Content, writable: false);
        return (row.Id, NextBadgeModel.Load(stream));
    }

    /// <summary>A recommender over the served model (gap-greedy with its reason when there is none).</summary>
    public async Task<Recommender> RecommenderAsync(CancellationToken ct = default)
    {
        var current = _current;
        // Another host's newer model is picked up within a second; one saved by this process at once.
        if (current is { } fresh && Stopwatch.GetElapsedTime(fresh.CheckedAt) < TimeSpan.FromSeconds(1)) return fresh.Recommender;
        var checkedAt = Stopwatch.GetTimestamp();
        var newest = await ServedIdAsync(ct);
        if (current is { } c && c.Id == (newest ?? 0))
        {
            _current = c with { CheckedAt = checkedAt };
            return c.Recommender;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Id == (newest ?? 0)) return again.Recommender;
            var loaded = newest is long id ? await LoadAsync(id, ct) : null;
            var recommender = new Recommender(loaded?.Model);
            _current = (loaded?.Id ?? 0, recommender, checkedAt);
            return recommender;
        }
        finally
        {
            _gate.Release();
        }
    }
}
