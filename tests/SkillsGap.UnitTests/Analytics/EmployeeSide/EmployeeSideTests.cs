using SkillsGap.Analytics.Gamification;
using SkillsGap.Analytics.Progress;
using SkillsGap.Analytics.Wallet;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using static SkillsGap.UnitTests.Analytics.EmployeeSide.SmallAcademy;

namespace SkillsGap.UnitTests.Analytics.EmployeeSide;

public class SkillPointsTests
{
    [Fact]
    public void Each_award_earns_the_weighted_levels_of_gap_it_closed_against_the_role_in_force_on_its_day()
    {
        var f = Figures();
        var ledger = SkillPoints.Compute(f, History());
        int P(string e, string b, string on) => ledger.OfAward(AwardIndex(e, b, on))!.Points;

        // E1 B-SQL1 2023-02-01, Analyst v1 (SQL 3 w4): SQL 0→2 = 4·2 = 8 (against Team Lead it would be 2·2 = 4).
        Assert.Equal(8, P("E1", "B-SQL1", "2023-02-01"));
        // E1 B-SQL2 2024-03-01, v1: SQL 2→3 = 4·1 = 4.
        Assert.Equal(4, P("E1", "B-SQL2", "2024-03-01"));
        // E1 B-PIV 2025-09-10, v2 (XL 3 w2, PIV 2 w3): PIV 0→2 (3·2 = 6) and XL 0→3 (2·3 = 6) = 12.
        var piv = ledger.OfAward(AwardIndex("E1", "B-PIV", "2025-09-10"))!;
        Assert.Equal(12, piv.Points);
        Assert.Equal(new RoleCode("ANALYST"), piv.Against);
        Assert.Equal([new PointsLine(new SkillCode("XL"), 0, 3, 2), new PointsLine(new SkillCode("PIV"), 0, 2, 3)], piv.Lines);
        // E1 B-XL the same day, counted after B-PIV (badge id order): Excel is already at 3, so nothing.
        Assert.Equal(0, P("E1", "B-XL", "2025-09-10"));
        // E1 B-MINE is revoked: no points, and no entry.
        Assert.Null(ledger.OfAward(AwardIndex("E1", "B-MINE", "2026-01-05")));
        // E1 B-PY 2026-10-01 (unverified, counts): Analyst needs no Python; the target role Team Lead PY 0→2 = 3·2 = 6.
        var py = ledger.OfAward(AwardIndex("E1", "B-PY", "2026-10-01"))!;
        Assert.Equal((6, new RoleCode("LEAD")), (py.Points, py.Against!.Value));
        // E2 was a Team Lead on 2024-06-01: B-SQL1 SQL 0→2 against Team Lead (w2) = 4; as an Analyst since: B-XL 0→3 = 6.
        Assert.Equal(4, P("E2", "B-SQL1", "2024-06-01"));
        Assert.Equal(6, P("E2", "B-XL", "2025-10-15"));
        Assert.Equal(0, P("E2", "B-PY", "2026-11-01"));
        // Totals up to the date: E1 8 + 4 + 12 + 0 + 6 = 30 (B-FMT of 2026-11-30 is later); E2 4 + 6 + 0 = 10; E3 4·2 = 8.
        Assert.Equal(30, ledger.Total(Index(f, "E1"), to: f.AsOf));
        Assert.Equal(10, ledger.Total(Index(f, "E2"), to: f.AsOf));
        Assert.Equal(8, ledger.Total(Index(f, "E3"), to: f.AsOf));
        Assert.Equal(18, ledger.Total(Index(f, "E1"), D("2025-09-01"), D("2026-10-31")));
    }

    [Fact]
    public void Without_a_history_points_are_counted_against_the_roles_of_the_snapshot()
    {
        var f = Figures();
        var ledger = SkillPoints.Compute(f);

        // E2's B-SQL1 against Analyst v2 (SQL 3 w4): 0→2 = 8, where the history says Team Lead, 4.
        Assert.Equal(8, ledger.OfAward(AwardIndex("E2", "B-SQL1", "2024-06-01"))!.Points);
    }

