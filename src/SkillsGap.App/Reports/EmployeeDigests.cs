using System.Globalization;
using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SkillsGap.Analytics.Gamification;
using SkillsGap.App.Challenges;
using SkillsGap.App.Figures;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Wallet;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Reports;

/// <summary>An employee's weekly digest as people read it: subject, plain text and HTML, and the lines of each part.</summary>
public sealed record EmployeeDigest(
    EmployeeId Employee,
    string Name,
    string? Email,
    DateOnly AsOf,
    string Subject,
    IReadOnlyList<string> NextBadges,
    IReadOnlyList<string> Expiring,
    IReadOnlyList<string> Challenges,
    string Text,
    string Html);

/// <summary>
/// Builds the employee digest (<c>Reports:EmployeeDigest</c>): the next badges that close a gap (the served list), the
/// awards that expire within <c>Figures:ExpiringWithinDays</c>, and the person's open challenges with their progress and
/// place. Null for someone with nothing to say (no gap, nothing expiring, no open challenge).
/// </summary>
public sealed class EmployeeDigestBuilder(FiguresCache figures, NextBadgeModelStore models, ChallengeService challenges,
    IOptions<FiguresOptions> figureOptions, IOptions<ReportOptions> options, IOptions<Issuing.IssuerOptions> issuer)
{
    public async Task<EmployeeDigest?> BuildAsync(EmployeeId employee, DateOnly asOf, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf, ct);
        var e = f.Snapshot.EmployeeIndex(employee);
        if (e < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {asOf:yyyy-MM-dd}.");
        var person = f.Snapshot.Employees[e];
        var within = figureOptions.Value.ExpiringWithinDays;
        var recommender = await models.RecommenderAsync(ct);
        var served = f.RoleIndexOf(e) < 0 ? null
            : recommender.Serve(f, e, options.Value.EmployeeDigest.NextBadges, new ServeOptions(within));
        var next = served?.ClosingGaps.Select(NextLine).ToList() ?? [];
        var expiring = Expiring(f, e, within);
        var open = (await challenges.OfEmployeeAsync(employee, asOf, ct)).Where(c => c.Status == "open").ToList();
        var challengeLines = open.Select(ChallengeLine).ToList();
        if (next.Count == 0 && expiring.Count == 0 && challengeLines.Count == 0) return null;

        var subject = string.Create(CultureInfo.InvariantCulture, $"Your learning this week ({IsoWeek.Of(asOf)})");
        var link = string.IsNullOrWhiteSpace(issuer.Value.PublicBaseUrl) ? null : issuer.Value.PublicBaseUrl!.TrimEnd('/') + "/next";
        var parts = new List<(string Heading, IReadOnlyList<string> Lines)>();
        if (next.Count > 0) parts.Add(("Badges that close your gaps", next));
        if (expiring.Count > 0) parts.Add(("Badges that expire soon", expiring));
        if (challengeLines.Count > 0) parts.Add(("Your challenges", challengeLines));

        var text = new StringBuilder();
        text.Append("Hello ").Append(person.Name).AppendLine(",").AppendLine();
        foreach (var (heading, lines) in parts)
        {
            text.AppendLine(heading + ":");
            foreach (var line in lines) text.Append("- ").AppendLine(line);
            text.AppendLine();
        }
        if (link is not null) text.Append("See everything on your page: ").AppendLine(link);
        var html = new StringBuilder();
        html.Append("<html><body><p>Hello ").Append(WebUtility.HtmlEncode(person.Name)).Append(",</p>");
        foreach (var (heading, lines) in parts)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2><ul>");
            foreach (var line in lines) html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>");
            html.Append("</ul>");
        }
        if (link is not null) html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">See everything on your page</a></p>");
        html.Append("</body></html>");
        return new EmployeeDigest(employee, person.Name, person.Email, asOf, subject, next, expiring, challengeLines, text.ToString(), html.ToString());
    }

    /// <summary>Whether the employee would get a digest: a gap, an award expiring within the look-ahead, or an open challenge (given).</summary>
    public static bool HasNews(OrganisationFigures f, int e, int within, bool openChallenge) =>
        openChallenge || (f.RoleIndexOf(e) >= 0 && f.Readiness(e) < 1) || Expiring(f, e, within).Count > 0;

    private static string NextLine(ServedRecommendation r)
    {
        var what = r.Purpose switch
        {
            RecommendationPurpose.Renewal => string.Create(CultureInfo.InvariantCulture, $"renew it by {r.RenewBy:yyyy-MM-dd}"),
            RecommendationPurpose.TargetGap => "closes a gap of your target role",
            _ when r.Closes.Count == 0 && r.Unlocks.Count > 0 => "needed before a badge that closes your gaps",
            _ => "closes a gap of your role",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{r.Badge.Name} ({r.Badge.Id}), about {r.Badge.Hours:0.##} h: {what}");
    }

    private static List<string> Expiring(OrganisationFigures f, int e, int within)
    {
        var awards = f.Awards;
        var today = f.AsOf.DayNumber;
        var lines = new List<(int Day, string Text)>();
        for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
        {
            if (!awards.IsValidOn(a, today) || !awards.Counts(a, f.Options) || awards.Expires[a] == int.MaxValue) continue;
            if (awards.Expires[a] > today + within) continue;
            var badge = f.Snapshot.Badges[awards.Badge[a]];
            // Renewed already when another award of the badge is valid beyond this one's expiry.
            var renewed = false;
            for (var b = awards.Offsets[e]; b < awards.Offsets[e + 1]; b++)
                if (b != a && awards.Badge[b] == awards.Badge[a] && awards.Issued[b] <= today && awards.Expires[b] > awards.Expires[a]) renewed = true;
            if (renewed) continue;
            lines.Add((awards.Expires[a], string.Create(CultureInfo.InvariantCulture,
                $"{badge.Name} ({badge.Id}) expires on {DateOnly.FromDayNumber(awards.Expires[a]):yyyy-MM-dd}: earn it again to keep it")));
        }
        return [.. lines.OrderBy(l => l.Day).Select(l => l.Text)];
    }

    private static string ChallengeLine(ChallengeProgressDocument c)
    {
        var you = c.You is { } y ? y.Text : "not started";
        var place = c.Standings.YourPlaceText is { } p ? $"; your place: {p}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{c.Challenge.Name} ({c.Challenge.GoalText}, until {c.Challenge.To:yyyy-MM-dd}): {you}{place}");
    }
}

