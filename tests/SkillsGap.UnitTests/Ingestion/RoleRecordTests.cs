using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class RoleRecordTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Long_roles_group_rows_by_role_with_weight_and_critical_defaults()
    {
        var file = _temp.Csv("roles.csv",
            "role_code,role_title,family,skill_code,required_level,weight,critical,effective_from\n" +
            "ANALYST,Data Analyst,Data,PY,3,4,yes,2026-01-01\n" +
            "ANALYST,Data Analyst,,SQL,2,,,\n" +
            "ENGINEER,Engineer,Eng,ML,5,1,n,\n");

        var result = RecordReader.ReadRoles(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Records.Count);
        var analyst = result.Records[0];
        Assert.Equal(("ANALYST", "Data Analyst", "Data", 2), (analyst.Code.Value, analyst.Title, analyst.Family, analyst.Row));
        Assert.Equal(new DateOnly(2026, 1, 1), analyst.EffectiveFrom);
        Assert.Equal(
            [new RoleRequirement(new SkillCode("PY"), new ProficiencyLevel(3), 4, true),
             new RoleRequirement(new SkillCode("SQL"), new ProficiencyLevel(2), 3, false)],
            analyst.Requirements);
        Assert.Equal(new RoleRequirement(new SkillCode("ML"), new ProficiencyLevel(5), 1, false), Assert.Single(result.Records[1].Requirements));
    }

    [Fact]
    public void Matrix_roles_read_one_column_per_skill_with_bang_for_critical_and_empty_for_not_required()
    {
        var file = _temp.Csv("matrix.csv",
            "Role Code;Role Title;Family;PY;SQL;ML\n" +
            "ANALYST;Data Analyst;Data;3;4!;\n" +
            "ENGINEER;Engineer;;2;0;5!\n");

        var result = RecordReader.ReadRoles(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [new RoleRequirement(new SkillCode("PY"), new ProficiencyLevel(3)),
             new RoleRequirement(new SkillCode("SQL"), new ProficiencyLevel(4), 3, true)],
            result.Records[0].Requirements);
        // 0 means "not required", like an empty cell.
        Assert.Equal(["PY", "ML"], result.Records[1].Requirements.Select(r => r.Skill.Value));
        Assert.Null(result.Records[1].Family);
        Assert.Equal(3, result.Records[1].Row);
    }

    [Fact]
    public void A_matrix_column_that_is_not_a_known_skill_is_an_error_on_the_header_row()
    {
        var file = _temp.Csv("matrix.csv", "role_code,role_title,PY,GO\nANALYST,Analyst,3,2\n");

        var error = Assert.Single(RecordReader.ReadRoles(file, _known).Errors);

        Assert.Equal((1, "GO", "GO"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("unknown skill 'GO'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_cell_outside_the_scale_names_the_skill_column()
    {
        var file = _temp.Csv("matrix.csv", "role_code,role_title,PY,SQL\nANALYST,Analyst,3,6!\n");

        var error = Assert.Single(RecordReader.ReadRoles(file, _known).Errors);

        Assert.Equal((2, "SQL", "6!"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("level 6 is outside the scale 0–5", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_outside_the_scale_is_rejected_with_its_row_and_column()
    {
        var file = _temp.Csv("roles.csv", "role_code,role_title,skill_code,required_level\nANALYST,Analyst,PY,6\n");

        var result = RecordReader.ReadRoles(file, _known);

        Assert.Equal(new RowError(file.Name, null, 2, "required_level", "6", "level 6 is outside the scale 0–5"), Assert.Single(result.Errors));
        Assert.Empty(result.Records);
    }

    [Fact]
    public void A_duplicate_role_and_skill_pair_is_rejected_on_its_second_row()
    {
        var file = _temp.Csv("roles.csv", "role_code,role_title,skill_code,required_level\nANALYST,Analyst,PY,3\nANALYST,Analyst,SQL,3\nANALYST,Analyst,PY,4\n");

        var error = Assert.Single(RecordReader.ReadRoles(file, _known).Errors);

        Assert.Equal((4, "skill_code", "PY"), (error.Row, error.Column, error.Value));
        Assert.Equal("role ANALYST requires skill PY twice (first on row 2)", error.Reason);
    }

    [Fact]
    public void An_unknown_skill_is_rejected_and_the_whole_role_is_left_out()
    {
        var file = _temp.Csv("roles.csv", "role_code,role_title,skill_code,required_level\nANALYST,Analyst,PY,3\nANALYST,Analyst,GO,2\nENGINEER,Engineer,ML,4\n");

        var result = RecordReader.ReadRoles(file, _known);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "skill_code", "GO"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("unknown skill 'GO'", error.Reason, StringComparison.Ordinal);
        Assert.Equal("ENGINEER", Assert.Single(result.Records).Code.Value);
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_the_header_row_by_its_name()
    {
        var file = _temp.Csv("roles.csv", "role_code,skill_code,required_level\nANALYST,PY,3\n");

        var result = RecordReader.ReadRoles(file, _known);

        Assert.Equal(new RowError(file.Name, null, 1, "role_title", null, "missing required column 'role_title'"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Bad_weight_critical_and_date_values_are_each_reported()
    {
        var file = _temp.Csv("roles.csv",
            "role_code,role_title,skill_code,required_level,weight,critical,effective_from\n" +
            "ANALYST,Analyst,PY,3,7,maybe,28/11/2026\n");

        var errors = RecordReader.ReadRoles(file, _known).Errors;

        Assert.Equal(
            [("weight", "7", "weight 7 is outside 1–5"),
             ("critical", "maybe", "'maybe' is not true/false (yes/no, y/n, 1/0)"),
             ("effective_from", "28/11/2026", "'28/11/2026' is not an ISO 8601 date (yyyy-MM-dd)")],
            errors.Select(e => (e.Column!, e.Value!, e.Reason)));
        Assert.All(errors, e => Assert.Equal(2, e.Row));
    }

    [Fact]
    public void Two_titles_for_one_role_are_rejected()
    {
        var file = _temp.Csv("roles.csv", "role_code,role_title,skill_code,required_level\nANALYST,Analyst,PY,3\nANALYST,Data Analyst,SQL,3\n");

        var error = Assert.Single(RecordReader.ReadRoles(file, _known).Errors);

        Assert.Equal((3, "role_title"), (error.Row, error.Column));
    }

    [Fact]
    public void An_empty_required_value_is_rejected()
    {
        var file = _temp.Csv("roles.csv", "role_code,role_title,skill_code,required_level\n,Analyst,PY,3\nANALYST,Analyst,PY,\n");

        var errors = RecordReader.ReadRoles(file, _known).Errors;

        Assert.Equal([(2, "role_code"), (3, "required_level")], errors.Select(e => (e.Row!.Value, e.Column!)));
        Assert.All(errors, e => Assert.Equal("a value is required", e.Reason));
    }
}
