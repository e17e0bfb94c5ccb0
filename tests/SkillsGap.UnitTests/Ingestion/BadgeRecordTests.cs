using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class BadgeRecordTests : IDisposable
{
    private const string Header = "badge_id,badge_name,issuer,skills,hours,prerequisites,valid_months,stack_id\n";
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Badges_read_skills_prerequisites_validity_and_stacks()
    {
        var file = _temp.Csv("badges.csv", Header +
            "PY-301,Python III,Acme,PY:4;ML:2,12.5,PY-201;SQL-101|DATA-1,24,DATA-STACK\n" +
            "DATA-1,Data I,,SQL:2,\"1,5\",,,DATA-STACK\n" +
            "DATA-STACK,Data stack,,,0,,,\n");

        var result = RecordReader.ReadBadges(file, _known);

        Assert.Empty(result.Errors);
        var badge = result.Records[0].Badge;
        Assert.Equal([new BadgeSkill(new SkillCode("PY"), new ProficiencyLevel(4)), new BadgeSkill(new SkillCode("ML"), new ProficiencyLevel(2))], badge.Skills);
        Assert.Equal(12.5m, badge.Hours);
        Assert.Equal("PY-201;SQL-101|DATA-1", badge.Prerequisites.ToString());
        Assert.Equal(24, badge.ValidMonths);
        Assert.Equal(new BadgeId("DATA-STACK"), badge.StackId);
        Assert.Equal(1.5m, result.Records[1].Badge.Hours);
        Assert.Empty(result.Records[2].Badge.Skills);
    }

    [Fact]
    public void Skill_codes_that_are_URIs_keep_their_colons()
    {
        _known.Skills.Add("http://data.europa.eu/esco/skill/abc");
        var file = _temp.Csv("badges.csv", "badge_id,badge_name,skills,hours\nB1,B,http://data.europa.eu/esco/skill/abc:3,1\n");

        var result = RecordReader.ReadBadges(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal("http://data.europa.eu/esco/skill/abc", result.Records[0].Badge.Skills[0].Skill.Value);
    }

    [Fact]
    public void A_duplicate_badge_id_is_rejected_on_its_second_row()
    {
        var file = _temp.Csv("badges.csv", Header + "B1,One,,PY:1,1,,,\nB1,Again,,PY:2,1,,,\n");

        var error = Assert.Single(RecordReader.ReadBadges(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 3, "badge_id", "B1", "badge_id B1 appears twice (first on row 2)"), error);
    }

    [Fact]
    public void A_badge_that_is_its_own_prerequisite_is_rejected()
    {
        var file = _temp.Csv("badges.csv", Header + "B1,One,,PY:1,1,PY-101;B1,,\n");

        var error = Assert.Single(RecordReader.ReadBadges(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 2, "prerequisites", "PY-101;B1", "badge B1 is its own prerequisite"), error);
    }

    [Fact]
    public void A_prerequisite_cycle_is_reported_once_with_its_members()
    {
        // B1 needs B2, B2 needs B3 or PY-101, B3 needs B1: a cycle through an either-or alternative still counts.
        var file = _temp.Csv("badges.csv", Header + "B1,One,,PY:1,1,B2,,\nB2,Two,,PY:2,1,B3|PY-101,,\nB3,Three,,PY:3,1,B1,,\nB4,Four,,PY:3,1,B1,,\n");

        var result = RecordReader.ReadBadges(file, _known);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "prerequisites", "B2"), (error.Row, error.Column, error.Value));
        Assert.StartsWith("prerequisite cycle: B1 → B2 → B3 → B1", error.Reason, StringComparison.Ordinal);
        Assert.Equal("B4", Assert.Single(result.Records).Badge.Id.Value);
    }

    [Fact]
    public void A_stack_that_is_a_prerequisite_of_its_own_child_is_a_cycle()
    {
        var file = _temp.Csv("badges.csv", Header + "STACK,Stack,,,0,,,\nCHILD,Child,,PY:1,1,STACK,,STACK\n");

        var error = Assert.Single(RecordReader.ReadBadges(file, _known).Errors);

        Assert.Equal(2, error.Row);
        Assert.StartsWith("prerequisite cycle: STACK → CHILD → STACK", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_prerequisites_stacks_and_skills_are_rejected_but_badges_of_the_same_file_are_known()
    {
        var file = _temp.Csv("badges.csv", Header + "B1,One,,GO:1,1,NOPE;B2,,NOSTACK\nB2,Two,,PY:1,1,,,\n");

        var errors = RecordReader.ReadBadges(file, _known).Errors;

        Assert.Equal(
            [("skills", "GO:1", "unknown skill 'GO': it is not in the skills taxonomy"),
             ("prerequisites", "NOPE;B2", "unknown badge 'NOPE' in prerequisites: it is neither in the catalogue nor in this file"),
             ("stack_id", "NOSTACK", "unknown stack 'NOSTACK': it is neither in the catalogue nor in this file")],
            errors.Select(e => (e.Column!, e.Value!, e.Reason)));
        Assert.All(errors, e => Assert.Equal(2, e.Row));
    }

    [Fact]
    public void Bad_skill_levels_hours_and_validity_are_each_reported()
    {
        var file = _temp.Csv("badges.csv", Header + "B1,One,,PY:6;SQL,-2,,0,\n");

        var errors = RecordReader.ReadBadges(file, _known).Errors;

        Assert.Equal(
            ["level 6 is outside the scale 0–5 (in 'PY:6')", "'SQL' is not CODE:level", "hours must not be negative",
             "valid_months '0' is not a positive whole number"],
            errors.Select(e => e.Reason));
    }
}