    [Fact]
    public void A_badge_renewed_on_the_day_it_expires_closes_nothing_and_renewed_after_a_lapse_earns_again()
    {
        var snapshot = new OrganisationSnapshot(D("2026-12-31"), Skills, [AnalystV2], Badges,
            [new Employee(new EmployeeId("E1"), "Ana", null, new RoleCode("ANALYST")), new Employee(new EmployeeId("E2"), "Ben", null, new RoleCode("ANALYST"))],
            [
                new Award(new EmployeeId("E1"), new BadgeId("B-SQL1"), D("2023-01-01")),
                new Award(new EmployeeId("E1"), new BadgeId("B-SQL2"), D("2024-01-10")), // expires 2026-01-10
                new Award(new EmployeeId("E1"), new BadgeId("B-SQL2"), D("2026-01-10")),
                new Award(new EmployeeId("E2"), new BadgeId("B-SQL1"), D("2023-01-01")),
                new Award(new EmployeeId("E2"), new BadgeId("B-SQL2"), D("2024-01-10")),
                new Award(new EmployeeId("E2"), new BadgeId("B-SQL2"), D("2026-03-01")),
            ]);
        var ledger = SkillPoints.Compute(GapEngine.Compute(snapshot));

        // SQL 2→3 against SQL 3 (w4) = 4 the first time; renewed on its expiry day: still 3 the day before, 0.
        Assert.Equal(4, ledger.OfAward(1)!.Points);
        Assert.Equal(0, ledger.OfAward(2)!.Points);
        // E2 let it lapse for seven weeks: SQL was back at 2, so the renewal closes the gap again: 4.
        Assert.Equal(4, ledger.OfAward(5)!.Points);
    }
}

public class CredentialWalletTests
{
    [Fact]
    public void The_wallet_lists_every_award_newest_first_with_state_validity_skills_points_and_renewal()
    {
        var f = Figures();
        var wallet = CredentialWallet.Build(f, Index(f, "E1"), SkillPoints.Compute(f, History()));

        Assert.Equal(("E1", D("2026-11-28"), 30), (wallet.Employee, wallet.AsOf, wallet.Points));
        // B-FMT (2026-11-30) is after the date; one day's awards by badge id.
        Assert.Equal(["B-PY", "B-MINE", "B-PIV", "B-XL", "B-SQL2", "B-SQL1"], wallet.Awards.Select(a => a.Badge));
        var py = wallet.Awards[0];
        Assert.Equal(("unverified", true, 6, (DateOnly?)null), (py.State, py.Valid, py.Points, py.ExpiresOn));
        var mine = wallet.Awards[1];
        Assert.Equal(("revoked", false, 0, (string?)null), (mine.State, mine.Valid, mine.Points, mine.RenewWith));
        var piv = wallet.Awards[2];
        Assert.Equal(("verified", true, 12, "urn:uuid:1111"), (piv.State, piv.Valid, piv.Points, piv.Credential));
        Assert.Equal([("PIV", 3, "3 practitioner"), ("XL", 3, "3 practitioner")], piv.Skills.Select(s => (s.Skill, s.Level, s.LevelName)));
        var sql2 = wallet.Awards[4];
        Assert.Equal((D("2026-03-01"), false, true, "B-SQL2", 4), (sql2.ExpiresOn!.Value, sql2.Valid, sql2.Expired, sql2.RenewWith, sql2.Points));
        Assert.Equal("expired on 2026-03-01: earn it again to renew it", sql2.Status);
        var sql1 = wallet.Awards[5];
        Assert.Equal(("recorded", true, 8, "https://evidence.example/1", "Internal Academy"), (sql1.State, sql1.Valid, sql1.Points, sql1.Evidence, sql1.Issuer));
        Assert.Equal("valid, does not expire", sql1.Status);
    }

