using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.Samples.Benchmarks;

/// <summary>Sizes of a bench run. <see cref="Full"/> is the issue's target size; <see cref="Quick"/> a smoke run.</summary>
public sealed record BenchSizes(int ImportAwards, int ImportEmployees, int FigureEmployees, int FigureSkills, int FigureAwards,
    int RecommendEmployees = 100_000, int RecommendAwards = 1_000_000)
{
    public static BenchSizes Full { get; } = new(1_000_000, 20_000, 100_000, 200, 2_000_000);
    public static BenchSizes Quick { get; } = new(50_000, 2_000, 10_000, 200, 200_000, 10_000, 100_000);

    /// <summary>
    /// An organisation of <paramref name="employees"/> for the figures, report and recommendation measures, with as many
    /// awards per person as <see cref="Full"/> (20 for the figures and reports, 10 career-shaped for the recommender);
    /// the import measure keeps its size (rows per second do not depend on the organisation).
    /// </summary>
    public BenchSizes WithEmployees(int employees) => this with
    {
        FigureEmployees = employees,
        FigureAwards = checked(employees * 20),
        RecommendEmployees = employees,
        RecommendAwards = checked(employees * 10),
    };
}

/// <summary>
/// One measurement against its baseline, both taken in the same run. <see cref="Ratio"/> is baseline ÷ subject: how many
/// times faster the subject is (below 1 when the baseline is a part of the subject, as the figures are of a report).
/// </summary>
public sealed record BenchMeasure(string Name, string Subject, double SubjectSeconds, string Baseline, double BaselineSeconds, string Detail)
{
    public double Ratio => SubjectSeconds > 0 ? BaselineSeconds / SubjectSeconds : double.PositiveInfinity;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Subject} {SubjectSeconds:0.000} s, {Baseline} {BaselineSeconds:0.000} s, ratio {Ratio:0.00}; {Detail}");
}

/// <summary>
/// `skillsgap bench`: the performance figures of the foundation as ratios against baselines measured in the same
/// run — bulk award import against EF Core AddRange + SaveChanges, and the organisation's figures over arrays against
/// the same computation through DataFrame joins and group-bys.
/// </summary>
public static class PerformanceBench
{
    /// <summary>
    /// Runs the measurements named in <paramref name="only"/> ("figures", "import", "recommend", "report"), or all of
    /// them. The PostgreSQL import runs when <paramref name="postgres"/> names a server (a connection string whose user
    /// may create databases); each measure's detail ends with the machine's load average before and after it.
    /// </summary>
    public static async Task<IReadOnlyList<BenchMeasure>> RunAsync(BenchSizes sizes, Action<string> log, string? only = null, string? postgres = null, CancellationToken ct = default)
    {
        var results = new List<BenchMeasure>();
        async Task Measure(string name, Func<Task<IEnumerable<BenchMeasure>>> run)
        {
            if (only is not null && only != name) return;
            var before = LoadAverage();
            foreach (var m in await run()) results.Add(m with { Detail = m.Detail + $"; load average {before} → {LoadAverage()}" });
        }
        // Figures first, so that the process's peak working set is theirs and not the import's.
        await Measure("figures", () => Task.FromResult<IEnumerable<BenchMeasure>>([MeasureFigures(sizes, log)]));
        await Measure("report", () => Task.FromResult<IEnumerable<BenchMeasure>>(ReportBench.Run(sizes, log)));
        await Measure("import", async () => await MeasureAwardImportAsync(sizes, log, postgres, ct));
        await Measure("recommend", () => Task.FromResult<IEnumerable<BenchMeasure>>(MeasureRecommendations(sizes, log)));
        await Measure("issue", async () => await IssueBench.RunAsync(log, ct));
        return results;
    }

