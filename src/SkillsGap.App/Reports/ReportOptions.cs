using System.Globalization;
using Cronos;
using Microsoft.Extensions.Options;

namespace SkillsGap.App.Reports;

/// <summary>How weekly reports leave SkillsGap.</summary>
public enum ReportDeliveryMethod
{
    /// <summary>Written into <see cref="ReportOptions.Folder"/> (the default).</summary>
    Folder,
    /// <summary>E-mailed through <see cref="ReportOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary>TLS on the SMTP connection (maps to MailKit's <c>SecureSocketOptions</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    /// <summary>Plain text (a relay on the same host, or tests).</summary>
    None,
    /// <summary>STARTTLS, required.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Settings under <c>Reports:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Sign-in name; empty for a relay that takes mail without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>SkillsGap &lt;skillsgap@example.org&gt;</c>.</summary>
    public string From { get; set; } = "SkillsGap <skillsgap@localhost>";

    /// <summary>Connect, send and disconnect must finish within this time.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Settings under <c>Reports</c>: the weekly schedule, delivery, retries and the lease of a running delivery.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Five-field cron expression (minute hour day month weekday) of the weekly fan-out; default Monday 07:00.</summary>
    public string Schedule { get; set; } = "0 7 * * 1";

    /// <summary>Whether hosts run the weekly schedule and its catch-up (off: reports only when asked for).</summary>
    public bool Scheduled { get; set; } = true;

    /// <summary>IANA (or Windows) zone the schedule is read in; empty means <c>SkillsGap:TimeZone</c>, else the machine's zone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Cron expression (UTC) of the catch-up job that (re)sends due but undelivered runs.</summary>
    public string CatchUpSchedule { get; set; } = "* * * * *";

    /// <summary>Whether each fan-out also makes the organisation report for HR.</summary>
    public bool Organisation { get; set; } = true;

    public ReportDeliveryMethod Delivery { get; set; } = ReportDeliveryMethod.Folder;

    /// <summary>The weekly e-mail to each employee with a gap, an expiring badge or an open challenge (off by default).</summary>
    public EmployeeDigestOptions EmployeeDigest { get; set; } = new();

    /// <summary>Folder delivery root; the files go to <c>&lt;Folder&gt;/&lt;week&gt;/</c>. Default <c>&lt;data folder&gt;/reports</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>Who gets the organisation report by e-mail.</summary>
    public List<string> HrRecipients { get; set; } = [];

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Wait before attempt n+1 after attempt n failed; the last delay repeats. Default 1, 5, 25 minutes (×5 each time).
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>Attempts (first delivery included) before a run is marked failed.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// How long a claimed run stays <c>running</c> without a heartbeat before another worker may reclaim it (its worker
    /// is taken as dead). The worker renews it every third of this while it builds and sends, so a long build keeps its
    /// run; a killed host's run is due again after this, and the every-minute catch-up hands it to a live worker: taken
    /// over within two minutes with the defaults.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a run handed to the job server is left to that job before the catch-up hands it over again (a job lost
    /// with a host whose job storage was its own memory). Runs wait in the queue once, not once per tick.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The retry delays in force: the configured ones, or 1, 5 and 25 minutes.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays =>
        RetryDelays.Count > 0 ? RetryDelays : [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(25)];

    /// <summary>The wait after the <paramref name="attempt"/>-th (1-based) failed attempt.</summary>
    public TimeSpan RetryDelayAfter(int attempt)
    {
        var delays = EffectiveRetryDelays;
        return delays[Math.Clamp(attempt - 1, 0, delays.Count - 1)];
    }

    /// <summary>The schedule's zone: <see cref="TimeZone"/>, else <paramref name="fallbackZone"/>, else the machine's zone.</summary>
    public TimeZoneInfo ResolveTimeZone(string? fallbackZone)
    {
        var id = string.IsNullOrWhiteSpace(TimeZone) ? fallbackZone : TimeZone;
        return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    /// <summary>The folder delivery root: <see cref="Folder"/>, else <c>reports</c> under the data folder.</summary>
    public string ResolveFolder(SkillsGapOptions app) =>
        string.IsNullOrWhiteSpace(Folder) ? Path.Combine(app.ResolveDataFolder(), "reports") : Path.GetFullPath(Folder);
}

/// <summary>Checks <see cref="ReportOptions"/> at start-up, so that a bad cron or zone stops the host rather than the first run.</summary>
/// <summary>Settings under <c>Reports:EmployeeDigest</c>.</summary>
public sealed class EmployeeDigestOptions
{
    /// <summary>Whether the digest is sent (default false; the embedded demo leaves it off).</summary>
    public bool Enabled { get; set; }

    /// <summary>Five-field cron expression of the digest, read in <c>Reports:TimeZone</c>; default Monday 07:00.</summary>
    public string Schedule { get; set; } = "0 7 * * 1";

    /// <summary>How many next badges the digest lists.</summary>
    public int NextBadges { get; set; } = 3;
}

public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var errors = new List<string>();
        if (!CronExpression.TryParse(options.Schedule, CronFormat.Standard, out _))
            errors.Add($"Reports:Schedule '{options.Schedule}' is not a five-field cron expression.");
        if (!CronExpression.TryParse(options.EmployeeDigest.Schedule, CronFormat.Standard, out _))
            errors.Add($"Reports:EmployeeDigest:Schedule '{options.EmployeeDigest.Schedule}' is not a five-field cron expression.");
        if (options.EmployeeDigest.NextBadges is < 1 or > 10)
            errors.Add("Reports:EmployeeDigest:NextBadges must be between 1 and 10.");
        if (!CronExpression.TryParse(options.CatchUpSchedule, CronFormat.Standard, out _))
            errors.Add($"Reports:CatchUpSchedule '{options.CatchUpSchedule}' is not a five-field cron expression.");
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            errors.Add($"Reports:TimeZone '{options.TimeZone}' is not a known time zone.");
        if (options.MaxAttempts is < 1 or > 100)
            errors.Add("Reports:MaxAttempts must be between 1 and 100.");
        if (options.RetryDelays.Any(d => d <= TimeSpan.Zero))
            errors.Add("Reports:RetryDelays must all be positive.");
        if (options.LeaseTimeout < TimeSpan.FromSeconds(10))
            errors.Add("Reports:LeaseTimeout must be at least 10 seconds.");
        if (options.QueueTimeout < TimeSpan.FromMinutes(1))
            errors.Add("Reports:QueueTimeout must be at least 1 minute.");
        if (options.Delivery == ReportDeliveryMethod.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host))
                errors.Add("Reports:Smtp:Host is required when Reports:Delivery is Smtp.");
            if (options.Smtp.Port is < 1 or > 65535)
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Reports:Smtp:Port {options.Smtp.Port} is not a port number."));
            if (!MimeKit.MailboxAddress.TryParse(options.Smtp.From, out _))
                errors.Add($"Reports:Smtp:From '{options.Smtp.From}' is not an e-mail address.");
            if (options.Organisation && options.HrRecipients.Count == 0)
                errors.Add("Reports:HrRecipients is required for the organisation report by e-mail (or set Reports:Organisation to false).");
        }
        foreach (var recipient in options.HrRecipients)
            if (!MimeKit.MailboxAddress.TryParse(recipient, out _))
                errors.Add($"Reports:HrRecipients '{recipient}' is not an e-mail address.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
