using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class SkillRecordTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_duplicate_skill_code_is_rejected_on_its_second_row_and_the_first_is_kept()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name\nPY,Python\nSQL,SQL\nPY,Python again\n");

        var result = RecordReader.ReadSkills(file);

        Assert.Equal(new RowError(file.Name, null, 4, "skill_code", "PY", "skill_code PY appears twice (first on row 2)"), Assert.Single(result.Errors));
        Assert.Equal(["PY", "SQL"], result.Records.Select(r => r.Skill.Code.Value));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void An_identifier_longer_than_200_characters_is_rejected()
    {
        var code = new string('X', 201);
        var file = _temp.Csv("skills.csv", $"skill_code,skill_name\n{code},Long\n");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal((2, "skill_code", "an identifier must be at most 200 characters"), (error.Row, error.Column, error.Reason));
    }

    [Fact]
    public void Unknown_extra_columns_are_ignored()
    {
        var file = _temp.Csv("skills.csv", "notes,skill_code,skill_name,owner\nx,PY,Python,Ann\n");

        var result = RecordReader.ReadSkills(file);

        Assert.True(result.IsValid);
        Assert.Equal(new Skill(new SkillCode("PY"), "Python"), result.Records[0].Skill with { Aliases = [] });
    }

    [Fact]
    public void A_matrix_role_given_on_two_rows_is_rejected()
    {
        var known = TestCatalogue.Standard();
        var file = _temp.Csv("matrix.csv", "role_code,role_title,PY\nANALYST,Analyst,3\nANALYST,Analyst,4\n");

        var error = Assert.Single(RecordReader.ReadRoles(file, known).Errors);

        Assert.Equal(new RowError(file.Name, null, 3, "role_code", "ANALYST", "role_code ANALYST appears twice (first on row 2)"), error);
    }
}
