using Microsoft.Data.Analysis;

namespace SkillsGap.Analytics;

/// <summary>
/// Readiness and per-skill gaps recomputed purely with DataFrame joins, column arithmetic and group-bys from the
/// long tables of <see cref="FigureTables"/>. This is the baseline the array engine is benchmarked against; it
/// gives the same figures (DESIGN §2) for the same data.
/// </summary>
public static class DataFrameFigures
{
    /// <summary>
    /// Per employee: employee, department, role, readiness (unrounded; 1 when the role requires nothing or is
    /// unknown), critical_gaps (count of critical requirements with a gap), ready (readiness ≥ threshold and no critical gap).
    /// </summary>
    public static DataFrame ComputeEmployeeReadiness(FigureTables tables, double readyThreshold = 0.9)
    {
        var lines = RequirementLines(tables);
        var sums = lines.GroupBy("employee").Sum("weighted_met", "weighted_required", "critical_gap");
        // Employees without any requirement row still appear, with readiness 1.
        var joined = tables.Employees.Merge<int>(sums, "employee", "employee", joinAlgorithm: JoinAlgorithm.Left);
        var met = joined["weighted_met"].FillNulls(0);
        var required = joined["weighted_required"].FillNulls(0);
        var criticalGaps = joined["critical_gap"].FillNulls(0);
        // Readiness is 1 where the role requires nothing: add 1 above and below the line exactly there.
        var nothingRequired = required.Clamp(0, 1).Multiply(-1).Add(1);
        var readiness = met.Add(nothingRequired).Multiply(1.0).Divide(required.Add(nothingRequired));
        readiness.SetName("readiness");
        criticalGaps.SetName("critical_gaps");
        var ready = readiness.ElementwiseGreaterThanOrEqual(readyThreshold).And(criticalGaps.ElementwiseEquals(0));
        ready.SetName("ready");
        return new DataFrame(
            joined["employee_left"].Clone(), joined["department"].Clone(), joined["role"].Clone(),
            readiness, criticalGaps, ready);
    }

    /// <summary>Per department: department, people, mean_readiness, ready (count).</summary>
    public static DataFrame ComputeReadinessByDepartment(FigureTables tables, double readyThreshold = 0.9)
    {
        var employees = ComputeEmployeeReadiness(tables, readyThreshold);
        if (employees.Rows.Count == 0)
            return new DataFrame(new StringDataFrameColumn("department"), new Int32DataFrameColumn("people"),
                new DoubleDataFrameColumn("mean_readiness"), new Int32DataFrameColumn("ready"));
        // The boolean becomes a 0/1 column so that a group-by can sum it (a type conversion, like astype(int)).
        employees.Columns.Add(new Int32DataFrameColumn("ready_count", ((BooleanDataFrameColumn)employees["ready"]).Select(b => b == true ? 1 : 0)));
        var byDepartment = employees.GroupBy("department");
        var withReady = byDepartment.Count("employee_left")
            .Merge<string>(byDepartment.Sum("ready_count"), "department", "department", joinAlgorithm: JoinAlgorithm.Inner)
            .Merge<string>(byDepartment.Mean("readiness"), "department_left", "department", joinAlgorithm: JoinAlgorithm.Inner);
        var department = withReady["department_left"].Clone();
        var people = withReady["employee_left"].Clone();
        var meanReadiness = withReady["readiness"].Clone();
        var ready = withReady["ready_count"].Clone();
        department.SetName("department");
        people.SetName("people");
        meanReadiness.SetName("mean_readiness");
        ready.SetName("ready");
        return new DataFrame(department, people, meanReadiness, ready);
    }

    /// <summary>Per skill (index) over everyone's own-role requirements: skill, people_required, mean_gap, people_with_gap, weighted_gap.</summary>
    public static DataFrame ComputeSkillGaps(FigureTables tables)
    {
        var lines = RequirementLines(tables);
        var bySkill = lines.GroupBy("skill");
        var mean = bySkill.Mean("gap");
        var sums = bySkill.Sum("has_gap", "weighted_gap");
        var counts = bySkill.Count("gap");
        counts["gap"].SetName("people_required");
        mean["gap"].SetName("mean_gap");
        sums["has_gap"].SetName("people_with_gap");
        return new DataFrame(mean["skill"].Clone(), counts["people_required"].Clone(), mean["mean_gap"].Clone(),
            sums["people_with_gap"].Clone(), sums["weighted_gap"].Clone());
    }

    /// <summary>
    /// employees ⋈ role requirements (on role) ⟕ attained (on employee, skill): one row per employee × requirement
    /// with gap = max(0, required − attained), met = min(attained, required) and their weighted forms.
    /// </summary>
    private static DataFrame RequirementLines(FigureTables tables)
    {
        var requirements = tables.Employees.Merge<string>(tables.RoleRequirements, "role", "role", joinAlgorithm: JoinAlgorithm.Inner);
        var key = requirements["employee"].Multiply((long)tables.SkillCount).Add(requirements["skill"]);
        key.SetName("key");
        requirements.Columns.Add(key);

        var attainedKey = tables.Attained["employee"].Multiply((long)tables.SkillCount).Add(tables.Attained["skill"]);
        attainedKey.SetName("key");
        var attained = new DataFrame(attainedKey, tables.Attained["attained"].Clone());
        var lines = requirements.Merge<long>(attained, "key", "key", joinAlgorithm: JoinAlgorithm.Left);

        var required = lines["required"];
        var weight = lines["weight"];
        var have = lines["attained"].FillNulls(0);
        var gap = required.Subtract(have).Clamp(0, int.MaxValue);
        var met = required.Subtract(gap);
        var hasGap = gap.Clamp(0, 1);
        var columns = new DataFrameColumn[]
        {
            lines["employee"].Clone(), lines["skill"].Clone(), gap, hasGap,
            weight.Multiply(met), weight.Multiply(required), weight.Multiply(gap), lines["critical"].Multiply(hasGap),
        };
        string[] names = ["employee", "skill", "gap", "has_gap", "weighted_met", "weighted_required", "weighted_gap", "critical_gap"];
        for (var i = 0; i < columns.Length; i++) columns[i].SetName(names[i]);
        return new DataFrame(columns);
    }
}