    [Fact]
    public void A_stack_shows_the_children_held_the_missing_ones_with_their_hours_and_the_share_done()
    {
        var f = Figures();
        var stack = Assert.Single(CredentialWallet.Build(f, Index(f, "E1")).Stacks);

        // Children of ST-XL: B-PIV (held), B-FMT (earned only after the date), B-MINE (revoked): 1 of 3.
        Assert.Equal(("ST-XL", "Advanced Excel Professional", false), (stack.Stack, stack.Name, stack.Earned));
        Assert.Equal(["B-PIV"], stack.Held);
        Assert.Equal([("B-FMT", 3m), ("B-MINE", 6m)], stack.Missing.Select(m => (m.Badge, m.Hours)));
        Assert.Equal(0.3333, stack.Progress);
        // 3 + 6 h of children and the 2-hour capstone.
        Assert.Equal((2m, 11m), (stack.CapstoneHours, stack.HoursToGo));
        Assert.Equal("1 of 3 toward Advanced Excel Professional", stack.Summary);
        // E3 holds no child: no stack in the wallet.
        Assert.Empty(CredentialWallet.Build(f, Index(f, "E3")).Stacks);
    }

    [Fact]
    public void The_wallet_document_keeps_the_contracts_field_names_and_order()
    {
        var f = Figures();
        var json = CredentialWallet.Build(f, Index(f, "E1"), SkillPoints.Compute(f, History())).ToJson();

        Assert.StartsWith("{\"employee\":\"E1\",\"asOf\":\"2026-11-28\",\"points\":30,\"awards\":[{\"badge\":\"B-PY\",\"name\":\"Python Basics\"," +
                          "\"issuer\":\"Internal Academy\",\"issuedOn\":\"2026-10-01\",\"expiresOn\":null,\"state\":\"unverified\",\"valid\":true," +
                          "\"skills\":[{\"skill\":\"PY\",\"level\":2,", json, StringComparison.Ordinal);
        Assert.Contains("\"stacks\":[{\"stack\":\"ST-XL\",\"name\":\"Advanced Excel Professional\",\"earned\":false,\"held\":[\"B-PIV\"]," +
                        "\"missing\":[{\"badge\":\"B-FMT\",\"hours\":3,", json, StringComparison.Ordinal);
        Assert.Contains("\"progress\":0.3333", json, StringComparison.Ordinal);
    }
}

public class ChallengeTests
{
    private static readonly Challenge Sprint = new("Autumn sprint", ChallengeScope.Manager, new EmployeeId("M1"), null,
        ChallengeGoal.Parse("points:10"), D("2025-09-01"), D("2026-10-31"));

    [Fact]
    public void A_points_challenge_counts_the_points_earned_within_its_dates_per_person_and_for_the_group()
    {
        var f = Figures();
        var progress = ChallengeProgress.Measure(Sprint, f, SkillPoints.Compute(f, History()));

        // M1's team is E1 and E2. E1 earned 12 (B-PIV, 2025-09-10: 10 reached that day) + 0 + 6 (B-PY) = 18 within the dates;
        // E2 6 (B-XL, 2025-10-15), 6 of 10. The challenge ended on 2026-10-31: closed, final.
        Assert.Equal(("closed", 2, 1, 0.5, 0.8, 24), (progress.Status, progress.People, progress.Completed, progress.CompletedShare,
            progress.MeanProgress, progress.Points));
        var ana = progress.Participants[0];
        Assert.Equal(("E1", 1.0, true, D("2025-09-10"), 18, "10 of 10 points"), (ana.Employee, ana.Progress, ana.Completed, ana.CompletedOn!.Value, ana.Points, ana.Text));
        var ben = progress.Participants[1];
        Assert.Equal(("E2", 0.6, false, 6, "6 of 10 points"), (ben.Employee, ben.Progress, ben.Completed, ben.Points, ben.Text));
    }

    [Fact]
    public void A_challenge_is_measured_as_of_any_date()
    {
        // On 2025-09-30 only E1's B-PIV (12) has been earned within the dates.
        var f = Figures("2025-09-30");
        var progress = ChallengeProgress.Measure(Sprint, f, SkillPoints.Compute(f, History()));

        Assert.Equal(("open", 1, 0.5, 12), (progress.Status, progress.Completed, progress.MeanProgress, progress.Points));
        Assert.Equal("upcoming", ChallengeProgress.Measure(Sprint, Figures("2025-08-01"), SkillPoints.Compute(Figures("2025-08-01"))).Status);
    }

