using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.App.Issuing;
using SkillsGap.App.Writes;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Issuing;

/// <summary>
/// A small organisation that issues its own badges, on one provider, with dates relative to today (the reference
/// verifier checks status lists against the real clock, so credentials here are issued on the real clock too).
/// Harbourline Academy's badges: SQL-101 (issuer left empty), SQL-201 (SQL 3, data modelling 2), SEC-201 (valid 12
/// months), the stack XL-ADV of XL-PIV and XL-FMT; GOV-301 is DAMA International's.
/// People: Ana (E1) holds them all, Ben (E2) an expired SEC-201 and SQL-101, Cy (E3) has no e-mail address.
/// </summary>
public sealed class IssuingWorld : IAsyncDisposable
{
    public const string Issuer = "Harbourline Academy";
    public const string Base = "https://skills.harbourline.example";

    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-issuing-").FullName;

    private IssuingWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);
    public string Folder => _folder;

    public static IssuerOptions Options(string? secret = null) => new()
    {
        Name = Issuer,
        Url = "https://www.harbourline.example",
        Email = "academy@harbourline.example",
        PublicBaseUrl = Base + "/",
        KeySecret = secret,
    };

    public BusinessCalendar Calendar { get; } = new(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new SkillsGapOptions { TimeZone = "UTC" }));

    public string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<IssuingWorld> CreateAsync(DatabaseProvider provider)
    {
        var world = new IssuingWorld(await TestDatabase.CreateAsync(provider));
        await using var db = world.Database.NewContext();
        await world.ImportAsync(ImportKind.Skills, "skills.csv",
            "skill_code,skill_name\nSQL,SQL querying\nDM,Data modelling\nSEC,Secure coding\nXL,Spreadsheet analysis\nPIV,Pivot tables\nFMT,Data formatting\nGOV,Data governance\n");
        await world.ImportAsync(ImportKind.Roles, "roles.csv",
            "role_code,role_title,skill_code,required_level,weight\nAN,Analyst,SQL,2,3\nAN,Analyst,PIV,3,2\n");
        await world.ImportAsync(ImportKind.Badges, "badges.csv",
            "badge_id,badge_name,issuer,skills,hours,prerequisites,valid_months,stack_id\n" +
            "SQL-101,SQL Foundations,,SQL:2,8,,,\n" +
            $"SQL-201,Intermediate SQL,{Issuer},SQL:3;DM:2,16,SQL-101,,\n" +
            $"SEC-201,Secure Coding,{Issuer},SEC:3,10,,12,\n" +
            $"XL-PIV,Advanced Excel: Pivot Tables,{Issuer},PIV:3,8,,,XL-ADV\n" +
            $"XL-FMT,Advanced Excel: Data Formatting,{Issuer},FMT:3,5,,,XL-ADV\n" +
            $"XL-ADV,Advanced Excel,{Issuer},XL:4;PIV:4;FMT:4,4,,,\n" +
            "GOV-301,Data Governance Professional,DAMA International,GOV:3,36,,,\n");
        await world.ImportAsync(ImportKind.Employees, "employees.csv",
            "employee_id,name,email,role_code,manager_id\nM,Mia Manager,mia@harbourline.example,AN,\n" +
            "E1,Ana Ortiz,Ana.Ortiz@harbourline.example,AN,M\nE2,Ben Okafor,ben@harbourline.example,AN,M\nE3,Cy Young,,AN,M\n");
        await world.ImportAsync(ImportKind.Awards, "awards.csv", world.AwardsCsv());
        return world;
    }

    /// <summary>The awards file; <paramref name="sql201Evidence"/> changes one award's facts.</summary>
    public string AwardsCsv(string sql201Evidence = "https://evidence.harbourline.example/E1/SQL-201") =>
        "employee_id,badge_id,issued_on,expires_on,evidence_url\n" +
        $"E1,SQL-101,{Day(-400)},,\nE1,SQL-201,{Day(-200)},,{sql201Evidence}\nE1,SEC-201,{Day(-100)},,\n" +
        $"E1,XL-PIV,{Day(-90)},,\nE1,XL-FMT,{Day(-60)},,\nE1,XL-ADV,{Day(-30)},,https://evidence.harbourline.example/E1/XL-ADV\n" +
        $"E1,GOV-301,{Day(-50)},,\nE2,SEC-201,{Day(-500)},,\nE2,SQL-101,{Day(-10)},,\nE3,SQL-101,{Day(-20)},,\n";

    /// <summary>Imports one file through the import use case, as every door does (its own context, one write).</summary>
    public async Task ImportAsync(ImportKind kind, string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content);
        await using var db = Database.NewContext();
        var import = new ImportData(db, new DataWrite(db, Calendar), new ImportLedger(new TestContexts(Database), Calendar), Calendar);
        await import.RunAsync(new ImportRequest(kind, [InputFile.FromPath(path)]));
    }

    /// <summary>New contexts over the test database, as the ledger's factory.</summary>
    private sealed class TestContexts(TestDatabase database) : IDbContextFactory<SkillsGapDbContext>
    {
        public SkillsGapDbContext CreateDbContext() => database.NewContext();
    }

    /// <summary>One host's services over this database (each host has its own key cache, as separate processes do).</summary>
    public IssuingHost Host(IssuerOptions? options = null) => new(this, options ?? Options());

    public async Task<long> AwardIdAsync(string employee, string badge)
    {
        await using var db = Database.NewContext();
        return await db.Awards.Where(a => a.EmployeeId == employee && a.BadgeId == badge).Select(a => a.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The issuing use cases as one host has them.</summary>
public sealed class IssuingHost(IssuingWorld world, IssuerOptions options)
{
    public IOptions<IssuerOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(options);
    public IssuerKeys Keys { get; } = new(Microsoft.Extensions.Options.Options.Create(options));
    public StatusListStore Lists => new(Keys);

    public async Task<IssueOutcome> IssueAsync(IssueRequest request)
    {
        await using var db = world.Database.NewContext();
        return await new IssueCredentials(db, Options, Keys, Lists, world.Calendar).RunAsync(request);
    }

    public async Task<RevokeOutcome> RevokeAsync(string credential, string reason)
    {
        await using var db = world.Database.NewContext();
        return await new RevokeCredential(db, new DataWrite(db, world.Calendar), Options, Lists, world.Calendar).RunAsync(new RevokeRequest(credential, reason));
    }

    public async Task<StoredCredential> CredentialAsync(string id)
    {
        await using var db = world.Database.NewContext();
        return await new CredentialDownloads(db, Options).FindAsync(id) ?? throw new InvalidOperationException($"{id} not found");
    }

    public async Task<(byte[] Png, string Svg)> BakedAsync(string id)
    {
        await using var db = world.Database.NewContext();
        var downloads = new CredentialDownloads(db, Options);
        var stored = await downloads.FindAsync(id) ?? throw new InvalidOperationException($"{id} not found");
        return (downloads.Png(stored), downloads.Svg(stored));
    }

    /// <summary>Every status list as a file in <paramref name="folder"/>, by its URL (the url map of both verifiers).</summary>
    public async Task<Dictionary<string, string>> StatusListFilesAsync(string folder)
    {
        await using var db = world.Database.NewContext();
        var ids = await db.StatusLists.Select(l => l.Id).ToListAsync();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in await new CredentialDownloads(db, Options).StatusListsAsync(ids))
        {
            var path = Path.Combine(folder, $"status-list-{list.Id}.json");
            await File.WriteAllTextAsync(path, list.Json);
            map[list.Url] = path;
        }
        return map;
    }

    public PublicDocuments Public(SkillsGapDbContext db) => new(db, Options, Keys, world.Calendar);
}
