using System.Collections.Concurrent;
using SkillsGap.Core.Figures;

namespace SkillsGap.App.Figures;

/// <summary>
/// One read of the organisation's whole history (<see cref="OrganisationTimeline"/>) with the figures derived from it,
/// each computed once: the readiness of each trend date and the full figures of the few dates reports are built for.
/// A report built from one of these never mixes two states of the data. Thread-safe.
/// </summary>
public sealed class FiguresHistory(OrganisationTimeline history, FigureOptions options)
{
    // Weekly reports ask for the same 12 Sundays (and a late report the 12 before): enough to hold both sets.
    private const int ReadinessDates = 32;
    private const int FigureDates = 2;

    private readonly ConcurrentDictionary<DateOnly, Lazy<RosterReadiness>> _readiness = new();
    private readonly ConcurrentDictionary<DateOnly, Lazy<OrganisationFigures>> _figures = new();

    public OrganisationTimeline History { get; } = history;
    public FigureOptions Options { get; } = options;

    /// <summary>Readiness of everyone on the roster of <paramref name="asOf"/>, for trends.</summary>
    public RosterReadiness ReadinessAsOf(DateOnly asOf) =>
        Memo(_readiness, ReadinessDates, asOf, () => History.ReadinessAsOf(asOf, Options));

    /// <summary>The full figures as of <paramref name="asOf"/>, from the same read as the trend.</summary>
    public OrganisationFigures FiguresAsOf(DateOnly asOf) =>
        Memo(_figures, FigureDates, asOf, () => History.FiguresAsOf(asOf, Options));

    private static T Memo<T>(ConcurrentDictionary<DateOnly, Lazy<T>> memo, int capacity, DateOnly asOf, Func<T> compute)
    {
        if (!memo.ContainsKey(asOf) && memo.Count >= capacity) memo.Clear();
        return memo.GetOrAdd(asOf, _ => new Lazy<T>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
