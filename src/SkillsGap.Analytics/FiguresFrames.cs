using Microsoft.Data.Analysis;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>
/// The raw long tables a DataFrame computation of the figures starts from: who is in which role and department,
/// what each role requires, and which levels each employee has attained (non-zero only). Skills and employees
/// are dense indices of the snapshot, as in the engine.
/// </summary>
/// <param name="Employees">employee (int), department (string, empty when none), role (string).</param>
/// <param name="RoleRequirements">role (string), skill (int), required (int), weight (int), critical (int 0/1).</param>
/// <param name="Attained">employee (int), skill (int), attained (int); one row per attained level above 0.</param>
/// <param name="SkillCount">Number of skills, the stride of the (employee, skill) key.</param>
public sealed record FigureTables(DataFrame Employees, DataFrame RoleRequirements, DataFrame Attained, int SkillCount);

/// <summary>DataFrame views of the figures for notebooks and ad-hoc analysis (not the engine).</summary>
public static class FiguresFrames
{
    /// <summary>
    /// One row per employee × requirement of their own role: employee_id, department, role, skill, required,
    /// attained, gap, weight, critical. Everyone still employed on the as-of date, or only <paramref name="members"/>.
    /// </summary>
    public static DataFrame Requirements(OrganisationFigures f, IReadOnlyList<int>? members = null)
    {
        var people = members ?? AllEmployees(f);
        long rows = 0;
        foreach (var e in people)
            if (f.RoleIndexOf(e) is var r and >= 0) rows += f.CompiledRoles[r].Skills.Length;

        var employee = new StringDataFrameColumn("employee_id", rows);
        var department = new StringDataFrameColumn("department", rows);
        var role = new StringDataFrameColumn("role", rows);
        var skill = new StringDataFrameColumn("skill", rows);
        var required = new Int32DataFrameColumn("required", rows);
        var attained = new Int32DataFrameColumn("attained", rows);
        var gap = new Int32DataFrameColumn("gap", rows);
        var weight = new Int32DataFrameColumn("weight", rows);
        var critical = new BooleanDataFrameColumn("critical", rows);
        var skills = f.Snapshot.Skills;
        long row = 0;
        foreach (var e in people)
        {
            var r = f.RoleIndexOf(e);
            if (r < 0) continue;
            var person = f.Snapshot.Employees[e];
            var compiled = f.CompiledRoles[r];
            var levels = f.AttainedRow(e);
            for (var i = 0; i < compiled.Skills.Length; i++, row++)
            {
                var s = compiled.Skills[i];
                employee[row] = person.Id.Value;
                department[row] = person.Department;
                role[row] = person.Role.Value;
                skill[row] = skills[s].Code.Value;
                required[row] = compiled.Required[i];
                attained[row] = levels[s];
                gap[row] = Math.Max(0, compiled.Required[i] - levels[s]);
                weight[row] = compiled.Weights[i];
                critical[row] = compiled.Critical[i];
            }
        }
        return new DataFrame(employee, department, role, skill, required, attained, gap, weight, critical);
    }

    /// <summary>One row per employee (everyone still employed, or <paramref name="members"/>): id, name, department, role, manager, readiness (unrounded), ready.</summary>
    public static DataFrame Employees(OrganisationFigures f, IReadOnlyList<int>? members = null)
    {
        var people = members ?? AllEmployees(f);
        var n = people.Count;
        var id = new StringDataFrameColumn("id", n);
        var name = new StringDataFrameColumn("name", n);
        var department = new StringDataFrameColumn("department", n);
        var role = new StringDataFrameColumn("role", n);
        var manager = new StringDataFrameColumn("manager", n);
        var readiness = new DoubleDataFrameColumn("readiness", n);
        var ready = new BooleanDataFrameColumn("ready", n);
        for (var k = 0; k < n; k++)
        {
            var e = people[k];
            var person = f.Snapshot.Employees[e];
            id[k] = person.Id.Value;
            name[k] = person.Name;
            department[k] = person.Department;
            role[k] = person.Role.Value;
            manager[k] = person.Manager?.Value;
            readiness[k] = f.Readiness(e);
            ready[k] = f.IsReady(e);
        }
        return new DataFrame(id, name, department, role, manager, readiness, ready);
    }

