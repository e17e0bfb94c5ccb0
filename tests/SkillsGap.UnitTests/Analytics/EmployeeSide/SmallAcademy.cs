using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.UnitTests.Analytics.EmployeeSide;

/// <summary>
/// A small organisation for the wallet, stack, points, challenge, standings and equal-chance figures, worked out by hand in
/// the tests. As of 2026-11-28.
/// <code>
/// Roles    ANALYST v1 from 2020-01-01: SQL 3 (w4, critical), XL 2 (w2)
///          ANALYST v2 from 2025-06-01: SQL 3 (w4, critical), XL 3 (w2), PIV 2 (w3)
///          LEAD       from 2020-01-01: SQL 2 (w2), PY 2 (w3)
/// Badges   B-SQL1 SQL 2, 8 h              B-SQL2 SQL 3, 16 h, needs B-SQL1, valid 24 months
///          B-XL XL 3, 6 h                 B-PY PY 2, 10 h
///          ST-XL "Advanced Excel Professional": XL 4, PIV 4, FMT 4, MINE 4, 2 h once its children are held
///            B-PIV PIV 3 + XL 3, 4 h    B-FMT FMT 3, 3 h    B-MINE MINE 3, 6 h   (children of ST-XL)
/// People   M1 Mia Moss    LEAD     Ops    London
///          E1 Ana Ortiz   ANALYST  Data   London  ← M1, target LEAD
///          E2 Ben Hale    ANALYST  Data   Leeds   ← M1 (LEAD until 2025-01-01, ANALYST since)
///          E3 Cy Dunn     ANALYST  Sales  Leeds
/// Awards   E1 B-SQL1 2023-02-01 (evidence https://evidence.example/1)
///          E1 B-SQL2 2024-03-01, expires 2026-03-01 (explicit)
///          E1 B-PIV  2025-09-10 verified, credential urn:uuid:1111   E1 B-XL 2025-09-10
///          E1 B-MINE 2026-01-05 revoked                                E1 B-PY 2026-10-01 unverified
///          E1 B-FMT  2026-11-30 (after the as-of date)
///          E2 B-SQL1 2024-06-01   E2 B-XL 2025-10-15   E2 B-PY 2026-11-01
///          E3 B-SQL1 2026-06-01
/// </code>
/// </summary>
internal static class SmallAcademy
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static RoleRequirement Q(string skill, int level, int weight, bool critical = false) =>
        new(new SkillCode(skill), new ProficiencyLevel(level), weight, critical);

    public static RoleVersion AnalystV1 { get; } = new(new RoleCode("ANALYST"), "Analyst", null, 1, D("2020-01-01"), [Q("SQL", 3, 4, true), Q("XL", 2, 2)]);
    public static RoleVersion AnalystV2 { get; } = new(new RoleCode("ANALYST"), "Analyst", null, 2, D("2025-06-01"),
        [Q("SQL", 3, 4, true), Q("XL", 3, 2), Q("PIV", 2, 3)]);
    public static RoleVersion Lead { get; } = new(new RoleCode("LEAD"), "Team Lead", null, 1, D("2020-01-01"), [Q("SQL", 2, 2), Q("PY", 2, 3)]);

    private static Badge B(string id, string name, string skills, decimal hours, string? prerequisites = null, int? validMonths = null, string? stack = null) =>
        new(new BadgeId(id), name, "Internal Academy",
            [.. skills.Split(';').Select(s => s.Split(':')).Select(p => new BadgeSkill(new SkillCode(p[0]), new ProficiencyLevel(int.Parse(p[1], CultureInfo.InvariantCulture))))],
            hours, PrerequisiteRule.Parse(prerequisites), validMonths, stack is null ? null : new BadgeId(stack));

    public static IReadOnlyList<Badge> Badges { get; } =
    [
        B("B-SQL1", "SQL Foundations", "SQL:2", 8), B("B-SQL2", "SQL Practitioner", "SQL:3", 16, "B-SQL1", 24),
        B("B-XL", "Excel for Analysts", "XL:3", 6), B("B-PY", "Python Basics", "PY:2", 10),
        B("ST-XL", "Advanced Excel Professional", "XL:4;PIV:4;FMT:4;MINE:4", 2),
        B("B-PIV", "Pivot Tables", "PIV:3;XL:3", 4, stack: "ST-XL"), B("B-FMT", "Data Formatting", "FMT:3", 3, stack: "ST-XL"),
        B("B-MINE", "Data Mining", "MINE:3", 6, stack: "ST-XL"),
    ];

    public static IReadOnlyList<Skill> Skills { get; } =
    [
        new(new SkillCode("SQL"), "SQL querying"), new(new SkillCode("XL"), "Excel"), new(new SkillCode("PIV"), "Pivot tables"),
        new(new SkillCode("FMT"), "Data formatting"), new(new SkillCode("MINE"), "Data mining"), new(new SkillCode("PY"), "Python"),
    ];

    public static IReadOnlyList<Employee> Employees { get; } =
    [
        new(new EmployeeId("E1"), "Ana Ortiz", null, new RoleCode("ANALYST"), new EmployeeId("M1"), "Data", "London", new RoleCode("LEAD")),
        new(new EmployeeId("E2"), "Ben Hale", null, new RoleCode("ANALYST"), new EmployeeId("M1"), "Data", "Leeds"),
        new(new EmployeeId("E3"), "Cy Dunn", null, new RoleCode("ANALYST"), null, "Sales", "Leeds"),
        new(new EmployeeId("M1"), "Mia Moss", null, new RoleCode("LEAD"), null, "Ops", "London"),
    ];

    private static Award A(string employee, string badge, string issued, string? expires = null, VerificationState state = VerificationState.Recorded,
        string? evidence = null, string? credential = null) =>
        new(new EmployeeId(employee), new BadgeId(badge), D(issued), expires is null ? null : D(expires), evidence, state, null, credential);

    public static IReadOnlyList<Award> Awards { get; } =
    [
        A("E1", "B-SQL1", "2023-02-01", evidence: "https://evidence.example/1"), A("E1", "B-SQL2", "2024-03-01", "2026-03-01"),
        A("E1", "B-PIV", "2025-09-10", state: VerificationState.Verified, credential: "urn:uuid:1111"), A("E1", "B-XL", "2025-09-10"),
        A("E1", "B-MINE", "2026-01-05", state: VerificationState.Revoked), A("E1", "B-PY", "2026-10-01", state: VerificationState.Unverified),
        A("E1", "B-FMT", "2026-11-30"),
        A("E2", "B-SQL1", "2024-06-01"), A("E2", "B-XL", "2025-10-15"), A("E2", "B-PY", "2026-11-01"),
        A("E3", "B-SQL1", "2026-06-01"),
    ];

    /// <summary>The snapshot of <paramref name="asOf"/>: the Analyst version in force then.</summary>
    public static OrganisationSnapshot Snapshot(string asOf = "2026-11-28") =>
        new(D(asOf), Skills, [D(asOf) >= AnalystV2.EffectiveFrom ? AnalystV2 : AnalystV1, Lead], Badges, Employees, Awards);

    public static OrganisationFigures Figures(string asOf = "2026-11-28") => GapEngine.Compute(Snapshot(asOf));

    /// <summary>Both Analyst versions; E2 was a Team Lead until 2025-01-01; the others as on the roster since 2020.</summary>
    public static OrganisationHistory History() => new([AnalystV1, AnalystV2, Lead],
    [
        new(new EmployeeId("E1"), [new EmployeePeriod(D("2020-01-01"), new RoleCode("ANALYST"), new EmployeeId("M1"), "Data", "London", new RoleCode("LEAD"))]),
        new(new EmployeeId("E2"), [new EmployeePeriod(D("2020-01-01"), new RoleCode("LEAD"), new EmployeeId("M1"), "Data", "Leeds"),
            new EmployeePeriod(D("2025-01-01"), new RoleCode("ANALYST"), new EmployeeId("M1"), "Data", "Leeds")]),
        new(new EmployeeId("E3"), [new EmployeePeriod(D("2020-01-01"), new RoleCode("ANALYST"), null, "Sales", "Leeds")]),
        new(new EmployeeId("M1"), [new EmployeePeriod(D("2020-01-01"), new RoleCode("LEAD"), null, "Ops", "London")]),
    ]);

    public static int Index(OrganisationFigures f, string id) => f.Snapshot.EmployeeIndex(new EmployeeId(id));

    public static int AwardIndex(string employee, string badge, string issued) =>
        Awards.ToList().FindIndex(a => a.Employee.Value == employee && a.Badge.Value == badge && a.IssuedOn == D(issued));
}
