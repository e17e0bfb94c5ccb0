using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;

namespace SkillsGap.Samples;

/// <summary>
/// The records of a generated organisation. <see cref="Awards"/> is produced lazily, one employee at a time, so that a
/// large organisation can be streamed to a file; every enumeration yields the same awards.
/// </summary>
public sealed record GeneratedOrganisation(
    GeneratorOptions Options,
    IReadOnlyList<Skill> Skills,
    IReadOnlyList<SampleRole> Roles,
    IReadOnlyList<Badge> Badges,
    IReadOnlyList<Employee> Employees,
    IEnumerable<Award> Awards);

/// <summary>
/// Generates a believable organisation for demos and tests (<c>skillsgap generate</c>): a manager tree over departments
/// aligned to role families, and three years of badge awards from a gap-driven learning process. Deterministic for a seed.
/// </summary>
public static class OrganisationGenerator
{
    /// <summary>The e-mail domain of the generated people (a reserved example domain).</summary>
    public const string EmailDomain = "harbourline.example";

    private sealed record Department(string Name, string Family, (string Role, double Share)[] Roles, double Share);

    private static readonly Department[] Departments =
    [
        new("Engineering", "Software", [("JR-DEV", 0.2), ("DEV", 0.35), ("SR-DEV", 0.2), ("DEVOPS", 0.15), ("SEC-ENG", 0.1)], 0.4),
        new("Data & Analytics", "Data", [("DATA-ANALYST", 0.35), ("SR-DATA-ANALYST", 0.2), ("DATA-ENG", 0.25), ("DATA-SCI", 0.2)], 0.25),
        new("Business Operations", SampleCatalogue.MatrixFamily, [("PM", 0.5), ("BA", 0.5)], 0.2),
        new("Finance", SampleCatalogue.MatrixFamily, [("FIN-ANALYST", 0.8), ("BA", 0.2)], 0.15),
    ];

    private const string ExecutiveOffice = "Executive Office";

    /// <summary>The next role up each ladder, offered as a target role to some people.</summary>
    internal static readonly Dictionary<string, string> NextRole = new(StringComparer.Ordinal)
    {
        ["JR-DEV"] = "DEV",
        ["DEV"] = "SR-DEV",
        ["SR-DEV"] = "TEAM-LEAD",
        ["DEVOPS"] = "SR-DEV",
        ["SEC-ENG"] = "TEAM-LEAD",
        ["DATA-ANALYST"] = "SR-DATA-ANALYST",
        ["SR-DATA-ANALYST"] = "DATA-SCI",
        ["DATA-ENG"] = "DATA-SCI",
        ["DATA-SCI"] = "TEAM-LEAD",
        ["BA"] = "PM",
        ["PM"] = "TEAM-LEAD",
        ["FIN-ANALYST"] = "BA",
        ["TEAM-LEAD"] = "DEPT-HEAD",
    };

