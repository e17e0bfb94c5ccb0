using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Core.Figures;
using SkillsGap.Data;

namespace SkillsGap.App.Figures;

/// <summary>
/// The organisation's figures as of a date, computed once and shared by every request until the data changes
/// (<see cref="DataVersion"/>). Keeps the few most recently used dates. Thread-safe; a singleton.
/// </summary>
public sealed class FiguresCache(IDbContextFactory<SkillsGapDbContext> contexts, IOptions<FiguresOptions> options)
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

    private readonly SemaphoreSlim _historyGate = new(1, 1);
    private (string Stamp, FiguresHistory History)? _history;

    /// <summary>
    /// The whole history in one read (see <see cref="FiguresHistory"/>), shared by every report until the data changes:
    /// a fan-out of weekly reports reads the database once, however many trends it draws.
    /// </summary>
    public async Task<FiguresHistory> GetHistoryAsync(CancellationToken ct = default)
    {
        var stamp = await StampAsync(ct);
        if (_history is { } known && known.Stamp == stamp) return known.History;
        await _historyGate.WaitAsync(ct);
        try
        {
            if (_history is { } again && again.Stamp == stamp) return again.History;
            _history = null;
            OrganisationTimeline history;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                history = await new SnapshotLoader(db).LoadTimelineAsync(ct);
            var loaded = new FiguresHistory(history, new FigureOptions(options.Value.ReadyThreshold, options.Value.CountUnverified));
            _history = (stamp, loaded);
            return loaded;
        }
        finally
        {
            _historyGate.Release();
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
        _history = null;
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
