using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.App.Jobs;
using SkillsGap.App.Models;
using SkillsGap.Data;
using SkillsGap.Host.Jobs;

namespace SkillsGap.IntegrationTests.Reports;

/// <summary>Imports and training go on their own Hangfire queues, fetched ahead of report deliveries.</summary>
// Alone: Hangfire keeps process-wide state (the current storage) that a server of another test class may share.
[Collection(SkillsGap.IntegrationTests.App.AloneCollection.Name)]
public sealed class JobQueueTests
{
    [Fact]
    public void The_server_fetches_imports_then_training_then_default_then_reports()
    {
        Assert.Equal(["imports", "training", "default", "reports"], JobQueues.All);
    }

    [Fact]
    public async Task Imports_training_and_report_deliveries_are_enqueued_on_their_own_queues_in_the_job_storage()
    {
        await using var world = await ReportRunWorld.CreateAsync(DatabaseProvider.Sqlite, TimeProvider.System.GetUtcNow());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = world.Database.Provider.ToString(),
            ["ConnectionStrings:SkillsGap"] = world.Database.Options.ConnectionString,
            ["SkillsGap:DataFolder"] = world.Folder,
            ["Reports:Folder"] = world.Options.Folder,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSkillsGap(configuration);
        // This test's own storage and no server: what is enqueued stays in the storage to be read back.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddHangfire((_, c) => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        services.AddSkillsGapJobs();
        await using var provider = services.BuildServiceProvider();
        // Hangfire logs through a process-wide provider: point it at this test's loggers before the storage is made (a
        // test before this one may have left it pointing at a disposed logger factory).
        _ = provider.GetRequiredService<IGlobalConfiguration>();
        var storage = (InMemoryStorage)provider.GetRequiredService<JobStorage>();

        var ledger = provider.GetRequiredService<JobLedger>();
        var background = provider.GetRequiredService<IBackgroundWork>();
        var import = await ledger.CreateAsync(ImportJob.Kind, new { file = "roster.csv" }, "hr-analyst");
        var train = await ledger.CreateAsync(TrainModelJob.Kind, new { }, "hr-analyst");
        await background.EnqueueJobAsync(import.Id);
        await background.EnqueueJobAsync(train.Id);
        await background.EnqueueReportDeliveryAsync(4242);

        var monitoring = storage.GetMonitoringApi();
        var queues = monitoring.Queues().ToDictionary(q => q.Name, q => q.Length);
        Assert.Equal(new Dictionary<string, long> { ["imports"] = 1, ["training"] = 1, ["reports"] = 1 }, queues);
        var imported = Assert.Single(monitoring.EnqueuedJobs("imports", 0, 10)).Value;
        Assert.Equal(nameof(QueuedJob.RunAsync), imported.Job.Method.Name);
        Assert.Equal(import.Id, (long)imported.Job.Args[0]);
        var trained = Assert.Single(monitoring.EnqueuedJobs("training", 0, 10)).Value;
        Assert.Equal(train.Id, (long)trained.Job.Args[0]);
        var delivery = Assert.Single(monitoring.EnqueuedJobs("reports", 0, 10)).Value;
        Assert.Equal(nameof(ReportJobs.DeliverAsync), delivery.Job.Method.Name);
        Assert.Equal(4242L, (long)delivery.Job.Args[0]);
    }
}
