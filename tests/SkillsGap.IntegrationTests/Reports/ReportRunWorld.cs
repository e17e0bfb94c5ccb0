using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Imports;
using SkillsGap.App.Reports;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>
/// A small roster in a real database — M manages A, A manages B (so M and A get manager reports) — with a pinned
/// clock in Europe/Berlin, and the report-run parts built on it.
/// </summary>
public sealed class ReportRunWorld : IAsyncDisposable
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private ReportRunWorld(TestDatabase database, string folder, FakeTimeProvider clock)
    {
        Database = database;
        Folder = folder;
        Clock = clock;
    }

    public TestDatabase Database { get; }
    public string Folder { get; }
    public FakeTimeProvider Clock { get; }
    public ReportOptions Options { get; } = new() { Schedule = "0 7 * * 1", TimeZone = "Europe/Berlin" };
    public TestReportBuilder Builder { get; } = new();

    public static async Task<ReportRunWorld> CreateAsync(DatabaseProvider provider, DateTimeOffset now)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("skillsgap-reports-").FullName;
        var world = new ReportRunWorld(database, folder, new FakeTimeProvider(now));
        world.Options.Folder = Path.Combine(folder, "out");
        await world.LoadRosterAsync();
        return world;
    }

    private async Task LoadRosterAsync()
    {
        await using var app = AppServices.Create(Database, Clock.GetUtcNow());
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [Input("skills.csv", "skill_code,skill_name\nPY,Python\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [Input("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical\nAN,Analyst,PY,3,1,true\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [Input("employees.csv",
            "employee_id,name,email,role_code,manager_id\nM,Mia Manager,m@example.org,AN,\nA,Ann Lead,a@example.org,AN,M\nB,Ben,b@example.org,AN,A\n")]));
    }

    private InputFile Input(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    public ReportSchedule Schedule() => new(Options.Schedule, Berlin, Clock);

    public ReportRunLedger Ledger() => new(Database.Factory(), Clock, Microsoft.Extensions.Options.Options.Create(Options));

    /// <summary>A fan-out as one host has it (its own figures cache).</summary>
    public ScheduleReportRuns FanOut() => new(Schedule(), Ledger(),
        new FiguresCache(Database.Factory(), Microsoft.Extensions.Options.Options.Create(new FiguresOptions())), Microsoft.Extensions.Options.Options.Create(Options));

    public FolderReportSender FolderSender() => new(Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(new SkillsGapOptions { DataFolder = Folder }));

    public SmtpReportSender SmtpSender() => new(Microsoft.Extensions.Options.Options.Create(Options));

    /// <summary>A worker: its own ledger and the given sender (counted).</summary>
    public DeliverReportRun Deliverer(IReportSender sender) => new(Ledger(), Builder, sender, Database.Factory(),
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DeliverReportRun>.Instance, Clock);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>
/// A stand-in for the real workbook builder (another branch's): a few recognisable bytes per report, a real 1×1 PNG
/// as the top-gaps chart, an optional delay that widens race windows, and a count of builds.
/// </summary>
public sealed class TestReportBuilder : IWeeklyReportBuilder
{
    /// <summary>A 1×1 transparent PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private int _builds;

    public int Builds => _builds;

    public TimeSpan Delay { get; set; }

    /// <summary>When set, a build waits for it (or for its cancellation): the test decides when the build ends.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Set once a build has started waiting at <see cref="Gate"/>.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static byte[] WorkbookOf(ReportRequest request) =>
        Encoding.UTF8.GetBytes($"PK-test-workbook {request.Scope} {request.Manager?.Value ?? "-"} {request.Week}");

    public static string FileNameOf(ReportRequest request) =>
        request.Scope == ReportScope.Manager ? $"skills-{request.Manager!.Value.Value}-{request.Week}.xlsx" : $"skills-organisation-{request.Week}.xlsx";

    public async Task<WeeklyReport> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _builds);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        if (Gate is { } gate)
        {
            Started.TrySetResult();
            await gate.Task.WaitAsync(ct);
        }
        var chart = new ReportChart("top-gaps", "Top gaps", Png, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 1, 1);
        var title = request.Scope == ReportScope.Manager
            ? $"Skills report {request.Week} for {request.Manager!.Value.Value}"
            : $"Organisation skills report {request.Week}";
        return new WeeklyReport(request, FileNameOf(request), WorkbookOf(request), [chart], title,
            ["Team readiness 50.0 %", "1 critical gap: <PY>"]);
    }
}

/// <summary>Passes each delivery on to a real sender and counts them per report, so a double delivery shows.</summary>
public sealed class CountingSender(IReportSender inner) : IReportSender
{
    public ConcurrentDictionary<string, int> Deliveries { get; } = new();

    public bool NeedsAddresses => inner.NeedsAddresses;

    public async Task<string> SendAsync(WeeklyReport report, ReportRecipients recipients, CancellationToken ct = default)
    {
        var result = await inner.SendAsync(report, recipients, ct);
        Deliveries.AddOrUpdate(report.FileName, 1, (_, n) => n + 1);
        return result;
    }
}
