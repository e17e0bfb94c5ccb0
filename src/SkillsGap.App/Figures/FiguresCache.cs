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
/// <remarks>
/// Several hosts share one database. Each asks it for the stamp at most once per <see cref="FiguresOptions.StampCheckSeconds"/>
/// (concurrent requests share that one query). When another host changed the data, the figures are recomputed in the
/// background while requests keep getting the previous figures (a 100,000-person organisation takes seconds); a write of
/// this host is seen at once instead: the request that follows it waits for the new figures.
/// </remarks>
public sealed class FiguresCache(IDbContextFactory<SkillsGapDbContext> contexts, IOptions<FiguresOptions> options, ILogger<FiguresCache>? logger = null)
{
    // A weekly report reads 13 dates (12 trend weeks and the week before): small organisations keep them all; a
    // large one keeps fewer, by the rows its snapshots hold, so that the cache never holds several huge organisations.
    private const int Capacity = 16;
    private const long RowBudget = 3_000_000;

    private readonly TimeSpan _stampLifetime = TimeSpan.FromSeconds(options.Value.StampCheckSeconds);
    private StampRead? _stamp;
    private Task<string>? _stampRead;
    private long _stampReads;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LinkedList<Entry> _entries = new();
    private readonly Dictionary<DateOnly, Task> _refreshing = [];

    private sealed record Entry(DateOnly AsOf, string Stamp, long LocalWrites, OrganisationFigures Figures);
    private sealed record StampRead(string Stamp, long ReadAt, long LocalWrites);

    /// <summary>How many times this cache has read the stamp from the database (one per interval, however many requests).</summary>
    public long StampReads => Interlocked.Read(ref _stampReads);

    /// <summary>The figures as of <paramref name="asOf"/>, loading and computing them if the data changed since.</summary>
    public async Task<OrganisationFigures> GetAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var local = DataVersion.LocalWrites;
        var stamp = await StampAsync(ct);
        lock (_entries)
        {
            var entry = Find(asOf);
            if (entry is not null && entry.Stamp == stamp) return entry.Figures;
            // Another host changed the data: keep serving these figures while the new ones are computed.
            if (entry is not null && entry.LocalWrites == local)
            {
                RefreshInBackground(asOf);
                return entry.Figures;
            }
        }
        return await LoadAsync(asOf, stamp, local, ct);
    }

    /// <summary>
    /// The figures as of <paramref name="asOf"/> when this cache holds figures it may serve (current, or the previous ones
    /// while another host's change is recomputed), without loading anything; null otherwise. One person's request uses
    /// them when they are there and otherwise reads only that person (see <c>GapsQuery.EmployeeAsync</c>).
    /// </summary>
    public async Task<OrganisationFigures?> CachedAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var local = DataVersion.LocalWrites;
        var stamp = await StampAsync(ct);
        lock (_entries)
        {
            if (Find(asOf) is not { } entry) return null;
            if (entry.Stamp == stamp) return entry.Figures;
            if (entry.LocalWrites != local) return null;
            RefreshInBackground(asOf);
            return entry.Figures;
        }
    }

    /// <summary>Waits for any background refresh (tests, and a host that is stopping).</summary>
    public Task RefreshesAsync()
    {
        lock (_entries) return Task.WhenAll(_refreshing.Values);
    }

    // Called under the _entries lock.
    private void RefreshInBackground(DateOnly asOf)
    {
        if (_refreshing.ContainsKey(asOf)) return;
        _refreshing[asOf] = Task.Run(async () =>
        {
            try
            {
                var local = DataVersion.LocalWrites;
                await LoadAsync(asOf, await StampAsync(CancellationToken.None), local, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The previous figures stay; the next request tries again.
                logger?.LogWarning(e, "Refreshing the figures as of {AsOf} failed; the previous figures are served meanwhile.", asOf);
            }
            finally
            {
                lock (_entries) _refreshing.Remove(asOf);
            }
        });
    }

    private async Task<OrganisationFigures> LoadAsync(DateOnly asOf, string stamp, long local, CancellationToken ct)
    {
        // One load at a time: a burst of first requests waits for the same figures instead of loading them 50 times.
        await _gate.WaitAsync(ct);
        try
        {
            lock (_entries)
            {
                if (Find(asOf) is { } hit && hit.Stamp == stamp && hit.LocalWrites >= local) return hit.Figures;
            }
            OrganisationSnapshot snapshot;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                snapshot = await new SnapshotLoader(db).LoadAsync(asOf, ct);
            // Defence in depth (#11): stored values outside their bounds were clamped so that no figure throws; say so.
            if (snapshot.Clamped.Total > 0)
                logger?.LogWarning("Figures as of {AsOf:yyyy-MM-dd}: {Clamped}", asOf, snapshot.Clamped.ToString());
            var figures = GapEngine.Compute(snapshot, new FigureOptions(options.Value.ReadyThreshold, options.Value.CountUnverified));
            lock (_entries)
            {
                if (Find(asOf) is { } old) _entries.Remove(old);
                _entries.AddFirst(new Entry(asOf, stamp, local, figures));
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

    /// <summary>
    /// The stamp, read from the database at most once per interval; requests that arrive while it is being read wait for
    /// that same read. A write of this process (<see cref="DataVersion.LocalWrites"/>) makes the next call read it again.
    /// </summary>
    private Task<string> StampAsync(CancellationToken ct)
    {
        var local = DataVersion.LocalWrites;
        if (_stamp is { } known && known.LocalWrites == local && Stopwatch.GetElapsedTime(known.ReadAt) < _stampLifetime)
            return Task.FromResult(known.Stamp);
        lock (_entries)
        {
            if (_stamp is { } again && again.LocalWrites == local && Stopwatch.GetElapsedTime(again.ReadAt) < _stampLifetime)
                return Task.FromResult(again.Stamp);
            // A read already under way started before this process's last write would not see it: start another.
            if (_stampRead is { IsCompleted: false } running && _stampReadLocal >= local) return running.WaitAsync(ct);
            _stampReadLocal = local;
            var read = ReadStampAsync(local);
            _stampRead = read;
            return read.WaitAsync(ct);
        }
    }

    private long _stampReadLocal;

    private async Task<string> ReadStampAsync(long local)
    {
        try
        {
            var readAt = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _stampReads);
            string stamp;
            await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
                stamp = await DataVersion.ReadAsync(db, CancellationToken.None);
            _stamp = new StampRead(stamp, readAt, local);
            return stamp;
        }
        finally
        {
            lock (_entries)
            {
                if (_stampReadLocal == local) _stampRead = null;
            }
        }
    }

    /// <summary>Forgets everything (tests; writes go through <see cref="Writes.DataWrite"/>, which moves the stamp instead).</summary>
    public void Clear()
    {
        lock (_entries) _entries.Clear();
        _stampRead = null;
        _stamp = null;
        _history = null;
    }

    private long Rows()
    {
        long rows = 0;
        foreach (var entry in _entries) rows += entry.Figures.Snapshot.Employees.Count + entry.Figures.Snapshot.Awards.Count;
        return rows;
    }

    // Called under the _entries lock: the entry of the date, moved to the front (most recently used).
    private Entry? Find(DateOnly asOf)
    {
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.AsOf != asOf) continue;
            _entries.Remove(node);
            _entries.AddFirst(node);
            return node.Value;
        }
        return null;
    }
}
