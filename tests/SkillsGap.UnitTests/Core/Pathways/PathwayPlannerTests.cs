using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;

namespace SkillsGap.UnitTests.Core.Pathways;

public sealed class PathwayPlannerTests
{
    [Fact]
    public void All_of_prerequisites_are_planned_before_the_badge_that_needs_them()
    {
        // ML-301 (20 h) needs PY-201 (12 h) and ST-101 (6 h): 38 h, cheaper than ML-ALT (45 h) with no prerequisites.
        var scenario = new PathwayScenario()
            .Badge("ML-301", 20, "ML:3", "PY-201;ST-101")
            .Badge("PY-201", 12, "PY:2")
            .Badge("ST-101", 6, "ST:1")
            .Badge("ML-ALT", 45, "ML:3")
            .Role("DS", ("ML", 3, 5, true))
            .Employee("E-1", "DS");

        var pathway = scenario.Plan("E-1");

        Assert.True(pathway.Optimal);
        Assert.Equal(38m, pathway.TotalHours);
        // PY-201 and ST-101 raise no DS skill (rate 0 each), so badge id decides; ML-301 comes last.
        Assert.Equal(["PY-201", "ST-101", "ML-301"], pathway.Badges());
        Assert.Equal([new BadgeId("ML-301")], pathway.Steps[0].NeededBy);
        Assert.Equal([new BadgeId("ML-301")], pathway.Steps[1].NeededBy);
        Assert.Empty(pathway.Steps[2].NeededBy);
        Assert.Equal([0.0, 0.0, 1.0], pathway.Steps.Select(s => s.ReadinessAfter));
        Assert.Equal("Needed by ML-301; 12 h", pathway.Steps[0].Reason);
        Assert.Equal("Closes ML 0→3 (weight 5, critical); 20 h", pathway.Steps[2].Reason);
    }

    [Fact]
    public void A_step_shows_the_gap_it_closes_up_to_the_requirement_not_the_level_the_badge_brings()
    {
        // The role needs TESTING 2 and SQL 1; E-1 holds SQL 2 already. T-3 (10 h) attests TESTING 3 and SQL 3: it closes
        // TESTING 0→2 (not 0→3, the role asks for 2) and nothing on SQL (met already), as `recommend` shows it.
        var scenario = new PathwayScenario()
            .Badge("T-3", 10, "TESTING:3;SQL:3")
            .Badge("SQL-2", 4, "SQL:2")
            .Role("QA", ("TESTING", 2, 4, false), ("SQL", 1, 2, false))
            .Employee("E-1", "QA")
            .Award("E-1", "SQL-2", "2025-06-01");

        var pathway = scenario.Plan("E-1");

        var step = Assert.Single(pathway.Steps);
        Assert.Equal("T-3", step.Badge.Value);
        Assert.Equal([new SkillChange(new SkillCode("TESTING"), 0, 2)], step.Closes);
        Assert.Equal("Closes TESTING 0→2 (weight 4); 10 h", step.Reason);
    }

    [Fact]
    public void An_or_prerequisite_takes_the_cheaper_alternative()
    {
        // ML-301 needs PY-201 (12 h) or R-201 (8 h): 20 + 8 = 28 h.
        var scenario = new PathwayScenario()
            .Badge("ML-301", 20, "ML:3", "PY-201|R-201")
            .Badge("PY-201", 12, "PY:2")
            .Badge("R-201", 8, "R:2")
            .Role("DS", ("ML", 3, 5, true))
            .Employee("E-1", "DS");

        var pathway = scenario.Plan("E-1");

        Assert.True(pathway.Optimal);
        Assert.Equal(28m, pathway.TotalHours);
        Assert.Equal(["R-201", "ML-301"], pathway.Badges());
    }

    [Fact]
    public void A_shared_prerequisite_is_counted_once()
    {
        // Alone, each skill is cheaper by its stand-alone badge (12 h) than through BASE (10 + 5 = 15 h), which adds up to
        // 24 h; sharing BASE closes both for 10 + 5 + 5 = 20 h.
        var scenario = new PathwayScenario()
            .Badge("BASE", 10)
            .Badge("SA-2", 5, "SA:2", "BASE")
            .Badge("SB-2", 5, "SB:2", "BASE")
            .Badge("SA-ALT", 12, "SA:2")
            .Badge("SB-ALT", 12, "SB:2")
            .Role("R", ("SA", 2, 3, false), ("SB", 2, 3, false))
            .Employee("E-1", "R");

        var pathway = scenario.Plan("E-1");

        Assert.True(pathway.Optimal);
        Assert.Equal(20m, pathway.TotalHours);
        Assert.Equal(["BASE", "SA-2", "SB-2"], pathway.Badges());
        Assert.Equal([new BadgeId("SA-2"), new BadgeId("SB-2")], pathway.Steps[0].NeededBy);
    }

