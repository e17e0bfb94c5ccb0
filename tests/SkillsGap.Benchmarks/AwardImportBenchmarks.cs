using BenchmarkDotNet.Attributes;
using SkillsGap.Data;
using SkillsGap.Samples.Benchmarks;

namespace SkillsGap.Benchmarks;

/// <summary>Award rows into SQLite: the bulk path (prepared batch into staging, set-based upsert) against EF Core AddRange + SaveChanges.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class AwardImportBenchmarks
{
    private SyntheticOrganisation _organisation = null!;
    private string _folder = null!;
    private SkillsGapDbContext _db = null!;

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _organisation = SyntheticOrganisation.Create(20_000, 60, Rows, seed: 11);
        _folder = Directory.CreateTempSubdirectory("skillsgap-bdn-").FullName;
    }

    [IterationSetup]
    public void FreshDatabase() =>
        _db = PerformanceBench.PrepareAsync(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), _organisation, default).GetAwaiter().GetResult();

    [IterationCleanup]
    public void Dispose() => _db.Dispose();

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task EfCoreAddRangeSaveChanges() => PerformanceBench.ImportWithEfCoreAsync(_db, _organisation.Awards);

    [Benchmark]
    public Task BulkPath() => PerformanceBench.ImportBulkAsync(_db, _organisation.Awards);
}