/// <summary>
/// The digest fan-out: at the latest <c>Reports:EmployeeDigest:Schedule</c> occurrence, one run per employee with something
/// to say (scope <c>employee</c> in <c>report_runs</c>, the managers' ledger), so that each digest is delivered once whatever
/// the number of hosts. Does nothing unless <c>Reports:EmployeeDigest:Enabled</c>.
/// </summary>
public sealed class ScheduleEmployeeDigests(ReportRunLedger ledger, FiguresCache figures, SkillsGapDbContext db, IOptions<ReportOptions> options,
    IOptions<SkillsGapOptions> app, IOptions<FiguresOptions> figureOptions, TimeProvider time)
{
    public const string FanOutSetting = "digest-fan-out-week";

    public async Task<ReportFanOut> RunAsync(CancellationToken ct = default)
    {
        var digest = options.Value.EmployeeDigest;
        if (!digest.Enabled) return ReportFanOut.NotYetDue;
        var schedule = new ReportSchedule(digest.Schedule, options.Value.ResolveTimeZone(app.Value.TimeZone), time);
        if (schedule.LatestDue() is not { } occurrence) return ReportFanOut.NotYetDue;
        var week = schedule.WeekOf(occurrence);
        if (await ledger.IsFannedOutAsync(week, ct, FanOutSetting)) return new ReportFanOut(occurrence, week, 0, 0);
        var (subjects, created) = await CreateForWeekAsync(week, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurrence, schedule.Zone).DateTime), ct);
        await ledger.MarkFannedOutAsync(week, ct, FanOutSetting);
        return new ReportFanOut(occurrence, week, subjects, created);
    }

    /// <summary>Creates the missing digest runs of <paramref name="week"/> for the people with news as of <paramref name="asOf"/>.</summary>
    public async Task<(int Subjects, int Created)> CreateForWeekAsync(IsoWeek week, DateOnly asOf, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf, ct);
        var within = figureOptions.Value.ExpiringWithinDays;
        // The members of every open challenge.
        var inOpen = new HashSet<int>();
        foreach (var row in await db.Challenges.AsNoTracking().Where(c => c.FromDate <= asOf && c.ToDate >= asOf).ToListAsync(ct))
        {
            var challenge = new Challenge(row.Name, row.Scope switch { "manager" => ChallengeScope.Manager, "department" => ChallengeScope.Department, _ => ChallengeScope.Org },
                row.ManagerId is null ? null : new EmployeeId(row.ManagerId), row.Department, ChallengeGoal.Parse(row.Goal), row.FromDate, row.ToDate);
            inOpen.UnionWith(challenge.Members(f));
        }
        var needsAddress = options.Value.Delivery == ReportDeliveryMethod.Smtp;
        var subjects = new List<(string, string)>();
        for (var e = 0; e < f.EmployeeCount; e++)
        {
            var person = f.Snapshot.Employees[e];
            if (needsAddress && string.IsNullOrWhiteSpace(person.Email)) continue;
            if (EmployeeDigestBuilder.HasNews(f, e, within, inOpen.Contains(e))) subjects.Add((ReportRunStatus.EmployeeScope, person.Id.Value));
        }
        var created = await ledger.EnsureRunsAsync(week, subjects, ct);
        return (subjects.Count, created);
    }
}

