using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Samples;

/// <summary>
/// The award history of the sample organisation: a simulated learning process per employee.
/// <para>
/// Each person has an activity rate (some far keener than others) and learns in sessions (sometimes several badges on one day).
/// In a session they choose among the badges they do not hold validly and whose prerequisites they have earned, with weight
/// (gap closed against their role, weighted by requirement weight
///  + 0.6 × the same against their target role, or 0.3 × against the next role up the ladder when they declared none
///  + 0.25 × levels their department's roles need + 2 per child already earned of the badge's stack + a little curiosity)²
/// × a role's taste for the badge × 4 when it continues the badge they earned last × 3 for a stack ÷ (1 + hours/40).
/// Expired badges become candidates again, which is how renewals happen. A person with nothing useful to learn mostly skips
/// the session. The next session comes after an exponential idle time, but never before the hours just earned were studied
/// at the person's weekly pace.
/// </para>
/// </summary>
internal sealed class LearningProcess
{
    private const double TargetFactor = 0.6;
    private const double ImplicitTargetFactor = 0.3;
    private const double DepartmentFactor = 0.25;
    private const double ChainFactor = 4.0;
    private const double StackFactor = 3.0;
    private const double SiblingPull = 2.0;

    private readonly GeneratorOptions _options;
    private readonly IReadOnlyList<Employee> _employees;
    private readonly Badge[] _badges;
    private readonly (int Skill, int Level)[][] _badgeSkills;
    private readonly int[][][] _prerequisites;
    private readonly bool[] _isStack;
    private readonly int?[] _stackOf;
    private readonly int[][] _children;
    private readonly HashSet<int>[] _continues; // _continues[b]: badges that name b among their prerequisites
    private readonly Dictionary<string, int> _roleIndex;
    private readonly int[][] _required;   // [role][skill] level
    private readonly int[][] _weight;     // [role][skill] weight
    private readonly Dictionary<string, int[]> _departmentLevels; // [department][skill] highest level its roles require
    private readonly double[][] _taste;   // [role][badge]

