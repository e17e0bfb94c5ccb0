using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using netDumbster.smtp;
using SkillsGap.App.Reports;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>
/// Report runs on each provider: the fan-out, at-most-once delivery under races and dead workers, retries with back-off,
/// catch-up after downtime, and e-mail through a real SMTP server (netDumbster, in process).
/// </summary>
public sealed class ReportRunTests
{
    // Monday 2026-11-30 07:00 in Berlin (CET, UTC+1): the schedule's occurrence that reports 2026-W48.
    private static readonly DateTimeOffset MondaySeven = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static async Task<List<ReportRunRow>> RunsAsync(ReportRunWorld world)
    {
        await using var db = world.Database.NewContext();
        return (await db.ReportRuns.AsNoTracking().ToListAsync())
            .Select(r => new ReportRunRow(r.Id, r.Scope, r.Subject, r.IsoWeek, r.Status, r.Attempts, r.NextAttemptAt, r.DeliveredAt, r.LastError, r.FileName, r.Content))
            .OrderBy(r => r.Week, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record ReportRunRow(long Id, string Scope, string Subject, string Week, string Status, int Attempts,
        DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError, string? FileName, byte[]? Content);

    [Theory, SqliteData, PostgreSqlData]
    public async Task Fan_out_creates_one_run_per_manager_and_one_for_the_organisation_once_even_when_two_hosts_race(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);

        var raced = await Task.WhenAll(world.FanOut().RunAsync(), world.FanOut().RunAsync());
        var again = await world.FanOut().RunAsync();

        // M and A have reports, B has none; plus the organisation: 3 runs, created once between the two hosts.
        Assert.Equal(3, raced.Sum(r => r.Created));
        Assert.Contains(raced, r => r.Subjects == 3);
        Assert.Equal((0, 0), (again.Subjects, again.Created));
        Assert.Equal(MondaySeven, again.Occurrence);
        var runs = await RunsAsync(world);
        Assert.Equal([("manager", "A"), ("manager", "M"), ("org", "")], runs.Select(r => (r.Scope, r.Subject)));
        Assert.All(runs, r => Assert.Equal(("2026-W48", "pending", 0), (r.Week, r.Status, r.Attempts)));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task One_minute_before_Monday_0700_the_fan_out_still_serves_the_previous_week(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven.AddMinutes(-1));

        var result = await world.FanOut().RunAsync();

        // The latest occurrence is Monday 2026-11-23 07:00 CET = 06:00Z, reporting 2026-W47.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), result.Occurrence);
        Assert.All(await RunsAsync(world), r => Assert.Equal("2026-W47", r.Week));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await world.FanOut().RunAsync()).Created);
        Assert.Equal(3, (await RunsAsync(world)).Count(r => r.Week == "2026-W48"));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Reports_are_e_mailed_with_the_workbook_attached_the_chart_inline_and_a_summary(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        var port = ReportRunWorld.FreePort();
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "SkillsGap <reports@example.org>" };
        world.Options.HrRecipients = ["hr@example.org", "cpo@example.org"];
        using var server = SimpleSmtpServer.Start(port);
        await world.FanOut().RunAsync();

        var results = await world.Deliverer(world.SmtpSender()).RunDueAsync();

        Assert.Equal(3, results.Count);
        Assert.All(results.Values, r => Assert.Equal(ReportDeliveryResult.Delivered, r));
        Assert.Equal(3, server.ReceivedEmailCount);
        var messages = server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

