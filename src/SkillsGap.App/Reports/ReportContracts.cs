using SkillsGap.Core.Domain;

namespace SkillsGap.App.Reports;

/// <summary>Whose weekly report: one manager's whole reporting tree, or the organisation by department (HR).</summary>
public enum ReportScope
{
    Manager,
    Organisation,
    /// <summary>One employee's digest e-mail (<c>Reports:EmployeeDigest</c>); the request's <c>Manager</c> is the employee.</summary>
    Employee,
}

/// <summary>A weekly report to build: scope, the manager for <see cref="ReportScope.Manager"/>, and the ISO week.</summary>
public sealed record ReportRequest(ReportScope Scope, EmployeeId? Manager, IsoWeek Week)
{
    public static ReportRequest ForManager(EmployeeId manager, IsoWeek week) => new(ReportScope.Manager, manager, Checked(week));

    public static ReportRequest ForOrganisation(IsoWeek week) => new(ReportScope.Organisation, null, Checked(week));

    /// <summary>A week within the business dates (<see cref="ValueBounds.DateRange"/>); else the request is rejected (400 / exit 2).</summary>
    public static IsoWeek Checked(IsoWeek week) => ValueBounds.IsInRange(week)
        ? week
        : throw new InputRejectedException($"The week {week} is outside the business dates {ValueBounds.DateRange}.");

    /// <summary>An employee's digest of <paramref name="week"/> (the employee in <see cref="Manager"/>).</summary>
    public static ReportRequest ForEmployee(EmployeeId employee, IsoWeek week) => new(ReportScope.Employee, employee, Checked(week));
}

/// <summary>One chart of a report in both formats; <see cref="Name"/> is a file stem such as <c>top-gaps</c>.</summary>
public sealed record ReportChart(string Name, string Title, byte[] Png, string Svg, int WidthPixels, int HeightPixels);

/// <summary>
/// A built weekly report: the workbook (with the charts embedded), the charts on their own (for the e-mail and the
/// folder), and a few plain-text lines for an e-mail body.
/// </summary>
public sealed record WeeklyReport(
    ReportRequest Request,
    string FileName,
    byte[] Workbook,
    IReadOnlyList<ReportChart> Charts,
    string Title,
    IReadOnlyList<string> SummaryLines);

/// <summary>Builds weekly reports (DESIGN §7) from the figures as of the week's end.</summary>
public interface IWeeklyReportBuilder
{
    /// <summary>Builds the report; throws <see cref="NotFoundException"/> when the manager is not on the roster.</summary>
    Task<WeeklyReport> BuildAsync(ReportRequest request, CancellationToken ct = default);
}