    [Fact]
    public void The_greedy_heuristic_misses_the_shared_prerequisite_that_exact_search_finds()
    {
        // Same catalogue as above. Greedy: SA-ALT closes weight·gap 6 for 12 h (0.5/h) against BASE + SA-2 (6 for 15 h,
        // 0.4/h), and likewise SB-ALT: 24 h. Dropping either ALT and completing again costs 12 + 15 = 27 h > 24 h, so
        // local improvement keeps 24 h, and the plan is not claimed optimal.
        var scenario = new PathwayScenario()
            .Badge("BASE", 10)
            .Badge("SA-2", 5, "SA:2", "BASE")
            .Badge("SB-2", 5, "SB:2", "BASE")
            .Badge("SA-ALT", 12, "SA:2")
            .Badge("SB-ALT", 12, "SB:2")
            .Role("R", ("SA", 2, 3, false), ("SB", 2, 3, false))
            .Employee("E-1", "R");

        var heuristic = scenario.Plan("E-1", options: new PathwayOptions(ExactCandidateLimit: 4));

        Assert.False(heuristic.Optimal);
        Assert.Equal(24m, heuristic.TotalHours);
        Assert.Equal(["SA-ALT", "SB-ALT"], heuristic.Badges());
    }

    [Fact]
    public void Held_valid_badges_are_free_and_meet_prerequisites()
    {
        // E-1 holds PY-101 (PY 1) and SQL-101 (SQL 2), both valid: only PY-201 (22 h) is left.
        // Readiness before = (4·1 + 3·2) / (4·3 + 3·2) = 10/18; after = 18/18.
        var scenario = new PathwayScenario()
            .Badge("PY-101", 8, "PY:1")
            .Badge("PY-201", 22, "PY:3", "PY-101")
            .Badge("SQL-101", 10, "SQL:2")
            .Role("ANALYST", ("PY", 3, 4, true), ("SQL", 2, 3, false))
            .Employee("E-1", "ANALYST")
            .Award("E-1", "PY-101", "2025-06-01")
            .Award("E-1", "SQL-101", "2025-06-01");

        var pathway = scenario.Plan("E-1");

        Assert.Equal(["PY-201"], pathway.Badges());
        Assert.Equal(22m, pathway.TotalHours);
        Assert.Equal(10.0 / 18, pathway.ReadinessBefore, 12);
        Assert.Equal(1.0, pathway.ReadinessAfter, 12);
        Assert.Equal([new SkillChange(new SkillCode("PY"), 1, 3)], pathway.Steps[0].Closes);
    }

    [Fact]
    public void An_expired_badge_still_meets_a_prerequisite_and_is_earned_again_for_its_skills()
    {
        // PY-201 was issued 2023-01-01 for 24 months: expired on 2025-01-01, before 2026-01-31.
        var scenario = new PathwayScenario()
            .Badge("PY-201", 22, "PY:3", validMonths: 24)
            .Badge("ML-301", 20, "ML:3", "PY-201")
            .Role("ML-ENG", ("ML", 3, 5, true))
            .Role("PY-DEV", ("PY", 3, 4, false))
            .Employee("E-1", "ML-ENG")
            .Award("E-1", "PY-201", "2023-01-01");

        // For ML the expired award meets ML-301's prerequisite: only ML-301.
        var forMl = scenario.Plan("E-1");
        Assert.Equal(["ML-301"], forMl.Badges());
        Assert.Equal(20m, forMl.TotalHours);

        // For PY it attests nothing any more: earned again at full hours, and the reason says so.
        var forPy = scenario.Plan("E-1", "PY-DEV");
        Assert.Equal(new RoleCode("PY-DEV"), forPy.TargetRole);
        Assert.Equal(["PY-201"], forPy.Badges());
        Assert.Equal(22m, forPy.TotalHours);
        Assert.Equal(0.0, forPy.ReadinessBefore);
        Assert.Equal("Closes PY 0→3 (weight 4); renews an expired award; 22 h", forPy.Steps[0].Reason);
    }

    [Fact]
    public void A_revoked_award_neither_attests_nor_meets_a_prerequisite()
    {
        var scenario = new PathwayScenario()
            .Badge("PY-201", 22, "PY:3")
            .Badge("ML-301", 20, "ML:3", "PY-201")
            .Role("ML-ENG", ("ML", 3, 5, true))
            .Employee("E-1", "ML-ENG")
            .Award("E-1", "PY-201", "2025-01-01", state: VerificationState.Revoked);

        Assert.Equal(["PY-201", "ML-301"], scenario.Plan("E-1").Badges());
    }