    public LearningProcess(GeneratorOptions options, IReadOnlyList<SampleRole> roles, IReadOnlyList<Badge> badges, IReadOnlyList<Employee> employees)
    {
        _options = options;
        _employees = employees;
        _badges = badges.ToArray();
        var skillIndex = new Dictionary<SkillCode, int>();
        int SkillOf(SkillCode code)
        {
            if (!skillIndex.TryGetValue(code, out var i)) skillIndex[code] = i = skillIndex.Count;
            return i;
        }
        foreach (var role in roles)
            foreach (var r in role.Requirements) SkillOf(r.Skill);
        _badgeSkills = _badges.Select(b => b.Skills.Select(s => (SkillOf(s.Skill), s.Level.Value)).ToArray()).ToArray();
        var skillCount = skillIndex.Count;

        var badgeIndex = _badges.Select((b, i) => (b.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _prerequisites = _badges.Select(b => SampleCatalogue.EffectivePrerequisites(b, _badges).Groups
            .Select(g => g.Select(id => badgeIndex[id]).ToArray()).ToArray()).ToArray();
        _isStack = _badges.Select(b => _badges.Any(c => c.StackId == b.Id)).ToArray();
        _stackOf = _badges.Select(b => b.StackId is BadgeId s ? badgeIndex[s] : (int?)null).ToArray();
        _children = _badges.Select((_, i) => Enumerable.Range(0, _badges.Length).Where(c => _stackOf[c] == i).ToArray()).ToArray();
        _continues = _badges.Select(_ => new HashSet<int>()).ToArray();
        for (var b = 0; b < _badges.Length; b++)
            foreach (var group in _prerequisites[b])
                foreach (var p in group) _continues[p].Add(b);
        // Children of one stack continue each other: whoever starts a stack tends to finish it.
        foreach (var siblings in _badges.Select((b, i) => (b.StackId, i)).Where(p => p.StackId is not null).GroupBy(p => p.StackId))
            foreach (var (_, a) in siblings)
                foreach (var (_, b) in siblings)
                    if (a != b) _continues[a].Add(b);

        _roleIndex = roles.Select((r, i) => (r.Code.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
        _required = new int[roles.Count][];
        _weight = new int[roles.Count][];
        for (var r = 0; r < roles.Count; r++)
        {
            _required[r] = new int[skillCount];
            _weight[r] = new int[skillCount];
            foreach (var q in roles[r].Requirements)
            {
                _required[r][skillIndex[q.Skill]] = q.Required.Value;
                _weight[r][skillIndex[q.Skill]] = q.Weight;
            }
        }
        _departmentLevels = new Dictionary<string, int[]>(StringComparer.Ordinal);
        // What a department values: the levels its specialist roles need (leadership roles are everywhere, so left out).
        foreach (var group in employees.Where(e => e.Department is not null && roles[_roleIndex[e.Role.Value]].Family != "Management")
                     .GroupBy(e => e.Department!, StringComparer.Ordinal))
        {
            var levels = new int[skillCount];
            foreach (var role in group.Select(e => e.Role.Value).Distinct(StringComparer.Ordinal))
                for (var s = 0; s < skillCount; s++) levels[s] = Math.Max(levels[s], _required[_roleIndex[role]][s]);
            _departmentLevels[group.Key] = levels;
        }

        // Each role's taste for each badge: a log-normal factor, so that peers in a role share preferences beyond their gaps.
        var tasteRandom = new Random(DeriveSeed(options.Seed, -1));
        _taste = roles.Select(_ => _badges.Select(_ => Math.Exp(0.6 * Gaussian(tasteRandom))).ToArray()).ToArray();
    }

    public IEnumerable<Award> Awards()
    {
        for (var i = 0; i < _employees.Count; i++)
            foreach (var award in AwardsOf(i))
                yield return award;
    }

    private IEnumerable<Award> AwardsOf(int index)
    {
        var employee = _employees[index];
        var random = new Random(DeriveSeed(_options.Seed, index));
        var role = _roleIndex[employee.Role.Value];
        // A declared target role pulls at 0.6; without one, people still look at the next role up the ladder, at 0.3.
        int? target = employee.TargetRole is RoleCode t ? _roleIndex[t.Value]
            : OrganisationGenerator.NextRole.TryGetValue(employee.Role.Value, out var next) ? _roleIndex[next] : null;
        var targetFactor = employee.TargetRole is null ? ImplicitTargetFactor : TargetFactor;
        var department = employee.Department is string d && _departmentLevels.TryGetValue(d, out var levels) ? levels : null;

        // Awards per year: log-normal around 3, managers a little less, and one in twelve nearly dormant.
        var rate = random.NextDouble() < 1.0 / 12 ? 0.4 : 3.0 * Math.Exp(0.6 * Gaussian(random));
        if (employee.Role.Value is "TEAM-LEAD" or "DEPT-HEAD" or "CEO") rate *= 0.8;
        var meanGap = 365.0 / Math.Clamp(rate, 0.2, 24);
        // Study time: keener people also study more hours a week (2 to 10), and the next session waits for what was just earned.
        var weeklyHours = Math.Clamp(1.5 * rate, 2, 10);

        var from = _options.From;
        var until = _options.Until;
        var span = until.DayNumber - from.DayNumber;
        var joined = index > 0 && random.NextDouble() < 0.15 ? from.AddDays(random.Next(0, Math.Max(1, span - 30))) : from;
        // The CEO opens the badge programme on its first day.
        var day = index == 0 ? from : joined.AddDays((int)(random.NextDouble() * meanGap));

        var firstIssued = new DateOnly?[_badges.Length];
        var validUntil = new DateOnly[_badges.Length]; // exclusive; MaxValue when it never expires
        var held = new List<int>();
        var attained = new int[_required[role].Length];
        var weights = new double[_badges.Length];
        int? last = null;

        while (day <= until)
        {
            var studied = 0m;
            var burst = random.NextDouble() switch { < 0.82 => 1, < 0.95 => 2, _ => 3 };
            for (var k = 0; k < burst; k++)
            {
                Array.Clear(attained);
                foreach (var h in held)
                    if (day < validUntil[h])
                        foreach (var (skill, level) in _badgeSkills[h])
                            if (level > attained[skill]) attained[skill] = level;

                var total = 0.0;
                var useful = false;
                for (var b = 0; b < _badges.Length; b++)
                {
                    weights[b] = 0;
                    if (firstIssued[b] is not null && day < validUntil[b]) continue;
                    if (!PrerequisitesMet(b, firstIssued, day)) continue;
                    double gain = 0, curiosity = 0.02;
                    foreach (var (skill, level) in _badgeSkills[b])
                    {
                        gain += _weight[role][skill] * Math.Max(0, Math.Min(level, _required[role][skill]) - attained[skill]);
                        if (target is int tr)
                            gain += targetFactor * _weight[tr][skill] * Math.Max(0, Math.Min(level, _required[tr][skill]) - attained[skill]);
                        if (department is not null)
                            gain += DepartmentFactor * Math.Max(0, Math.Min(level, department[skill]) - attained[skill]);
                        if (level > attained[skill]) curiosity = 0.12;
                    }
                    // A stack's credential is a goal of its own: each child already earned pulls towards the rest.
                    if (_stackOf[b] is int stack)
                        foreach (var sibling in _children[stack])
                            if (sibling != b && firstIssued[sibling] is not null) gain += SiblingPull;
                    useful |= gain > 0;
                    var score = (gain + curiosity) * (gain + curiosity) * _taste[role][b] / (1 + (double)_badges[b].Hours / 40);
                    if (last is int l && _continues[l].Contains(b)) score *= ChainFactor;
                    if (_isStack[b]) score *= StackFactor;
                    weights[b] = score;
                    total += weights[b];
                }
                if (total <= 0 || (!useful && random.NextDouble() < 0.7)) break;

                var chosen = Choose(random, weights, total);
                var badge = _badges[chosen];
                var expiresOn = ExplicitExpiry(random, badge, day);
                var expiry = badge.ExpiryFor(day, expiresOn);
                firstIssued[chosen] ??= day;
                validUntil[chosen] = expiry ?? DateOnly.MaxValue;
                if (!held.Contains(chosen)) held.Add(chosen);
                last = chosen;
                studied += badge.Hours;
                yield return new Award(employee.Id, badge.Id, day, expiresOn, Evidence(random, employee, badge, day));
            }
            var idle = -meanGap * Math.Log(1 - random.NextDouble());
            var study = (double)studied / weeklyHours * 7;
            day = day.AddDays(Math.Max(1, (int)Math.Round(Math.Max(idle, study))));
        }
    }

    /// <summary>A prerequisite counts once earned, expired or not; a stack's children must have been earned before the day of the stack.</summary>
    private bool PrerequisitesMet(int badge, DateOnly?[] firstIssued, DateOnly day)
    {
        foreach (var group in _prerequisites[badge])
        {
            var met = false;
            foreach (var p in group)
                if (firstIssued[p] is DateOnly issued && (_isStack[badge] ? issued < day : issued <= day)) { met = true; break; }
            if (!met) return false;
        }
        return true;
    }

    private static int Choose(Random random, double[] weights, double total)
    {
        var x = random.NextDouble() * total;
        var chosen = -1;
        for (var b = 0; b < weights.Length; b++)
        {
            if (weights[b] <= 0) continue;
            chosen = b;
            x -= weights[b];
            if (x < 0) break;
        }
        return chosen;
    }

    /// <summary>
    /// Now and then the issuer states an expiry: a three-month extension of an expiring certificate, or a vendor badge issued
    /// under a policy that expires after three years.
    /// </summary>
    private static DateOnly? ExplicitExpiry(Random random, Badge badge, DateOnly issuedOn)
    {
        var x = random.NextDouble();
        if (badge.ValidMonths is int months) return x < 0.05 ? issuedOn.AddMonths(months + 3) : null;
        return x < 0.02 && badge.Issuer != "SkillsGap Academy" ? issuedOn.AddMonths(36) : null;
    }

    private static string? Evidence(Random random, Employee employee, Badge badge, DateOnly issuedOn) =>
        random.NextDouble() < 0.7
            ? string.Create(CultureInfo.InvariantCulture, $"https://evidence.{OrganisationGenerator.EmailDomain}/{employee.Id.Value}/{badge.Id.Value}/{issuedOn:yyyy-MM-dd}")
            : null;

    internal static double Gaussian(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A stable per-stream seed from the run's seed and a stream number (SplitMix64 finaliser).</summary>
    internal static int DeriveSeed(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) | (uint)stream;
            z += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
