using SkillsGap.Analytics;
using SkillsGap.Core.Figures;
using SkillsGap.Samples.Benchmarks;

namespace SkillsGap.IntegrationTests.Benchmarks;

public sealed class DataFrameBaselineTests
{
    [Fact]
    public void The_DataFrame_baseline_derives_the_same_attained_levels_as_the_array_engine()
    {
        var organisation = SyntheticOrganisation.Create(employees: 300, skills: 40, awards: 5_000);
        var f = GapEngine.Compute(organisation.Snapshot());

        var tables = DataFrameBaseline.Tables(f);

        var fromFrames = new Dictionary<(long, long), long>();
        for (long i = 0; i < tables.Attained.Rows.Count; i++)
            fromFrames[(Convert.ToInt64(tables.Attained["employee"][i], System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(tables.Attained["skill"][i], System.Globalization.CultureInfo.InvariantCulture))] =
                Convert.ToInt64(tables.Attained["attained"][i], System.Globalization.CultureInfo.InvariantCulture);
        for (var e = 0; e < f.EmployeeCount; e++)
            for (var s = 0; s < f.SkillCount; s++)
                Assert.Equal(f.Attained(e, s), fromFrames.GetValueOrDefault((e, s)));
    }

    [Fact]
    public void The_DataFrame_baseline_gives_the_engines_readiness()
    {
        var organisation = SyntheticOrganisation.Create(employees: 300, skills: 40, awards: 5_000);
        var f = GapEngine.Compute(organisation.Snapshot());

        var readiness = DataFrameFigures.ComputeEmployeeReadiness(DataFrameBaseline.Tables(f));

        for (long i = 0; i < readiness.Rows.Count; i++)
        {
            var e = Convert.ToInt32(readiness.Columns[0][i], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(f.Readiness(e), (double)readiness["readiness"][i]!, 12);
        }
    }
}
