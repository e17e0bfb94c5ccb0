namespace SkillsGap.EndToEndTests.Cli;

/// <summary>
/// A four-person organisation small enough to compute every figure by hand (see <see cref="GapsCommandTests"/>).
/// </summary>
public static class TinyOrganisation
{
    public const string Skills = """
        skill_code,skill_name,category,aliases
        PY,Python,Software,python3;py
        SQL,SQL,Data,
        VIZ,Visualisation,Analytics,charts
        ML,Machine learning,Data,
        """;

    // ANALYST: Σ w·required = 4·3 + 3·3 + 2·2 = 25. LEAD: 3·2 = 6.
    public const string Roles = """
        role_code,role_title,family,skill_code,required_level,weight,critical
        ANALYST,Data Analyst,Data,PY,3,4,true
        ANALYST,Data Analyst,Data,SQL,3,3,false
        ANALYST,Data Analyst,Data,VIZ,2,2,false
        LEAD,Team Lead,Data,SQL,2,3,false
        """;

    public const string Badges = """
        badge_id,badge_name,issuer,skills,hours,prerequisites,valid_months,stack_id
        PY-101,Python Foundations,Acme Academy,PY:1,10,,,
        PY-201,Python for Data,Acme Academy,PY:3,22,PY-101,,
        SQL-101,SQL Basics,Acme Academy,SQL:2,8,,24,
        SQL-201,SQL Advanced,Acme Academy,SQL:4,16,SQL-101,,
        VIZ-101,Charts that Work,Acme Academy,VIZ:2,6,,12,
        """;

    // E-1 manages E-2, who manages E-3; E-4 is in another department with no manager.
    public const string Employees = """
        employee_id,name,email,role_code,manager_id,department,location
        E-1,Ada Lead,ada@example.com,LEAD,,Data,London
        E-2,Bob Analyst,bob@example.com,ANALYST,E-1,Data,London
        E-3,Cy Analyst,cy@example.com,ANALYST,E-2,Data,Leeds
        E-4,Di Other,di@example.com,ANALYST,,Finance,Leeds
        """;

    public const string Awards = """
        employee_id,badge_id,issued_on,expires_on,evidence_url
        E-2,PY-101,2024-01-10,,
        E-2,PY-201,2024-06-01,,
        E-2,SQL-101,2023-01-15,,
        E-2,SQL-101,2025-02-01,,
        E-2,VIZ-101,2025-03-01,2025-12-31,
        E-3,PY-101,2025-05-05,,
        E-3,SQL-101,2025-06-01,,
        E-3,VIZ-101,2025-03-15,,https://example.com/evidence/e3-viz
        """;

    /// <summary>Writes the five files and imports them in order; returns the folder.</summary>
    public static async Task LoadAsync(CliRunner cli)
    {
        foreach (var (kind, content) in new[] { ("skills", Skills), ("roles", Roles), ("badges", Badges), ("employees", Employees), ("awards", Awards) })
        {
            var result = await cli.RunAsync("import", kind, cli.WriteFile($"{kind}.csv", content));
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }
}