    [Fact]
    public void Skill_and_badge_challenges_measure_levels_reached_and_badges_held_or_earned()
    {
        var f = Figures();
        var points = SkillPoints.Compute(f, History());
        // Raise Excel to 3 in the Data department, from 2025-09-01: E1 reached 3 on 2025-09-10, E2 on 2025-10-15.
        var excel = ChallengeProgress.Measure(new Challenge("Excel", ChallengeScope.Department, null, "Data", ChallengeGoal.Parse("skill:XL:3"),
            D("2025-09-01"), D("2025-12-31")), f, points);
        Assert.Equal([("E1", 1.0, D("2025-09-10"), 0, 3), ("E2", 1.0, D("2025-10-15"), 0, 3)],
            excel.Participants.Select(p => (p.Employee, p.Progress, p.CompletedOn!.Value, p.StartLevel!.Value, p.Level!.Value)));
        Assert.Equal("Excel (XL) at 3 practitioner of 3 practitioner", excel.Participants[0].Text);

        // Hold B-SQL1 and B-PY, organisation-wide, 2026-09-01 to 2026-12-31, as of 2026-11-28: E1 held B-SQL1 before and
        // earned B-PY on 2026-10-01 (done); E2 held B-SQL1 and earned B-PY 2026-11-01 (done); E3 holds B-SQL1 only (1 of 2);
        // M1 nothing.
        var badges = ChallengeProgress.Measure(new Challenge("Basics", ChallengeScope.Org, null, null, ChallengeGoal.Parse("badges:B-SQL1;B-PY"),
            D("2026-09-01"), D("2026-12-31")), f, points);
        Assert.Equal([("E1", 1.0, true), ("E2", 1.0, true), ("E3", 0.5, false), ("M1", 0.0, false)],
            badges.Participants.Select(p => (p.Employee, p.Progress, p.Completed)));
        Assert.Equal(["B-PY"], badges.Participants[2].Missing);
        Assert.Equal(("open", 4, 2, 0.625), (badges.Status, badges.People, badges.Completed, badges.MeanProgress));
    }

    [Theory]
    [InlineData("points:40", ChallengeGoalKind.Points)]
    [InlineData("skill:SQL:3", ChallengeGoalKind.Skill)]
    [InlineData("badges:A;B", ChallengeGoalKind.Badges)]
    public void A_goal_reads_back_as_written(string text, ChallengeGoalKind kind)
    {
        var goal = ChallengeGoal.Parse(text);
        Assert.Equal((kind, text), (goal.Kind, goal.ToString()));
    }

    [Theory]
    [InlineData("points:0")]
    [InlineData("points:x")]
    [InlineData("skill:SQL:9")]
    [InlineData("skill:SQL")]
    [InlineData("badges:")]
    [InlineData("hours:3")]
    public void A_malformed_goal_is_rejected_saying_what_is_expected(string text)
    {
        var error = Assert.Throws<FormatException>(() => ChallengeGoal.Parse(text));
        Assert.Contains("points:N", error.Message, StringComparison.Ordinal);
    }
}

public class StandingsTests
{
    [Fact]
    public void Names_appear_only_for_those_who_opted_in_and_each_person_sees_their_own_place()
    {
        // Progress in the sprint: E1 1.0 (opted in), E2 0.6 (not).
        var standings = Standings.Rank([(new EmployeeId("E2"), "Ben Hale", 0.6), (new EmployeeId("E1"), "Ana Ortiz", 1.0)], id => id.Value == "E1");

        var forBen = standings.ViewFor(new EmployeeId("E2"));
        Assert.Equal([(1, "E1", "Ana Ortiz", false), (2, "E2", "Ben Hale", true)], forBen.Lines.Select(l => (l.Place, l.Employee, l.Name, l.You)));
        Assert.Equal((2, "2nd of 2", 1), (forBen.YourPlace!.Value, forBen.YourPlaceText, forBen.Named));
        var forManager = standings.ViewFor(new EmployeeId("M1"));
        Assert.Equal([("E1", "Ana Ortiz"), (null, null)], forManager.Lines.Select(l => (l.Employee, l.Name)));
        Assert.Null(forManager.YourPlace);
    }

    [Fact]
    public void Equal_scores_share_a_place()
    {
        var standings = Standings.Rank([(new EmployeeId("A"), "A", 5), (new EmployeeId("B"), "B", 3), (new EmployeeId("C"), "C", 3), (new EmployeeId("D"), "D", 1)], _ => true);

        Assert.Equal([1, 2, 2, 4], standings.ViewFor(null).Lines.Select(l => l.Place));
    }

