using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

/// <summary>Against the real O*NET 29.0 files (shared/external/onet-29.0).</summary>
public sealed class OnetFrameworkTests
{
    private static readonly string Folder = ExternalData.Folder("onet-29.0");
    private static InputFile Skills => InputFile.FromPath(Path.Combine(Folder, "Skills.txt"), InputFormat.Onet);
    private static InputFile Knowledge => InputFile.FromPath(Path.Combine(Folder, "Knowledge.txt"), InputFormat.Onet);

    private static RoleRequirement Requirement(ImportedRole role, string element) =>
        role.Requirements.Single(r => r.Skill.Value == "onet:" + element);

    [Fact]
    public void Computer_programmers_get_their_important_skills_with_weights_and_levels_by_the_crosswalk()
    {
        var result = RecordReader.ReadRoleFramework(Skills);

        Assert.Empty(result.Errors);
        var batch = Assert.Single(result.Records);
        var programmers = batch.Roles.Single(r => r.Code.Value == "15-1251.00");
        Assert.Equal(("Computer Programmers", "Computer and Mathematical Occupations"), (programmers.Title, programmers.Family));
        // Skills.txt rows of 15-1251.00 with IM >= 3.0 (none suppressed): Reading Comprehension 3.38, Active Listening 3.75,
        // Writing 3.25, Speaking 3.12, Mathematics 3.12, Critical Thinking 3.75, Active Learning 3.12, Monitoring 3,
        // Social Perceptiveness 3.12, Coordination 3, Complex Problem Solving 3.75, Operations Analysis 3.12,
        // Programming 4.75, Quality Control Analysis 3.5, Judgment and Decision Making 3.25, Systems Analysis 3.38,
        // Systems Evaluation 3.12, Time Management 3.12 = 18 requirements.
        Assert.Equal(18, programmers.Requirements.Count);
        // Programming IM 4.75 → weight round(4.75) = 5, critical (≥ 4.5); LV 4.88 is in [3.5, 4.9) → level 3.
        Assert.Equal(new RoleRequirement(new SkillCode("onet:2.B.3.e"), new ProficiencyLevel(3), 5, true), Requirement(programmers, "2.B.3.e"));
        // Quality Control Analysis IM 3.5 → 4 (half away from zero); LV 3.5 is the lower bound of [3.5, 4.9) → 3.
        Assert.Equal(new RoleRequirement(new SkillCode("onet:2.B.3.m"), new ProficiencyLevel(3), 4), Requirement(programmers, "2.B.3.m"));
        // Monitoring IM exactly 3 is included → weight 3; LV 3.12 is in [2.1, 3.5) → 2.
        Assert.Equal(new RoleRequirement(new SkillCode("onet:2.A.2.d"), new ProficiencyLevel(2), 3), Requirement(programmers, "2.A.2.d"));
        // Science IM 2.75 < 3 is left out.
        Assert.DoesNotContain(programmers.Requirements, r => r.Skill.Value == "onet:2.A.1.f");
        Assert.Single(programmers.Requirements, r => r.Critical);

        var programming = batch.Skills.Single(s => s.Skill.Code.Value == "onet:2.B.3.e").Skill;
        Assert.Equal(("Programming", "O*NET Skills"), (programming.Name, programming.Category));
        Assert.StartsWith("Writing computer programs", programming.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_occupation_with_a_title_but_no_ratings_yields_no_role_and_no_error()
    {
        var result = RecordReader.ReadRoleFramework(Skills);

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Records[0].Roles, r => r.Code.Value == "15-1252.00");
        // awk over Skills.txt: 12,514 (occupation, element) pairs with IM >= 3, 11 of them with a suppressed LV → 12,503 requirements over 869 occupations.
        Assert.Equal(869, result.Records[0].Roles.Count);
        Assert.Equal(12_503, result.Records[0].Roles.Sum(r => r.Requirements.Count));
    }

    [Fact]
    public void Suppressed_estimates_are_left_out_unless_asked_for()
    {
        // 19-1029.01, Science (2.A.1.f): IM 3.75, LV 4.12 with Recommend Suppress = Y.
        var byDefault = RecordReader.ReadRoleFramework(Skills).Records[0].Roles.Single(r => r.Code.Value == "19-1029.01");
        var included = RecordReader.ReadRoleFramework(Skills, options: new RoleFrameworkOptions { OnetIncludeSuppressed = true })
            .Records[0].Roles.Single(r => r.Code.Value == "19-1029.01");

        Assert.DoesNotContain(byDefault.Requirements, r => r.Skill.Value == "onet:2.A.1.f");
        // IM 3.75 → weight 4; LV 4.12 in [3.5, 4.9) → 3.
        Assert.Equal(new RoleRequirement(new SkillCode("onet:2.A.1.f"), new ProficiencyLevel(3), 4), Requirement(included, "2.A.1.f"));
    }

    [Fact]
    public void Skills_and_knowledge_files_read_together_merge_into_one_role_per_occupation()
    {
        var result = RecordReader.ReadRoleFramework([Skills, Knowledge]);

        Assert.Empty(result.Errors);
        var programmers = result.Records[0].Roles.Single(r => r.Code.Value == "15-1251.00");
        // 18 skills, plus knowledge with IM >= 3: Administration and Management 3.26, Customer and Personal Service 3.3,
        // Computers and Electronics 4.87, Engineering and Technology 3.47, Mathematics 3.53, English Language 3.41 = 24.
        Assert.Equal(24, programmers.Requirements.Count);
        // Computers and Electronics IM 4.87 → weight 5, critical; LV 6.16 in [4.9, 6.3) → 4.
        Assert.Equal(new RoleRequirement(new SkillCode("onet:2.C.3.a"), new ProficiencyLevel(4), 5, true), Requirement(programmers, "2.C.3.a"));
        Assert.Equal("O*NET Knowledge", result.Records[0].Skills.Single(s => s.Skill.Code.Value == "onet:2.C.3.a").Skill.Category);
    }

    [Fact]
    public void Without_Occupation_Data_beside_the_file_the_title_is_the_code()
    {
        using var temp = new TempFolder();
        var path = temp.Write("Skills.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tRecommend Suppress\tNot Relevant\n" +
            "15-1251.00\t2.B.3.e\tProgramming\tIM\t4.75\t8\tN\t\n" +
            "15-1251.00\t2.B.3.e\tProgramming\tLV\t4.88\t8\tN\tN\n" +
            "15-1251.00\t2.A.1.a\tReading Comprehension\tIM\t3.38\t8\tN\t\n");

        var result = RecordReader.ReadRoleFramework(InputFile.FromPath(path, InputFormat.Onet));

        // Reading Comprehension has an importance but no LV row: an error on its IM row.
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "Element ID", "2.A.1.a"), (error.Row, error.Column, error.Value));
        var lenient = RecordReader.ReadRoleFramework(InputFile.FromPath(temp.Write("Skills.txt",
            "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\n15-1251.00\t2.B.3.e\tProgramming\tIM\t4.75\n15-1251.00\t2.B.3.e\tProgramming\tLV\t4.88\n"), InputFormat.Onet));
        var role = Assert.Single(Assert.Single(lenient.Records).Roles);
        Assert.Equal("15-1251.00", role.Title);
    }
}
