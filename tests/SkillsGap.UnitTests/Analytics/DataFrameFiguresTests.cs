using Microsoft.Data.Analysis;
using SkillsGap.Analytics;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class DataFrameFiguresTests
{
    private readonly OrganisationFigures _f = SmallOrganisation.Figures();

    [Fact]
    public void Employee_readiness_through_joins_and_group_by_equals_the_engine()
    {
        var frame = DataFrameFigures.ComputeEmployeeReadiness(FiguresFrames.Tables(_f));
        Assert.Equal(6, frame.Rows.Count);
        var employee = (Int32DataFrameColumn)frame.Columns[0];
        var readiness = (DoubleDataFrameColumn)frame["readiness"];
        var ready = (BooleanDataFrameColumn)frame["ready"];
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            var e = employee[i]!.Value;
            Assert.Equal(_f.Readiness(e), readiness[i]);
            Assert.Equal(_f.IsReady(e), ready[i]);
        }
    }

    [Fact]
    public void Readiness_by_department_is_the_hand_calculated_mean()
    {
        var frame = DataFrameFigures.ComputeReadinessByDepartment(FiguresFrames.Tables(_f));
        var rows = frame.Rows.ToDictionary(r => (string)r[0], r => (Convert.ToInt32(r[1], System.Globalization.CultureInfo.InvariantCulture),
            (double)r[2], Convert.ToInt32(r[3], System.Globalization.CultureInfo.InvariantCulture)));
        // Data: E1 1, E2 10/18, E3 38/42 → 155/189, 2 ready. Sales: E4 6/18, M2 1 → 2/3, 1 ready. Ops: M1 1, ready.
        Assert.Equal(3, rows.Count);
        Assert.Equal((3, 2), (rows["Data"].Item1, rows["Data"].Item3));
        Assert.Equal(155.0 / 189, rows["Data"].Item2, 12);
        Assert.Equal((2, 1), (rows["Sales"].Item1, rows["Sales"].Item3));
        Assert.Equal(2.0 / 3, rows["Sales"].Item2, 12);
        Assert.Equal((1, 1.0, 1), rows["Ops"]);
    }

    [Fact]
    public void Skill_mean_gaps_through_joins_and_group_by_equal_the_engine()
    {
        var frame = DataFrameFigures.ComputeSkillGaps(FiguresFrames.Tables(_f));
        var analysis = GroupAnalysis.Analyse(_f, new GroupSelector(_f.Snapshot).Organisation());
        Assert.Equal(analysis.Skills.Count, (int)frame.Rows.Count);
        foreach (var row in frame.Rows)
        {
            var skill = _f.Snapshot.Skills[(int)row[0]].Code;
            var expected = analysis.Skills.Single(s => s.Skill == skill);
            Assert.Equal(expected.PeopleRequired, Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.MeanGap, (double)row[2], 12);
            Assert.Equal(expected.PeopleWithGap, Convert.ToInt32(row[3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.WeightedGap, Convert.ToInt64(row[4], System.Globalization.CultureInfo.InvariantCulture));
        }
        // PY over E1, E2, E3, E4: gaps 0, 2, 0, 3 → mean 1.25.
        Assert.Equal(1.25, (double)frame.Rows.Single(r => (int)r[0] == 0)[2]);
    }

    [Fact]
    public void A_role_without_requirements_and_an_unknown_role_give_readiness_one()
    {
        var f = new SnapshotBuilder().Skill("PY").Role("DEV", "PY:2:1").Role("MANAGER")
            .Badge("PY-1", "PY:1")
            .Employee("A", "DEV").Employee("M", "MANAGER").Employee("X", "UNKNOWN")
            .Award("A", "PY-1", "2025-01-01")
            .Figures("2026-01-31");
        var frame = DataFrameFigures.ComputeEmployeeReadiness(FiguresFrames.Tables(f));
        var readiness = ((DoubleDataFrameColumn)frame["readiness"]).ToArray();
        // A: 1·1 / 1·2 = 0.5; M and X: 1, as the engine says.
        Assert.Equal([0.5, 1.0, 1.0], readiness.Select(r => r!.Value));
        Assert.Equal([f.Readiness(0), f.Readiness(1), f.Readiness(2)], readiness.Select(r => r!.Value));
    }

    [Fact]
    public void Readiness_by_department_works_when_nobody_is_ready()
    {
        // A: PY 1 of 2 → 1/2; B: nothing → 0. Nobody ready; mean (0.5 + 0) / 2 = 0.25.
        var f = new SnapshotBuilder().Skill("PY").Role("DEV", "PY:2:1").Badge("PY-1", "PY:1")
            .Employee("A", "DEV", department: "Lab").Employee("B", "DEV", department: "Lab")
            .Award("A", "PY-1", "2025-01-01")
            .Figures("2026-01-31");
        var row = Assert.Single(DataFrameFigures.ComputeReadinessByDepartment(FiguresFrames.Tables(f)).Rows);
        Assert.Equal("Lab", row[0]);
        Assert.Equal(2, Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.25, (double)row[2]);
        Assert.Equal(0, Convert.ToInt32(row[3], System.Globalization.CultureInfo.InvariantCulture));
    }
}
