using SkillsGap.Reporting;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>A small, hand-made report read model: a team of three, two skills, a two-week trend.</summary>
internal static class ReportFixture
{
    public const string HostileName = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string HostileDepartment = "+cmd|' /C calc'!A0";
    public const string HostileRole = "-2+3";
    public const string HostileSkillName = "@SUM(1+1)";
    public const string TabName = "\tTabbed";

    public static WeeklyReportModel Model(WorkbookKind kind = WorkbookKind.Team, int trendWeeks = 12)
    {
        // Readiness of three people: 1, 0.5, 0.25 → mean 0.5833…, one ready (1/3). A week earlier: mean 0.5, ready 1/3.
        var current = new ReadinessFigure(3, 1.75 / 3, 1, 1.0 / 3, [0, 0, 1, 0, 0, 1, 0, 0, 0, 1]);
        var previous = new ReadinessFigure(3, 0.5, 1, 1.0 / 3, [0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
        var trend = Enumerable.Range(0, trendWeeks).Select(i => new TrendWeek(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2026-W{37 + i:00}"), new DateOnly(2026, 9, 13).AddDays(7 * i),
            i == trendWeeks - 1 ? current : previous)).ToArray();
        // Gaps: Ann none in PY, SQL not required; the hostile name 2 in PY (critical) and 1 in SQL; Tabbed 3 in PY (critical), 0 in SQL.
        var values = new double?[3, 2] { { 0, null }, { 2, 1 }, { 3, 0 } };
        var critical = new bool[3, 2] { { false, false }, { true, false }, { true, false } };
        var heatmap = new HeatmapModel(["Name", "Role"],
            [["Ann", "Analyst"], [HostileName, HostileRole], [TabName, "Analyst"]],
            ["PY", "SQL"], ["Python", HostileSkillName], values, "0", "gap legend", critical, [true, false], [1, 0.5, 0.25]);
        var gaps = new ReportTable(
            [new("Employee", ColumnKind.Text), new("Name", ColumnKind.Text), new("Department", ColumnKind.Text), new("Skill", ColumnKind.Text),
             new("Gap", ColumnKind.Integer), new("Critical", ColumnKind.Flag), new("Since", ColumnKind.Date)],
            [
                ["E2", HostileName, HostileDepartment, "PY", 2, true, new DateOnly(2026, 1, 5)],
                ["E2", HostileName, HostileDepartment, "SQL", 1, false, null],
                ["E3", TabName, "Data", "PY", 3, true, new DateOnly(2026, 2, 1)],
            ]);
        var recommendations = new ReportTable(
            [new("Employee", ColumnKind.Text), new("Readiness", ColumnKind.Percent), new("Next badge 1", ColumnKind.Text), new("Pathway hours", ColumnKind.Hours)],
            [["E1", 1.0, null, 0m], ["E2", 0.5, "PY-3: " + HostileSkillName, 22.5m], ["E3", 0.25, "PY-1: Py 1", 30m]]);
        var departments = kind == WorkbookKind.Organisation
            ? new ReportTable([new("Department", ColumnKind.Text), new("People", ColumnKind.Integer)], [[HostileDepartment, 2], ["Data", 1]])
            : null;
        return new WeeklyReportModel(kind, "Weekly skills report: team of Mia (M1), 2026-W48", "Team of Mia", "2026-W48",
            new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 22), 0.9, current, previous, 2, 2,
            [new TopGapLine("PY", "Python", 3, 1.0 / 3, 5.0 / 3, 2, 20), new TopGapLine("SQL", HostileSkillName, 2, 0.5, 0.5, 1, 3)],
            trend, heatmap, gaps, recommendations, departments, ["A note."],
            new AttentionSummary(2, "2 of 3 people need attention: 2 with a critical gap.",
            [
                new AttentionItem(TabName, "Analyst", "Data", 0.25, "Critical gap in Python (PY)", "Earn Py 1 (PY-1): 5 hours; it raises Python (PY) from 0 none to 1 awareness.", 5m),
                new AttentionItem(HostileName, HostileRole, HostileDepartment, 0.5, "Critical gap in Python (PY)", "Earn Py 3 (PY-3): 22.5 hours; it raises Python (PY) from 1 awareness to 3 practitioner.", 22.5m),
            ]),
            new ReportTable([new("Role", ColumnKind.Text), new("Person", ColumnKind.Text), new("Hours to ready", ColumnKind.Hours)],
                [["Analyst", "Ann", 0m], ["Analyst", TabName, 25m]]),
            new ReportTable([new("Team", ColumnKind.Text), new("Name", ColumnKind.Text), new("Expires on", ColumnKind.Date)],
                [["Team of Mia", "Ann", new DateOnly(2026, 12, 20)]]),
            1);
    }
}
