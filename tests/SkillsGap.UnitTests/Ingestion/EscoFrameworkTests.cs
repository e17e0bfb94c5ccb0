using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

/// <summary>Against the real ESCO 1.1.1 ICT subset (shared/external/esco-1.1.1-ict-subset).</summary>
public sealed class EscoFrameworkTests
{
    private const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    private const string ComputerProgramming = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97";
    private static readonly InputFile Relations =
        InputFile.FromPath(Path.Combine(ExternalData.Folder("esco-1.1.1-ict-subset"), "occupationSkillRelations.csv"), InputFormat.Esco);

    [Fact]
    public void A_software_developer_requires_its_essential_skills_as_critical_at_level_3()
    {
        var result = RecordReader.ReadRoleFramework(Relations);

        Assert.Empty(result.Errors);
        var batch = Assert.Single(result.Records);
        var developer = batch.Roles.Single(r => r.Code.Value == SoftwareDeveloper);
        Assert.Equal(("software developer", "Software developers"), (developer.Title, developer.Family));
        // grep -c '^<occupation uri>,essential' occupationSkillRelations.csv → 24 (of its 104 relations; optional ones are left out).
        Assert.Equal(24, developer.Requirements.Count);
        Assert.All(developer.Requirements, r => Assert.Equal((3, 3, true), (r.Required.Value, r.Weight, r.Critical)));
        Assert.Contains(developer.Requirements, r => r.Skill.Value == ComputerProgramming);
    }

    [Fact]
    public void Every_occupation_of_the_subset_becomes_a_role_and_every_essential_skill_a_skill()
    {
        var batch = RecordReader.ReadRoleFramework(Relations).Records[0];

        // awk: 112 occupations have essential relations; 2,387 essential relations name 884 distinct skills.
        Assert.Equal(112, batch.Roles.Count);
        Assert.Equal(2_387, batch.Roles.Sum(r => r.Requirements.Count));
        Assert.Equal(884, batch.Skills.Count);
    }

    [Fact]
    public void Skills_take_their_label_type_and_alternative_labels_from_skills_en()
    {
        var skill = RecordReader.ReadRoleFramework(Relations).Records[0].Skills.Single(s => s.Skill.Code.Value == ComputerProgramming).Skill;

        Assert.Equal(("computer programming", "ESCO knowledge"), (skill.Name, skill.Category));
        Assert.Contains("Visual Basic", skill.Aliases);
        Assert.Contains("OCaml", skill.Aliases);
        Assert.DoesNotContain("computer programming", skill.Aliases);
        Assert.NotNull(skill.Description);
    }

    [Fact]
    public void The_level_of_essential_skills_is_configurable()
    {
        var batch = RecordReader.ReadRoleFramework(Relations, options: new RoleFrameworkOptions { EscoLevel = 4 }).Records[0];

        Assert.All(batch.Roles.SelectMany(r => r.Requirements), r => Assert.Equal(new ProficiencyLevel(4), r.Required));
    }

    [Fact]
    public void A_relation_type_other_than_essential_or_optional_is_an_error()
    {
        using var temp = new TempFolder();
        var path = temp.Write("occupationSkillRelations.csv", "occupationUri,relationType,skillType,skillUri\r\nocc:1,essential,knowledge,skill:1\r\nocc:1,mandatory,knowledge,skill:2\r\n");

        var result = RecordReader.ReadRoleFramework(InputFile.FromPath(path, InputFormat.Esco));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "relationType", "mandatory"), (error.Row, error.Column, error.Value));
    }
}