    /// <summary>One row per skill of a group analysis, top gaps first: skill, people_required, coverage, mean_gap, people_with_gap, weighted_gap.</summary>
    public static DataFrame Skills(GroupFigures analysis)
    {
        var n = analysis.Skills.Count;
        var skill = new StringDataFrameColumn("skill", n);
        var required = new Int32DataFrameColumn("people_required", n);
        var coverage = new DoubleDataFrameColumn("coverage", n);
        var meanGap = new DoubleDataFrameColumn("mean_gap", n);
        var withGap = new Int32DataFrameColumn("people_with_gap", n);
        var weighted = new Int64DataFrameColumn("weighted_gap", n);
        for (var k = 0; k < n; k++)
        {
            var s = analysis.Skills[k];
            skill[k] = s.Skill.Value;
            required[k] = s.PeopleRequired;
            coverage[k] = s.Coverage;
            meanGap[k] = s.MeanGap;
            withGap[k] = s.PeopleWithGap;
            weighted[k] = s.WeightedGap;
        }
        return new DataFrame(skill, required, coverage, meanGap, withGap, weighted);
    }

    /// <summary>The raw long tables of <see cref="FigureTables"/> for the employees still employed on the as-of date.</summary>
    public static FigureTables Tables(OrganisationFigures f)
    {
        var people = AllEmployees(f);
        var employee = new Int32DataFrameColumn("employee", people.Count);
        var department = new StringDataFrameColumn("department", people.Count);
        var role = new StringDataFrameColumn("role", people.Count);
        long attainedRows = 0;
        for (var k = 0; k < people.Count; k++)
        {
            var person = f.Snapshot.Employees[people[k]];
            employee[k] = people[k];
            department[k] = person.Department ?? ""; // a group-by drops null keys
            role[k] = person.Role.Value;
            foreach (var level in f.AttainedRow(people[k]))
                if (level > 0) attainedRows++;
        }

        var requirementRows = f.CompiledRoles.Sum(r => r.Skills.Length);
        var reqRole = new StringDataFrameColumn("role", requirementRows);
        var reqSkill = new Int32DataFrameColumn("skill", requirementRows);
        var reqLevel = new Int32DataFrameColumn("required", requirementRows);
        var reqWeight = new Int32DataFrameColumn("weight", requirementRows);
        var reqCritical = new Int32DataFrameColumn("critical", requirementRows);
        var row = 0;
        foreach (var r in f.CompiledRoles)
            for (var i = 0; i < r.Skills.Length; i++, row++)
            {
                reqRole[row] = r.Role.Code.Value;
                reqSkill[row] = r.Skills[i];
                reqLevel[row] = r.Required[i];
                reqWeight[row] = r.Weights[i];
                reqCritical[row] = r.Critical[i] ? 1 : 0;
            }

        var attEmployee = new Int32DataFrameColumn("employee", attainedRows);
        var attSkill = new Int32DataFrameColumn("skill", attainedRows);
        var attLevel = new Int32DataFrameColumn("attained", attainedRows);
        long a = 0;
        foreach (var e in people)
        {
            var levels = f.AttainedRow(e);
            for (var s = 0; s < levels.Length; s++)
            {
                if (levels[s] == 0) continue;
                attEmployee[a] = e;
                attSkill[a] = s;
                attLevel[a] = levels[s];
                a++;
            }
        }
        return new FigureTables(
            new DataFrame(employee, department, role),
            new DataFrame(reqRole, reqSkill, reqLevel, reqWeight, reqCritical),
            new DataFrame(attEmployee, attSkill, attLevel),
            f.SkillCount);
    }

    private static List<int> AllEmployees(OrganisationFigures f)
    {
        var list = new List<int>(f.EmployeeCount);
        for (var e = 0; e < f.EmployeeCount; e++)
            if (GroupAnalysis.IsEmployed(f, e)) list.Add(e);
        return list;
    }
}
