using System.Globalization;
using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;
using SkillsGap.UnitTests.TestSupport;
using Xunit.Abstractions;

namespace SkillsGap.UnitTests.Recommendations;

public class SampleDataTests(ITestOutputHelper output)
{
    [Fact]
    public void The_model_and_both_baselines_are_evaluated_on_the_committed_sample_history()
    {
        var snapshot = SampleOrganisation.Load();
        // Awards run 2023-11-27 to 2026-11-27: the last six months are the test window.
        var trainUntil = HistoryBuilder.D("2026-05-27");
        var history = TrainingHistory.Build(snapshot);
        var model = NextBadgeModel.Train(history, trainUntil);

        var report = Evaluation.Run(history, model, trainUntil);
        output.WriteLine(report.ToJson());
        output.WriteLine($"cases {history.Cases.Count}, skipped {history.SkippedCases}; validation: " +
                         string.Join(", ", model.Metadata.Validation.Select(v => $"{v.Key} ndcg@10 {v.Value.Ndcg10:0.0000}")));

        Assert.True(report.TestCases > 100, "test cases " + report.TestCases);
        Assert.Null(report.FallbackReason);
        Assert.Equal(history.Cases.Count(c => c.Day >= trainUntil), report.TestCases);
        foreach (var m in report.Models.Values)
        {
            Assert.InRange(m.HitRate5, 0, m.HitRate10);
            Assert.InRange(m.Mrr, 0, 1);
            Assert.InRange(m.Coverage, 0, 1);
        }

        // The popularity baseline recomputed here from the raw award rows: for a test case of an employee in role r,
        // a candidate's score is the share of role r's awards issued before trainUntil that are of it (people by the
        // role the roster gives them; a role this snapshot does not define — the matrix roles are not read here — has
        // no peers, so every score is 0); higher first, equal scores by catalogue order. Then HR@10 and MRR by hand.
        var test = history.Cases.Where(c => c.Day >= trainUntil).ToList();
        var roleOf = snapshot.Employees.ToDictionary(e => e.Id, e => e.Role);
        var earlier = snapshot.Awards.Where(a => a.IssuedOn < trainUntil && roleOf.ContainsKey(a.Employee)).ToList();
        double Popularity(RoleCode role, int badge)
        {
            var total = earlier.Count(a => roleOf[a.Employee] == role);
            return total == 0 || snapshot.FindRole(role) is null ? 0 : (double)earlier.Count(a => roleOf[a.Employee] == role && a.Badge == snapshot.Badges[badge].Id) / total;
        }
        var scores = new Dictionary<(RoleCode, int), float>();
        var firstHits = test.Select(c =>
        {
            var role = snapshot.Employees[c.Employee].Role;
            var ranked = c.Candidates
                .OrderByDescending(b => scores.TryGetValue((role, b), out var v) ? v : scores[(role, b)] = (float)Popularity(role, b))
                .ThenBy(b => b)
                .ToList();
            return c.Positives.Min(p => ranked.IndexOf(p)) + 1;
        }).ToList();
        var popularity = report.Models["popularity"];
        Assert.Equal(firstHits.Count(r => r <= 10) / (double)firstHits.Count, popularity.HitRate10, 12);
        Assert.Equal(firstHits.Average(r => 1.0 / r), popularity.Mrr, 12);
        // And the model is worth having on this history: it ranks the next badges better than both baselines.
        Assert.True(report.Models["model"].Ndcg10 > popularity.Ndcg10, report.ToJson());
        Assert.True(report.Models["model"].Ndcg10 > report.Models["gapGreedy"].Ndcg10, report.ToJson());
    }

    /// <summary>Reads data-samples/*.csv (the long roles file only) with a minimal CSV reader.</summary>
    private static class SampleOrganisation
    {
        public static OrganisationSnapshot Load()
        {
            var folder = ExternalData.SamplesFolder;
            var skills = Rows(Path.Combine(folder, "skills.csv")).Select(r => new Skill(new SkillCode(r["skill_code"]), r["skill_name"])).ToList();
            var roles = Rows(Path.Combine(folder, "roles.csv")).GroupBy(r => r["role_code"]).Select(g => new RoleVersion(
                new RoleCode(g.Key), g.First()["role_title"], g.First()["family"], 1, new DateOnly(2020, 1, 1),
                g.Select(r => new RoleRequirement(new SkillCode(r["skill_code"]), new ProficiencyLevel(Int(r["required_level"])),
                    r["weight"].Length == 0 ? 3 : Int(r["weight"]), string.Equals(r["critical"], "true", StringComparison.OrdinalIgnoreCase))).ToList()))
                .ToList();
            var badges = Rows(Path.Combine(folder, "badges.csv")).Select(r => new Badge(new BadgeId(r["badge_id"]), r["badge_name"], r["issuer"],
                r["skills"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split(':'))
                    .Select(p => new BadgeSkill(new SkillCode(p[0]), new ProficiencyLevel(Int(p[1])))).ToList(),
                decimal.Parse(r["hours"], CultureInfo.InvariantCulture), PrerequisiteRule.Parse(r["prerequisites"]),
                r["valid_months"].Length == 0 ? null : Int(r["valid_months"]),
                r["stack_id"].Length == 0 ? null : new BadgeId(r["stack_id"]))).ToList();
            var employees = Rows(Path.Combine(folder, "employees.csv")).Select(r => new Employee(new EmployeeId(r["employee_id"]), r["name"],
                r["email"], new RoleCode(r["role_code"]), r["manager_id"].Length == 0 ? null : new EmployeeId(r["manager_id"]),
                r["department"])).ToList();
            var awards = Rows(Path.Combine(folder, "awards.csv")).Select(r => new Award(new EmployeeId(r["employee_id"]), new BadgeId(r["badge_id"]),
                HistoryBuilder.D(r["issued_on"]), r["expires_on"].Length == 0 ? null : HistoryBuilder.D(r["expires_on"]))).ToList();
            return new OrganisationSnapshot(new DateOnly(2026, 11, 28), skills, roles, badges, employees, awards);
        }

        private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

        private static IEnumerable<Dictionary<string, string>> Rows(string path)
        {
            var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).ToList();
            var header = Fields(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                var fields = Fields(line);
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++) row[header[i]] = i < fields.Count ? fields[i] : "";
                yield return row;
            }
        }

        private static List<string> Fields(string line)
        {
            var fields = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else current.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { fields.Add(current.ToString()); current.Clear(); }
                else current.Append(ch);
            }
            fields.Add(current.ToString());
            return fields;
        }
    }
}
