using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.TestSupport;

namespace SkillsGap.UnitTests.Recommendations;

/// <summary>
/// The Cardano Stack Exchange badge awards (shared/external/stackexchange-cardano-badges, CC BY-SA 4.0) as an
/// organisation: each user an employee of one role that requires nothing, each badge name a badge attesting no skill.
/// Awards are listed in (time, id) order, so that the award list breaks ties of one timestamp by id.
/// </summary>
internal static class StackExchangeBadges
{
    public static string File => ExternalData.PathOf("stackexchange-cardano-badges", "Badges.csv");

    public static OrganisationSnapshot Load()
    {
        var rows = System.IO.File.ReadLines(File).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return (Id: long.Parse(f[0], CultureInfo.InvariantCulture), User: f[1], Name: f[2],
                Time: DateTime.ParseExact(f[3], "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        }).OrderBy(r => r.Time).ThenBy(r => r.Id).ToList();
        var role = new RoleVersion(new RoleCode("SE-USER"), "Stack Exchange user", null, 1, new DateOnly(2021, 1, 1), []);
        var badges = rows.Select(r => r.Name).Distinct().Order(StringComparer.Ordinal)
            .Select(n => new Badge(new BadgeId(n), n, "Cardano Stack Exchange", [], 1m, PrerequisiteRule.None, null, null)).ToList();
        var employees = rows.Select(r => r.User).Distinct().Select(u => new Employee(new EmployeeId("U" + u), "User " + u, null, role.Code)).ToList();
        // One award per (user, badge, day): a badge earned twice on one day is one award of that day.
        var seen = new HashSet<(string, string, DateOnly)>();
        var awards = new List<Award>();
        foreach (var r in rows)
        {
            var day = DateOnly.FromDateTime(r.Time);
            if (seen.Add((r.User, r.Name, day))) awards.Add(new Award(new EmployeeId("U" + r.User), new BadgeId(r.Name), day));
        }
        return new OrganisationSnapshot(new DateOnly(2021, 12, 31), [], [role], badges, employees, awards);
    }
}
