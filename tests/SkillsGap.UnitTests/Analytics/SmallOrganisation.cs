using SkillsGap.Core.Figures;
using SkillsGap.UnitTests.Core.Figures;

namespace SkillsGap.UnitTests.Analytics;

/// <summary>
/// A small organisation as of 2026-01-31 whose figures are worked out by hand.
/// <code>
/// Roles   ANALYST   PY 3 (w4, critical), SQL 2 (w3)                  Σ w·req = 12 + 6 = 18
///         SCIENTIST PY 4 (w5, critical), ML 5 (w4), SQL 2 (w1)       Σ w·req = 20 + 20 + 2 = 42
///         MANAGER   nothing                                         readiness 1
/// Badges  PY-101 PY 1 (12 m)  PY-201 PY 3 (12 m)  PY-301 PY 4  SQL-101 SQL 2  ML-301 ML 4 (24 m)
///         → best attestable: PY 4, SQL 2, ML 4, so SCIENTIST's ML 5 is uncoverable.
/// Roster  M1 MANAGER  Ops               awards none                              readiness 1            ready
///         E1 ANALYST  Data  ← M1        PY-201 2025-03-15 (→2026-03-15), SQL-101  PY 3 SQL 2: 18/18 = 1  ready
///         E2 ANALYST  Data  ← E1        PY-101 2025-04-01 (→2026-04-01), SQL-101  PY 1 SQL 2: (4+6)/18 = 10/18  not (critical PY)
///         E3 SCIENTIST Data ← M1        PY-301, ML-301 2025-06-01, SQL-101,        PY 4 ML 4 SQL 2: (20+16+2)/42 = 38/42 ready
///                                       PY-101 2025-02-20 (→2026-02-20: expires soon but opens no gap)
///         E4 ANALYST  Sales ← M2        PY-201 2024-01-01 (expired 2025-01-01), SQL-101   PY 0 SQL 2: 6/18 not (critical PY)
///         M2 MANAGER  Sales             PY-201 2025-12-01, SQL-101                 readiness 1; ready for ANALYST (18/18)
///         E5 ANALYST  Data  ← M1, left 2025-12-31                                  in no group
/// </code>
/// </summary>
internal static class SmallOrganisation
{
    public const string AsOf = "2026-01-31";

    public static SnapshotBuilder Builder() => new SnapshotBuilder()
        .Skill("PY", "SQL", "ML")
        .Role("ANALYST", "PY:3:4!", "SQL:2:3")
        .Role("SCIENTIST", "PY:4:5!", "ML:5:4", "SQL:2:1")
        .Role("MANAGER")
        .Badge("PY-101", "PY:1", validMonths: 12)
        .Badge("PY-201", "PY:3", validMonths: 12)
        .Badge("PY-301", "PY:4")
        .Badge("SQL-101", "SQL:2")
        .Badge("ML-301", "ML:4", validMonths: 24)
        .Employee("M1", "MANAGER", department: "Ops")
        .Employee("E1", "ANALYST", manager: "M1", department: "Data")
        .Employee("E2", "ANALYST", manager: "E1", department: "Data")
        .Employee("E3", "SCIENTIST", manager: "M1", department: "Data")
        .Employee("E4", "ANALYST", manager: "M2", department: "Sales")
        .Employee("M2", "MANAGER", department: "Sales")
        .Employee("E5", "ANALYST", manager: "M1", department: "Data", leftOn: "2025-12-31")
        .Award("E1", "PY-201", "2025-03-15").Award("E1", "SQL-101", "2024-05-01")
        .Award("E2", "PY-101", "2025-04-01").Award("E2", "SQL-101", "2024-05-01")
        .Award("E3", "PY-301", "2025-06-01").Award("E3", "ML-301", "2025-06-01").Award("E3", "SQL-101", "2024-05-01")
        .Award("E3", "PY-101", "2025-02-20")
        .Award("E4", "PY-201", "2024-01-01").Award("E4", "SQL-101", "2024-05-01")
        .Award("M2", "PY-201", "2025-12-01").Award("M2", "SQL-101", "2024-05-01")
        .Award("E5", "PY-201", "2025-06-01").Award("E5", "SQL-101", "2024-05-01");

    public static OrganisationFigures Figures() => Builder().Figures(AsOf);

    public static int Index(OrganisationFigures f, string id) => f.Snapshot.EmployeeIndex(new SkillsGap.Core.Domain.EmployeeId(id));

    public static string[] Ids(OrganisationFigures f, IEnumerable<int> members) => [.. members.Select(e => f.Snapshot.Employees[e].Id.Value)];
}
