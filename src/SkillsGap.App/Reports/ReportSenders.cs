using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SkillsGap.App.Reports;

/// <summary>Who a report goes to: the e-mail addresses (the manager's from the roster, or HR's) and a display name.</summary>
public sealed record ReportRecipients(string DisplayName, IReadOnlyList<string> Addresses);

/// <summary>A delivery that retrying cannot fix (no address on the roster, manager unknown): the run fails at once.</summary>
public sealed class PermanentDeliveryException : Exception
{
    public PermanentDeliveryException(string message) : base(message) { }
    public PermanentDeliveryException() : this("The report cannot be delivered.") { }
    public PermanentDeliveryException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Sends one built weekly report somewhere; returns where it went (kept in <c>report_runs.delivered_to</c>).</summary>
public interface IReportSender
{
    /// <summary>Whether this sender needs e-mail addresses (the run fails at once when the roster has none).</summary>
    bool NeedsAddresses { get; }

    Task<string> SendAsync(WeeklyReport report, ReportRecipients recipients, CancellationToken ct = default);
}

/// <summary>
/// Writes the workbook and the charts (PNG) into <c>&lt;Reports:Folder&gt;/&lt;ISO week&gt;/</c>. Each file is written
/// to a temporary name and renamed, so that a reader never sees half a workbook.
/// </summary>
public sealed class FolderReportSender(IOptions<ReportOptions> options, IOptions<SkillsGapOptions> app) : IReportSender
{
    public bool NeedsAddresses => false;

    /// <summary>The folder a week's reports go to.</summary>
    public string FolderOf(Core.Domain.IsoWeek week) => Path.Combine(options.Value.ResolveFolder(app.Value), week.ToString());

    public async Task<string> SendAsync(WeeklyReport report, ReportRecipients recipients, CancellationToken ct = default)
    {
        var folder = FolderOf(report.Request.Week);
        Directory.CreateDirectory(folder);
        var workbook = Path.Combine(folder, SafeFileName(report.FileName));
        await WriteAtomicallyAsync(workbook, report.Workbook, ct);
        var stem = Path.GetFileNameWithoutExtension(workbook);
        foreach (var chart in report.Charts)
            await WriteAtomicallyAsync(Path.Combine(folder, SafeFileName($"{stem}-{chart.Name}.png")), chart.Png, ct);
        return "folder:" + workbook;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, path, overwrite: true);
    }

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }
}

/// <summary>
/// E-mails a report with MailKit: the summary as HTML and plain text, the top-gaps chart inline (<c>cid:</c>) in the
/// HTML, the workbook attached.
/// </summary>
public sealed class SmtpReportSender(IOptions<ReportOptions> options) : IReportSender
{
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The chart shown inline: <c>top-gaps</c> when the report has it, else its first chart.</summary>
    public const string InlineChartName = "top-gaps";

    public bool NeedsAddresses => true;

    public async Task<string> SendAsync(WeeklyReport report, ReportRecipients recipients, CancellationToken ct = default)
    {
        var smtp = options.Value.Smtp;
        using var message = Compose(report, recipients, MailboxAddress.Parse(smtp.From));
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return "smtp:" + string.Join(", ", recipients.Addresses);
    }

    /// <summary>The message for <paramref name="report"/> (public so that its shape can be checked without a server).</summary>
    public static MimeMessage Compose(WeeklyReport report, ReportRecipients recipients, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        foreach (var address in recipients.Addresses)
            message.To.Add(recipients.Addresses.Count == 1 ? new MailboxAddress(recipients.DisplayName, address) : MailboxAddress.Parse(address));
        message.Subject = report.Title;

        var body = new BodyBuilder();
        var chart = report.Charts.FirstOrDefault(c => c.Name == InlineChartName) ?? report.Charts.FirstOrDefault();
        var text = new StringBuilder();
        text.AppendLine(report.Title).AppendLine();
        foreach (var line in report.SummaryLines) text.Append("- ").AppendLine(line);
        text.AppendLine().Append("The workbook ").Append(report.FileName).AppendLine(" is attached.");
        body.TextBody = text.ToString();

        var html = new StringBuilder();
        html.Append("<html><body><h1>").Append(WebUtility.HtmlEncode(report.Title)).Append("</h1><ul>");
        foreach (var line in report.SummaryLines) html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>");
        html.Append("</ul>");
        if (chart is not null)
        {
            var image = body.LinkedResources.Add(chart.Name + ".png", chart.Png, new ContentType("image", "png"));
            image.ContentId = MimeKit.Utils.MimeUtils.GenerateMessageId();
            html.Append("<p><img src=\"cid:").Append(image.ContentId).Append("\" alt=\"").Append(WebUtility.HtmlEncode(chart.Title))
                .Append("\" width=\"").Append(chart.WidthPixels.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append("\" height=\"").Append(chart.HeightPixels.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"></p>");
        }
        html.Append("<p>The workbook ").Append(WebUtility.HtmlEncode(report.FileName)).Append(" is attached.</p></body></html>");
        body.HtmlBody = html.ToString();
        body.Attachments.Add(report.FileName, report.Workbook, ContentType.Parse(WorkbookContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
