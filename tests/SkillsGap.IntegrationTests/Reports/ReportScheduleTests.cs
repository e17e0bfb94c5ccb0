using Microsoft.Extensions.Time.Testing;
using SkillsGap.App.Reports;
using SkillsGap.Core.Domain;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>The weekly schedule under a pinned clock: local Monday 07:00, time zones and daylight-saving changes.</summary>
public sealed class ReportScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static ReportSchedule Schedule(string cron, TimeZoneInfo zone, DateTimeOffset now) =>
        new(cron, zone, new FakeTimeProvider(now));

    [Fact]
    public void The_Monday_run_is_not_due_before_0700_Berlin_time_and_is_due_from_then_on()
    {
        // 2026-11-30 is a Monday; Berlin is on CET (UTC+1), so 07:00 local = 06:00Z.
        var before = Schedule("0 7 * * 1", Berlin, Utc(2026, 11, 30, 5, 59));
        Assert.Equal(Utc(2026, 11, 23, 6, 0), before.LatestDue());
        var at = Schedule("0 7 * * 1", Berlin, Utc(2026, 11, 30, 6, 0));
        Assert.Equal(Utc(2026, 11, 30, 6, 0), at.LatestDue());
        var after = Schedule("0 7 * * 1", Berlin, Utc(2026, 12, 2, 12, 0));
        Assert.Equal(Utc(2026, 11, 30, 6, 0), after.LatestDue());
    }

    [Fact]
    public void The_Monday_run_reports_the_ISO_week_that_ended_the_day_before()
    {
        var schedule = Schedule("0 7 * * 1", Berlin, Utc(2026, 11, 30, 6, 0));
        // Monday 2026-11-30 is in 2026-W49; the day before (Sunday 29th) is in 2026-W48.
        Assert.Equal(new IsoWeek(2026, 48), schedule.WeekOf(Utc(2026, 11, 30, 6, 0)));
        // Around New Year: Monday 2027-01-04 (W01 of 2027) reports Sunday 2027-01-03, which is in 2026-W53.
        Assert.Equal(new IsoWeek(2026, 53), schedule.WeekOf(Utc(2027, 1, 4, 6, 0)));
    }

    [Fact]
    public void Monday_0700_in_Berlin_moves_by_an_hour_in_UTC_across_the_March_and_October_switches()
    {
        // Clocks go forward on Sunday 2026-03-29: Monday 23 March 07:00 CET = 06:00Z, Monday 30 March 07:00 CEST = 05:00Z.
        Assert.Equal(Utc(2026, 3, 23, 6, 0), Schedule("0 7 * * 1", Berlin, Utc(2026, 3, 30, 4, 59)).LatestDue());
        Assert.Equal(Utc(2026, 3, 30, 5, 0), Schedule("0 7 * * 1", Berlin, Utc(2026, 3, 30, 5, 0)).LatestDue());
        // Clocks go back on Sunday 2026-10-25: Monday 19 October 07:00 CEST = 05:00Z, Monday 26 October 07:00 CET = 06:00Z.
        Assert.Equal(Utc(2026, 10, 19, 5, 0), Schedule("0 7 * * 1", Berlin, Utc(2026, 10, 26, 5, 59)).LatestDue());
        Assert.Equal(Utc(2026, 10, 26, 6, 0), Schedule("0 7 * * 1", Berlin, Utc(2026, 10, 26, 6, 0)).LatestDue());
    }

    [Fact]
    public void Monday_0700_in_New_York_follows_its_own_switches_in_March_and_November()
    {
        // New York goes forward on 2026-03-08: Monday 2 March 07:00 EST = 12:00Z, Monday 9 March 07:00 EDT = 11:00Z.
        Assert.Equal(Utc(2026, 3, 2, 12, 0), Schedule("0 7 * * 1", NewYork, Utc(2026, 3, 9, 10, 59)).LatestDue());
        Assert.Equal(Utc(2026, 3, 9, 11, 0), Schedule("0 7 * * 1", NewYork, Utc(2026, 3, 9, 11, 0)).LatestDue());
        // And back on 2026-11-01: Monday 26 October 07:00 EDT = 11:00Z, Monday 2 November 07:00 EST = 12:00Z.
        Assert.Equal(Utc(2026, 10, 26, 11, 0), Schedule("0 7 * * 1", NewYork, Utc(2026, 11, 2, 11, 59)).LatestDue());
        Assert.Equal(Utc(2026, 11, 2, 12, 0), Schedule("0 7 * * 1", NewYork, Utc(2026, 11, 2, 12, 0)).LatestDue());
    }

    [Fact]
    public void A_0230_schedule_on_the_spring_forward_day_fires_once_when_the_clocks_jump()
    {
        // Berlin, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z), so 02:30 never happens; the run fires at
        // the jump, 03:00 CEST = 01:00Z, exactly once that day.
        var berlin = Schedule("30 2 * * 0", Berlin, Utc(2026, 3, 29, 12, 0));
        Assert.Equal(Utc(2026, 3, 29, 1, 0), berlin.LatestDue());
        Assert.Single(berlin.Expression.GetOccurrences(Utc(2026, 3, 28, 22, 0), Utc(2026, 3, 29, 22, 0), Berlin));
        // The Sunday before, 02:30 CET = 01:30Z as usual.
        Assert.Equal(Utc(2026, 3, 22, 1, 30), berlin.LatestDueAt(Utc(2026, 3, 29, 0, 59)));

        // New York, Sunday 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z); a daily 02:30 fires at 07:00Z.
        var newYork = Schedule("30 2 * * *", NewYork, Utc(2026, 3, 8, 12, 0));
        Assert.Equal(Utc(2026, 3, 8, 7, 0), newYork.LatestDue());
        // The day before: 02:30 EST = 07:30Z; the day after: 02:30 EDT = 06:30Z.
        Assert.Equal(Utc(2026, 3, 7, 7, 30), newYork.LatestDueAt(Utc(2026, 3, 8, 6, 59)));
        Assert.Equal(Utc(2026, 3, 9, 6, 30), newYork.NextAfter(Utc(2026, 3, 8, 7, 0)));
    }

    [Fact]
    public void A_time_repeated_by_the_autumn_switch_fires_only_at_its_first_instance()
    {
        // New York, Sunday 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); one run, at 05:30Z.
        var schedule = Schedule("30 1 * * *", NewYork, Utc(2026, 11, 1, 12, 0));
        var thatDay = schedule.Expression.GetOccurrences(Utc(2026, 11, 1, 4, 0), Utc(2026, 11, 2, 4, 0), NewYork).ToList();
        Assert.Equal([Utc(2026, 11, 1, 5, 30)], thatDay);
        Assert.Equal(Utc(2026, 11, 1, 5, 30), schedule.LatestDue());
    }

    [Fact]
    public void A_bad_cron_or_zone_is_refused_by_the_options_validator()
    {
        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { Schedule = "every monday", TimeZone = "Mars/Olympus" });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Reports:Schedule", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Reports:TimeZone", StringComparison.Ordinal));
        var smtp = new ReportOptionsValidator().Validate(null, new ReportOptions { Delivery = ReportDeliveryMethod.Smtp });
        Assert.Contains(smtp.Failures!, f => f.Contains("Reports:Smtp:Host", StringComparison.Ordinal));
        Assert.Contains(smtp.Failures!, f => f.Contains("Reports:HrRecipients", StringComparison.Ordinal));
        Assert.True(new ReportOptionsValidator().Validate(null, new ReportOptions()).Succeeded);
    }

    [Fact]
    public void Retry_delays_default_to_1_5_and_25_minutes_and_the_last_one_repeats()
    {
        var options = new ReportOptions();
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryDelayAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(5), options.RetryDelayAfter(2));
        Assert.Equal(TimeSpan.FromMinutes(25), options.RetryDelayAfter(3));
        Assert.Equal(TimeSpan.FromMinutes(25), options.RetryDelayAfter(7));
    }
}
