using System.Net;
using System.Net.Sockets;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using netDumbster.smtp;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Reports;
using SkillsGap.Data;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>The real weekly workbook builder behind the delivery, and a mail server that refuses before it accepts.</summary>
public sealed class RealReportDeliveryTests
{
    private static readonly DateTimeOffset MondaySeven = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_real_workbook_is_e_mailed_and_kept_in_the_run_byte_for_byte(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        var port = ReportRunWorld.FreePort();
        world.Options.Organisation = false;
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None };
        using var server = SimpleSmtpServer.Start(port);
        var figures = new FiguresCache(world.Database.Factory(), Options.Create(new FiguresOptions()));
        var builder = new WeeklyReportBuilder(figures, new NextBadgeModelStore(world.Database.Factory(), world.Clock));
        var worker = new DeliverReportRun(world.Ledger(), builder, world.SmtpSender(), world.Database.Factory(),
            Options.Create(world.Options), NullLogger<DeliverReportRun>.Instance);
        await world.FanOut().RunAsync();

        var results = await worker.RunDueAsync();

        Assert.All(results.Values, r => Assert.Equal(ReportDeliveryResult.Delivered, r));
        var message = server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Single(m => m.To.Mailboxes.Single().Address == "m@example.org");
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        var workbook = Decode(attachment);
        await using (var db = world.Database.NewContext())
        {
            var run = await db.ReportRuns.AsNoTracking().SingleAsync(r => r.Subject == "M");
            Assert.Equal(run.FileName, attachment.FileName);
            Assert.Equal(run.Content, workbook);
        }
        // A real workbook: the Open XML SDK opens it and finds its sheets.
        using (var document = SpreadsheetDocument.Open(new MemoryStream(workbook), isEditable: false))
            Assert.Contains("Summary", document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        // The inline chart is a PNG (its 8-byte signature) referred to by cid from the HTML.
        var image = Assert.Single(message.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, Decode(image)[..8]);
        Assert.Contains($"cid:{image.ContentId}", message.HtmlBody, StringComparison.Ordinal);
        // The body a manager reads: the team in plain words, then who needs attention by name, each with the one next step.
        // M's team is Ann Lead and Ben, both analysts with none of the critical PY 3 and no badge in the catalogue to earn it:
        // readiness 0 each, the tie ordered by name.
        var text = message.TextBody ?? "";
        Assert.Contains("- Your team: 2 people, mean readiness 0%", text, StringComparison.Ordinal);
        Assert.Contains("- 2 of 2 people need attention: 2 with a critical gap.", text, StringComparison.Ordinal);
        var ann = text.IndexOf("- Ann Lead (Analyst, 0% ready): Critical gap in Python (PY). Next step: Agree training outside the catalogue with HR: " +
                               "no badge in it closes this gap.", StringComparison.Ordinal);
        var ben = text.IndexOf("- Ben (Analyst, 0% ready): Critical gap in Python (PY). Next step: Agree training outside the catalogue with HR: " +
                               "no badge in it closes this gap.", StringComparison.Ordinal);
        Assert.True(ann >= 0 && ben > ann, text);
        Assert.Contains("- Largest gaps: Python (PY).", text, StringComparison.Ordinal);
        Assert.Contains("<li>Ann Lead (Analyst, 0% ready): Critical gap in Python (PY).", message.HtmlBody, StringComparison.Ordinal);
        foreach (var word in new[] { "gap-greedy", "fallback", "heuristic", "blend", "Σ", "model" })
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_mail_server_that_refuses_service_gets_the_report_again_after_the_back_off_and_once_it_accepts(DatabaseProvider provider)
    {
        await using var world = await ReportRunWorld.CreateAsync(provider, MondaySeven);
        world.Options.Organisation = false;
        var port = ReportRunWorld.FreePort();
        world.Options.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(10) };
        await world.FanOut().RunAsync();
        var id = await world.Ledger().RequestAsync(ReportRunStatus.ToRequest("manager", "M", "2026-W48"));
        var worker = world.Deliverer(world.SmtpSender());

        // A server that greets every connection with "554 no service" (RFC 5321 §3.1) and hangs up.
        using (var refusing = new TcpListener(IPAddress.Loopback, port))
        {
            refusing.Start();
            var refuse = Task.Run(async () =>
            {
                using var client = await refusing.AcceptTcpClientAsync();
                var stream = client.GetStream();
                await stream.WriteAsync("554 5.3.2 No SMTP service here\r\n"u8.ToArray());
                await stream.FlushAsync();
            });
            Assert.Equal(ReportDeliveryResult.WillRetry, await worker.RunAsync(id));
            await refuse;
        }
        await using (var db = world.Database.NewContext())
        {
            var run = await db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal(("pending", 1), (run.Status, run.Attempts));
            Assert.Contains("SmtpCommandException: 5.3.2 No SMTP service here", run.LastError, StringComparison.Ordinal);
        }

        using var server = SimpleSmtpServer.Start(port);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReportDeliveryResult.Delivered, await worker.RunAsync(id));
        Assert.Equal(ReportDeliveryResult.NotClaimed, await worker.RunAsync(id));
        Assert.Equal(1, server.ReceivedEmailCount);
    }
}
