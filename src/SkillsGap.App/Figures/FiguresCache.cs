using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsGap.Core.Figures;
using SkillsGap.Data;

namespace SkillsGap.App.Figures;

/// <summary>
/// The organisation's figures as of a date, computed once and shared by every request until the data changes
/// (<see cref="DataVersion"/>). Keeps the few most recently used dates. Thread-safe; a singleton.
/// </summary>
public sealed class FiguresCache(IDbContextFactory<SkillsGapDbContext> contexts, IOptions<FiguresOptions> options, ILogger<FiguresCache>? log = null)
{
    // A weekly report reads 13 dates (12 trend weeks and the week before): small organisations keep them all; a
    // large one keeps fewer, by the rows its snapshots hold, so that the cache never holds several huge organisations.
    private const int Capacity = 16;
    private const long RowBudget = 3_000_000;

    /// <summary>
    /// How long a stamp read from the database is trusted: another host's write shows here within this time; a write
    /// of this process at once (<see cref="DataVersion.LocalWrites"/>). Saves a query on every request under load.
    /// </summary>
    public static readonly TimeSpan StampLifetime = TimeSpan.FromSeconds(1);

    private (string Stamp, long ReadAt, long LocalWrites)? _stamp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LinkedList<(DateOnly AsOf, string Stamp, OrganisationFigures Figures)> _entries = new();

    /// <summary>The figures as of <paramref name="asOf"/>, loading and computing them if the data changed since.</summary>
    public async Task<OrganisationFigures> GetAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var stamp = await StampAsync(ct);
        lock (_entries)
        {
            var hit = Find(asOf, stamp);
            if (hit is not null) return hit;
        }
        // One load at a time: a burst of first requests waits for the same figures instead of loading them 50 times.
        await _gate.WaitAsync(ct);
        try
        {
            lock (_entries)
            {
                var hit = Find(asOf, stamp);
                if (hit is not null) return hit;
            }
            OrganisationSnapshot snapshot;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                snapshot = await new SnapshotLoader(db).LoadAsync(asOf, ct);
            // Defence in depth (#11): stored values outside their bounds were clamped so that no figure throws; say so.
            if (snapshot.Clamped.Total > 0)
                log?.LogWarning("Figures as of {AsOf:yyyy-MM-dd}: {Clamped}", asOf, snapshot.Clamped.ToString());
            var figures = GapEngine.Compute(snapshot, new FigureOptions(options.Value.ReadyThreshold, options.Value.CountUnverified));
            lock (_entries)
            {
                _entries.AddFirst((asOf, stamp, figures));
                while (_entries.Count > 1 && (_entries.Count > Capacity || Rows() > RowBudget)) _entries.RemoveLast();
            }
            return figures;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StampAsync(CancellationToken ct)
    {
        var local = DataVersion.LocalWrites;
        if (_stamp is { } known && known.LocalWrites == local && Stopwatch.GetElapsedTime(known.ReadAt) < StampLifetime)
            return known.Stamp;
        var readAt = Stopwatch.GetTimestamp();
        string stamp;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            stamp = await DataVersion.ReadAsync(db, ct);
        _stamp = (stamp, readAt, local);
        return stamp;
    }

    /// <summary>Forgets everything (tests; writes go through <see cref="Writes.DataWrite"/>, which moves the stamp instead).</summary>
    public void Clear()
    {
        lock (_entries) _entries.Clear();
        _stamp = null;
    }

    private long Rows()
    {
        long rows = 0;
        foreach (var entry in _entries) rows += entry.Figures.Snapshot.Employees.Count + entry.Figures.Snapshot.Awards.Count;
        return rows;
    }

    private OrganisationFigures? Find(DateOnly asOf, string stamp)
    {
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.AsOf != asOf) continue;
            if (node.Value.Stamp != stamp)
            {
                _entries.Remove(node);
                return null;
            }
            _entries.Remove(node);
            _entries.AddFirst(node);
            return node.Value.Figures;
        }
        return null;
    }
}
