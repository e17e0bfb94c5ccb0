using Cronos;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App.Reports;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>
/// Report runs with several hosts: a due run is handed to the job server once, not once per tick or per host; a worker's
/// heartbeat keeps its run while it builds; a killed host's run is taken over within two minutes; a worker that lost
/// its claim stops.
/// </summary>
public sealed class ReportLeaseTests
{
    private static readonly DateTimeOffset MondaySeven = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static async Task<(string Status, int Attempts, DateTimeOffset? NextAttemptAt)> RunAsync(ReportRunWorld world, long id)
    {
        await using var db = world.Database.NewContext();
        var row = await db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == id);
        return (row.Status, row.Attempts, row.NextAttemptAt);
    }

    private static async Task<long> ManagersRunAsync(ReportRunWorld world)
    {
        await using var db = world.Database.NewContext();
        return await db.ReportRuns.AsNoTracking().Where(r => r.Subject == "M").Select(r => r.Id).SingleAsync();
    }

    /// <summary>Waits (in real time) until the run's lease end is <paramref name="expected"/>: the heartbeat has written it.</summary>
    private static async Task LeaseReachesAsync(ReportRunWorld world, long id, DateTimeOffset expected)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await RunAsync(world, id)).NextAttemptAt == expected) return;
            await Task.Delay(50);
        }
        Assert.Fail($"The lease of run {id} never reached {expected:O}; it is {(await RunAsync(world, id)).NextAttemptAt:O}.");
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_due_run_is_queued_once_by_one_of_several_hosts_and_again_only_when_its_job_was_lost(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        await world.FanOut().RunAsync();
        var due = await world.Ledger().DueRunIdsAsync();
        Assert.Equal(3, due.Count);

        // Two hosts tick at the same moment: between them each run is queued exactly once.
        var ticks = await Task.WhenAll(world.Ledger().QueueDueRunsAsync(), world.Ledger().QueueDueRunsAsync());
        Assert.Equal(due, ticks.SelectMany(t => t).Order());
        // Every later tick while the jobs wait in the queue: nothing.
        world.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(await world.Ledger().QueueDueRunsAsync());

        // One job runs; the other two were lost with a host's in-memory queue: after QueueTimeout (10 min) they are queued again.
        var sender = new CountingSender(world.FolderSender());
        Assert.Equal(ReportDeliveryResult.Delivered, await world.Deliverer(sender).RunAsync(due[0]));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(due.Skip(1), await world.Ledger().QueueDueRunsAsync());
        Assert.Empty(await world.Ledger().QueueDueRunsAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_failed_attempts_retry_is_not_queued_again_by_the_ticks_before_its_time(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        await world.FanOut().RunAsync();
        var id = await ManagersRunAsync(world);
        Assert.Contains(id, await world.Ledger().QueueDueRunsAsync());

        Assert.Equal(ReportDeliveryResult.WillRetry, await world.Deliverer(new FailingSender()).RunAsync(id));

        // The retry is a job scheduled for 07:01 (1 minute back-off); the ticks at and after 07:01 leave it to that job.
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(id, await world.Ledger().DueRunIdsAsync());
        Assert.DoesNotContain(id, await world.Ledger().QueueDueRunsAsync());
        // Lost as well: 10 minutes after its time the tick hands it over again.
        world.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains(id, await world.Ledger().QueueDueRunsAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_heartbeat_keeps_a_long_build_its_run_past_the_lease(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        Assert.Equal(TimeSpan.FromMinutes(1), world.Options.LeaseTimeout);
        await world.FanOut().RunAsync();
        var id = await ManagersRunAsync(world);
        world.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new CountingSender(world.FolderSender());
        var delivery = world.Deliverer(sender).RunAsync(id);
        await world.Builder.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(MondaySeven.AddMinutes(1), (await RunAsync(world, id)).NextAttemptAt);

        // Five minutes of building, in 20-second heartbeats: each renews the lease to a minute from then.
        for (var beat = 1; beat <= 15; beat++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(20));
            await LeaseReachesAsync(world, id, MondaySeven.AddSeconds(20 * beat).AddMinutes(1));
        }
        Assert.DoesNotContain(id, await world.Ledger().DueRunIdsAsync());
        Assert.Equal(ReportDeliveryResult.NotClaimed, await world.Deliverer(sender).RunAsync(id));

        world.Builder.Gate.SetResult();
        Assert.Equal(ReportDeliveryResult.Delivered, await delivery);
        Assert.Equal(("delivered", 1), ((await RunAsync(world, id)).Status, (await RunAsync(world, id)).Attempts));
        Assert.Equal(1, sender.Deliveries["skills-M-2026-W48.xlsx"]);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_killed_hosts_run_is_taken_over_within_two_minutes(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        await world.FanOut().RunAsync();
        var id = await ManagersRunAsync(world);
        // A host claims the run (its last heartbeat) and is killed: nothing renews the lease.
        Assert.NotNull(await world.Ledger().TryClaimAsync(id));

        world.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(id, await world.Ledger().QueueDueRunsAsync()); // A's run, never claimed, is queued here
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        // Due one lease (1 minute) after the last heartbeat; the catch-up ticks every minute, so a live host queues it
        // at most a minute later: at most two minutes in all.
        var tick = CronExpression.Parse(world.Options.CatchUpSchedule).GetNextOccurrence(world.Clock.GetUtcNow().UtcDateTime.AddTicks(1), TimeZoneInfo.Utc)!.Value;
        Assert.True(tick - world.Clock.GetUtcNow().UtcDateTime <= TimeSpan.FromMinutes(1));
        Assert.Equal([id], await world.Ledger().QueueDueRunsAsync());
        var sender = new CountingSender(world.FolderSender());
        Assert.Equal(ReportDeliveryResult.Delivered, await world.Deliverer(sender).RunAsync(id));
        Assert.Equal(("delivered", 2), ((await RunAsync(world, id)).Status, (await RunAsync(world, id)).Attempts));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_worker_that_stalled_past_its_lease_stops_when_its_heartbeat_finds_the_run_taken(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        await world.FanOut().RunAsync();
        var id = await ManagersRunAsync(world);
        world.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new CountingSender(world.FolderSender());
        var stalled = world.Deliverer(sender).RunAsync(id);
        await world.Builder.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Its lease ran out unrenewed (the host was frozen) and another worker claimed the run.
        await using (var db = world.Database.NewContext())
            await db.ReportRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, MondaySeven.AddSeconds(-1)));
        var survivor = await world.Ledger().TryClaimAsync(id);
        Assert.Equal(2, survivor!.Attempt);

        // The stalled worker's next heartbeat finds the claim lost: its build is cancelled, nothing is sent.
        world.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(ReportDeliveryResult.LeaseLost, await stalled.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(sender.Deliveries);
        Assert.Equal(("running", 2), ((await RunAsync(world, id)).Status, (await RunAsync(world, id)).Attempts));
    }

    private sealed class FailingSender : IReportSender
    {
        public bool NeedsAddresses => false;
        public Task<string> SendAsync(WeeklyReport report, ReportRecipients recipients, CancellationToken ct = default) =>
            throw new IOException("The mail server is down.");
    }
}
