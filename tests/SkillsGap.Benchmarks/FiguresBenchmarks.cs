using BenchmarkDotNet.Attributes;
using SkillsGap.Analytics;
using SkillsGap.Core.Figures;
using SkillsGap.Samples.Benchmarks;

namespace SkillsGap.Benchmarks;

/// <summary>The organisation's figures over arrays against the same computation through DataFrame joins and group-bys.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FiguresBenchmarks
{
    private OrganisationSnapshot _snapshot = null!;
    private OrganisationFigures _figures = null!;

    [Params(100_000)]
    public int Employees { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticOrganisation.Create(Employees, skills: 200, awards: Employees * 20).Snapshot();
        _figures = GapEngine.Compute(_snapshot);
    }

    [Benchmark(Baseline = true)]
    public double DataFrameJoinAndGroupBy()
    {
        var tables = DataFrameBaseline.Tables(_figures);
        var readiness = DataFrameFigures.ComputeEmployeeReadiness(tables);
        DataFrameFigures.ComputeSkillGaps(tables);
        return (double)readiness["readiness"].Mean();
    }

    [Benchmark]
    public double Arrays()
    {
        var f = GapEngine.Compute(_snapshot);
        return GroupAnalysis.Analyse(f, new GroupSelector(_snapshot).Organisation()).Summary.MeanReadiness ?? 0;
    }
}
