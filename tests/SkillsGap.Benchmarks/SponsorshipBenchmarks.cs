using BenchmarkDotNet.Attributes;
using SkillsGap.Analytics;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Sponsorship;
using SkillsGap.Samples.Benchmarks;

namespace SkillsGap.Benchmarks;

/// <summary>
/// The sponsorship planner for a whole synthetic organisation against the baseline of computing that organisation's
/// figures once (the gap engine): how many figure computations one plan costs, for a small and a large budget.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SponsorshipBenchmarks
{
    private OrganisationSnapshot _snapshot = null!;
    private OrganisationFigures _figures = null!;
    private int[] _everyone = [];

    [Params(20_000)]
    public int Employees { get; set; }

    [Params(1_000, 200_000)]
    public int BudgetHours { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticOrganisation.Create(Employees, skills: 200, awards: Employees * 20).Snapshot();
        _figures = GapEngine.Compute(_snapshot);
        _everyone = new GroupSelector(_snapshot).Organisation();
    }

    [Benchmark(Baseline = true)]
    public double Figures() => GapEngine.Compute(_snapshot).Readiness(0);

    [Benchmark]
    public long Plan() => SponsorshipPlanner.Plan(_figures, _everyone, new SponsorshipRequest(BudgetHours)).WeightedGapClosed;
}
