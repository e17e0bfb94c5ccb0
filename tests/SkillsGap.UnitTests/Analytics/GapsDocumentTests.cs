using System.Text.Json;
using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

public class GapsDocumentTests
{
    /// <summary>Expected JSON written with single quotes, for legibility.</summary>
    private static string J(string text) => text.Replace('\'', '"');

    /// <summary>
    /// The contract's example: E-104, an ANALYST needing PY 3 (w4, critical), SQL 3 (w3), VIZ 4 (w5):
    /// Σ w·required = 12 + 9 + 20 = 41. Attained PY 1, SQL 2, VIZ 4 → (4 + 6 + 20) / 41 = 30/41 = 0.731707… → 0.7317.
    /// </summary>
    private static OrganisationFigures ContractExample() => new SnapshotBuilder()
        .Skill("PY", "SQL", "VIZ")
        .Role("ANALYST", "PY:3:4!", "SQL:3:3", "VIZ:4:5")
        .Role("LEAD", "PY:2:1", "VIZ:5:1!")
        .Badge("PY-101", "PY:1").Badge("SQL-201", "SQL:2").Badge("VIZ-401", "VIZ:4")
        .Employee("E-104", "ANALYST", department: "Data")
        .Award("E-104", "PY-101", "2025-01-10").Award("E-104", "SQL-201", "2025-01-10").Award("E-104", "VIZ-401", "2025-01-10")
        .Figures("2026-01-31");

    [Fact]
    public void The_employee_document_is_exactly_the_contract_text()
    {
        var document = GapsDocumentBuilder.ForEmployee(ContractExample(), 0);
        Assert.Equal(
            J("{'asOf':'2026-01-31','employees':[{'id':'E-104','role':'ANALYST','targetRole':null,'readiness':0.7317,'ready':false,") +
            J("'requirements':[{'skill':'PY','required':3,'attained':1,'gap':2,'weight':4,'critical':true},") +
            J("{'skill':'SQL','required':3,'attained':2,'gap':1,'weight':3,'critical':false},") +
            J("{'skill':'VIZ','required':4,'attained':4,'gap':0,'weight':5,'critical':false}]}]}"),
            GapsJson.Serialize(document));
    }

    [Fact]
    public void With_a_target_role_the_requirements_and_readiness_are_the_target_roles()
    {
        // LEAD: PY 2 (w1), VIZ 5 (w1, critical): (1 + 4) / (2 + 5) = 5/7 = 0.714285… → 0.7143; VIZ gap is critical.
        var document = GapsDocumentBuilder.ForEmployee(ContractExample(), 0, new RoleCode("LEAD"));
        Assert.Equal(
            J("{'asOf':'2026-01-31','employees':[{'id':'E-104','role':'ANALYST','targetRole':'LEAD','readiness':0.7143,'ready':false,") +
            J("'requirements':[{'skill':'PY','required':2,'attained':1,'gap':1,'weight':1,'critical':false},") +
            J("{'skill':'VIZ','required':5,'attained':4,'gap':1,'weight':1,'critical':true}]}]}"),
            GapsJson.Serialize(document));
    }