    [Theory]
    [InlineData(1, 12, "1st of 12")]
    [InlineData(3, 12, "3rd of 12")]
    [InlineData(4, 40, "top 10%")]
    [InlineData(5, 40, "top 25%")]
    [InlineData(10, 40, "top 25%")]
    [InlineData(11, 40, "top half")]
    [InlineData(20, 40, "top half")]
    [InlineData(21, 40, "in the second half")]
    public void A_place_reads_in_plain_words(int place, int people, string text) => Assert.Equal(text, Standings.PlaceText(place, people));
}

public class EqualChanceTests
{
    [Fact]
    public void Departments_and_locations_show_who_learned_recently_the_hours_per_person_and_who_has_a_badge_offered()
    {
        var f = Figures();
        var report = EqualChanceReport.Measure(f, e => f.Snapshot.Employees[e].Id.Value == "E1");

        // The 90 days up to 2026-11-28 start on 2026-08-31: E1 B-PY (2026-10-01, 10 h) and E2 B-PY (2026-11-01, 10 h).
        Assert.Equal(("organisation", 4, 2, 0.5, 20m, 5.0, 1, 0.25), Row(report.Org));
        // Who is left out first: Ops and Sales learned nothing recently.
        Assert.Equal([("Ops", 1, 0, 0.0, 0m, 0.0, 0, 0.0), ("Sales", 1, 0, 0.0, 0m, 0.0, 0, 0.0), ("Data", 2, 2, 1.0, 20m, 10.0, 1, 0.5)],
            report.Departments.Select(Row));
        Assert.Equal([("Leeds", 2, 1, 0.5, 10m, 5.0, 0, 0.0), ("London", 2, 1, 0.5, 10m, 5.0, 1, 0.5)], report.Locations.Select(Row));
    }

    private static (string, int, int, double, decimal, double, int, double) Row(EqualChanceRow r) =>
        (r.Value, r.People, r.EarnedRecently, r.EarnedShare, r.HoursEarned, r.HoursPerPerson, r.WithBadgeOffered, r.OfferedShare);
}

public class JourneyTests
{
    [Fact]
    public void The_role_and_target_role_are_one_journey_with_hours_and_badges_done_and_to_do()
    {
        var f = Figures();
        var journey = Journey.Build(f, Index(f, "E1"));

        // Attained on 2026-11-28: SQL 2 (B-SQL2 expired), XL 3, PIV 3, PY 2. Analyst v2 readiness (4·2 + 2·3 + 3·2) / (12 + 6 + 6)
        // = 20/24; Team Lead (SQL 2, PY 2) is met. The one step: B-SQL2 again (16 h), SQL 2→3, for the Analyst role only.
        var step = Assert.Single(journey.ToDo);
        Assert.Equal(("B-SQL2", 16m, true, false, 1.0, 1.0), (step.Badge, step.Hours, step.ForRole, step.ForTarget, step.RoleReadinessAfter, step.TargetReadinessAfter!.Value));
        Assert.Equal("SQL querying (SQL) from 2 working to 3 practitioner", Assert.Single(step.Closes).Text);
        // Done: the valid badges that attest a requirement of either role: B-SQL1 (8 h), B-PIV (4 h), B-XL (6 h), B-PY (10 h).
        Assert.Equal(["B-SQL1", "B-PIV", "B-XL", "B-PY"], journey.Done.Select(d => d.Badge));
        Assert.Equal((28m, 44m, 4, 5, 0.6364), (journey.HoursDone, journey.HoursTotal, journey.BadgesDone, journey.BadgesTotal, journey.Progress));
        Assert.Equal("4 of 5 badges and 28 of 44 hours done toward Analyst and Team Lead.", journey.Summary);
        Assert.Equal((0.8333, 1.0, false, true), (journey.Role.ReadinessNow, journey.Role.ReadinessReachable, journey.Role.ReadyNow, journey.Role.CanBeReady));
        Assert.Equal("83% ready for Analyst; the journey takes you to 100%, which is ready.", journey.Role.Summary);
        Assert.Equal("Ready for Team Lead.", journey.Target!.Summary);
        var sql = journey.Requirements.Single(r => r.Skill == "SQL");
        Assert.Equal((3, 2, 3, true, true), (sql.Required, sql.Attained, sql.Reachable, sql.ForRole, sql.ForTarget));
        Assert.Equal("SQL querying (SQL): 2 working, 3 practitioner needed", sql.Text);
        Assert.Empty(journey.Unreachable);
    }

