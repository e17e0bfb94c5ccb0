using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using netDumbster.smtp;
using SkillsGap.App;
using SkillsGap.App.Challenges;
using SkillsGap.App.Imports;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Reports;
using SkillsGap.App.Wallet;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;
using SkillsGap.IntegrationTests.Reports;

namespace SkillsGap.IntegrationTests.EmployeeSide;

/// <summary>
/// The employee's side through App's use cases on each provider: the served list, the wallet, a challenge with its
/// standings, and the digest delivered once through the report-run ledger to a real SMTP server. Expected figures are
/// worked by hand from the small organisation below.
/// </summary>
public sealed class EmployeeSideTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-employee-side-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    /// <summary>
    /// Role AN (Analyst) needs SQL 3 (weight 3) and XL 2 (weight 2). Badges: SQL1 (SQL 1, 4 h), SQL3 (SQL 3, 10 h, after
    /// SQL1), XL2 (XL 2, 3 h), FUN (PIV 1, 2 h: no gap of AN), and the stack ST (PIV 2, 2 h) of XL2 and FUN.
    /// M manages E1 and E2, all analysts. E1: XL2 on 2025-01-05 (expired 2026-01-05), SQL1 on 2026-01-10.
    /// E2: SQL1 on 2026-02-01, SQL3 on 2026-03-01.
    /// </summary>
    private async Task LoadAsync(AppServices app)
    {
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nSQL,SQL querying\nXL,Excel\nPIV,Pivot tables\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical,effective_from\nAN,Analyst,SQL,3,3,false,2020-01-01\nAN,Analyst,XL,2,2,false,2020-01-01\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv",
            "badge_id,badge_name,issuer,skills,hours,prerequisites,valid_months,stack_id\n" +
            "SQL1,SQL Basics,Academy,SQL:1,4,,,\nSQL3,SQL Practitioner,Academy,SQL:3,10,SQL1,,\nXL2,Excel Working,Academy,XL:2,3,,12,ST\n" +
            "FUN,Fun with Pivots,Academy,PIV:1,2,,,ST\nST,Excel Pro,Academy,PIV:2,2,,,\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv",
            "employee_id,name,email,role_code,manager_id,effective_from\nM,Mia Manager,m@example.org,AN,,2020-01-01\n" +
            "E1,Eli One,e1@example.org,AN,M,2020-01-01\nE2,Eve Two,e2@example.org,AN,M,2020-01-01\nX,Xavier Other,x@example.org,AN,,2020-01-01\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("awards.csv",
            "employee_id,badge_id,issued_on,expires_on,evidence_url\nE1,XL2,2025-01-05,2026-01-05,https://evidence.example/e1-xl2\nE1,SQL1,2026-01-10,,\n" +
            "E2,SQL1,2026-02-01,,\nE2,SQL3,2026-03-01,,\n")]));
    }

    private static readonly DateOnly AsOf = new(2026, 11, 28);

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_served_list_puts_gap_closing_badges_first_with_their_purpose(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app);

        var served = await app.Get<RecommendQuery>().RunAsync(new EmployeeId("E1"), top: 5, asOf: AsOf);

        // No model: gap per hour. XL2 (earned again) closes XL 0→2: 2·2/3 = 1.33 per hour; SQL3 closes SQL 1→3: 3·2/10 = 0.6.
        // FUN closes no gap of AN and comes after them, marked peers; ST needs FUN first, so it is no candidate.
        Assert.Equal(["XL2", "SQL3", "FUN"], served.Recommendations.Select(r => r.Badge));
        Assert.Equal(["roleGap", "roleGap", "peers"], served.Recommendations.Select(r => r.Purpose));
        Assert.Equal(2, served.GapClosingAvailable);
        var firstPeers = served.Recommendations.ToList().FindIndex(r => !r.ClosesAGap);
        Assert.All(served.Recommendations.Skip(firstPeers), r => Assert.False(r.ClosesAGap));
        Assert.Equal([new Core.Pathways.SkillChangeDocument("SQL", 1, 3)], served.Recommendations[1].Closes);
        // People's words, never the developers'.
        Assert.All(served.Recommendations, r => Assert.DoesNotContain("greedy", r.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("greedy", served.Note ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("greedy", served.RankedBy, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task The_wallet_lists_every_award_newest_first_with_points_and_stack_progress(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app);

        var wallet = await app.Get<WalletQuery>().RunAsync(new EmployeeId("E1"), AsOf);

        // Points: XL2 closed XL 0→2 at weight 2 = 4; SQL1 closed SQL 0→1 at weight 3 = 3; 7 in all.
        Assert.Equal(7, wallet.Points);
        Assert.Equal(["SQL1", "XL2"], wallet.Awards.Select(a => a.Badge));
        var sql = wallet.Awards[0];
        Assert.Equal((true, 3, "recorded", (string?)null), (sql.Valid, sql.Points, sql.State, sql.Credential));
        var excel = wallet.Awards[1];
        Assert.Equal((false, true, 4, "XL2"), (excel.Valid, excel.Expired, excel.Points, excel.RenewWith));
        Assert.Equal(new DateOnly(2026, 1, 5), excel.ExpiresOn);
        Assert.Equal("https://evidence.example/e1-xl2", excel.Evidence);
        Assert.Equal("2 working", Assert.Single(excel.Skills).LevelName);
        // The stack ST of XL2 and FUN: XL2 held (expired, still earned), FUN (2 h) missing; then ST itself, 2 h.
        var stack = Assert.Single(wallet.Stacks);
        Assert.Equal(("1 of 2 toward Excel Pro", 0.5, 4m), (stack.Summary, stack.Progress, stack.HoursToGo));
        Assert.Equal(["FUN"], stack.Missing.Select(m => m.Badge));
        // The JSON of DESIGN §10.
        var json = DocumentJson.Serialize(wallet);
        Assert.StartsWith("{\"employee\":\"E1\",\"asOf\":\"2026-11-28\",\"points\":7,\"awards\":[{\"badge\":\"SQL1\",\"name\":\"SQL Basics\",\"issuer\":\"Academy\",\"issuedOn\":\"2026-01-10\",\"expiresOn\":null,\"state\":\"recorded\",\"valid\":true,", json, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => app.Get<WalletQuery>().RunAsync(new EmployeeId("NOBODY"), AsOf));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_team_challenge_counts_points_in_its_dates_and_names_only_those_who_opted_in(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await LoadAsync(app);
        var challenges = app.Get<ChallengeService>();
        var manager = new ChallengeCaller(false, true, new EmployeeId("M"), "M");

        var created = await challenges.CreateAsync(new ChallengeRequest("Team push", "manager", "M", null, "points:5",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), manager);
        var asManager = await challenges.ProgressAsync(created.Id, manager, AsOf);
        var asE1 = await challenges.ProgressAsync(created.Id, new ChallengeCaller(false, false, new EmployeeId("E1")), AsOf);
        await challenges.SetOptInAsync(new EmployeeId("E2"), true);
        var asE1Again = await challenges.ProgressAsync(created.Id, new ChallengeCaller(false, false, new EmployeeId("E1")), AsOf);

        // In 2026: E1 earned SQL1 (3 points); E2 SQL1 (3) and SQL3 (SQL 1→3 at weight 3: 6), reaching 5 on 2026-03-01.
        Assert.Equal(("earn 5 skill points", "open"), (created.GoalText, created.Status));
        Assert.Equal((2, 1, 0.5, 12), (asManager.People, asManager.Completed, asManager.CompletedShare, asManager.Points));
        Assert.Equal(0.8, asManager.MeanProgress); // (1 + 3/5) / 2
        Assert.Equal(["E2", "E1"], asManager.Participants.Select(p => p.Employee));
        Assert.Equal(new DateOnly(2026, 3, 1), asManager.Participants[0].CompletedOn);
        Assert.Equal(0.6, asManager.Participants[1].Progress);
        // E1 sees their own line only, their place, and E2 anonymously until E2 opts in.
        Assert.Equal(["E1"], asE1.Participants.Select(p => p.Employee));
        Assert.Equal("2nd of 2", asE1.Standings.YourPlaceText);
        Assert.Equal([null, "Eli One"], asE1.Standings.Lines.Select(l => l.Name));
        Assert.Equal(["Eve Two", "Eli One"], asE1Again.Standings.Lines.Select(l => l.Name));
        // X is in no challenge; a manager sets none for a team not theirs; a bad goal is rejected.
        await Assert.ThrowsAsync<AccessDeniedException>(() => challenges.ProgressAsync(created.Id, new ChallengeCaller(false, false, new EmployeeId("X"))));
        Assert.Empty(await challenges.ListAsync(new ChallengeCaller(false, false, new EmployeeId("X"))));
        Assert.Single(await challenges.ListAsync(new ChallengeCaller(false, false, new EmployeeId("E2"))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => challenges.CreateAsync(new ChallengeRequest("Not mine", "manager", "X", null, "points:5",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), manager));
        await Assert.ThrowsAsync<InputRejectedException>(() => challenges.CreateAsync(new ChallengeRequest("Bad", "org", null, null, "points:zero",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), ChallengeCaller.Hr));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Challenges.CountAsync());
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task Each_employee_with_news_gets_one_digest_through_the_report_run_ledger(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var port = ReportRunWorld.FreePort();
        using var server = SimpleSmtpServer.Start(port);
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        await using var app = AppServices.Create(database, monday, new Dictionary<string, string?>
        {
            ["Reports:Delivery"] = "Smtp",
            ["Reports:Smtp:Host"] = "127.0.0.1",
            ["Reports:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reports:Smtp:Security"] = "None",
            ["Reports:Organisation"] = "false",
            ["Reports:EmployeeDigest:Enabled"] = "true",
        });
        await LoadAsync(app);
        await app.Get<ChallengeService>().CreateAsync(new ChallengeRequest("Team push", "manager", "M", null, "points:5",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), ChallengeCaller.Hr);

        var fanOut = await app.Get<ScheduleEmployeeDigests>().RunAsync();
        var first = await app.Get<DeliverReportRun>().RunDueAsync();
        var again = await app.Get<ScheduleEmployeeDigests>().RunAsync();
        var second = await app.Get<DeliverReportRun>().RunDueAsync();

        // Everyone has a gap (E2 lacks XL; M and X hold nothing; E1 lacks SQL 3 and XL): four digests, for week 2026-W48.
        Assert.Equal(("2026-W48", 4, 4), (fanOut.Week.ToString(), fanOut.Subjects, fanOut.Created));
        Assert.Equal(4, first.Count);
        Assert.All(first.Values, r => Assert.Equal(ReportDeliveryResult.Delivered, r));
        Assert.Equal((0, 0), (again.Created, second.Count));
        var messages = server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.Equal(["e1@example.org", "e2@example.org", "m@example.org", "x@example.org"],
            messages.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var e1 = messages.Single(m => m.To.Mailboxes.Single().Address == "e1@example.org");
        Assert.Equal("Your learning this week (2026-W49)", e1.Subject);
        Assert.Contains("Excel Working (XL2), about 3 h: closes a gap of your role", e1.TextBody, StringComparison.Ordinal);
        Assert.Contains("SQL Practitioner (SQL3), about 10 h: closes a gap of your role", e1.TextBody, StringComparison.Ordinal);
        Assert.Contains("Team push (earn 5 skill points, until 2026-12-31): 3 of 5 points; your place: 2nd of 2", e1.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Fun with Pivots", e1.TextBody, StringComparison.Ordinal);
        var x = messages.Single(m => m.To.Mailboxes.Single().Address == "x@example.org");
        Assert.DoesNotContain("Team push", x.TextBody, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var runs = await db.ReportRuns.AsNoTracking().Where(r => r.Scope == "employee").ToListAsync();
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal("delivered", r.Status));
    }
}
