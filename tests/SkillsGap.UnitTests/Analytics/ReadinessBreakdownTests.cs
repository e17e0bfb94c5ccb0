using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class ReadinessBreakdownTests
{
    [Fact]
    public void Readiness_by_department_matches_the_hand_calculation_and_the_dataframe_baseline()
    {
        var f = SmallOrganisation.Figures();
        var parts = ReadinessBreakdown.ByDepartment(f);
        // Data: E1 1, E2 10/18, E3 38/42 → 155/189, 2 ready. Ops: M1 1. Sales: E4 6/18, M2 1 → 2/3, 1 ready. E5 has left.
        Assert.Equal(["Data", "Ops", "Sales"], parts.Select(p => p.Name));
        Assert.Equal((3, 2), (parts[0].Summary.People, parts[0].Summary.Ready));
        Assert.Equal(155.0 / 189, parts[0].Summary.MeanReadiness!.Value, 12);
        Assert.Equal((1, 1.0, 1), (parts[1].Summary.People, parts[1].Summary.MeanReadiness!.Value, parts[1].Summary.Ready));
        Assert.Equal(2.0 / 3, parts[2].Summary.MeanReadiness!.Value, 12);
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 0, 1], parts[2].Summary.Histogram);

        var frame = DataFrameFigures.ComputeReadinessByDepartment(FiguresFrames.Tables(f));
        foreach (var row in frame.Rows)
        {
            var part = parts.Single(p => p.Name == (string)row[0]);
            Assert.Equal(part.Summary.MeanReadiness!.Value, (double)row[2], 12);
        }
    }

    [Fact]
    public void Weekly_dates_end_on_the_as_of_date_oldest_first()
    {
        Assert.Equal([SnapshotBuilder.D("2026-01-17"), SnapshotBuilder.D("2026-01-24"), SnapshotBuilder.D("2026-01-31")],
            ReadinessBreakdown.WeeklyDates(SnapshotBuilder.D("2026-01-31"), 3));
        Assert.Equal(12, ReadinessBreakdown.WeeklyDates(SnapshotBuilder.D("2026-01-31")).Count);
    }

    [Fact]
    public void A_trend_recomputes_the_team_on_each_date()
    {
        var builder = SmallOrganisation.Builder();
        var points = ReadinessBreakdown.Trend(
            [SnapshotBuilder.D("2026-01-31"), SnapshotBuilder.D("2026-03-15")],
            date => builder.Figures(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            f => new GroupSelector(f.Snapshot).Team(new EmployeeId("M1")));
        // 2026-01-31: 155/189, 2 ready. 2026-03-15: E1's PY-201 has expired → E1 6/18 (critical PY gap), E2 10/18,
        // E3 38/42: (6/18 + 10/18 + 38/42) / 3 = (56 + 57) / 63 / 3 = 113/189, only E3 ready.
        Assert.Equal(155.0 / 189, points[0].Summary.MeanReadiness!.Value, 12);
        Assert.Equal(2, points[0].Summary.Ready);
        Assert.Equal(113.0 / 189, points[1].Summary.MeanReadiness!.Value, 12);
        Assert.Equal(1, points[1].Summary.Ready);
    }
}
