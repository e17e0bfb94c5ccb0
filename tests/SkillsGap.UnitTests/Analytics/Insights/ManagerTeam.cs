using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics.Insights;

/// <summary>
/// A manager's team as of 2026-01-31 (previous figures 2026-01-24), worked out by hand.
/// <code>
/// Skills  LEAD People leadership · SQL SQL querying · CLOUD Cloud platforms
/// Roles   LEAD-R Team Lead: LEAD 3 (w4, critical), SQL 2 (w2)          Σ w·req = 16
///         DEV Developer:    SQL 2 (w3, critical), CLOUD 2 (w2)        Σ w·req = 10
/// Badges  LEAD-1 Leading People LEAD:2 10 h · LEAD-2 Leading Teams LEAD:3 12 h (needs LEAD-1)
///         SQL-1 SQL Basics SQL:2 8 h · CLOUD-1 Cloud Fundamentals CLOUD:2 6 h, valid 12 months
/// M0 Maria Lopez  LEAD-R, the manager (Ops)
/// A  Aisha Fraser LEAD-R ← M0  nothing: LEAD 0 (critical gap 3), SQL 0 (gap 2)        readiness 0
/// B  Ben Carter   DEV ← M0     SQL-1, CLOUD-1 2025-02-20 (expires 2026-02-20, in 20 days) readiness 1, ready; targets LEAD-R
/// C  Cara Diaz    DEV ← M0     SQL-1, CLOUD-1 2025-01-28 (expired 2026-01-28)       now 6/10 = 0.6; on 2026-01-24 1.0
/// D  Dan Evans    DEV ← M0     SQL-1, CLOUD-1 2025-12-01 (valid to 2026-12-01)     readiness 1, ready
/// E  Eve Stone    DEV ← M0     nothing: SQL 0 (critical gap 2), CLOUD 0 (gap 2)      readiness 0
/// </code>
/// </summary>
internal static class ManagerTeam
{
    public static SnapshotBuilder Builder() => new SnapshotBuilder()
        .NamedSkill("LEAD", "People leadership").NamedSkill("SQL", "SQL querying").NamedSkill("CLOUD", "Cloud platforms")
        .Role("LEAD-R", "LEAD:3:4!", "SQL:2:2").Titled("Team Lead")
        .Role("DEV", "SQL:2:3!", "CLOUD:2:2").Titled("Developer")
        .Badge("LEAD-1", "LEAD:2", hours: 10, name: "Leading People")
        .Badge("LEAD-2", "LEAD:3", prerequisites: "LEAD-1", hours: 12, name: "Leading Teams")
        .Badge("SQL-1", "SQL:2", hours: 8, name: "SQL Basics")
        .Badge("CLOUD-1", "CLOUD:2", validMonths: 12, hours: 6, name: "Cloud Fundamentals")
        .Employee("M0", "LEAD-R", department: "Ops", name: "Maria Lopez")
        .Employee("A", "LEAD-R", manager: "M0", department: "Engineering", name: "Aisha Fraser")
        .Employee("B", "DEV", manager: "M0", department: "Engineering", target: "LEAD-R", name: "Ben Carter")
        .Employee("C", "DEV", manager: "M0", department: "Data", name: "Cara Diaz")
        .Employee("D", "DEV", manager: "M0", department: "Data", name: "Dan Evans")
        .Employee("E", "DEV", manager: "M0", department: "Engineering", name: "Eve Stone")
        .Award("M0", "LEAD-1", "2024-01-01").Award("M0", "LEAD-2", "2024-03-01").Award("M0", "SQL-1", "2024-01-01")
        .Award("B", "SQL-1", "2025-06-01").Award("B", "CLOUD-1", "2025-02-20")
        .Award("C", "SQL-1", "2025-06-01").Award("C", "CLOUD-1", "2025-01-28")
        .Award("D", "SQL-1", "2025-06-01").Award("D", "CLOUD-1", "2025-12-01");

    public static OrganisationFigures Now() => Builder().Figures("2026-01-31");

    public static OrganisationFigures Previous() => Builder().Figures("2026-01-24");

    public static int[] Team(OrganisationFigures f) => new GroupSelector(f.Snapshot).Team(new EmployeeId("M0"));
}