    /// <summary>Generates the organisation: catalogue, roster, and a lazily produced award history.</summary>
    public static GeneratedOrganisation Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var employees = GenerateRoster(options);
        var process = new LearningProcess(options, SampleCatalogue.Roles, SampleCatalogue.Badges, employees);
        return new GeneratedOrganisation(options, SampleCatalogue.Skills, SampleCatalogue.Roles, SampleCatalogue.Badges, employees, process.Awards());
    }

    /// <summary>
    /// Writes skills.csv, roles.csv (long form), roles-matrix.xlsx (the <see cref="SampleCatalogue.MatrixFamily"/> family),
    /// badges.csv, employees.csv, awards.csv (streamed) and a README.md with counts read back from the files.
    /// </summary>
    public static async Task<SampleSummary> WriteAsync(GeneratorOptions options, string outDir, CancellationToken cancellationToken = default)
    {
        var organisation = Generate(options);
        Directory.CreateDirectory(outDir);
        await SampleFiles.WriteSkillsAsync(Path.Combine(outDir, SampleFiles.Skills), organisation.Skills, cancellationToken);
        await SampleFiles.WriteRolesAsync(Path.Combine(outDir, SampleFiles.Roles), organisation.Roles.Where(r => !r.InMatrix), cancellationToken);
        RolesMatrixWorkbook.Write(Path.Combine(outDir, SampleFiles.RolesMatrix), organisation.Roles.Where(r => r.InMatrix).ToArray());
        await SampleFiles.WriteBadgesAsync(Path.Combine(outDir, SampleFiles.Badges), organisation.Badges, cancellationToken);
        await SampleFiles.WriteEmployeesAsync(Path.Combine(outDir, SampleFiles.Employees), organisation.Employees, cancellationToken);
        await SampleFiles.WriteAwardsAsync(Path.Combine(outDir, SampleFiles.Awards), organisation.Awards, cancellationToken);
        var summary = SampleSummary.Read(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, SampleFiles.Readme), summary.ToMarkdown(options), new UTF8Encoding(false), cancellationToken);
        return summary;
    }

    private static List<Employee> GenerateRoster(GeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var builder = new RosterBuilder(random, options.Employees);
        var ceo = builder.Add(null, "CEO", ExecutiveOffice, "London", target: null);
        var headCount = Math.Min(Departments.Length, options.Employees - 1);
        // An analyst in the Executive Office gives the CEO a fifth report once the organisation is big enough.
        var executiveAnalyst = options.Employees >= 50;
        var remaining = options.Employees - 1 - headCount - (executiveAnalyst ? 1 : 0);
        var sizes = Apportion(remaining, Departments.Take(headCount).Select(d => d.Share).ToArray());
        for (var d = 0; d < headCount; d++)
        {
            var department = Departments[d];
            var head = builder.Add(ceo, "DEPT-HEAD", department.Name, Pick(random, SampleNames.Locations, SampleNames.LocationWeights), target: null);
            BuildTeam(builder, random, department, head, sizes[d]);
        }
        if (executiveAnalyst) builder.Add(ceo, "BA", ExecutiveOffice, "London", target: null);
        return builder.Roster;
    }

    /// <summary>
    /// Places <paramref name="count"/> people under <paramref name="manager"/>: up to 12 report directly; a larger group is split
    /// over team leads (about one per 11 people, at most 10) plus a few direct reports so a manager has 5 or more reports.
    /// </summary>
    private static void BuildTeam(RosterBuilder builder, Random random, Department department, int manager, int count)
    {
        var location = builder.LocationOf(manager);
        if (count <= 12)
        {
            for (var i = 0; i < count; i++)
            {
                var role = Pick(random, department.Roles.Select(r => r.Role).ToArray(), department.Roles.Select(r => r.Share).ToArray());
                builder.Add(manager, role, department.Name, TeamLocation(random, location), TargetFor(random, role, 0.3));
            }
            return;
        }
        var leads = Math.Clamp(count / 11, 1, 10);
        var direct = Math.Max(0, 5 - leads) + random.Next(0, 3);
        while (leads > 1 && count - leads - direct < 5 * leads) leads--;
        var rest = count - leads - direct;
        for (var i = 0; i < direct; i++)
        {
            var role = Pick(random, department.Roles.Select(r => r.Role).ToArray(), department.Roles.Select(r => r.Share).ToArray());
            builder.Add(manager, role, department.Name, TeamLocation(random, location), TargetFor(random, role, 0.3));
        }
        for (var i = 0; i < leads; i++)
        {
            var lead = builder.Add(manager, "TEAM-LEAD", department.Name, TeamLocation(random, location), TargetFor(random, "TEAM-LEAD", 0.2));
            BuildTeam(builder, random, department, lead, rest / leads + (i < rest % leads ? 1 : 0));
        }
    }

    private static string TeamLocation(Random random, string managerLocation) =>
        random.NextDouble() < 0.75 ? managerLocation : Pick(random, SampleNames.Locations, SampleNames.LocationWeights);

    private static string? TargetFor(Random random, string role, double share) =>
        random.NextDouble() < share && NextRole.TryGetValue(role, out var next) ? next : null;

    internal static T Pick<T>(Random random, IReadOnlyList<T> items, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++) total += weights[i];
        var x = random.NextDouble() * total;
        for (var i = 0; i < items.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return items[i];
        }
        return items[^1];
    }

    /// <summary>Splits <paramref name="total"/> by shares, largest remainder first, so the parts add up exactly.</summary>
    private static int[] Apportion(int total, double[] shares)
    {
        var sum = shares.Sum();
        var exact = shares.Select(s => total * s / sum).ToArray();
        var parts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var order = Enumerable.Range(0, shares.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).ToArray();
        var missing = total - parts.Sum();
        for (var k = 0; k < missing; k++) parts[order[k % order.Length]]++;
        return parts;
    }

    /// <summary>Builds the roster in pre-order (every manager before their reports), with unique names and e-mails.</summary>
    private sealed class RosterBuilder(Random random, int expected)
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
        private readonly int _idDigits = Math.Max(4, expected.ToString(CultureInfo.InvariantCulture).Length);

        public List<Employee> Roster { get; } = new(expected);

        public string LocationOf(int index) => Roster[index].Location!;

        public int Add(int? manager, string role, string department, string location, string? target)
        {
            var id = new EmployeeId("E-" + (Roster.Count + 1).ToString("D" + _idDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            var (name, email) = NewPerson();
            Roster.Add(new Employee(id, name, email, new RoleCode(role), manager is int m ? Roster[m].Id : null,
                department, location, target is null ? null : new RoleCode(target)));
            return Roster.Count - 1;
        }

        private (string Name, string Email) NewPerson()
        {
            for (var attempt = 0; ; attempt++)
            {
                var first = SampleNames.First[random.Next(SampleNames.First.Length)];
                var last = SampleNames.Last[random.Next(SampleNames.Last.Length)];
                // Past a few clashes, a middle initial keeps names unique in large organisations.
                var middle = attempt >= 3 ? ((char)('A' + random.Next(26))).ToString() : null;
                var name = middle is null ? $"{first} {last}" : $"{first} {middle}. {last}";
                if (attempt < 40 && !_names.Add(name)) continue;
                var local = string.Join('.', new[] { first, middle, last }.Where(p => p is not null)
                    .Select(p => new string(p!.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())));
                var email = $"{local}@{EmailDomain}";
                for (var n = 2; !_emails.Add(email); n++)
                    email = $"{local}{n.ToString(CultureInfo.InvariantCulture)}@{EmailDomain}";
                return (name, email);
            }
        }
    }
}
