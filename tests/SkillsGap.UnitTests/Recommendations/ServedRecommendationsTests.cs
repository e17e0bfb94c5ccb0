using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;

namespace SkillsGap.UnitTests.Recommendations;

public class ServedRecommendationsTests
{
    private static ServedRecommendations Serve(OrganisationSnapshot snapshot, string employee, int top = 5, ServeOptions? options = null,
        NextBadgeModel? model = null) =>
        new Recommender(model).Serve(GapEngine.Compute(snapshot), snapshot.EmployeeIndex(new(employee)), top, options);

    private static string[] Ids(ServedRecommendations served) => [.. served.Items.Select(i => i.Badge.Id.Value)];

    [Fact]
    public void A_prerequisite_on_the_way_to_a_gap_closing_badge_comes_before_a_popular_badge_and_says_what_it_unlocks()
    {
        // R needs K 3 (weight 3). G attests K 3 but needs P, which attests only Z; X attests Y and is what peers earn.
        // E holds nothing: the candidates are P and X (G's prerequisite is not met).
        var snapshot = new HistoryBuilder()
            .Role("R", "K:3:3")
            .Badge("P", "Z:1", hours: 5).Badge("G", "K:3", hours: 10, prerequisites: "P").Badge("X", "Y:2", hours: 1)
            .Employee("E", "R").Employee("F", "R").Employee("H", "R")
            .Award("F", "X", "2025-01-10").Award("H", "X", "2025-02-10")
            .Build("2026-01-31");

        var served = Serve(snapshot, "E");

        Assert.Equal(["P", "X"], Ids(served));
        var p = served.Items[0];
        Assert.Equal(RecommendationPurpose.RoleGap, p.Purpose);
        Assert.Empty(p.Closes);
        Assert.Equal(["G"], p.Unlocks.Select(u => u.Value));
        // Without a model: the gap it leads to per hour of the way there, 3 · (3 − 0) / (5 + 10) h = 0.6.
        Assert.Equal(0.6, p.Score, 6);
        Assert.Equal(RecommendationPurpose.Peers, served.Items[1].Purpose);
        Assert.Equal(1, served.GapClosingAvailable);
        Assert.Equal("gap-greedy", served.Source);
        Assert.Contains("Needed before G", p.Reason, StringComparison.Ordinal);
        Assert.Contains("popular with peers", served.Items[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_gap_closing_badges_are_ranked_by_weighted_gap_closed_per_hour()
    {
        // R needs K 3 (w3) and L 2 (w2). A: K 0→1 = 3 / 2 h = 1.5; B: K 0→3 = 9 / 12 h = 0.75; C: L 0→2 = 4 / 2 h = 2;
        // D closes nothing.
        var snapshot = new HistoryBuilder()
            .Role("R", "K:3:3", "L:2:2")
            .Badge("A", "K:1", hours: 2).Badge("B", "K:3", hours: 12).Badge("C", "L:2", hours: 2).Badge("D", "M:4", hours: 1)
            .Employee("E", "R")
            .Build("2026-01-31");

        var served = Serve(snapshot, "E");

        Assert.Equal(["C", "A", "B", "D"], Ids(served));
        Assert.Equal([2.0, 1.5, 0.75], served.Items.Take(3).Select(i => Math.Round(i.Score, 6)));
        Assert.Equal([new GapClosed(new SkillCode("L"), 0, 2)], served.Items[0].Closes);
        Assert.Equal(served.RankedBy, new Recommender(null).RankedBy);
        Assert.Contains("per hour", served.RankedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void With_fewer_than_top_asked_only_gap_closing_badges_are_served_when_enough_exist()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "K:3:3", "L:2:2")
            .Badge("A", "K:1", hours: 2).Badge("B", "K:3", hours: 12).Badge("C", "L:2", hours: 2).Badge("D", "M:4", hours: 1)
            .Employee("E", "R")
            .Build("2026-01-31");

        Assert.Equal(["C", "A"], Ids(Serve(snapshot, "E", top: 2)));
    }

    [Fact]
    public void An_award_whose_expiry_would_open_a_gap_is_offered_for_renewal_even_though_the_employee_is_ready()
    {
        // E-0296 in small: TL needs H 2 (w3) and P 2 (w2). H1 (valid 24 months) was issued 2024-12-11, so it expires
        // 2026-12-11, 13 days after 2026-11-28; then H falls from 2 to 0 and a gap of 2 opens. Readiness today is 1.
        var snapshot = new HistoryBuilder()
            .Role("TL", "H:2:3", "P:2:2")
            .Badge("H1", "H:2", hours: 4, validMonths: 24).Badge("P1", "P:2", hours: 4).Badge("N", "Q:1", hours: 1)
            .Employee("E", "TL")
            .Award("E", "H1", "2024-12-11").Award("E", "P1", "2025-01-01")
            .Build("2026-11-28");
        var figures = GapEngine.Compute(snapshot);
        Assert.True(figures.IsReady(snapshot.EmployeeIndex(new("E"))));

        var served = Serve(snapshot, "E", options: new ServeOptions(ExpiringWithinDays: 90));

        Assert.Equal(["H1", "N"], Ids(served));
        var renewal = served.Items[0];
        Assert.Equal(RecommendationPurpose.Renewal, renewal.Purpose);
        Assert.Equal(HistoryBuilder.D("2026-12-11"), renewal.RenewBy);
        Assert.Equal([new LevelDrop(new SkillCode("H"), 2, 0, 2, false)], renewal.Opens);
        // Without a model a renewal is weighed by the gap its lapse opens: 3 · 2 / 4 h = 1.5.
        Assert.Equal(1.5, renewal.Score, 6);
        Assert.Contains("Renew it: your award expires on 2026-12-11", renewal.Reason, StringComparison.Ordinal);
        Assert.Contains("from 2 working to 0 none", renewal.Reason, StringComparison.Ordinal);
        // 13 days ahead is beyond a 10-day look-ahead: nothing to renew yet.
        Assert.Equal(["N"], Ids(Serve(snapshot, "E", options: new ServeOptions(ExpiringWithinDays: 10))));
    }

    [Fact]
    public void A_badge_held_again_after_a_later_award_is_not_offered_for_renewal()
    {
        // H1 was earned twice; the later award (2026-06-01) outlives the first one's expiry, so no gap opens.
        var snapshot = new HistoryBuilder()
            .Role("TL", "H:2:3")
            .Badge("H1", "H:2", hours: 4, validMonths: 24).Badge("N", "Q:1", hours: 1)
            .Employee("E", "TL")
            .Award("E", "H1", "2024-12-11").Award("E", "H1", "2026-06-01")
            .Build("2026-11-28");

        Assert.Equal(["N"], Ids(Serve(snapshot, "E")));
    }

    [Fact]
    public void A_badge_that_closes_only_a_target_role_gap_is_served_for_the_target_role()
    {
        // R needs K 1, held; the target T needs M 2 (w3). MB closes M 0→2 for T only.
        var snapshot = new HistoryBuilder()
            .Role("R", "K:1:1").Role("T", "M:2:3")
            .Badge("KB", "K:1", hours: 1).Badge("MB", "M:2", hours: 6).Badge("X", "Y:1", hours: 1)
            .Employee("E", "R", target: "T")
            .Award("E", "KB", "2025-01-01")
            .Build("2026-01-31");

        var served = Serve(snapshot, "E");

        Assert.Equal(["MB", "X"], Ids(served));
        Assert.Equal(RecommendationPurpose.TargetGap, served.Items[0].Purpose);
        Assert.Empty(served.Items[0].Closes);
        Assert.Equal([new GapClosed(new SkillCode("M"), 0, 2)], served.Items[0].ClosesTarget);
        Assert.Equal(new RoleCode("T"), served.TargetRole);
        Assert.Contains("target role T title", served.Items[0].Reason, StringComparison.Ordinal);
        // Another target role can be asked for: against R alone, MB closes nothing.
        Assert.Equal(RecommendationPurpose.Peers,
            Serve(snapshot, "E", options: new ServeOptions(TargetRole: new RoleCode("R"))).Items.Single(i => i.Badge.Id.Value == "MB").Purpose);
    }

    [Fact]
    public void Of_two_alternative_prerequisites_the_cheaper_way_to_the_gap_comes_first()
    {
        // G (K 3, w3 → 9, 10 h) needs P1 (4 h) or P2 (10 h): 9 / 14 h ≈ 0.643 against 9 / 20 h = 0.45.
        var snapshot = new HistoryBuilder()
            .Role("R", "K:3:3")
            .Badge("G", "K:3", hours: 10, prerequisites: "P2|P1").Badge("P1", "Z:1", hours: 4).Badge("P2", "Z:1", hours: 10)
            .Employee("E", "R")
            .Build("2026-01-31");

        var served = Serve(snapshot, "E");

        Assert.Equal(["P1", "P2"], Ids(served));
        Assert.All(served.Items, i => Assert.Equal(["G"], i.Unlocks.Select(u => u.Value)));
        Assert.Equal(9.0 / 14, served.Items[0].Score, 6);
        Assert.Equal(9.0 / 20, served.Items[1].Score, 6);
    }

    [Fact]
    public void A_gap_closing_badge_that_can_never_be_earned_makes_nothing_a_prerequisite_on_the_way()
    {
        // G1 and G2 need each other (a cycle) and G3 needs a badge missing from the catalogue: none can ever be earned,
        // so P (which G3 also needs) unlocks nothing.
        var snapshot = new HistoryBuilder()
            .Role("R", "K:3:3")
            .Badge("G1", "K:3", prerequisites: "G2").Badge("G2", "K:2", prerequisites: "G1").Badge("G3", "K:3", prerequisites: "P;GONE")
            .Badge("P", "Z:1")
            .Employee("E", "R")
            .Build("2026-01-31");

        var served = Serve(snapshot, "E");

        Assert.Equal(["P"], Ids(served));
        Assert.Equal(RecommendationPurpose.Peers, served.Items[0].Purpose);
        Assert.Equal(0, served.GapClosingAvailable);
    }

    [Fact]
    public void An_expired_badge_that_closes_a_gap_again_is_served_to_earn_again()
    {
        var snapshot = new HistoryBuilder()
            .Role("R", "K:2:3")
            .Badge("KB", "K:2", hours: 3, validMonths: 12)
            .Employee("E", "R")
            .Award("E", "KB", "2024-03-01")
            .Build("2026-01-31");

        var item = Serve(snapshot, "E").Items.Single();

        Assert.Equal(RecommendationPurpose.RoleGap, item.Purpose);
        Assert.Equal(HistoryBuilder.D("2025-03-01"), item.ExpiredOn);
        Assert.Contains("expired on 2025-03-01", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_samples_the_security_engineer_and_the_team_lead_are_served_what_closes_their_gaps()
    {
        var snapshot = SampleOrganisation.Load();

        // E-0018 (Security Engineer): her gaps sit behind Security Awareness (SEC-101), which she lacks; every item before
        // the first peers item closes a gap, and SEC-101 says what it unlocks.
        var leah = Serve(snapshot, "E-0018", top: 10);
        Assert.Equal("SEC-101", leah.Items[0].Badge.Id.Value);
        Assert.Contains(new BadgeId("GRC-201"), leah.Items[0].Unlocks);
        Assert.Contains(new BadgeId("SEC-IR-201"), leah.Items[0].Unlocks);
        AssertGapClosingFirst(leah);

        // E-0296 (Team Lead, ready): HIRE-101 expires on 2026-12-11 and would reopen a LEAD-HIRING gap of 2.
        var nikhil = Serve(snapshot, "E-0296", top: 10, options: new ServeOptions(ExpiringWithinDays: 90));
        var hire = Assert.Single(nikhil.Items, i => i.Badge.Id.Value == "HIRE-101");
        Assert.Equal(RecommendationPurpose.Renewal, hire.Purpose);
        Assert.Equal(HistoryBuilder.D("2026-12-11"), hire.RenewBy);
        Assert.Equal([new LevelDrop(new SkillCode("LEAD-HIRING"), 2, 0, 2, false)], hire.Opens);
        Assert.DoesNotContain(nikhil.Items.TakeWhile(i => i.Badge.Id.Value != "HIRE-101"), i => i.Purpose == RecommendationPurpose.Peers);
    }

    [Fact]
    public void The_served_list_never_holds_a_badge_that_closes_no_gap_ahead_of_one_that_closes_a_gap_on_the_samples()
    {
        var snapshot = SampleOrganisation.Load();
        var figures = GapEngine.Compute(snapshot);
        var model = NextBadgeModel.Train(TrainingHistory.Build(snapshot), snapshot.AsOf);
        foreach (var recommender in new[] { new Recommender(null), new Recommender(model) })
            for (var e = 0; e < figures.EmployeeCount; e++)
                CheckServed(figures, e, recommender.Serve(figures, e, 10), 10, ServeOptions.Default.ExpiringWithinDays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_served_list_never_holds_a_badge_that_closes_no_gap_ahead_of_one_that_closes_a_gap_on_random_catalogues(int seed)
    {
        var snapshot = RandomOrganisation(seed);
        var figures = GapEngine.Compute(snapshot);
        var recommender = new Recommender(null);
        foreach (var top in new[] { 3, 8 })
            for (var e = 0; e < figures.EmployeeCount; e++)
                CheckServed(figures, e, recommender.Serve(figures, e, top, new ServeOptions(ExpiringWithinDays: 120)), top, 120);
    }

    private static void AssertGapClosingFirst(ServedRecommendations served)
    {
        var firstPeers = served.Items.ToList().FindIndex(i => i.Purpose == RecommendationPurpose.Peers);
        if (firstPeers >= 0) Assert.All(served.Items.Skip(firstPeers), i => Assert.Equal(RecommendationPurpose.Peers, i.Purpose));
    }

    /// <summary>
    /// The served list's invariants, each peers item checked independently of the served list's own code: it raises no
    /// requirement of the role or target role, renews no award expiring in the look-ahead, and is in no unmet prerequisite
    /// chain of a badge that would raise one.
    /// </summary>
    private static void CheckServed(OrganisationFigures figures, int e, ServedRecommendations served, int top, int withinDays)
    {
        var snapshot = figures.Snapshot;
        AssertGapClosingFirst(served);
        Assert.True(served.Items.Count <= top);
        Assert.Equal(served.Items.Count, served.Items.Select(i => i.Badge.Id).Distinct().Count());
        if (served.GapClosingAvailable >= top) Assert.DoesNotContain(served.Items, i => i.Purpose == RecommendationPurpose.Peers);
        else Assert.Equal(served.GapClosingAvailable, served.Items.Count(i => i.ClosesAGap));

        var person = snapshot.Employees[e];
        var requirements = new List<RequirementGap>(figures.ForEmployee(e).Requirements);
        if (person.TargetRole is RoleCode target && snapshot.RoleIndex(target) >= 0) requirements.AddRange(figures.ForEmployee(e, target).Requirements);
        var attained = figures.AttainedRow(e).ToArray();
        bool Raises(Badge badge) => badge.Skills.Any(s =>
            requirements.Any(q => q.Skill == s.Skill && q.Gap > 0 && s.Level.Value > attained[snapshot.SkillIndex(s.Skill)]));

        var day = figures.AsOf;
        var awards = snapshot.Awards.Where(a => a.Employee == person.Id && a.State != VerificationState.Revoked && a.IssuedOn <= day).ToList();
        bool HeldValid(BadgeId id) => awards.Any(a => a.Badge == id && snapshot.FindBadge(id)!.ExpiryFor(a.IssuedOn, a.ExpiresOn) is var x && (x is null || x > day));
        bool Earned(BadgeId id) => awards.Any(a => a.Badge == id);
        // Badges that can ever be earned: earned, or every prerequisite group has such a member (repeated to a fixpoint).
        var reachable = snapshot.Badges.Where(b => Earned(b.Id)).Select(b => b.Id).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var b in snapshot.Badges)
                if (!reachable.Contains(b.Id) && snapshot.EffectivePrerequisites(b).Groups.All(g => g.Any(reachable.Contains)))
                    grew = reachable.Add(b.Id);
        }
        // Every badge in the unmet prerequisite chains of the earnable, not held badges that would raise a requirement.
        var onTheWay = new HashSet<BadgeId>();
        foreach (var goal in snapshot.Badges.Where(b => !HeldValid(b.Id) && Raises(b) && reachable.Contains(b.Id)))
        {
            var queue = new Queue<Badge>([goal]);
            var seen = new HashSet<BadgeId> { goal.Id };
            while (queue.TryDequeue(out var x))
                foreach (var group in snapshot.EffectivePrerequisites(x).Groups.Where(g => !g.Any(Earned)))
                    foreach (var m in group.Where(reachable.Contains))
                        if (seen.Add(m)) { onTheWay.Add(m); queue.Enqueue(snapshot.FindBadge(m)!); }
        }
        foreach (var item in served.Items)
        {
            var expiring = awards.Any(a => a.Badge == item.Badge.Id && item.Badge.ExpiryFor(a.IssuedOn, a.ExpiresOn) is DateOnly x && x > day && x <= day.AddDays(withinDays));
            if (item.Purpose == RecommendationPurpose.Peers)
            {
                Assert.False(Raises(item.Badge), $"{person.Id}: {item.Badge.Id} raises a requirement but is served as peers");
                Assert.False(expiring && HeldValid(item.Badge.Id), $"{person.Id}: {item.Badge.Id} expires soon but is served as peers");
                Assert.False(onTheWay.Contains(item.Badge.Id), $"{person.Id}: {item.Badge.Id} is on the way to a gap but is served as peers");
                Assert.Empty(item.Unlocks);
            }
            else if (item.Purpose == RecommendationPurpose.Renewal)
            {
                Assert.True(expiring && HeldValid(item.Badge.Id), $"{person.Id}: {item.Badge.Id} is no expiring award");
                Assert.NotEmpty(item.Opens);
            }
            else
            {
                Assert.True(Raises(item.Badge) || item.Unlocks.Count > 0, $"{person.Id}: {item.Badge.Id} closes nothing and unlocks nothing");
                Assert.Equal(Raises(item.Badge), item.Closes.Count + item.ClosesTarget.Count > 0);
            }
            Assert.DoesNotContain("gap-greedy", item.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Σ", item.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A random organisation: 8 skills, 3 roles, 16 badges with random levels, hours, validity, AND / OR prerequisites
    /// (some on later badges, so cycles occur, and some on a badge missing from the catalogue), 14 people (some with a target
    /// role) and awards over two years, a few revoked or with an explicit expiry.
    /// </summary>
    internal static OrganisationSnapshot RandomOrganisation(int seed)
    {
        var random = new Random(seed);
        var builder = new HistoryBuilder();
        string Skill() => "S" + random.Next(8).ToString(CultureInfo.InvariantCulture);
        for (var r = 0; r < 3; r++)
            builder.Role("R" + r.ToString(CultureInfo.InvariantCulture), [.. Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Skill()).Distinct()
                .Select(s => $"{s}:{1 + random.Next(5)}:{1 + random.Next(5)}" + (random.Next(4) == 0 ? "!" : ""))]);
        const int badges = 16;
        string BadgeName(int b) => "B" + b.ToString("00", CultureInfo.InvariantCulture);
        for (var b = 0; b < badges; b++)
        {
            var skills = string.Join(";", Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Skill()).Distinct().Select(s => $"{s}:{1 + random.Next(5)}"));
            var groups = new List<string>();
            for (var g = random.Next(3); g > 0; g--)
                groups.Add(string.Join("|", Enumerable.Range(0, 1 + random.Next(2)).Select(_ =>
                    random.Next(12) == 0 ? "MISSING" : BadgeName(random.Next(badges)))
                    .Where(x => x != BadgeName(b)).Distinct()));
            builder.Badge(BadgeName(b), skills, hours: 1 + random.Next(40), prerequisites: string.Join(";", groups.Where(g => g.Length > 0)),
                validMonths: random.Next(3) == 0 ? 6 + random.Next(24) : null);
        }
        var start = HistoryBuilder.D("2024-02-01");
        for (var e = 0; e < 14; e++)
        {
            var id = "E" + e.ToString("00", CultureInfo.InvariantCulture);
            var role = random.Next(3);
            builder.Employee(id, "R" + role.ToString(CultureInfo.InvariantCulture),
                target: random.Next(3) == 0 ? "R" + ((role + 1) % 3).ToString(CultureInfo.InvariantCulture) : null);
            for (var a = random.Next(7); a > 0; a--)
                builder.Award(id, BadgeName(random.Next(badges)), start.AddDays(random.Next(730)),
                    random.Next(15) == 0 ? VerificationState.Revoked : VerificationState.Recorded);
        }
        return builder.Build("2026-01-31");
    }
}
