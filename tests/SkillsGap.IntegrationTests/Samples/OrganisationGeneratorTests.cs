using System.Globalization;
using System.IO.Compression;
using SkillsGap.Core.Domain;
using SkillsGap.Samples;

namespace SkillsGap.IntegrationTests.Samples;

public sealed class OrganisationGeneratorTests(SampleFolder sample) : IClassFixture<SampleFolder>
{
    private static readonly string[] DataFiles = ["skills.csv", "roles.csv", "roles-matrix.xlsx", "badges.csv", "employees.csv", "awards.csv"];

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_same_seed_writes_byte_identical_files()
    {
        var again = SampleFolder.NewTempDirectory();
        try
        {
            await OrganisationGenerator.WriteAsync(new GeneratorOptions(Employees: 400, Seed: 42), again);
            foreach (var file in DataFiles.Append("README.md"))
                Assert.True(File.ReadAllBytes(Path.Combine(sample.Directory, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))),
                    $"{file} differs between two runs with seed 42");
        }
        finally { Directory.Delete(again, recursive: true); }
    }

    [Fact]
    public async Task A_different_seed_writes_different_people_and_awards_over_the_same_catalogue()
    {
        var other = SampleFolder.NewTempDirectory();
        try
        {
            await OrganisationGenerator.WriteAsync(new GeneratorOptions(Seed: 43), other);
            foreach (var file in new[] { "employees.csv", "awards.csv" })
                Assert.False(File.ReadAllBytes(Path.Combine(sample.Directory, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))),
                    $"{file} is the same for seeds 42 and 43");
            // The catalogue does not depend on the seed.
            foreach (var file in new[] { "skills.csv", "roles.csv", "badges.csv", "roles-matrix.xlsx" })
                Assert.True(File.ReadAllBytes(Path.Combine(sample.Directory, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))), file);
        }
        finally { Directory.Delete(other, recursive: true); }
    }

    [Fact]
    public void Generated_awards_are_the_same_on_every_enumeration()
    {
        var organisation = OrganisationGenerator.Generate(new GeneratorOptions(Employees: 60, Seed: 7));
        var first = organisation.Awards.ToList();
        Assert.NotEmpty(first);
        Assert.Equal(first, organisation.Awards.ToList());
    }

    [Fact]
    public void The_committed_data_samples_equal_a_fresh_generation_with_the_default_options()
    {
        var committed = Path.Combine(SampleFolder.RepositoryRoot(), "data-samples");
        foreach (var file in new[] { "skills.csv", "roles.csv", "badges.csv", "employees.csv", "awards.csv", "README.md" })
            Assert.True(File.ReadAllText(Path.Combine(committed, file)) == File.ReadAllText(Path.Combine(sample.Directory, file)),
                $"data-samples/{file} has drifted from the generator: regenerate it with the default options");
        // The workbook is compared by its parts, not its compressed bytes.
        Assert.Equal(ZipParts(Path.Combine(sample.Directory, "roles-matrix.xlsx")), ZipParts(Path.Combine(committed, "roles-matrix.xlsx")));
    }

    private static List<(string Name, string Content)> ZipParts(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => { using var reader = new StreamReader(e.Open()); return (e.FullName, reader.ReadToEnd()); }).ToList();
    }

    [Fact]
    public void The_organisation_has_the_promised_size()
    {
        var matrix = MatrixSheet.Records(Path.Combine(sample.Directory, "roles-matrix.xlsx"));
        var roles = sample.Roles.Select(r => (Code: r["role_code"], Family: r["family"]))
            .Concat(matrix.Select(r => (Code: r["role_code"].Text, Family: r["family"].Text))).Distinct().ToList();
        Assert.True(roles.Count >= 12, $"{roles.Count} roles");
        Assert.True(roles.Select(r => r.Family).Distinct().Count() >= 3);
        Assert.True(sample.Skills.Count >= 60, $"{sample.Skills.Count} skills");
        Assert.True(sample.Badges.Count >= 80, $"{sample.Badges.Count} badges");
        Assert.Equal(400, sample.Employees.Count);
        Assert.Equal(400, sample.Employees.Select(e => e["employee_id"]).Distinct().Count());
        Assert.Equal(400, sample.Employees.Select(e => e["name"]).Distinct().Count());
        Assert.Equal(400, sample.Employees.Select(e => e["email"]).Distinct().Count());

        // Requirements per role: 6–15, weights 1–5.
        foreach (var role in sample.Roles.GroupBy(r => r["role_code"]))
            Assert.InRange(role.Count(), 6, 15);
        foreach (var row in matrix)
            Assert.InRange(row.Count - 3, 6, 15);
        Assert.All(sample.Roles, r => Assert.InRange(int.Parse(r["weight"], CultureInfo.InvariantCulture), 1, 5));

        // Hours 2–60; expiring badges of 12, 24 and 36 months; either-or prerequisites.
        Assert.All(sample.Badges, b => Assert.InRange(decimal.Parse(b["hours"], CultureInfo.InvariantCulture), 2m, 60m));
        Assert.Equal([12, 24, 36], sample.Badges.Where(b => b["valid_months"].Length > 0)
            .Select(b => int.Parse(b["valid_months"], CultureInfo.InvariantCulture)).Distinct().Order().ToArray());
        Assert.True(sample.Badges.Count(b => b["prerequisites"].Contains('|', StringComparison.Ordinal)) >= 3);

        var from = new DateOnly(2023, 11, 27); // 2026-11-27 minus three years
        var dates = sample.Awards.Select(a => Date(a["issued_on"])).ToList();
        Assert.Equal(from, dates.Min());
        Assert.True(dates.Max() >= dates.Min().AddYears(3), $"awards span {dates.Min()} to {dates.Max()}");
        Assert.True(dates.Max() <= new DateOnly(2026, 11, 27));
    }

    [Fact]
    public void The_advanced_excel_stack_has_its_micro_credentials_and_is_awarded_only_after_them()
    {
        Assert.Contains(sample.Skills, s => s["skill_code"] == "EXCEL-PIVOT");
        Assert.Contains(sample.Skills, s => s["skill_code"] == "EXCEL-FMT");
        Assert.Contains(sample.Skills, s => s["skill_code"] == "EXCEL-MINING");
        var stack = Assert.Single(sample.Badges, b => b["badge_id"] == "EXCEL-ADV");
        var children = sample.Badges.Where(b => b["stack_id"] == "EXCEL-ADV").Select(b => b["badge_id"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["XL-FMT", "XL-MINING", "XL-PIVOT", "XL-PQ"], children);
        // The stack attests its own skills at a higher level than any child: 4 against 3.
        Assert.Contains("EXCEL-PIVOT:4", stack["skills"].Split(';'));
        Assert.Contains("EXCEL-MINING:3", sample.Badges.Single(b => b["badge_id"] == "XL-MINING")["skills"].Split(';'));
        Assert.True(decimal.Parse(stack["hours"], CultureInfo.InvariantCulture) <= 8m, "the stack is a small capstone");

        var stackAwards = sample.Awards.Where(a => a["badge_id"] == "EXCEL-ADV").ToList();
        Assert.NotEmpty(stackAwards);
        foreach (var award in stackAwards)
            foreach (var child in children)
                Assert.Contains(sample.Awards, a => a["employee_id"] == award["employee_id"] && a["badge_id"] == child
                    && Date(a["issued_on"]) < Date(award["issued_on"]));
    }

    [Fact]
    public void Every_award_comes_on_or_after_its_prerequisites()
    {
        var children = sample.Badges.Where(b => b["stack_id"].Length > 0).ToLookup(b => b["stack_id"], b => new BadgeId(b["badge_id"]));
        var rules = sample.Badges.ToDictionary(b => b["badge_id"],
            b => PrerequisiteRule.Parse(b["prerequisites"]).WithAllOf(children[b["badge_id"]]));
        var earned = sample.Awards.GroupBy(a => a["employee_id"])
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a["badge_id"]).ToDictionary(b => b.Key, b => b.Min(a => Date(a["issued_on"]))));
        var checkedGroups = 0;
        foreach (var award in sample.Awards)
        {
            var issued = Date(award["issued_on"]);
            var held = earned[award["employee_id"]];
            foreach (var group in rules[award["badge_id"]].Groups)
            {
                checkedGroups++;
                Assert.True(group.Any(p => held.TryGetValue(p.Value, out var on) && on <= issued),
                    $"{award["employee_id"]} earned {award["badge_id"]} on {award["issued_on"]} without one of {string.Join("|", group)}");
            }
        }
        Assert.True(checkedGroups > 1000, $"only {checkedGroups} prerequisite groups checked");
    }

    [Fact]
    public void A_badge_is_earned_again_only_after_it_expired_and_some_people_do_renew()
    {
        var months = sample.Badges.ToDictionary(b => b["badge_id"], b => b["valid_months"].Length == 0 ? (int?)null : int.Parse(b["valid_months"], CultureInfo.InvariantCulture));
        var renewals = 0;
        foreach (var person in sample.Awards.GroupBy(a => (a["employee_id"], a["badge_id"])))
        {
            var awards = person.OrderBy(a => Date(a["issued_on"])).ToList();
            for (var i = 1; i < awards.Count; i++)
            {
                var previous = awards[i - 1];
                var issued = Date(previous["issued_on"]);
                DateOnly? expires = previous["expires_on"].Length > 0 ? Date(previous["expires_on"])
                    : months[previous["badge_id"]] is int m ? issued.AddMonths(m) : null;
                Assert.True(expires is DateOnly e && e <= Date(awards[i]["issued_on"]),
                    $"{person.Key} earned again on {awards[i]["issued_on"]} while the award of {previous["issued_on"]} was valid");
                renewals++;
            }
        }
        Assert.True(renewals >= 10, $"{renewals} renewals");
        Assert.All(sample.Awards.Where(a => a["expires_on"].Length > 0), a => Assert.True(Date(a["expires_on"]) > Date(a["issued_on"])));
        Assert.Contains(sample.Awards, a => a["expires_on"].Length > 0);
    }

    [Fact]
    public void Several_awards_happen_on_the_same_day_and_people_differ_in_activity()
    {
        var perDay = sample.Awards.GroupBy(a => (a["employee_id"], a["issued_on"])).Count(g => g.Count() > 1);
        Assert.True(perDay >= 20, $"{perDay} person-days with several awards");
        var perPerson = sample.Awards.GroupBy(a => a["employee_id"]).Select(g => g.Count()).Order().ToArray();
        Assert.True(perPerson[^1] >= 4 * perPerson[perPerson.Length / 2], "the keenest person earns far more than the median");
    }

    [Fact]
    public void People_who_earned_a_badge_tend_to_earn_the_same_badge_next()
    {
        // For each badge, the badges earned right after it by the same person. With ~50 eligible candidates and no
        // pattern, the most common successor would take a few percent; a learnt pattern needs far more.
        var next = new Dictionary<string, Dictionary<string, int>>();
        foreach (var person in sample.Awards.GroupBy(a => a["employee_id"]))
        {
            var ordered = person.ToList(); // the file lists each person's awards in order
            for (var i = 1; i < ordered.Count; i++)
            {
                var successors = next.TryGetValue(ordered[i - 1]["badge_id"], out var s) ? s : next[ordered[i - 1]["badge_id"]] = [];
                successors[ordered[i]["badge_id"]] = successors.GetValueOrDefault(ordered[i]["badge_id"]) + 1;
            }
        }
        var frequent = next.Where(p => p.Value.Values.Sum() >= 30).ToList();
        Assert.True(frequent.Count >= 10);
        var patterned = frequent.Count(p => p.Value.Values.Max() >= 0.15 * p.Value.Values.Sum());
        Assert.True(patterned * 2 >= frequent.Count, $"{patterned} of {frequent.Count} badges have a successor taking 15% or more");
    }

    [Fact]
    public void People_learn_mostly_what_their_role_or_target_role_requires()
    {
        var required = sample.Roles.Select(r => (Role: r["role_code"], Skill: r["skill_code"]))
            .Concat(MatrixSheet.Records(Path.Combine(sample.Directory, "roles-matrix.xlsx")).SelectMany(r => r.Keys.Skip(3).Select(k => (Role: r["role_code"].Text, Skill: k))))
            .ToLookup(p => p.Role, p => p.Skill);
        var attests = sample.Badges.ToDictionary(b => b["badge_id"], b => b["skills"].Split(';').Select(s => s.Split(':')[0]).ToHashSet());
        var people = sample.Employees.ToDictionary(e => e["employee_id"]);
        bool Relevant(string badge, string role) => attests[badge].Overlaps(required[role]);

        var relevant = sample.Awards.Count(a =>
            Relevant(a["badge_id"], people[a["employee_id"]]["role_code"]) ||
            (people[a["employee_id"]]["target_role_code"] is { Length: > 0 } target && Relevant(a["badge_id"], target)));
        Assert.True(relevant >= 0.65 * sample.Awards.Count, $"{relevant} of {sample.Awards.Count} awards attest a skill the role or target role needs");

        // Against their own role alone, each role's awards are relevant at least twice as often as a badge drawn from the catalogue at random.
        foreach (var role in sample.Awards.GroupBy(a => people[a["employee_id"]]["role_code"]).Where(g => g.Count() >= 50))
        {
            var catalogueShare = attests.Keys.Count(b => Relevant(b, role.Key)) / (double)attests.Count;
            var awardShare = role.Count(a => Relevant(a["badge_id"], role.Key)) / (double)role.Count();
            Assert.True(awardShare >= 2 * catalogueShare, $"{role.Key}: {awardShare:P0} of awards relevant, {catalogueShare:P0} of the catalogue");
        }
    }

    [Fact]
    public void The_manager_tree_is_one_tree_rooted_at_the_ceo_with_believable_spans()
    {
        var managerOf = sample.Employees.ToDictionary(e => new EmployeeId(e["employee_id"]),
            e => e["manager_id"].Length == 0 ? (EmployeeId?)null : new EmployeeId(e["manager_id"]));
        Assert.Null(ManagerTree.FindCycle(managerOf));
        var root = Assert.Single(sample.Employees, e => e["manager_id"].Length == 0);
        Assert.Equal("CEO", root["role_code"]);
        Assert.All(managerOf.Values.OfType<EmployeeId>(), m => Assert.True(managerOf.ContainsKey(m), $"unknown manager {m}"));

        var spans = sample.Employees.Where(e => e["manager_id"].Length > 0).GroupBy(e => e["manager_id"]).Select(g => g.Count()).ToList();
        Assert.All(spans, s => Assert.InRange(s, 5, 12));
        int Depth(EmployeeId id) => managerOf[id] is EmployeeId m ? 1 + Depth(m) : 1;
        Assert.InRange(managerOf.Keys.Max(Depth), 4, 6);
        // Everyone with reports leads people; nobody without reports does.
        var managers = spans.Count;
        Assert.Equal(managers, sample.Employees.Count(e => e["role_code"] is "CEO" or "DEPT-HEAD" or "TEAM-LEAD"));
    }

    [Fact]
    public void Every_reference_resolves()
    {
        var skills = sample.Skills.Select(s => s["skill_code"]).ToHashSet();
        Assert.Equal(sample.Skills.Count, skills.Count);
        var matrix = MatrixSheet.Records(Path.Combine(sample.Directory, "roles-matrix.xlsx"));
        var longRoles = sample.Roles.Select(r => r["role_code"]).ToHashSet();
        var matrixRoles = matrix.Select(r => r["role_code"].Text).ToList();
        Assert.Empty(longRoles.Intersect(matrixRoles));
        Assert.Equal(matrixRoles.Count, matrixRoles.Distinct().Count());
        var roles = longRoles.Union(matrixRoles).ToHashSet();

        Assert.All(sample.Roles, r => Assert.Contains(r["skill_code"], skills));
        Assert.All(matrix.SelectMany(r => r.Keys.Skip(3)), code => Assert.Contains(code, skills));
        var badges = sample.Badges.Select(b => b["badge_id"]).ToHashSet();
        Assert.Equal(sample.Badges.Count, badges.Count);
        foreach (var badge in sample.Badges)
        {
            Assert.All(badge["skills"].Split(';'), s => Assert.Contains(s.Split(':')[0], skills));
            Assert.All(PrerequisiteRule.Parse(badge["prerequisites"]).AllBadges, p => Assert.Contains(p.Value, badges));
            if (badge["stack_id"].Length > 0) Assert.Contains(badge["stack_id"], badges);
        }
        var employees = sample.Employees.Select(e => e["employee_id"]).ToHashSet();
        Assert.All(sample.Employees, e => Assert.Contains(e["role_code"], roles));
        Assert.All(sample.Employees.Where(e => e["target_role_code"].Length > 0), e => Assert.Contains(e["target_role_code"], roles));
        Assert.Contains(sample.Employees, e => e["target_role_code"].Length > 0);
        Assert.All(sample.Awards, a =>
        {
            Assert.Contains(a["employee_id"], employees);
            Assert.Contains(a["badge_id"], badges);
        });
    }

    [Fact]
    public void Exactly_two_required_levels_are_beyond_what_any_badge_attests()
    {
        var best = sample.Badges.SelectMany(b => b["skills"].Split(';')).Select(s => s.Split(':'))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Max(p => int.Parse(p[1], CultureInfo.InvariantCulture)));
        var required = sample.Roles.Select(r => (Role: r["role_code"], Skill: r["skill_code"], Level: int.Parse(r["required_level"], CultureInfo.InvariantCulture)))
            .Concat(MatrixSheet.Records(Path.Combine(sample.Directory, "roles-matrix.xlsx")).SelectMany(r => r.Skip(3)
                .Select(c => (Role: r["role_code"].Text, Skill: c.Key, Level: int.Parse(c.Value.Text.TrimEnd('!'), CultureInfo.InvariantCulture)))));
        var uncoverable = required.Where(r => r.Level > best.GetValueOrDefault(r.Skill)).Select(r => $"{r.Role}/{r.Skill}").Order(StringComparer.Ordinal);
        // Security Engineer needs SEC-IR 4 (best badge SEC-IR-201 attests 3); the CEO needs STRATEGY 5 (STRAT-301 attests 4).
        Assert.Equal(["CEO/STRATEGY", "SEC-ENG/SEC-IR"], uncoverable);
    }

    [Fact]
    public void The_roles_matrix_reads_back_with_the_open_xml_sdk_to_the_business_roles()
    {
        var (sheetName, rows) = MatrixSheet.Read(Path.Combine(sample.Directory, "roles-matrix.xlsx"));
        Assert.Equal("Roles", sheetName);
        Assert.Equal("role_code", rows[0]["A"].Text);
        Assert.Equal("role_title", rows[0]["B"].Text);
        Assert.Equal("family", rows[0]["C"].Text);
        // PM 11 skills, BA adds 6 new ones (REQ, PROCESS, BIZ-CASE, SQL, EXCEL-PIVOT, DATA-VIZ), Finance Analyst 8 more: 25 skill columns.
        Assert.Equal(3 + 25, rows[0].Count);

        var records = MatrixSheet.Records(Path.Combine(sample.Directory, "roles-matrix.xlsx"));
        Assert.Equal(["PM", "BA", "FIN-ANALYST"], records.Select(r => r["role_code"].Text));
        Assert.All(records, r => Assert.Equal("Business", r["family"].Text));
        var pm = records[0];
        Assert.Equal("Project Manager", pm["role_title"].Text);
        Assert.Equal(new MatrixCell("4!", IsNumber: false), pm["PM-FUND"]);
        Assert.Equal(new MatrixCell("3!", IsNumber: false), pm["STAKEHOLDER"]);
        Assert.Equal(new MatrixCell("3", IsNumber: true), pm["AGILE"]);
        Assert.Equal(new MatrixCell("2", IsNumber: true), pm["EXCEL"]);
        Assert.False(pm.ContainsKey("REQ"));
        Assert.Equal(new MatrixCell("4!", IsNumber: false), records[1]["REQ"]);
        Assert.Equal(new MatrixCell("2", IsNumber: true), records[1]["SQL"]);
        var finance = records[2];
        Assert.Equal(new MatrixCell("4!", IsNumber: false), finance["FIN-MODEL"]);
        Assert.Equal(new MatrixCell("4", IsNumber: true), finance["EXCEL-PIVOT"]);
        Assert.Equal(new MatrixCell("3", IsNumber: true), finance["EXCEL-PQ"]);
        // 11 + 11 + 12 requirements in the matrix, 130 rows in roles.csv.
        Assert.Equal(34, records.Sum(r => r.Count - 3));
        Assert.Equal(130, sample.Roles.Count);
    }

    [Fact]
    public void The_readme_counts_match_the_files()
    {
        var readme = File.ReadAllText(Path.Combine(sample.Directory, "README.md"));
        Assert.Contains($"| `skills.csv` | {sample.Skills.Count} skills", readme, StringComparison.Ordinal);
        Assert.Contains($"| `badges.csv` | {sample.Badges.Count} badges", readme, StringComparison.Ordinal);
        Assert.Contains($"| `employees.csv` | {sample.Employees.Count} employees", readme, StringComparison.Ordinal);
        Assert.Contains($"| `awards.csv` | {sample.Awards.Count} awards to {sample.Awards.Select(a => a["employee_id"]).Distinct().Count()} employees", readme, StringComparison.Ordinal);
        Assert.Contains("| `roles.csv` | 12 roles", readme, StringComparison.Ordinal);
        Assert.Contains("| `roles-matrix.xlsx` | 3 roles of the Business family", readme, StringComparison.Ordinal);
        Assert.Equal(sample.Awards.Count(a => a["badge_id"] == "EXCEL-ADV"), sample.Summary.StackAwards);
    }

    [Fact]
    public void Options_default_to_400_people_over_three_years_until_2026_11_27_and_reject_nonsense()
    {
        var options = new GeneratorOptions();
        Assert.Equal((400, 42, new DateOnly(2026, 11, 27), 3), (options.Employees, options.Seed, options.Until, options.Years));
        Assert.Equal(new DateOnly(2023, 11, 27), options.From);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(Employees: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(Years: 0));
    }

    [Fact]
    public void A_small_organisation_is_still_a_valid_tree()
    {
        foreach (var size in new[] { 1, 2, 5, 13, 60 })
        {
            var organisation = OrganisationGenerator.Generate(new GeneratorOptions(Employees: size, Seed: 3));
            Assert.Equal(size, organisation.Employees.Count);
            Assert.Single(organisation.Employees, e => e.Manager is null);
            Assert.Null(ManagerTree.FindCycle(organisation.Employees.ToDictionary(e => e.Id, e => e.Manager)));
            Assert.All(organisation.Awards, a => Assert.InRange(a.IssuedOn, new DateOnly(2023, 11, 27), new DateOnly(2026, 11, 27)));
        }
    }
}