    [Fact]
    public void A_stack_needs_its_children_and_attests_only_its_own_skills()
    {
        // DATA-STACK (2 h capstone, DA 4) has children C1 (5 h) and C2 (6 h), which attest DA 2 only.
        // E-1 holds C1, so the plan is C2 then the stack: 8 h. Nothing else attests DA 4.
        var scenario = new PathwayScenario()
            .Badge("DATA-STACK", 2, "DA:4")
            .Badge("C1", 5, "DA:2", stack: "DATA-STACK")
            .Badge("C2", 6, "DA:2;DB:1", stack: "DATA-STACK")
            .Role("R", ("DA", 4, 2, false))
            .Employee("E-1", "R")
            .Employee("E-2", "R")
            .Award("E-1", "C1", "2025-03-01");

        var holder = scenario.Plan("E-1");
        Assert.True(holder.Optimal);
        Assert.Equal(["C2", "DATA-STACK"], holder.Badges());
        Assert.Equal(8m, holder.TotalHours);
        // E-1 has DA 2 from C1; C2 raises nothing further, the stack raises DA 2→4.
        Assert.Empty(holder.Steps[0].Closes);
        Assert.Equal([new SkillChange(new SkillCode("DA"), 2, 4)], holder.Steps[1].Closes);

        // E-2 holds nothing: both children first (C1 raises DA 0→2 at 5 h; C2 is then worth nothing), then the stack.
        var newcomer = scenario.Plan("E-2");
        Assert.Equal(["C1", "C2", "DATA-STACK"], newcomer.Badges());
        Assert.Equal(13m, newcomer.TotalHours);
        Assert.Equal([0.5, 0.5, 1.0], newcomer.Steps.Select(s => s.ReadinessAfter));
    }

    [Fact]
    public void A_gap_the_catalogue_cannot_close_is_raised_as_far_as_possible_and_listed()
    {
        // ML 5 is required; ML-401 attests 4; CYC-A would attest 5 but needs CYC-B, which needs CYC-A (never earnable).
        // No badge attests GO at all. Readiness after = (1·4 + 2·0) / (1·5 + 2·3) = 4/11.
        var scenario = new PathwayScenario()
            .Badge("ML-401", 30, "ML:4")
            .Badge("CYC-A", 1, "ML:5", "CYC-B")
            .Badge("CYC-B", 1, "", "CYC-A")
            .Badge("MISSING-PRE", 1, "ML:5", "NOT-IN-CATALOGUE")
            .Role("R", ("ML", 5, 1, false), ("GO", 3, 2, true))
            .Employee("E-1", "R");

        var pathway = scenario.Plan("E-1");

        Assert.True(pathway.Optimal);
        Assert.Equal(["ML-401"], pathway.Badges());
        Assert.Equal(4.0 / 11, pathway.ReadinessAfter, 12);
        // best = the best level any catalogue badge attests (DESIGN §3): ML 5 (CYC-A, MISSING-PRE), GO 0;
        // reachable = what this employee can reach: ML 4 (ML-401), GO 0.
        Assert.Equal(
            [new UncoverableGap(new SkillCode("ML"), 5, 5, 4), new UncoverableGap(new SkillCode("GO"), 3, 0, 0)],
            pathway.Uncoverable);
        var document = PathwayDocument.From(pathway).ToJson();
        Assert.Contains("\"uncoverable\":[{\"skill\":\"ML\",\"required\":5,\"best\":5,\"reachable\":4},{\"skill\":\"GO\",\"required\":3,\"best\":0,\"reachable\":0}]", document);
    }

    [Fact]
    public void Equal_hour_plans_are_broken_by_model_score_then_by_badge_id()
    {
        var scenario = new PathwayScenario()
            .Badge("PY-A", 10, "PY:3")
            .Badge("PY-B", 10, "PY:3")
            .Role("R", ("PY", 3, 4, true))
            .Employee("E-1", "R");

        Assert.Equal(["PY-A"], scenario.Plan("E-1").Badges());
        var scores = new Dictionary<string, double> { ["PY-A"] = 0.1, ["PY-B"] = 0.9 };
        var scored = scenario.Plan("E-1", options: new PathwayOptions(Score: b => scores[b.Value]));
        Assert.Equal(["PY-B"], scored.Badges());
        var heuristic = scenario.Plan("E-1", options: new PathwayOptions(ExactCandidateLimit: 0, Score: b => scores[b.Value]));
        Assert.Equal(["PY-B"], heuristic.Badges());
        Assert.False(heuristic.Optimal);
    }