        var toM = Assert.Single(messages, m => m.Subject == "Skills report 2026-W48 for M");
        Assert.Equal(["m@example.org"], toM.To.Mailboxes.Select(a => a.Address));
        Assert.Equal("Mia Manager", toM.To.Mailboxes.Single().Name);
        Assert.Equal("reports@example.org", toM.From.Mailboxes.Single().Address);
        var attachment = Assert.IsType<MimePart>(Assert.Single(toM.Attachments));
        Assert.Equal("skills-M-2026-W48.xlsx", attachment.FileName);
        Assert.Equal(SmtpReportSender.WorkbookContentType, attachment.ContentType.MimeType);
        Assert.Equal(TestReportBuilder.WorkbookOf(ReportRunStatus.ToRequest("manager", "M", "2026-W48")), Decode(attachment));
        // The chart is a part of its own, referred to from the HTML by its Content-ID, with the PNG's exact bytes.
        var image = Assert.Single(toM.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.False(string.IsNullOrEmpty(image.ContentId));
        Assert.Contains($"cid:{image.ContentId}", toM.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(TestReportBuilder.Png, Decode(image));
        Assert.Contains("- Team readiness 50.0 %", toM.TextBody, StringComparison.Ordinal);
        Assert.Contains("1 critical gap: &lt;PY&gt;", toM.HtmlBody, StringComparison.Ordinal);

        var toA = Assert.Single(messages, m => m.Subject == "Skills report 2026-W48 for A");
        Assert.Equal(["a@example.org"], toA.To.Mailboxes.Select(a => a.Address));
        var toHr = Assert.Single(messages, m => m.Subject == "Organisation skills report 2026-W48");
        Assert.Equal(["hr@example.org", "cpo@example.org"], toHr.To.Mailboxes.Select(a => a.Address));
        Assert.Equal("skills-organisation-2026-W48.xlsx", Assert.Single(toHr.Attachments).ContentDisposition!.FileName);

        var runs = await RunsAsync(world);
        Assert.All(runs, r => Assert.Equal(("delivered", 1, MondaySeven), (r.Status, r.Attempts, r.DeliveredAt)));
        var mRun = runs.Single(r => r.Subject == "M");
        Assert.Equal("skills-M-2026-W48.xlsx", mRun.FileName);
        Assert.Equal(TestReportBuilder.WorkbookOf(ReportRunStatus.ToRequest("manager", "M", "2026-W48")), mRun.Content);
    }

    private static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_delivery_made_while_the_mail_server_is_down_is_retried_after_the_back_off_and_arrives_once(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        var port = ReportRunWorld.FreePort();
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(10) };
        await world.FanOut().RunAsync();
        var worker = world.Deliverer(world.SmtpSender());

        // Nothing listens on the port: both attempts fail and are rescheduled 1 minute later (the first back-off).
        var first = await worker.RunDueAsync();
        Assert.All(first.Values, r => Assert.Equal(ReportDeliveryResult.WillRetry, r));
        var afterFirst = await RunsAsync(world);
        Assert.All(afterFirst, r => Assert.Equal(("pending", 1, MondaySeven.AddMinutes(1)), (r.Status, r.Attempts, r.NextAttemptAt)));
        Assert.All(afterFirst, r => Assert.False(string.IsNullOrEmpty(r.LastError)));

        using var server = SimpleSmtpServer.Start(port);
        // Not before the back-off: the runs are not due, and a direct attempt is not claimed.
        Assert.Empty(await world.Ledger().DueRunIdsAsync());
        Assert.Equal(ReportDeliveryResult.NotClaimed, await worker.RunAsync(afterFirst[0].Id));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await worker.RunDueAsync();
        Assert.All(second.Values, r => Assert.Equal(ReportDeliveryResult.Delivered, r));
        // Ticks after that find nothing to send.
        world.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(await worker.RunDueAsync());

        Assert.Equal(2, server.ReceivedEmailCount);
        Assert.Equal(["a@example.org", "m@example.org"], server.ReceivedEmail.Select(m => m.ToAddresses.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(await RunsAsync(world), r => Assert.Equal(("delivered", 2, MondaySeven.AddMinutes(1), (string?)null), (r.Status, r.Attempts, r.DeliveredAt, r.LastError)));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_run_that_fails_on_every_attempt_backs_off_1_then_5_minutes_and_is_failed_after_the_third(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        world.Options.MaxAttempts = 3;
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = ReportRunWorld.FreePort(), Security = SmtpSecurity.None };
        await world.FanOut().RunAsync();
        var worker = world.Deliverer(world.SmtpSender());
        var id = (await RunsAsync(world)).Single(r => r.Subject == "M").Id;

        Assert.Equal(ReportDeliveryResult.WillRetry, await worker.RunAsync(id));
        Assert.Equal(MondaySeven.AddMinutes(1), (await RunsAsync(world)).Single(r => r.Id == id).NextAttemptAt);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReportDeliveryResult.WillRetry, await worker.RunAsync(id));
        // 1 minute after the first failure, then 5 minutes after the second: due at 07:01 + 5 min = 06:06Z.
        Assert.Equal(MondaySeven.AddMinutes(6), (await RunsAsync(world)).Single(r => r.Id == id).NextAttemptAt);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ReportDeliveryResult.Failed, await worker.RunAsync(id));

        var run = (await RunsAsync(world)).Single(r => r.Id == id);
        Assert.Equal(("failed", 3, (DateTimeOffset?)null), (run.Status, run.Attempts, run.NextAttemptAt));
        Assert.Contains("Exception", run.LastError, StringComparison.Ordinal);
        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.DoesNotContain(id, await world.Ledger().DueRunIdsAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Two_workers_racing_for_the_same_runs_deliver_each_exactly_once(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Builder.Delay = TimeSpan.FromMilliseconds(200);
        await world.FanOut().RunAsync();
        var sender = new CountingSender(world.FolderSender());

        // Both workers see the same three due runs and try every one of them at the same time.
        var ids = await world.Ledger().DueRunIdsAsync();
        var attempts = ids.SelectMany(id => new[] { world.Deliverer(sender).RunAsync(id), world.Deliverer(sender).RunAsync(id) });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(3, results.Count(r => r == ReportDeliveryResult.Delivered));
        Assert.Equal(3, results.Count(r => r == ReportDeliveryResult.NotClaimed));
        Assert.Equal(3, world.Builder.Builds);
        Assert.Equal(3, sender.Deliveries.Count);
        Assert.All(sender.Deliveries.Values, n => Assert.Equal(1, n));
        Assert.All(await RunsAsync(world), r => Assert.Equal(("delivered", 1), (r.Status, r.Attempts)));
        var files = Directory.GetFiles(Path.Combine(world.Options.Folder!, "2026-W48")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["skills-A-2026-W48-top-gaps.png", "skills-A-2026-W48.xlsx", "skills-M-2026-W48-top-gaps.png", "skills-M-2026-W48.xlsx",
            "skills-organisation-2026-W48-top-gaps.png", "skills-organisation-2026-W48.xlsx"], files);
        Assert.Equal(TestReportBuilder.WorkbookOf(ReportRunStatus.ToRequest("org", "", "2026-W48")),
            await File.ReadAllBytesAsync(Path.Combine(world.Options.Folder!, "2026-W48", "skills-organisation-2026-W48.xlsx")));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_run_left_running_by_a_killed_worker_is_taken_over_only_after_its_lease(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        world.Options.LeaseTimeout = TimeSpan.FromMinutes(30);
        await world.FanOut().RunAsync();
        var id = (await RunsAsync(world)).Single(r => r.Subject == "M").Id;

        // A worker claims the run and dies before it delivers.
        Assert.NotNull(await world.Ledger().TryClaimAsync(id));
        var sender = new CountingSender(world.FolderSender());
        var survivor = world.Deliverer(sender);
        world.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.DoesNotContain(id, await world.Ledger().DueRunIdsAsync());
        Assert.Equal(ReportDeliveryResult.NotClaimed, await survivor.RunAsync(id));

        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(id, await world.Ledger().DueRunIdsAsync());
        Assert.Equal(ReportDeliveryResult.Delivered, await survivor.RunAsync(id));
        var run = (await RunsAsync(world)).Single(r => r.Id == id);
        Assert.Equal(("delivered", 2), (run.Status, run.Attempts));
        Assert.Equal(1, sender.Deliveries["skills-M-2026-W48.xlsx"]);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task After_three_weeks_of_downtime_the_undelivered_runs_and_the_latest_week_are_sent_once_and_missed_weeks_are_not_back_filled(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        var sender = new CountingSender(world.FolderSender());
        // The host makes 2026-W48's runs at Monday 07:00, delivers A's, and goes down before the rest.
        await world.FanOut().RunAsync();
        var aRun = (await RunsAsync(world)).Single(r => r.Subject == "A").Id;
        Assert.Equal(ReportDeliveryResult.Delivered, await world.Deliverer(sender).RunAsync(aRun));

        // Three weeks later (Monday 2026-12-21 07:00 CET = 06:00Z) it starts again: fan-out and catch-up.
        world.Clock.Advance(TimeSpan.FromDays(21));
        var fanOut = await world.FanOut().RunAsync();
        var caughtUp = await world.Deliverer(sender).RunDueAsync();
        var nextTick = await world.Deliverer(sender).RunDueAsync();

        // 2026-12-21 reports 2026-W51; W49 and W50 fell due while down and are superseded, so they get no runs.
        Assert.Equal(new DateTimeOffset(2026, 12, 21, 6, 0, 0, TimeSpan.Zero), fanOut.Occurrence);
        Assert.Equal((3, 3), (fanOut.Subjects, fanOut.Created));
        Assert.Equal(5, caughtUp.Count);
        Assert.All(caughtUp.Values, r => Assert.Equal(ReportDeliveryResult.Delivered, r));
        Assert.Empty(nextTick);
        var runs = await RunsAsync(world);
        Assert.Equal(["2026-W48", "2026-W51"], runs.Select(r => r.Week).Distinct());
        Assert.All(runs, r => Assert.Equal(("delivered", 1), (r.Status, r.Attempts)));
        Assert.Equal(6, sender.Deliveries.Count);
        Assert.All(sender.Deliveries.Values, n => Assert.Equal(1, n));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Asking_again_for_a_delivered_run_sends_it_again_and_a_manager_without_an_address_fails_at_once(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        var ledger = world.Ledger();
        var request = ReportRunStatus.ToRequest("manager", "M", "2026-W48");
        var id = await ledger.RequestAsync(request);
        Assert.Equal(id, await ledger.RequestAsync(request));
        var sender = new CountingSender(world.FolderSender());
        Assert.Equal(ReportDeliveryResult.Delivered, await world.Deliverer(sender).RunAsync(id));
        Assert.Equal(ReportDeliveryResult.NotClaimed, await world.Deliverer(sender).RunAsync(id));

        Assert.Equal(id, await ledger.RequestAsync(request));
        Assert.Equal(ReportDeliveryResult.Delivered, await world.Deliverer(sender).RunAsync(id));
        Assert.Equal(2, sender.Deliveries["skills-M-2026-W48.xlsx"]);

        await using (var db = world.Database.NewContext())
            await db.Employees.Where(e => e.Id == "A").ExecuteUpdateAsync(s => s.SetProperty(e => e.Email, (string?)null));
        var aRun = await ledger.RequestAsync(ReportRunStatus.ToRequest("manager", "A", "2026-W48"));
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = ReportRunWorld.FreePort(), Security = SmtpSecurity.None };
        Assert.Equal(ReportDeliveryResult.Failed, await world.Deliverer(world.SmtpSender()).RunAsync(aRun));
        var failed = (await RunsAsync(world)).Single(r => r.Id == aRun);
        Assert.Equal(("failed", 1), (failed.Status, failed.Attempts));
        Assert.Contains("no e-mail address", failed.LastError, StringComparison.Ordinal);
    }
}