/// <summary>
/// Delivers one digest run (called by <see cref="DeliverReportRun"/> for runs of scope <c>employee</c>): builds it as of the
/// week's end, keeps its text in the run, and sends it by SMTP (HTML and plain text, no attachment) or writes it to the
/// reports folder. A person with nothing to say any more is marked delivered with nothing sent.
/// </summary>
public sealed class DeliverEmployeeDigest(EmployeeDigestBuilder builder, ReportRunLedger ledger, IOptions<ReportOptions> options,
    IOptions<SkillsGapOptions> app, ILogger<DeliverEmployeeDigest> logger)
{
    /// <summary>Where it went (<c>smtp:…</c>, <c>folder:…</c> or <c>none: …</c>), or null when the run's lease was lost.</summary>
    public async Task<string?> DeliverAsync(ClaimedReportRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var employee = run.Request.Manager ?? throw new InvalidOperationException("A digest run names its employee.");
        var digest = await builder.BuildAsync(employee, run.Request.Week.Sunday.AddDays(1), ct);
        if (digest is null) return "none: nothing to report";
        var fileName = $"digest-{employee.Value}-{run.Request.Week}.txt";
        if (!await ledger.StoreContentAsync(run, fileName, Encoding.UTF8.GetBytes(digest.Text), ct)) return null;
        var o = options.Value;
        if (o.Delivery == ReportDeliveryMethod.Smtp)
        {
            if (string.IsNullOrWhiteSpace(digest.Email)) throw new PermanentDeliveryException($"Employee '{employee}' has no e-mail address on the roster.");
            using var message = Compose(digest, MailboxAddress.Parse(o.Smtp.From));
            using var client = new SmtpClient { Timeout = (int)o.Smtp.Timeout.TotalMilliseconds };
            var security = o.Smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };
            await client.ConnectAsync(o.Smtp.Host ?? "localhost", o.Smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(o.Smtp.UserName)) await client.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            logger.LogInformation("Digest of {Employee} for {Week} e-mailed.", employee, run.Request.Week);
            return "smtp:" + digest.Email;
        }
        var folder = Path.Combine(o.ResolveFolder(app.Value), run.Request.Week.ToString(), "digests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"digest-{employee.Value}-{run.Request.Week}.html");
        await File.WriteAllTextAsync(path + ".partial", digest.Html, ct);
        File.Move(path + ".partial", path, overwrite: true);
        return "folder:" + path;
    }

    /// <summary>The digest's message (public so that its shape can be checked).</summary>
    public static MimeMessage Compose(EmployeeDigest digest, MailboxAddress from)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(digest.Name, digest.Email ?? throw new ArgumentException("The digest has no e-mail address.", nameof(digest))));
        message.Subject = digest.Subject;
        message.Body = new BodyBuilder { TextBody = digest.Text, HtmlBody = digest.Html }.ToMessageBody();
        return message;
    }
}
