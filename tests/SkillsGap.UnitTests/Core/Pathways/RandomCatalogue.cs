using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;

namespace SkillsGap.UnitTests.Core.Pathways;

/// <summary>
/// A random small organisation (seeded) and an oracle that plans it by brute force over every subset of badges,
/// written independently of the planner: it only knows the rules of DESIGN §2.
/// </summary>
internal sealed class RandomCatalogue
{
    public sealed record BadgeSpec(string Id, decimal Hours, (string Skill, int Level)[] Skills, string Prerequisites, int? ValidMonths, string? Stack);
    public sealed record AwardSpec(string Badge, DateOnly Issued, DateOnly? Expires, bool Revoked);

    public const string Employee = "E-1";
    public const string RoleCode = "R";

    public List<BadgeSpec> Badges { get; } = [];
    public List<(string Skill, int Level, int Weight, bool Critical)> Requirements { get; } = [];
    public List<AwardSpec> Awards { get; } = [];
    public PathwayScenario Scenario { get; } = new();

    public static RandomCatalogue Generate(Random random, int badgeCount, int skillCount = 4, int maxRequirements = 6)
    {
        var catalogue = new RandomCatalogue();
        var skills = Enumerable.Range(0, skillCount).Select(i => "S" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var ids = Enumerable.Range(0, badgeCount).Select(i => "B" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        foreach (var id in ids)
        {
            var attests = skills.OrderBy(_ => random.Next()).Take(random.Next(0, 3))
                .Select(s => (s, random.Next(1, 6))).ToArray();
            var hours = random.Next(10) == 0 ? 0m : random.Next(1, 21) + (random.Next(5) == 0 ? 0.5m : 0m);
            var prerequisites = "";
            if (random.NextDouble() < 0.45)
            {
                var groups = Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
                    string.Join("|", Enumerable.Range(0, random.Next(1, 4))
                        .Select(_ => random.Next(25) == 0 ? "MISSING" : ids[random.Next(ids.Length)])
                        .Where(m => m != id).Distinct()));
                prerequisites = string.Join(";", groups.Where(g => g.Length > 0));
            }
            string? stack = random.NextDouble() < 0.1 ? ids[random.Next(ids.Length)] : null;
            if (stack == id) stack = null;
            int? validMonths = random.Next(4) == 0 ? 12 : null;
            catalogue.Badges.Add(new BadgeSpec(id, hours, attests, prerequisites, validMonths, stack));
        }
        foreach (var skill in skills.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(skillCount, maxRequirements) + 1)))
            catalogue.Requirements.Add((skill, random.Next(1, 6), random.Next(1, 6), random.Next(3) == 0));
        foreach (var badge in catalogue.Badges)
        {
            if (random.NextDouble() >= 0.25) continue;
            catalogue.Awards.Add(random.Next(5) switch
            {
                0 => new AwardSpec(badge.Id, new DateOnly(2024, 1, 1), null, false), // expired when the badge lasts 12 months
                1 => new AwardSpec(badge.Id, new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1), false), // expired explicitly
                2 => new AwardSpec(badge.Id, new DateOnly(2025, 6, 1), null, true), // revoked
                3 => new AwardSpec(badge.Id, new DateOnly(2026, 6, 1), null, false), // issued after the as-of date
                _ => new AwardSpec(badge.Id, new DateOnly(2025, 6, 1), null, false),
            });
        }

        catalogue.Fill(catalogue.Scenario, reversed: false);
        return catalogue;
    }

    /// <summary>The same organisation with the catalogue and the awards listed in reverse order.</summary>
    public PathwayScenario Reversed()
    {
        var scenario = new PathwayScenario();
        Fill(scenario, reversed: true);
        return scenario;
    }

    private void Fill(PathwayScenario scenario, bool reversed)
    {
        foreach (var b in reversed ? Enumerable.Reverse(Badges) : Badges)
            scenario.Badge(b.Id, b.Hours, string.Join(";", b.Skills.Select(s => s.Skill + ":" + s.Level.ToString(CultureInfo.InvariantCulture))),
                b.Prerequisites, b.ValidMonths, b.Stack);
        scenario.Role(RoleCode, [.. Requirements]).Employee(Employee, RoleCode);
        foreach (var a in reversed ? Enumerable.Reverse(Awards) : Awards)
            scenario.Award(Employee, a.Badge, a.Issued.ToString("O", CultureInfo.InvariantCulture),
                a.Expires?.ToString("O", CultureInfo.InvariantCulture), a.Revoked ? VerificationState.Revoked : VerificationState.Recorded);
    }

    // --- the rules, restated for the oracle ---

    private int Index(string id) => Badges.FindIndex(b => b.Id == id);

    private bool[]? _prerequisiteHeld;
    private List<int[]>[]? _groups;

    private bool PrerequisiteHeld(int b) =>
        (_prerequisiteHeld ??= Enumerable.Range(0, Badges.Count).Select(HeldForPrerequisites).ToArray())[b];

    private bool HeldForPrerequisites(int b) =>
        Awards.Any(a => a.Badge == Badges[b].Id && !a.Revoked && a.Issued <= PathwayScenario.AsOf);

    private bool ValidHeld(int b) =>
        Awards.Any(a => a.Badge == Badges[b].Id && !a.Revoked && a.Issued <= PathwayScenario.AsOf
            && (a.Expires ?? (Badges[b].ValidMonths is int m ? a.Issued.AddMonths(m) : DateOnly.MaxValue)) > PathwayScenario.AsOf);

    /// <summary>Prerequisite groups (all of; any member of each) by badge index, a missing badge as -1, stack children added.</summary>
    private List<int[]> GroupsOf(int b) => (_groups ??= Enumerable.Range(0, Badges.Count).Select(ParseGroups).ToArray())[b];

    private List<int[]> ParseGroups(int b)
    {
        var groups = PrerequisiteRule.Parse(Badges[b].Prerequisites).Groups
            .Select(g => g.Select(m => Index(m.Value)).ToArray()).ToList();
        for (var c = 0; c < Badges.Count; c++)
            if (Badges[c].Stack == Badges[b].Id) groups.Add([c]);
        return groups;
    }

    private int LevelOf(int b, string skill) => Badges[b].Skills.Where(s => s.Skill == skill).Select(s => s.Level).DefaultIfEmpty(0).Max();

    private int[]? _attained;

    public int[] Attained() => (int[])(_attained ??= AttainedNow()).Clone();

    private int[] AttainedNow() => Requirements.Select(q =>
        Enumerable.Range(0, Badges.Count).Where(ValidHeld).Select(b => LevelOf(b, q.Skill)).DefaultIfEmpty(0).Max()).ToArray();

    /// <summary>True when the badges can be earned in this order, each prerequisite group met by a held badge or an earlier step.</summary>
    public bool IsValidOrder(IReadOnlyList<int> order)
    {
        for (var p = 0; p < order.Count; p++)
            foreach (var group in GroupsOf(order[p]))
                if (!group.Any(m => m >= 0 && (PrerequisiteHeld(m) || order.Take(p).Contains(m)))) return false;
        return order.Distinct().Count() == order.Count && !order.Any(ValidHeld);
    }

    /// <summary>Whether the set (badge bits) can be earned in some order: grow the earned part until nothing more can be.</summary>
    private bool IsEarnableSet(int set, int held, int[][] groupMasks)
    {
        var earned = 0;
        bool progress;
        do
        {
            progress = false;
            for (var b = 0; b < Badges.Count; b++)
            {
                if ((set & (1 << b)) == 0 || (earned & (1 << b)) != 0) continue;
                if (groupMasks[b].All(g => (g & (earned | held)) != 0)) { earned |= 1 << b; progress = true; }
            }
        } while (progress);
        return earned == set;
    }

    public int[] LevelsWith(IEnumerable<int> badges)
    {
        var levels = Attained();
        foreach (var b in badges)
            for (var i = 0; i < Requirements.Count; i++) levels[i] = Math.Max(levels[i], LevelOf(b, Requirements[i].Skill));
        return levels;
    }

    /// <summary>Brute force: the reachable level per requirement and the least hours of an earnable set reaching min(required, reachable).</summary>
    public (int[] Reach, decimal Hours) Exhaustive()
    {
        _prerequisiteHeld = null;
        _groups = null;
        _attained = null;
        var held = Enumerable.Range(0, Badges.Count).Where(PrerequisiteHeld).Aggregate(0, (m, b) => m | 1 << b);
        var groupMasks = Enumerable.Range(0, Badges.Count)
            .Select(b => GroupsOf(b).Select(g => g.Where(m => m >= 0).Aggregate(0, (m, i) => m | 1 << i)).ToArray()).ToArray();
        var universe = Enumerable.Range(0, Badges.Count).Where(b => !ValidHeld(b)).ToArray();
        var level = Enumerable.Range(0, Badges.Count)
            .Select(b => Requirements.Select(q => LevelOf(b, q.Skill)).ToArray()).ToArray();
        var attained = Attained();
        var earnable = new List<(int[] Levels, decimal Hours)>();
        for (var mask = 0; mask < 1 << universe.Length; mask++)
        {
            var set = 0;
            var levels = (int[])attained.Clone();
            decimal hours = 0;
            for (var k = 0; k < universe.Length; k++)
            {
                if ((mask & (1 << k)) == 0) continue;
                var b = universe[k];
                set |= 1 << b;
                hours += Badges[b].Hours;
                for (var i = 0; i < levels.Length; i++) levels[i] = Math.Max(levels[i], level[b][i]);
            }
            if (IsEarnableSet(set, held, groupMasks)) earnable.Add((levels, hours));
        }
        var reach = Attained();
        foreach (var (levels, _) in earnable)
            for (var i = 0; i < reach.Length; i++) reach[i] = Math.Max(reach[i], levels[i]);
        var best = decimal.MaxValue;
        foreach (var (levels, hours) in earnable)
            if (Enumerable.Range(0, reach.Length).All(i => levels[i] >= Math.Min(Requirements[i].Level, reach[i])))
                best = Math.Min(best, hours);
        return (reach, best);
    }

    /// <summary>Checks what holds for any plan, optimal or not; returns the failure, or null.</summary>
    public string? Check(Pathway pathway, int[] reach)
    {
        var order = pathway.Steps.Select(s => Index(s.Badge.Value)).ToList();
        if (!IsValidOrder(order)) return "the steps cannot be earned in this order";
        var levels = LevelsWith(order);
        for (var i = 0; i < Requirements.Count; i++)
            if (levels[i] < Math.Min(Requirements[i].Level, reach[i]))
                return $"{Requirements[i].Skill} ends at {levels[i]}, below {Math.Min(Requirements[i].Level, reach[i])}";
        var uncoverable = Enumerable.Range(0, Requirements.Count).Where(i => reach[i] < Requirements[i].Level)
            .Select(i => (Requirements[i].Skill, Requirements[i].Level, reach[i])).ToList();
        if (!uncoverable.SequenceEqual(pathway.Uncoverable.Select(u => (u.Skill.Value, u.Required, u.Reachable)))) return "uncoverable gaps differ";
        if (pathway.TotalHours != order.Sum(b => Badges[b].Hours)) return "total hours are not the sum of the steps";
        double met = 0, total = 0;
        for (var i = 0; i < Requirements.Count; i++)
        {
            met += Requirements[i].Weight * Math.Min(levels[i], Requirements[i].Level);
            total += Requirements[i].Weight * Requirements[i].Level;
        }
        if (Math.Abs(pathway.ReadinessAfter - met / total) > 1e-12) return "readiness after differs";
        return null;
    }

    public override string ToString() =>
        string.Join(Environment.NewLine, Badges.Select(b => $"{b.Id} {b.Hours}h [{string.Join(",", b.Skills)}] pre={b.Prerequisites} valid={b.ValidMonths} stack={b.Stack}"))
        + Environment.NewLine + "role: " + string.Join(", ", Requirements)
        + Environment.NewLine + "awards: " + string.Join(", ", Awards);
}
