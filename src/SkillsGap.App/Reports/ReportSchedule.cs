using Cronos;
using Microsoft.Extensions.Options;
using SkillsGap.Core.Domain;

namespace SkillsGap.App.Reports;

/// <summary>
/// When weekly reports fall due: the <c>Reports:Schedule</c> cron read in <c>Reports:TimeZone</c>, evaluated by Cronos so
/// that daylight-saving changes are honoured (a time skipped by spring-forward fires at the moment the clocks jump; a
/// time repeated by fall-back fires once, at its first instance).
/// </summary>
public sealed class ReportSchedule
{
    // Cronos only looks forward; the latest past occurrence is the last one in a window that grows until it holds one.
    private static readonly TimeSpan[] LookBack = [TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(5 * 366)];

    private readonly TimeProvider _time;

    public ReportSchedule(IOptions<ReportOptions> options, IOptions<SkillsGapOptions> app, TimeProvider time)
        : this(options.Value.Schedule, options.Value.ResolveTimeZone(app.Value.TimeZone), time)
    {
    }

    public ReportSchedule(string cron, TimeZoneInfo zone, TimeProvider time)
    {
        Cron = cron;
        Expression = CronExpression.Parse(cron, CronFormat.Standard);
        Zone = zone;
        _time = time;
    }

    /// <summary>The cron text, as Hangfire takes it.</summary>
    public string Cron { get; }

    public CronExpression Expression { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The latest occurrence at or before now, or null when the schedule has never fired (within five years).</summary>
    public DateTimeOffset? LatestDue() => LatestDueAt(_time.GetUtcNow());

    /// <summary>The latest occurrence at or before <paramref name="now"/>.</summary>
    public DateTimeOffset? LatestDueAt(DateTimeOffset now)
    {
        foreach (var window in LookBack)
        {
            var last = Expression.GetOccurrences(now - window, now, Zone, fromInclusive: true, toInclusive: true)
                .Select(o => (DateTimeOffset?)o).LastOrDefault();
            if (last is not null) return last;
        }
        return null;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => Expression.GetNextOccurrence(after, Zone);

    /// <summary>
    /// The week an occurrence reports on: the ISO week of the last full local day before it, so that the Monday 07:00
    /// run reports the week that ended on Sunday.
    /// </summary>
    public IsoWeek WeekOf(DateTimeOffset occurrence)
    {
        var local = TimeZoneInfo.ConvertTime(occurrence, Zone);
        return IsoWeek.Of(DateOnly.FromDateTime(local.DateTime).AddDays(-1));
    }
}
