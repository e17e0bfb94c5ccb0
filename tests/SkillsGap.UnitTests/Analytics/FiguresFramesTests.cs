using Microsoft.Data.Analysis;
using SkillsGap.Analytics;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class FiguresFramesTests
{
    private readonly OrganisationFigures _f = SmallOrganisation.Figures();

    [Fact]
    public void The_requirements_frame_has_one_row_per_employee_and_requirement_of_their_role()
    {
        var frame = FiguresFrames.Requirements(_f);
        // E1 2 + E2 2 + E3 3 + E4 2 (analysts and the scientist); managers require nothing; E5 has left.
        Assert.Equal(9, frame.Rows.Count);
        Assert.Equal(["employee_id", "department", "role", "skill", "required", "attained", "gap", "weight", "critical"],
            frame.Columns.Select(c => c.Name));
        var e4py = frame.Rows.Single(r => (string)r[0] == "E4" && (string)r[3] == "PY");
        // E4's PY-201 expired: attained 0, gap 3, weight 4, critical.
        Assert.Equal(new object[] { "E4", "Sales", "ANALYST", "PY", 3, 0, 3, 4, true }, e4py.ToArray());
    }

    [Fact]
    public void The_employees_frame_has_readiness_and_ready_per_person()
    {
        var frame = FiguresFrames.Employees(_f);
        Assert.Equal(["M1", "E1", "E2", "E3", "E4", "M2"], ((StringDataFrameColumn)frame["id"]).ToArray());
        var e2 = frame.Rows[2];
        Assert.Equal(("E2", "Data", "ANALYST", "E1", false), ((string)e2[0], (string)e2[2], (string)e2[3], (string)e2[4], (bool)e2[6]));
        Assert.Equal(10.0 / 18, (double)e2[5], 12);
    }

    [Fact]
    public void The_skills_frame_follows_the_analysis_order()
    {
        var analysis = GroupAnalysis.Analyse(_f, new GroupSelector(_f.Snapshot).Organisation());
        var frame = FiguresFrames.Skills(analysis);
        Assert.Equal(["PY", "ML", "SQL"], ((StringDataFrameColumn)frame["skill"]).ToArray());
        Assert.Equal(20L, frame["weighted_gap"][0]);
        Assert.Equal(0.5, frame["coverage"][0]);
    }
}
