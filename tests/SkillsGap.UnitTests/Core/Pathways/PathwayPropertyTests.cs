using System.Globalization;
using SkillsGap.Core.Pathways;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Core.Pathways;

public sealed class PathwayPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_exact_planner_matches_exhaustive_search_on_random_small_catalogues()
    {
        var random = new Random(20261128);
        var instances = 0;
        var nonEmpty = 0;
        for (var n = 0; n < 400; n++)
        {
            var catalogue = RandomCatalogue.Generate(random, random.Next(1, 13), skillCount: n % 3 == 0 ? 6 : 4);
            var (reach, optimum) = catalogue.Exhaustive();
            // Half the instances carry model scores, which may only break ties, never change the hours.
            var options = n % 2 == 0 ? null : new PathwayOptions(Score: b => (b.Value[^1] * 31 + n) % 5);
            var pathway = catalogue.Scenario.Plan(RandomCatalogue.Employee, options: options);

            var failure = catalogue.Check(pathway, reach);
            Assert.True(failure is null, $"instance {n}: {failure}\n{catalogue}");
            Assert.True(pathway.Optimal, $"instance {n} not proven optimal\n{catalogue}");
            Assert.True(optimum == pathway.TotalHours, $"instance {n}: planner {pathway.TotalHours} h, exhaustive {optimum} h\n{catalogue}");
            instances++;
            if (pathway.Steps.Count > 0) nonEmpty++;
        }
        output.WriteLine($"{instances} instances, {nonEmpty} with a non-empty plan");
        Assert.True(nonEmpty > instances / 2, "the generator should mostly make instances with something to plan");
    }

    [Fact]
    public void Plans_do_not_depend_on_the_order_of_the_catalogue()
    {
        var random = new Random(99);
        for (var n = 0; n < 150; n++)
        {
            var catalogue = RandomCatalogue.Generate(random, random.Next(1, 25), skillCount: 6);
            foreach (var limit in new[] { 30, 0 })
            {
                var options = new PathwayOptions(ExactCandidateLimit: limit);
                var forward = catalogue.Scenario.Plan(RandomCatalogue.Employee, options: options);
                var backward = catalogue.Reversed().Plan(RandomCatalogue.Employee, options: options);
                Assert.Equal(forward.Steps, backward.Steps, (a, b) =>
                    a.Badge == b.Badge && a.Reason == b.Reason && a.ReadinessAfter == b.ReadinessAfter && a.NeededBy.SequenceEqual(b.NeededBy));
                Assert.Equal(forward.Uncoverable, backward.Uncoverable);
            }
        }
    }

    [Fact]
    public void The_heuristic_is_valid_and_never_below_the_optimum_on_small_catalogues()
    {
        var random = new Random(4242);
        var ratios = new List<double>();
        var atOptimum = 0;
        for (var n = 0; n < 400; n++)
        {
            var catalogue = RandomCatalogue.Generate(random, random.Next(1, 13), skillCount: n % 3 == 0 ? 6 : 4);
            var (reach, optimum) = catalogue.Exhaustive();
            var heuristic = catalogue.Scenario.Plan(RandomCatalogue.Employee, options: new PathwayOptions(ExactCandidateLimit: 0));

            var failure = catalogue.Check(heuristic, reach);
            Assert.True(failure is null, $"instance {n}: {failure}\n{catalogue}");
            Assert.True(heuristic.TotalHours >= optimum, $"instance {n}: heuristic {heuristic.TotalHours} h below the optimum {optimum} h");
            if (heuristic.TotalHours == optimum) atOptimum++;
            if (optimum > 0) ratios.Add((double)(heuristic.TotalHours / optimum));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"≤ 12 badges, 4–6 skills, 400 instances: heuristic at the optimum in {atOptimum}; hours / optimum over {ratios.Count} with optimum > 0: mean {ratios.Average():F4}, max {ratios.Max():F4}"));
    }

    [Fact]
    public void The_heuristic_stays_close_to_the_exact_plan_on_larger_catalogues()
    {
        var random = new Random(777);
        var ratios = new List<double>();
        var atOptimum = 0;
        var unproven = 0;
        var slowest = TimeSpan.Zero;
        for (var n = 0; n < 150; n++)
        {
            var catalogue = RandomCatalogue.Generate(random, random.Next(16, 31), skillCount: 10, maxRequirements: 10);
            catalogue.Scenario.Figures();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var exact = catalogue.Scenario.Plan(RandomCatalogue.Employee, options: new PathwayOptions(ExactCandidateLimit: 63));
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
            var heuristic = catalogue.Scenario.Plan(RandomCatalogue.Employee, options: new PathwayOptions(ExactCandidateLimit: 0));
            var reach = ReachFromExact(catalogue, exact);

            Assert.Null(catalogue.Check(exact, reach));
            Assert.Null(catalogue.Check(heuristic, reach));
            if (exact.Steps.Count > 0) Assert.False(heuristic.Optimal);
            if (!exact.Optimal) { unproven++; continue; }
            Assert.True(heuristic.TotalHours >= exact.TotalHours, $"instance {n}: heuristic {heuristic.TotalHours} h below the optimum {exact.TotalHours} h");
            if (heuristic.TotalHours == exact.TotalHours) atOptimum++;
            if (exact.TotalHours > 0) ratios.Add((double)(heuristic.TotalHours / exact.TotalHours));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"16–30 badges, 10 skills, ≤ 10 requirements, 150 instances ({unproven} beyond the exact node limit; slowest exact plan {slowest.TotalMilliseconds:F0} ms wall): heuristic at the optimum in {atOptimum}; hours / optimum: mean {ratios.Average():F4}, max {ratios.Max():F4}"));
    }

    // Too many subsets to enumerate here: the reachable levels are those of the uncoverable list, else the required level.
    private static int[] ReachFromExact(RandomCatalogue catalogue, Pathway exact) =>
        catalogue.Requirements.Select(q =>
            exact.Uncoverable.FirstOrDefault(u => u.Skill.Value == q.Skill) is { } u ? u.Reachable : q.Level).ToArray();
}