    [Fact]
    public void An_unknown_target_role_is_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => GapsDocumentBuilder.ForEmployee(ContractExample(), 0, new RoleCode("PILOT")));
    }

    [Theory]
    // Half away from zero at the fifth place, including values a binary double stores just below the midpoint.
    [InlineData(0.73165, 0.7317)]
    [InlineData(0.12345, 0.1235)]
    [InlineData(0.00005, 0.0001)]
    [InlineData(0.99994, 0.9999)]
    [InlineData(0.99995, 1.0)]
    public void Readiness_is_rounded_half_away_from_zero_to_four_places(double value, double expected) =>
        Assert.Equal(expected, GapsDocumentBuilder.Round(value));

    [Fact]
    public void The_team_document_is_exactly_the_expected_text()
    {
        // E1's team is E2 alone: PY 1 of 3 (w4, critical), SQL 2 of 2 (w3) → 10/18 = 0.5555… → 0.5556, not ready.
        // Skills: PY gap 2 → coverage 0, mean gap 2, weighted 8; SQL met.
        // Bench: E2 is an analyst; not ready for SCIENTIST (PY 1 < 4, critical). MANAGER requires nothing: left out.
        // Expiring: E2's PY-101 (2025-04-01 → 2026-04-01, 60 days) drops PY 1 → 0: gap 2 → 3.
        var f = SmallOrganisation.Figures();
        var members = new GroupSelector(f.Snapshot).Team(new EmployeeId("E1"));
        var document = GapsDocumentBuilder.ForGroup(f, GroupKind.Team, "E1", members);
        Assert.Equal(
            J("{'asOf':'2026-01-31','kind':'team','key':'E1',") +
            J("'employees':[{'id':'E2','role':'ANALYST','targetRole':null,'readiness':0.5556,'ready':false,'requirements':[") +
            J("{'skill':'PY','required':3,'attained':1,'gap':2,'weight':4,'critical':true},") +
            J("{'skill':'SQL','required':2,'attained':2,'gap':0,'weight':3,'critical':false}]}],") +
            J("'summary':{'people':1,'meanReadiness':0.5556,'ready':0,'readyShare':0,'histogram':[0,0,0,0,0,1,0,0,0,0]},") +
            J("'skills':[{'skill':'PY','peopleRequired':1,'coverage':0,'meanGap':2,'peopleWithGap':1,'weightedGap':8},") +
            J("{'skill':'SQL','peopleRequired':1,'coverage':1,'meanGap':0,'peopleWithGap':0,'weightedGap':0}],") +
            J("'bench':[{'role':'ANALYST','readyCount':0,'people':[]},{'role':'SCIENTIST','readyCount':0,'people':[]}],") +
            J("'uncoverable':[],") +
            J("'expiringSoon':[{'employee':'E2','badge':'PY-101','issuedOn':'2025-04-01','expiresOn':'2026-04-01',") +
            J("'opens':[{'skill':'PY','gapNow':2,'gapThen':3}]}]}"),
            GapsJson.Serialize(document));
    }

    [Fact]
    public void The_role_document_benches_the_role_over_the_organisation_and_rounds_its_shares()
    {
        var f = SmallOrganisation.Figures();
        var document = GapsDocumentBuilder.ForGroup(f, new GroupSelector(f.Snapshot), GroupKind.Role, "ANALYST");
        Assert.Equal(["E1", "E2", "E4"], document.Employees.Select(e => e.Id));
        using var json = JsonDocument.Parse(GapsJson.Serialize(document));
        var root = json.RootElement;
        Assert.Equal("role", root.GetProperty("kind").GetString());
        // E1 1, E2 10/18, E4 6/18: mean 34/54 = 0.629629… → 0.6296; 1 of 3 ready → 0.3333.
        Assert.Equal(0.6296, root.GetProperty("summary").GetProperty("meanReadiness").GetDouble());
        Assert.Equal(0.3333, root.GetProperty("summary").GetProperty("readyShare").GetDouble());
        var bench = Assert.Single(root.GetProperty("bench").EnumerateArray());
        Assert.Equal(["E3", "M2"], bench.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        // PY over E1, E2, E4: gaps 0, 2, 3 → coverage 1/3 = 0.3333, mean gap 5/3 = 1.6667.
        var py = root.GetProperty("skills")[0];
        Assert.Equal(("PY", 0.3333, 1.6667), (py.GetProperty("skill").GetString(), py.GetProperty("coverage").GetDouble(), py.GetProperty("meanGap").GetDouble()));
    }

    [Fact]
    public void The_organisation_document_lists_uncoverable_gaps_and_has_no_key()
    {
        var f = SmallOrganisation.Figures();
        var document = GapsDocumentBuilder.ForGroup(f, GroupKind.Organisation, "ignored", new GroupSelector(f.Snapshot).Organisation());
        var json = GapsJson.Serialize(document);
        Assert.Contains(J("'kind':'organisation','key':null,"), json, StringComparison.Ordinal);
        Assert.Contains(J("'uncoverable':[{'role':'SCIENTIST','skill':'ML','required':5,'best':4,'affected':1}]"), json, StringComparison.Ordinal);
        Assert.Equal(6, document.Employees.Count);
    }

    [Fact]
    public void The_csv_has_one_row_per_employee_and_requirement()
    {
        var document = GapsDocumentBuilder.ForEmployee(ContractExample(), 0);
        Assert.Equal(
            "employee_id,role,target_role,skill,required,attained,gap,weight,critical,readiness,ready\r\n" +
            "E-104,ANALYST,,PY,3,1,2,4,true,0.7317,false\r\n" +
            "E-104,ANALYST,,SQL,3,2,1,3,false,0.7317,false\r\n" +
            "E-104,ANALYST,,VIZ,4,4,0,5,false,0.7317,false\r\n",
            GapsCsv.ToText(document));
    }

    [Fact]
    public void The_csv_quotes_fields_as_rfc_4180_and_keeps_people_whose_role_requires_nothing()
    {
        var f = new SnapshotBuilder().Skill("a,b", "say \"x\"")
            .Role("DATA, ANALYST", "a,b:2:1", "say \"x\":1:1")
            .Role("MANAGER")
            .Employee("E1", "DATA, ANALYST").Employee("M1", "MANAGER")
            .Figures("2026-01-31");
        var document = GapsDocumentBuilder.ForGroup(f, GroupKind.Organisation, null, [0, 1]);
        Assert.Equal(
            "employee_id,role,target_role,skill,required,attained,gap,weight,critical,readiness,ready\r\n" +
            "E1,\"DATA, ANALYST\",,\"a,b\",2,0,2,1,false,0,false\r\n" +
            "E1,\"DATA, ANALYST\",,\"say \"\"x\"\"\",1,0,1,1,false,0,false\r\n" +
            "M1,MANAGER,,,,,,,,1,true\r\n",
            GapsCsv.ToText(document));
    }

    [Fact]
    public void The_json_options_write_iso_dates_and_read_them_back()
    {
        var document = GapsDocumentBuilder.ForEmployee(ContractExample(), 0);
        var text = GapsJson.Serialize(document, indented: true);
        var back = JsonSerializer.Deserialize<EmployeeGapsDocument>(text, GapsJson.Options)!;
        Assert.Equal(SnapshotBuilder.D("2026-01-31"), back.AsOf);
        Assert.Equal(0.7317, back.Employees[0].Readiness);
        Assert.Equal(3, back.Employees[0].Requirements.Count);
    }
}
