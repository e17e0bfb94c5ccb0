using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Gaps;
using SkillsGap.App.Imports;
using SkillsGap.App.Models;
using SkillsGap.App.Pathways;
using SkillsGap.App.Recommendations;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.IntegrationTests.Infrastructure;

namespace SkillsGap.IntegrationTests.Recommendations;

/// <summary>train → the model stored in <c>models</c> → recommend and pathway use it, on each provider; a newer model replaces it.</summary>
public sealed class TrainAndRecommendTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillsgap-recs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly DateOnly AsOf = new(2026, 11, 28);

    private InputFile File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return InputFile.FromPath(path);
    }

    /// <summary>
    /// Role AN requires Z 2. P and A-OTHER both attest Z 2 for 10 hours (gap-greedy cannot tell them apart; by id A-OTHER
    /// comes first). 150 analysts earned START and, 30 days later, P; E earned START on 2026-06-01 and nothing since.
    /// </summary>
    private async Task LoadAsync(AppServices app)
    {
        var import = app.Get<ImportData>();
        await import.RunAsync(new ImportRequest(ImportKind.Skills, [File("skills.csv", "skill_code,skill_name\nZ,Zeta\nY,Ypsilon\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Roles, [File("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical,effective_from\nAN,Analyst,Z,2,3,false,2020-01-01\n")]));
        await import.RunAsync(new ImportRequest(ImportKind.Badges, [File("badges.csv",
            "badge_id,badge_name,skills,hours\nSTART,Start,Y:1,2\nA-OTHER,Other,Z:2,10\nP,Preferred,Z:2,10\n")]));
        var employees = new StringBuilder("employee_id,name,email,role_code,manager_id,effective_from\nE,Eve,e@x.org,AN,,2020-01-01\n");
        var awards = new StringBuilder("employee_id,badge_id,issued_on\nE,START,2026-06-01\n");
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < 150; i++)
        {
            var id = "P" + i.ToString("000", CultureInfo.InvariantCulture);
            employees.Append(CultureInfo.InvariantCulture, $"{id},Person {i},{id}@x.org,AN,,2020-01-01\n");
            awards.Append(CultureInfo.InvariantCulture, $"{id},START,{start.AddDays(i * 2):yyyy-MM-dd}\n{id},P,{start.AddDays(i * 2 + 30):yyyy-MM-dd}\n");
        }
        await import.RunAsync(new ImportRequest(ImportKind.Employees, [File("employees.csv", employees.ToString())]));
        await import.RunAsync(new ImportRequest(ImportKind.Awards, [File("awards.csv", awards.ToString())]));
    }

    [Theory, SqliteData, PostgreSqlData]
    public async Task A_trained_model_is_stored_used_by_recommend_and_pathway_and_kept_when_a_newer_one_learned_from_too_little(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = AppServices.Create(database);
        await using var db = database.NewContext();
        await LoadAsync(app);
        var time = app.Clock;
        var recommend = app.Get<RecommendQuery>();
        var pathway = app.Get<PathwayQuery>();

        var before = await recommend.RunAsync(new EmployeeId("E"), top: 2, asOf: AsOf);
        var trained = await app.Get<TrainModel>().RunAsync(AsOf);
        var after = await recommend.RunAsync(new EmployeeId("E"), top: 2, asOf: AsOf);
        var plan = await pathway.RunAsync(new EmployeeId("E"), null, AsOf);

        // No model yet: gap-greedy, which ties A-OTHER and P (3·2/10 = 0.6 each) and lists the smaller id first.
        Assert.Equal("gap-greedy", before.Source);
        Assert.Contains("No next-badge model", before.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(["A-OTHER", "P"], before.Recommendations.Select(r => r.Badge));
        Assert.Equal(0.6, before.Recommendations[0].Score);
        // 150 people × 2 award days = 300 cases, from 2024-01-01 to P149's P on 2024-01-01 + 298 + 30 = 2024-11-24, and
        // E's START of 2026-06-01: 301 cases.
        var stored = await db.Models.AsNoTracking().SingleAsync();
        Assert.Equal(trained.Id, stored.Id);
        Assert.Equal(301, trained.Metadata.TrainingCases);
        Assert.Equal(301, stored.TrainingCases);
        Assert.Equal(new DateOnly(2024, 1, 1), stored.DataFrom);
        Assert.Equal(new DateOnly(2026, 6, 1), stored.DataUntil);
        Assert.Null(trained.Metadata.FallbackReason);
        Assert.Contains("\"trainingCases\":301", stored.MetadataJson, StringComparison.Ordinal);
        // With the model: P first; all 150 analysts who earned START went on to P next.
        Assert.Equal("model", after.Source);
        Assert.Null(after.FallbackReason);
        Assert.Equal("P", after.Recommendations[0].Badge);
        Assert.Equal("100% of Analyst peers who earned START earned this next (150 of 150)", after.Recommendations[0].PeerSignal);
        Assert.Equal(("transition", 1.0, 150, "START"), (after.Recommendations[0].Peer.Kind, after.Recommendations[0].Peer.Share,
            after.Recommendations[0].Peer.Peers, after.Recommendations[0].Peer.From));
        Assert.Equal([new SkillChangeDocument("Z", 0, 2)], after.Recommendations[0].Closes);
        // The pathway's tie at 10 hours goes to the model's choice.
        Assert.Equal(["P"], plan.Steps.Select(s => s.Badge.Value));

        // A newer model (trained as of 2024-01-20: only the START awards of 2024-01-01 .. 2024-01-19, 10 cases) is stored,
        // but it learned from too little history: the model before it stays the one served (DESIGN §3, models over time).
        time.Advance(TimeSpan.FromMinutes(5));
        var newer = await app.Get<TrainModel>().RunAsync(new DateOnly(2024, 1, 20));
        var again = await recommend.RunAsync(new EmployeeId("E"), top: 2, asOf: AsOf);

        Assert.True(newer.Id > trained.Id);
        Assert.Equal(10, newer.Metadata.TrainingCases);
        Assert.Equal(2, await db.Models.CountAsync());
        Assert.Contains("Only 10 training cases", newer.Metadata.FallbackReason, StringComparison.Ordinal);
        Assert.Equal("model", again.Source);
        Assert.Equal("P", again.Recommendations[0].Badge);
    }
}