    /// <summary>
    /// Next-badge training on a career-shaped history of <see cref="BenchSizes.RecommendAwards"/> awards (against computing
    /// the same organisation's figures), every employee's top 10 (against gap-greedy's top 10, which builds the same
    /// states and features but does not score with the model), and one employee's top 10 once warm (the same baseline).
    /// </summary>
    public static IReadOnlyList<BenchMeasure> MeasureRecommendations(BenchSizes sizes, Action<string> log)
    {
        var trainUntil = SyntheticOrganisation.AsOf.AddDays(1);
        var options = SkillsGap.Recommendations.NextBadgeTrainingOptions.Default;
        // Warm-up on a small organisation, so that no measurement pays for JIT compilation.
        var small = SyntheticOrganisation.CreateCareers(2_000, sizes.FigureSkills, 20_000, seed: 3).Snapshot();
        var smallModel = SkillsGap.Recommendations.NextBadgeModel.Train(SkillsGap.Recommendations.TrainingHistory.Build(small, null, options.MaximumTrainingCases, trainUntil), trainUntil, options);
        new SkillsGap.Recommendations.Recommender(smallModel).Recommend(GapEngine.Compute(small), 0, 10);

        log(string.Create(CultureInfo.InvariantCulture,
            $"recommend: generating {sizes.RecommendEmployees:N0} employees with about {sizes.RecommendAwards:N0} career-shaped awards"));
        var snapshot = SyntheticOrganisation.CreateCareers(sizes.RecommendEmployees, sizes.FigureSkills, sizes.RecommendAwards).Snapshot();
        var clock = Stopwatch.StartNew();
        var figures = GapEngine.Compute(snapshot);
        var figuresSeconds = clock.Elapsed.TotalSeconds;
        log(string.Create(CultureInfo.InvariantCulture, $"recommend: figures {figuresSeconds:0.000} s"));

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        var history = SkillsGap.Recommendations.TrainingHistory.Build(snapshot, null, options.MaximumTrainingCases, trainUntil);
        var historySeconds = clock.Elapsed.TotalSeconds;
        var model = SkillsGap.Recommendations.NextBadgeModel.Train(history, trainUntil, options);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var trainCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var m = model.Metadata;
        log(string.Create(CultureInfo.InvariantCulture,
            $"recommend: training {trainSeconds:0.000} s (cases {historySeconds:0.000} s), {m.Trainer}, {m.TrainingCases:N0} cases, {m.TrainingRows:N0} rows"));
        var results = new List<BenchMeasure>
        {
            new("next-badge training", "cases + ML.NET training", trainSeconds, "figures (GapEngine)", figuresSeconds,
                string.Create(CultureInfo.InvariantCulture,
                    $"{snapshot.Awards.Count:N0} award rows, {m.TrainingCases:N0} most recent cases, {m.TrainingRows:N0} rows, {m.Trainer}; cases {historySeconds:0.0} s; process CPU {trainCpu:0.0} s; target < 180 s on 2 cores")),
        };

        var recommender = new SkillsGap.Recommendations.Recommender(model);
        var greedy = new SkillsGap.Recommendations.Recommender(null);
        clock.Restart();
        recommender.Recommend(figures, 0, 10);
        var contextSeconds = clock.Elapsed.TotalSeconds;
        greedy.Recommend(figures, 0, 10);
        var n = figures.EmployeeCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        process.Refresh();
        cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        Parallel.For(0, n, parallel, e => recommender.Recommend(figures, e, 10));
        var allSeconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var allCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        clock.Restart();
        Parallel.For(0, n, parallel, e => greedy.Recommend(figures, e, 10));
        var greedyAllSeconds = clock.Elapsed.TotalSeconds;
        log(string.Create(CultureInfo.InvariantCulture, $"recommend: all {n:N0} employees {allSeconds:0.000} s, gap-greedy {greedyAllSeconds:0.000} s"));
        results.Add(new BenchMeasure("top 10 for every employee", "model", allSeconds, "gap-greedy", greedyAllSeconds,
            string.Create(CultureInfo.InvariantCulture,
                $"{n:N0} employees × {snapshot.Badges.Count} badges on {Environment.ProcessorCount} threads; {allSeconds * 1000 / n:0.000} ms each; process CPU {allCpu:0.0} s; trees compiled {model.ScoresCompiledTrees}; recommender context built once in {contextSeconds:0.000} s; target < 60 s")));

        // One employee at a time, warm: the median of 500 calls on spread-out employees.
        var model1 = new double[500];
        var greedy1 = new double[500];
        for (var i = 0; i < 50; i++) recommender.Recommend(figures, i * 7 % n, 10);
        for (var i = 0; i < model1.Length; i++)
        {
            var e = (int)((long)i * 7919 % n);
            clock.Restart();
            recommender.Recommend(figures, e, 10);
            model1[i] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            greedy.Recommend(figures, e, 10);
            greedy1[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(model1);
        Array.Sort(greedy1);
        double Median(double[] x) => x[x.Length / 2];
        log(string.Create(CultureInfo.InvariantCulture, $"recommend: one employee median {Median(model1) * 1000:0.000} ms, p95 {model1[model1.Length * 95 / 100] * 1000:0.000} ms"));
        results.Add(new BenchMeasure("top 10 for one employee (warm)", "model", Median(model1), "gap-greedy", Median(greedy1),
            string.Create(CultureInfo.InvariantCulture,
                $"median of {model1.Length}: {Median(model1) * 1000:0.000} ms, p95 {model1[model1.Length * 95 / 100] * 1000:0.000} ms; target < 5 ms")));
        return results;
    }

    /// <summary>The machine is shared: the 1-minute load average (Linux) says how contended a measurement was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static BenchMeasure MeasureFigures(BenchSizes sizes, Action<string> log)
    {
        log(string.Create(CultureInfo.InvariantCulture,
            $"figures: generating {sizes.FigureEmployees:N0} employees × {sizes.FigureSkills} skills with {sizes.FigureAwards:N0} awards"));
        // Warm both paths up on a small organisation first, so that neither pays for JIT compilation in the measurement.
        var warmUp = GapEngine.Compute(SyntheticOrganisation.Create(2_000, sizes.FigureSkills, 20_000).Snapshot());
        GroupAnalysis.Analyse(warmUp, new GroupSelector(warmUp.Snapshot).Organisation());
        DataFrameFigures.ComputeSkillGaps(DataFrameBaseline.Tables(warmUp));
        DataFrameFigures.ComputeEmployeeReadiness(DataFrameBaseline.Tables(warmUp));

        var organisation = SyntheticOrganisation.Create(sizes.FigureEmployees, sizes.FigureSkills, sizes.FigureAwards);
        var snapshot = organisation.Snapshot();
        GC.Collect();
        var before = Environment.WorkingSet;

        // The best of three runs, as a benchmark harness would report the steady state (tiered JIT settles after the first).
        OrganisationFigures f = null!;
        GroupFigures org = null!;
        double engineSeconds = double.MaxValue, computeSeconds = 0;
        var clock = new Stopwatch();
        var cpuSeconds = 0.0;
        for (var run = 0; run < 3; run++)
        {
            var cpu = ProcessCpuSeconds();
            clock.Restart();
            f = GapEngine.Compute(snapshot);
            var compute = clock.Elapsed.TotalSeconds;
            org = GroupAnalysis.Analyse(f, new GroupSelector(snapshot).Organisation());
            clock.Stop();
            cpu = ProcessCpuSeconds() - cpu;
            log(string.Create(CultureInfo.InvariantCulture, $"figures: arrays run {run + 1}: {clock.Elapsed.TotalSeconds:0.000} s (process CPU {cpu:0.00} s, load average {LoadAverage()})"));
            if (clock.Elapsed.TotalSeconds < engineSeconds) (engineSeconds, computeSeconds, cpuSeconds) = (clock.Elapsed.TotalSeconds, compute, cpu);
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        log(string.Create(CultureInfo.InvariantCulture, $"figures: arrays {engineSeconds:0.000} s (engine {computeSeconds:0.000} s, org aggregates {engineSeconds - computeSeconds:0.000} s), mean readiness {org.Summary.MeanReadiness:0.0000}"));

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{sizes.FigureEmployees:N0} employees × {sizes.FigureSkills} skills, {sizes.FigureAwards:N0} awards; engine {computeSeconds:0.00} s, org aggregates {engineSeconds - computeSeconds:0.00} s, process CPU {cpuSeconds:0.00} s; peak working set {peak / 1048576.0:N0} MiB (inputs alone {before / 1048576.0:N0} MiB)");
        if (sizes.FigureEmployees > DataFrameBaselineLimit)
        {
            // Baseline: the same on a tenth of the organisation — a ratio near 10 says the cost grows linearly.
            organisation = null!;
            snapshot = null!;
            f = null!;
            GC.Collect();
            var tenth = SyntheticOrganisation.Create(sizes.FigureEmployees / 10, sizes.FigureSkills, sizes.FigureAwards / 10).Snapshot();
            var small = double.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                clock.Restart();
                var smallFigures = GapEngine.Compute(tenth);
                GroupAnalysis.Analyse(smallFigures, new GroupSelector(tenth).Organisation());
                small = Math.Min(small, clock.Elapsed.TotalSeconds);
            }
            log(string.Create(CultureInfo.InvariantCulture, $"figures: a tenth of the organisation {small:0.000} s"));
            return new BenchMeasure("figures", "arrays", engineSeconds, $"arrays, a tenth of the organisation ({sizes.FigureEmployees / 10:N0} employees)", small, detail);
        }

        // Baseline: from the same inputs (awards, badge skills, roster, requirements) through DataFrame filter, join and group-by.
        clock.Restart();
        var tables = DataFrameBaseline.Tables(f);
        var readiness = DataFrameFigures.ComputeEmployeeReadiness(tables);
        var skills = DataFrameFigures.ComputeSkillGaps(tables);
        clock.Stop();
        var frameMean = (double)readiness["readiness"].Mean();
        log(string.Create(CultureInfo.InvariantCulture, $"figures: DataFrame {clock.Elapsed.TotalSeconds:0.000} s, mean readiness {frameMean:0.0000}, {skills.Rows.Count} skills"));
        if (Math.Abs(frameMean - (org.Summary.MeanReadiness ?? 0)) > 1e-9)
            throw new InvalidOperationException("The DataFrame baseline and the array engine disagree on mean readiness.");

        return new BenchMeasure("figures", "arrays", engineSeconds, "DataFrame", clock.Elapsed.TotalSeconds, detail);
    }

    /// <summary>
    /// Above this many employees the DataFrame baseline would take minutes and more memory than the figures themselves:
    /// the baseline is then the array engine on a tenth of the organisation.
    /// </summary>
    public const int DataFrameBaselineLimit = 200_000;

    /// <summary>
    /// Award rows into a prepared database (skills, roles, badges, roster): the bulk path against EF Core AddRange +
    /// SaveChanges of the same rows, on SQLite and — when <paramref name="postgres"/> is given — on PostgreSQL, each in
    /// fresh databases. The bulk database then takes the same rows again (all unchanged), reported in the detail.
    /// </summary>
    public static async Task<IReadOnlyList<BenchMeasure>> MeasureAwardImportAsync(BenchSizes sizes, Action<string> log, string? postgres = null, CancellationToken ct = default)
    {
        var organisation = SyntheticOrganisation.Create(sizes.ImportEmployees, 60, sizes.ImportAwards, seed: 11);
        var results = new List<BenchMeasure>();
        var folder = Directory.CreateTempSubdirectory("skillsgap-bench-").FullName;
        try
        {
            // Warm-up: JIT compilation of both paths on a small import, so that neither measurement pays for it.
            var small = SyntheticOrganisation.Create(200, 20, 2_000, seed: 5);
            foreach (var name in (string[])["warm-bulk", "warm-ef"])
            {
                await using var db = await PrepareAsync(Sqlite(Path.Combine(folder, name + ".db")), small, ct);
                if (name == "warm-bulk") await ImportBulkAsync(db, small.Awards, ct);
                else await ImportWithEfCoreAsync(db, small.Awards, ct);
            }
            results.Add(await MeasureImportAsync("SQLite", n => Sqlite(Path.Combine(folder, n + ".db")), organisation, log, ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        if (postgres is null)
            log("import: PostgreSQL not measured (no --postgres connection string)");
        else
        {
            var created = new List<string>();
            try
            {
                results.Add(await MeasureImportAsync("PostgreSQL", name =>
                {
                    var database = $"skillsgap_bench_{name}_{Guid.NewGuid():N}";
                    created.Add(database);
                    return new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = CreatePostgresDatabase(postgres, database) };
                }, organisation, log, ct));
            }
            finally
            {
                foreach (var database in created) DropPostgresDatabase(postgres, database);
            }
        }
        return results;

        static DatabaseOptions Sqlite(string file) => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
    }

    private static async Task<BenchMeasure> MeasureImportAsync(string engine, Func<string, DatabaseOptions> database, SyntheticOrganisation organisation, Action<string> log, CancellationToken ct)
    {
        var rows = organisation.Awards.Count;
        log(string.Create(CultureInfo.InvariantCulture, $"import: {engine}: {rows:N0} award rows through the bulk path, best of {BulkRuns} fresh databases"));
        double fast = double.MaxValue, again = 0, fastCpu = 0;
        var runs = new List<double>();
        for (var run = 0; run < BulkRuns; run++)
        {
            await using var db = await PrepareAsync(database("bulk" + run.ToString(CultureInfo.InvariantCulture)), organisation, ct);
            var cpu = ProcessCpuSeconds();
            var clock = Stopwatch.StartNew();
            await ImportBulkAsync(db, organisation.Awards, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            runs.Add(seconds);
            if (seconds < fast) (fast, fastCpu) = (seconds, ProcessCpuSeconds() - cpu);
            if (run > 0) continue;
            clock.Restart();
            await ImportUnchangedAsync(db, organisation.Awards, ct);
            again = clock.Elapsed.TotalSeconds;
        }
        log(string.Create(CultureInfo.InvariantCulture, $"import: {engine}: bulk {fast:0.000} s ({rows / fast:N0} rows/s), the same rows again {again:0.000} s; now EF Core AddRange + SaveChanges"));
        double slow;
        await using (var db = await PrepareAsync(database("ef"), organisation, ct))
        {
            var clock = Stopwatch.StartNew();
            await ImportWithEfCoreAsync(db, organisation.Awards, ct);
            slow = clock.Elapsed.TotalSeconds;
        }
        log(string.Create(CultureInfo.InvariantCulture, $"import: {engine}: EF Core {slow:0.000} s ({rows / slow:N0} rows/s)"));
        return new BenchMeasure($"award import ({engine})", "bulk path", fast, "EF Core AddRange+SaveChanges", slow,
            string.Create(CultureInfo.InvariantCulture,
                $"{rows:N0} new rows; bulk {rows / fast:N0} rows/s (this process's CPU {fastCpu:0.0} s; runs {string.Join(", ", runs.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} s), EF {rows / slow:N0} rows/s; the same rows again (all unchanged) {again:0.00} s = {rows / again:N0} rows/s"));
    }

    /// <summary>Bulk imports measured per engine, each into a fresh database; the best counts (the machine is shared).</summary>
    private const int BulkRuns = 3;

    private static double ProcessCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string CreatePostgresDatabase(string server, string database)
    {
        using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            command.ExecuteNonQuery();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
    }

    private static void DropPostgresDatabase(string server, string database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var connection = new Npgsql.NpgsqlConnection(server);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The same rows again: every one unchanged, which the bulk path must find without writing.</summary>
    public static async Task ImportUnchangedAsync(SkillsGapDbContext db, IReadOnlyList<Award> awards, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counts = await new ImportWriter(db).UpsertAwardsAsync(awards, ct);
        await tx.CommitAsync(ct);
        if (counts.Unchanged != awards.Count)
            throw new InvalidOperationException($"The bulk path found {counts.Unchanged} of {awards.Count} rows unchanged.");
    }

    /// <summary>The subject: the provider's bulk path into staging, then one set-based upsert, in one transaction.</summary>
    public static async Task ImportBulkAsync(SkillsGapDbContext db, IReadOnlyList<Award> awards, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counts = await new ImportWriter(db).UpsertAwardsAsync(awards, ct);
        await tx.CommitAsync(ct);
        if (counts.Inserted != awards.Count)
            throw new InvalidOperationException($"The bulk path inserted {counts.Inserted} of {awards.Count} rows.");
    }

    /// <summary>The baseline: EF Core AddRange + SaveChanges of the same rows, in one transaction.</summary>
    public static async Task ImportWithEfCoreAsync(SkillsGapDbContext db, IReadOnlyList<Award> awards, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Awards.AddRange(awards.Select(a => new AwardEntity
        {
            EmployeeId = a.Employee.Value,
            BadgeId = a.Badge.Value,
            IssuedOn = a.IssuedOn,
            ExpiresOn = a.ExpiresOn,
            EvidenceUrl = a.EvidenceUrl,
            State = (int)a.State,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>A new SQLite file holding the organisation's skills, roles, badges and roster, ready for its awards.</summary>
    public static Task<SkillsGapDbContext> PrepareAsync(string file, SyntheticOrganisation organisation, CancellationToken ct) =>
        PrepareAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" }, organisation, ct);

    /// <summary>A new, migrated database holding the organisation's skills, roles, badges and roster, ready for its awards.</summary>
    public static async Task<SkillsGapDbContext> PrepareAsync(DatabaseOptions database, SyntheticOrganisation organisation, CancellationToken ct)
    {
        var db = new SkillsGapDbContextFactory(database).CreateDbContext();
        await SkillsGapDatabase.MigrateAsync(db, ct);
        var writer = new ImportWriter(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await writer.UpsertSkillsAsync(organisation.Skills, ct);
        await writer.ApplyRolesAsync([.. organisation.Roles.Select(r => new RoleDefinition(r.Code, r.Title, r.Family, r.Requirements, r.EffectiveFrom))], BeforeAwards, ct);
        await writer.UpsertBadgesAsync(organisation.Badges, ct);
        await writer.ApplyEmployeesAsync([.. organisation.Employees.Select(e => new EmployeeChange(e, null))], BeforeAwards, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (db.Provider == DatabaseProvider.PostgreSql) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        return db;
    }

    // The roster and roles are in force before the first synthetic award.
    private static readonly DateOnly BeforeAwards = new(2020, 1, 1);
}

/// <summary>
/// The baseline's inputs as DataFrames built from the raw inputs — attained levels included, computed by DataFrame
/// filter (valid on the date), join (award ⋈ badge skill) and group-by max, not taken from the array engine.
/// </summary>
public static class DataFrameBaseline
{
    public static FigureTables Tables(OrganisationFigures f)
    {
        var awards = f.Awards;
        var n = awards.Badge.Length;
        var employee = new Int32DataFrameColumn("employee", n);
        var badge = new Int32DataFrameColumn("badge", n);
        var issued = new Int32DataFrameColumn("issued", n);
        var expires = new Int32DataFrameColumn("expires", n);
        var counts = new Int32DataFrameColumn("counts", n);
        for (var e = 0; e < f.EmployeeCount; e++)
            for (var a = awards.Offsets[e]; a < awards.Offsets[e + 1]; a++)
            {
                employee[a] = e;
                badge[a] = awards.Badge[a];
                issued[a] = awards.Issued[a];
                expires[a] = awards.Expires[a];
                counts[a] = awards.Counts(a, f.Options) ? 1 : 0;
            }
        var skillRows = awards.BadgeSkills.Length;
        var bsBadge = new Int32DataFrameColumn("badge", skillRows);
        var bsSkill = new Int32DataFrameColumn("skill", skillRows);
        var bsLevel = new Int32DataFrameColumn("level", skillRows);
        for (var b = 0; b + 1 < awards.BadgeSkillOffsets.Length; b++)
            for (var k = awards.BadgeSkillOffsets[b]; k < awards.BadgeSkillOffsets[b + 1]; k++)
            {
                bsBadge[k] = b;
                bsSkill[k] = awards.BadgeSkills[k];
                bsLevel[k] = awards.BadgeLevels[k];
            }
        var awardFrame = new DataFrame(employee, badge, issued, expires, counts);
        var day = f.AsOf.DayNumber;
        var valid = awardFrame["issued"].ElementwiseLessThanOrEqual(day)
            .And(awardFrame["expires"].ElementwiseGreaterThan(day))
            .And(awardFrame["counts"].ElementwiseEquals(1));
        var validAwards = awardFrame.Filter((PrimitiveDataFrameColumn<bool>)valid);
        var lines = validAwards.Merge<int>(new DataFrame(bsBadge, bsSkill, bsLevel), "badge", "badge", joinAlgorithm: JoinAlgorithm.Inner);
        var key = lines["employee"].Multiply((long)f.SkillCount).Add(lines["skill"]);
        key.SetName("key");
        // Employee and skill are constant within a key, so their max carries them through the group-by.
        var keyed = new DataFrame(key, lines["employee"], lines["skill"], lines["level"]);
        var best = keyed.GroupBy("key").Max("employee", "skill", "level");
        var attained = best["level"];
        attained.SetName("attained");
        var tables = FiguresFrames.Tables(f);
        return tables with { Attained = new DataFrame(best["employee"], best["skill"], attained) };
    }
}