    [Fact]
    public void A_critical_requirement_no_badge_reaches_is_said_plainly()
    {
        // SEC needs IR 4 (w5, critical) and FUND 3 (w5); the best badge attests IR 3. After both badges:
        // (5·3 + 5·3) / (5·4 + 5·3) = 30/35 ≈ 86%, and never ready.
        var snapshot = new OrganisationSnapshot(D("2026-01-31"), [new Skill(new SkillCode("IR"), "Incident response")],
            [new RoleVersion(new RoleCode("SEC"), "Security Engineer", null, 1, D("2020-01-01"),
                [new RoleRequirement(new SkillCode("IR"), new ProficiencyLevel(4), 5, true), new RoleRequirement(new SkillCode("FUND"), new ProficiencyLevel(3), 5)])],
            [new Badge(new BadgeId("IR-201"), "Incident Handler", null, [new BadgeSkill(new SkillCode("IR"), new ProficiencyLevel(3))], 30, PrerequisiteRule.None),
             new Badge(new BadgeId("F-1"), "Fundamentals", null, [new BadgeSkill(new SkillCode("FUND"), new ProficiencyLevel(3))], 5, PrerequisiteRule.None)],
            [new Employee(new EmployeeId("L"), "Leah", null, new RoleCode("SEC"))], []);
        var journey = Journey.Build(GapEngine.Compute(snapshot), 0);

        Assert.False(journey.Role.CanBeReady);
        Assert.Equal(0.8571, journey.Role.ReadinessReachable);
        Assert.Equal("0% ready for Security Engineer. No badge in the catalogue reaches Incident response (IR) 4 advanced: you can reach 86% but not \"ready\" — talk to your manager.",
            journey.Role.Summary);
        var unreachable = Assert.Single(journey.Unreachable);
        Assert.Equal(("IR", 4, 3, true), (unreachable.Skill, unreachable.Required, unreachable.Best, unreachable.Critical));
        Assert.Equal("No badge you can earn reaches Incident response (IR) 4 advanced (the best reaches 3 practitioner): you can reach 86% of Security Engineer but not \"ready\" — talk to your manager.",
            unreachable.Text);
    }

    [Fact]
    public void Being_ready_does_not_hide_an_award_about_to_lapse()
    {
        // Team Lead needs SQL 2 and PY 2. M holds B-SQL1 (never expires) and a one-year Python badge issued 2025-12-11, which
        // lapses on 2026-12-11, 13 days after the date: ready today, and Python would fall from 2 to 0.
        var badges = Badges.Append(new Badge(new BadgeId("B-PY1Y"), "Python (yearly)", null, [new BadgeSkill(new SkillCode("PY"), new ProficiencyLevel(2))], 4,
            PrerequisiteRule.None, 12)).ToList();
        var snapshot = new OrganisationSnapshot(D("2026-11-28"), Skills, [Lead], badges,
            [new Employee(new EmployeeId("M"), "Mia", null, new RoleCode("LEAD"))],
            [new Award(new EmployeeId("M"), new BadgeId("B-SQL1"), D("2024-01-01")), new Award(new EmployeeId("M"), new BadgeId("B-PY1Y"), D("2025-12-11"))]);
        var journey = Journey.Build(GapEngine.Compute(snapshot), 0);

        Assert.True(journey.Role.ReadyNow);
        var lapse = Assert.Single(journey.Role.ExpiringSoon);
        Assert.Equal(("B-PY1Y", D("2026-12-11"), "PY", 2, 0), (lapse.Badge, lapse.ExpiresOn, lapse.Skill, lapse.Now, lapse.Then));
        Assert.Equal("Ready for Team Lead today, but Python (yearly) expires on 2026-12-11 and Python (PY) would fall from 2 working to 0 none — renew it.",
            journey.Role.Summary);
    }
}
