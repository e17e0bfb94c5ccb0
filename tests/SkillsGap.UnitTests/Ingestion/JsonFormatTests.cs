using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class JsonFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestCatalogue _known = TestCatalogue.Standard();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_object_holding_the_records_under_the_kind_name_is_read_with_loosely_matched_property_names()
    {
        var file = _temp.Csv("awards.json", """
            {"source": "HR export", "Awards": [
              {"employeeId": "E-1", "badge_id": "PY-101", "issued-on": "2025-01-01", "evidence_url": null},
              {"email": "b@x.org", "badgeId": "SQL-101", "issuedOn": "2025-02-01T12:00:00Z", "expiresOn": "2026-02-01"}
            ]}
            """);

        var result = RecordReader.ReadAwards(file, _known);

        Assert.Empty(result.Errors);
        Assert.Equal(new Award(new EmployeeId("E-1"), new BadgeId("PY-101"), new DateOnly(2025, 1, 1)), result.Records[0].Award);
        Assert.Equal(new Award(new EmployeeId("E-2"), new BadgeId("SQL-101"), new DateOnly(2025, 2, 1), new DateOnly(2026, 2, 1)), result.Records[1].Award);
        Assert.Equal([1, 2], result.Records.Select(r => r.Row));
    }

    [Fact]
    public void A_top_level_array_accepts_numbers_and_strings_for_levels_and_arrays_for_lists()
    {
        var file = _temp.Csv("roles.json", """
            [
              {"role_code": "ANALYST", "role_title": "Analyst", "skill_code": "PY", "required_level": 3, "critical": true},
              {"role_code": "ANALYST", "role_title": "Analyst", "skill_code": "SQL", "required_level": "2", "weight": 5}
            ]
            """);

        var role = Assert.Single(RecordReader.ReadRoles(file, _known).Records);

        Assert.Equal(
            [new RoleRequirement(new SkillCode("PY"), new ProficiencyLevel(3), 3, true), new RoleRequirement(new SkillCode("SQL"), new ProficiencyLevel(2), 5)],
            role.Requirements);
    }

    [Fact]
    public void Errors_name_the_one_based_array_index_as_row_and_the_property_as_column()
    {
        var file = _temp.Csv("skills.json", """
            [
              {"skillCode": "PY", "skillName": "Python", "aliases": ["py", "python3"]},
              {"skillCode": "SQL", "skillName": {"en": "SQL"}},
              "not an object"
            ]
            """);

        var result = RecordReader.ReadSkills(file);

        Assert.Equal(["py", "python3"], result.Records[0].Skill.Aliases);
        Assert.Equal(
            [(2, "skillName", "the cell holds no usable value"), (3, null, "expected an object, found a string")],
            result.Errors.Select(e => (e.Row!.Value, e.Column, e.Reason)).Take(2));
        Assert.All(result.Errors, e => Assert.Null(e.Sheet));
    }

    [Fact]
    public void A_level_outside_the_scale_in_JSON_is_reported_like_in_a_table()
    {
        var file = _temp.Csv("roles.json", """[{"role_code": "ANALYST", "role_title": "A", "skill_code": "PY", "required_level": 6}]""");

        var error = Assert.Single(RecordReader.ReadRoles(file, _known).Errors);

        Assert.Equal(new RowError(file.Name, null, 1, "required_level", "6", "level 6 is outside the scale 0–5"), error);
    }

    [Fact]
    public void JSON_nested_deeper_than_the_limit_is_rejected()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var file = _temp.Csv("skills.json", $$"""[{"skill_code": "PY", "skill_name": "Python", "extra": {{deep}}}]""");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Contains("depth exceeds the limit of 32", error.Reason, StringComparison.Ordinal);
        Assert.Null(error.Row);
    }

    [Fact]
    public void Malformed_JSON_is_rejected_with_its_line()
    {
        var file = _temp.Csv("skills.json", "[\n{\"skill_code\": \"PY\",\n\"skill_name\": }\n]");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.StartsWith("not valid JSON at line 3", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_without_the_kind_property_is_rejected()
    {
        var file = _temp.Csv("skills.json", """{"items": []}""");

        var error = Assert.Single(RecordReader.ReadSkills(file).Errors);

        Assert.Equal("expected an array of objects, or an object with a \"skills\" array", error.Reason);
    }
}