    [Fact]
    public void Free_choices_are_ordered_by_readiness_gained_per_hour_then_by_score()
    {
        // Role: A 2 (w1), B 2 (w1), C 2 (w1); Σ w·req = 6. A-2: 2/6 for 10 h; B-2: 2/6 for 4 h; C-2: 2/6 for 4 h.
        // B-2 and C-2 tie per hour; C-2 has the higher score, so C-2, B-2, A-2.
        var scenario = new PathwayScenario()
            .Badge("A-2", 10, "A:2")
            .Badge("B-2", 4, "B:2")
            .Badge("C-2", 4, "C:2")
            .Role("R", ("A", 2, 1, false), ("B", 2, 1, false), ("C", 2, 1, false))
            .Employee("E-1", "R");

        var pathway = scenario.Plan("E-1", options: new PathwayOptions(Score: b => b.Value == "C-2" ? 1 : 0));

        Assert.Equal(["C-2", "B-2", "A-2"], pathway.Badges());
        Assert.Equal([2.0 / 6, 4.0 / 6, 1.0], pathway.Steps.Select(s => s.ReadinessAfter));
    }

    [Fact]
    public void Nothing_is_planned_when_the_employee_already_meets_the_role()
    {
        var scenario = new PathwayScenario()
            .Badge("PY-201", 22, "PY:3")
            .Role("R", ("PY", 3, 4, true))
            .Employee("E-1", "R")
            .Award("E-1", "PY-201", "2025-01-01");

        var pathway = scenario.Plan("E-1");

        Assert.True(pathway.Optimal);
        Assert.Empty(pathway.Steps);
        Assert.Equal(0m, pathway.TotalHours);
        Assert.Equal(1.0, pathway.ReadinessAfter);
    }

    [Fact]
    public void An_unknown_target_role_is_an_argument_error()
    {
        var scenario = new PathwayScenario().Role("R").Employee("E-1", "R");
        Assert.Throws<ArgumentException>(() => scenario.Plan("E-1", "NOPE"));
    }

    [Fact]
    public void The_json_document_matches_the_command_line_contract()
    {
        // ANALYST: PY 3 (w4, critical), SQL 2 (w3), VIZ 2 (w2), ML 5 (w1): Σ w·req = 12 + 6 + 4 + 5 = 27.
        // E-104 holds PY-101 (PY 1), SQL-201 (SQL 2), ML-401 (ML 4): before = (4 + 6 + 0 + 4) / 27 = 14/27 = 0.5185.
        // VIZ-101 gains 4/27 in 6 h, PY-201 gains 8/27 in 22 h: VIZ first (18/27 = 0.6667), then PY (26/27 = 0.963).
        // No badge attests ML 5: uncoverable, best 4 (ML-401), and E-104 can reach 4.
        var scenario = new PathwayScenario()
            .Badge("PY-101", 8, "PY:1")
            .Badge("PY-201", 22.0m, "PY:3", "PY-101", name: "Python for analysis")
            .Badge("SQL-201", 10, "SQL:2")
            .Badge("VIZ-101", 6, "VIZ:2", name: "Dashboards")
            .Badge("ML-401", 30, "ML:4")
            .Role("ANALYST", ("PY", 3, 4, true), ("SQL", 2, 3, false), ("VIZ", 2, 2, false), ("ML", 5, 1, false))
            .Employee("E-104", "ANALYST")
            .Award("E-104", "PY-101", "2025-02-01")
            .Award("E-104", "SQL-201", "2025-02-01")
            .Award("E-104", "ML-401", "2025-02-01");
        var options = new PathwayOptions(PeerSignal: b => b.Value == "PY-201" ? "31% of Data Analysts earned this next" : null);

        var json = PathwayDocument.From(scenario.Plan("E-104", options: options)).ToJson();

        Assert.Equal(
            """{"employee":"E-104","targetRole":"ANALYST","optimal":true,"totalHours":28,"readinessBefore":0.5185,"readinessAfter":0.963"""
            + ""","steps":[{"badge":"VIZ-101","badgeName":"Dashboards","hours":6,"closes":[{"skill":"VIZ","from":0,"to":2}],"neededBy":[],"readinessAfter":0.6667,"reason":"Closes VIZ 0→2 (weight 2); 6 h"}"""
            + """,{"badge":"PY-201","badgeName":"Python for analysis","hours":22,"closes":[{"skill":"PY","from":1,"to":3}],"neededBy":[],"readinessAfter":0.963,"reason":"Closes PY 1→3 (weight 4, critical); 22 h; 31% of Data Analysts earned this next"}]"""
            + ""","uncoverable":[{"skill":"ML","required":5,"best":4,"reachable":4}]}""",
            json);
    }
}
