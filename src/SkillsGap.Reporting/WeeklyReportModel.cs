namespace SkillsGap.Reporting;

/// <summary>Readiness of a group on one date: people, mean readiness, who is ready, and ten histogram bins.</summary>
/// <param name="Histogram">Ten counts: bin i holds readiness in [i/10, (i+1)/10); 1.0 falls in the last bin.</param>
public sealed record ReadinessFigure(int People, double MeanReadiness, int Ready, double ReadyShare, IReadOnlyList<int> Histogram);

/// <summary>One skill of the top-gaps table, ordered by Σ weight·gap.</summary>
public sealed record TopGapLine(string Skill, string SkillName, int PeopleRequired, double Coverage, double MeanGap, int PeopleWithGap, long WeightedGap);

/// <summary>Readiness of the group at the end of one week of the trend.</summary>
public sealed record TrendWeek(string Week, DateOnly AsOf, ReadinessFigure Figure);

/// <summary>
/// The heatmap: one row per person (team) or department (organisation), one column per skill; a value is the gap
/// (person) or mean gap (department), null where the row's roles do not require the skill.
/// </summary>
/// <param name="RowLabels">The labels of each row, one per <paramref name="RowHeaders"/>: names, never ids.</param>
/// <param name="Critical">Per cell, whether the gap is in a critical requirement (shown as "3!"); null when none is.</param>
/// <param name="CriticalSkills">Per column, whether someone shown has a critical gap in the skill.</param>
/// <param name="RowReadiness">Per row, readiness in [0, 1] (shown after the labels), or null to leave the column out.</param>
public sealed record HeatmapModel(
    IReadOnlyList<string> RowHeaders,
    IReadOnlyList<IReadOnlyList<string>> RowLabels,
    IReadOnlyList<string> SkillCodes,
    IReadOnlyList<string> SkillNames,
    double?[,] Values,
    string NumberFormat,
    string Legend,
    bool[,]? Critical = null,
    IReadOnlyList<bool>? CriticalSkills = null,
    IReadOnlyList<double>? RowReadiness = null)
{
    public int Rows => Values.GetLength(0);
    public int Skills => Values.GetLength(1);
}

/// <summary>How a column of a <see cref="ReportTable"/> is written: its cell type and number format.</summary>
public enum ColumnKind
{
    /// <summary>Text from the data; never evaluated as a formula.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number with two decimals.</summary>
    Decimal,
    /// <summary>Hours with one decimal.</summary>
    Hours,
    /// <summary>A share in [0, 1] shown as a percentage.</summary>
    Percent,
    /// <summary>A date, ISO 8601.</summary>
    Date,
    /// <summary>Yes / no.</summary>
    Flag,
    /// <summary>A change of a share (0.032), shown in percentage points ("+3.2 pp").</summary>
    Points,
}

/// <summary>One column of a <see cref="ReportTable"/>; <paramref name="Width"/> (characters) fixes its width, longer text wrapping in it.</summary>
public sealed record ReportColumn(string Header, ColumnKind Kind, double? Width = null);

/// <summary>
/// A long table written as a sheet with a header row, auto-filter and frozen header. Cells hold string, int, long,
/// double, decimal, DateOnly, bool or null, matching the column kinds.
/// </summary>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows, string? Note = null);

/// <summary>Someone who needs attention, as the Summary and the e-mail list them: why, and the one next step.</summary>
/// <param name="Reason">The most urgent reason in plain words ("Critical gap in People leadership (LEAD-PEOPLE)").</param>
/// <param name="NextStep">The next step in plain words, or a sentence saying that no badge helps.</param>
/// <param name="Hours">Hours of the next step's badge, or null without one.</param>
public sealed record AttentionItem(string Name, string Role, string Group, double Readiness, string Reason, string NextStep, decimal? Hours);

/// <summary>Who needs attention in the group: how many, in one sentence, and the most urgent people with their next step.</summary>
public sealed record AttentionSummary(int NeedingAttention, string Sentence, IReadOnlyList<AttentionItem> People);

/// <summary>Which weekly workbook: a manager's team, or the organisation by department for HR.</summary>
public enum WorkbookKind
{
    Team,
    Organisation,
}

/// <summary>
/// Everything a weekly workbook shows, as plain values (DESIGN §7): Summary, Heatmap, Gaps, Recommendations, Trend and,
/// for the organisation, Departments.
/// </summary>
/// <param name="Previous">The same group's readiness a week earlier, or null when nobody was in it then.</param>
/// <param name="PeopleWithCriticalGap">People with a gap in at least one critical requirement of their role.</param>
/// <param name="CriticalGaps">Critical requirements with a gap, over all people.</param>
/// <param name="Attention">Who needs attention (Summary first, and the Attention sheet).</param>
/// <param name="Succession">Per role: who is ready now and who after the fewest hours (the Succession sheet).</param>
/// <param name="Expiry">Awards expiring soon that would open a gap, per team or department (the Expiry sheet).</param>
/// <param name="ExpiringAwards">How many awards expire within the window and would open a gap.</param>
/// <param name="TopGaps">The group's top gaps as Analytics defines them (weighted gap &gt; 0, largest first, at most 10): shown as given.</param>
public sealed record WeeklyReportModel(
    WorkbookKind Kind,
    string Title,
    string Subject,
    string Week,
    DateOnly AsOf,
    DateOnly PreviousAsOf,
    double ReadyThreshold,
    ReadinessFigure Current,
    ReadinessFigure? Previous,
    int PeopleWithCriticalGap,
    int CriticalGaps,
    IReadOnlyList<TopGapLine> TopGaps,
    IReadOnlyList<TrendWeek> Trend,
    HeatmapModel Heatmap,
    ReportTable Gaps,
    ReportTable Recommendations,
    ReportTable? Departments,
    IReadOnlyList<string> Notes,
    AttentionSummary? Attention = null,
    ReportTable? Succession = null,
    ReportTable? Expiry = null,
    int? ExpiringAwards = null)
{
    /// <summary>Change of mean readiness since the previous week, in readiness units (0.05 = 5 points); null without a previous week.</summary>
    public double? ReadinessChange => Previous is null || Previous.People == 0 ? null : Current.MeanReadiness - Previous.MeanReadiness;

    /// <summary>Change of the ready share since the previous week; null without a previous week.</summary>
    public double? ReadyShareChange => Previous is null || Previous.People == 0 ? null : Current.ReadyShare - Previous.ReadyShare;
}

/// <summary>A chart rendered as PNG and SVG; <see cref="Name"/> is a file stem such as <c>top-gaps</c>.</summary>
public sealed record ChartImage(string Name, string Title, byte[] Png, string Svg, int Width, int Height);
