using System.Globalization;
using SkillsGap.Analytics;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Core.Pathways;
using SkillsGap.Recommendations;
using SkillsGap.Reporting;

namespace SkillsGap.App.Reports;

/// <summary>
/// Builds the report read model (<see cref="WeeklyReportModel"/>) from the engine's figures: pure, so that the
/// builder, the tests and <c>skillsgap bench</c> share it.
/// </summary>
public static class WeeklyReportModels
{
    /// <summary>Weeks in the trend sheet and chart.</summary>
    public const int TrendWeeks = 12;

    /// <summary>Next badges listed per person.</summary>
    public const int NextBadges = 3;

    /// <summary>People listed on the organisation workbook's Recommendations sheet: the least ready first.</summary>
    public const int OrganisationRecommendationLimit = 200;

    /// <summary>Skills (columns) of the organisation heatmap: those with the largest Σ weight·gap.</summary>
    public const int OrganisationHeatmapSkills = 30;

    /// <summary>The team of <paramref name="manager"/> on the figures' date (their whole reporting tree), or null when they are not on the roster then.</summary>
    public static int[]? TeamOf(OrganisationFigures f, EmployeeId manager) =>
        f.Snapshot.EmployeeIndex(manager) < 0 ? null : new GroupSelector(f.Snapshot).Team(manager);

    /// <summary>Everyone still employed on the figures' date.</summary>
    public static int[] OrganisationOf(OrganisationFigures f) => new GroupSelector(f.Snapshot).Organisation();

    /// <summary>The members of the report's group on the figures' date (empty when the manager is not on the roster then).</summary>
    public static int[] Members(OrganisationFigures f, ReportRequest request) =>
        request.Scope == ReportScope.Organisation ? OrganisationOf(f) : TeamOf(f, request.Manager!.Value) ?? [];

    /// <summary>The readiness of a group as the read model shows it.</summary>
    public static ReadinessFigure Readiness(OrganisationFigures f, IReadOnlyList<int> members)
    {
        var s = GroupAnalysis.Summarise(f, members);
        return new ReadinessFigure(s.People, s.MeanReadiness ?? 0, s.Ready, s.ReadyShare ?? 0, s.Histogram);
    }

    /// <summary>One week of the trend: the group chosen on that week's figures.</summary>
    public static TrendWeek TrendPoint(IsoWeek week, OrganisationFigures f, ReportRequest request) =>
        new(week.ToString(), f.AsOf, Readiness(f, Members(f, request)));

    /// <summary>
    /// The read model of a weekly report. <paramref name="current"/> are the figures as of the week's Sunday,
    /// <paramref name="previous"/> as of the Sunday before; <paramref name="trend"/> is the oldest-first weekly series
    /// ending with this week.
    /// </summary>
    public static WeeklyReportModel Build(ReportRequest request, OrganisationFigures current, OrganisationFigures previous,
        IReadOnlyList<TrendWeek> trend, Recommender recommender, int expiringWithinDays = 90)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope == ReportScope.Manager && current.Snapshot.EmployeeIndex(request.Manager!.Value) < 0)
            throw new NotFoundException($"Manager {request.Manager} is not on the roster on {current.AsOf:yyyy-MM-dd}.");
        var members = Members(current, request);
        var previousMembers = Members(previous, request);
        // The organisation's skill aggregates are the sums of its departments'; GroupAnalysis would also compute bench
        // strength and expiring awards for everyone, which the workbook does not show.
        var departments = request.Scope == ReportScope.Organisation ? DepartmentFigures(current) : null;
        var skills = departments is null ? GroupAnalysis.Analyse(current, members).Skills : SkillAggregates(current, departments);
        var (peopleWithCritical, criticalGaps) = CriticalGaps(current, members);
        var topGaps = TopGaps.Of(skills)
            .Select(k => new TopGapLine(k.Skill.Value, SkillName(current, k.Skill), k.PeopleRequired, k.Coverage, k.MeanGap, k.PeopleWithGap, k.WeightedGap))
            .ToArray();
        var readinessNow = Readiness(current, members);
        var readinessThen = previousMembers.Length == 0 ? null : Readiness(previous, previousMembers);
        var notes = new List<string>();
        if (recommender.FallbackNote is { } note) notes.Add("Next badges: " + note);

        if (departments is not null)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The organisation workbook is by department; its Recommendations sheet lists the {OrganisationRecommendationLimit} least ready people."));
            var leastReady = members.OrderBy(current.Readiness).ThenBy(e => current.Snapshot.Employees[e].Id.Value, StringComparer.Ordinal)
                .Take(OrganisationRecommendationLimit).ToArray();
            return new WeeklyReportModel(WorkbookKind.Organisation,
                $"Weekly skills report: organisation, {request.Week}", "Organisation", request.Week.ToString(),
                current.AsOf, previous.AsOf, current.Options.ReadyThreshold, readinessNow, readinessThen, peopleWithCritical, criticalGaps,
                topGaps, trend, DepartmentHeatmap(current, departments, skills), DepartmentGaps(current, departments),
                RecommendationTable(current, leastReady, recommender, expiringWithinDays), DepartmentTable(current, departments), notes);
        }

        var manager = current.Snapshot.FindEmployee(request.Manager!.Value)!;
        var ordered = members.OrderBy(e => current.Snapshot.Employees[e].Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => current.Snapshot.Employees[e].Id.Value, StringComparer.Ordinal).ToArray();
        return new WeeklyReportModel(WorkbookKind.Team,
            $"Weekly skills report: team of {manager.Name} ({manager.Id}), {request.Week}", $"Team of {manager.Name}", request.Week.ToString(),
            current.AsOf, previous.AsOf, current.Options.ReadyThreshold, readinessNow, readinessThen, peopleWithCritical, criticalGaps,
            topGaps, trend, PeopleHeatmap(current, ordered, skills), PeopleGaps(current, ordered),
            RecommendationTable(current, ordered, recommender, expiringWithinDays), null, notes);
    }

    /// <summary>People with at least one critical gap, and the number of critical requirements with a gap.</summary>
    public static (int People, int Requirements) CriticalGaps(OrganisationFigures f, IReadOnlyList<int> members)
    {
        int people = 0, requirements = 0;
        foreach (var e in members)
        {
            var r = f.RoleIndexOf(e);
            if (r < 0 || !f.HasCriticalGap(e)) continue;
            people++;
            var role = f.CompiledRoles[r];
            var row = f.AttainedRow(e);
            for (var i = 0; i < role.Skills.Length; i++)
                if (role.Critical[i] && row[role.Skills[i]] < role.Required[i]) requirements++;
        }
        return (people, requirements);
    }

    private static HeatmapModel PeopleHeatmap(OrganisationFigures f, int[] people, IReadOnlyList<SkillAggregate> skills)
    {
        var columns = skills.Select(k => f.Snapshot.SkillIndex(k.Skill)).ToArray();
        var position = new Dictionary<int, int>();
        for (var c = 0; c < columns.Length; c++) position[columns[c]] = c;
        var values = new double?[people.Length, columns.Length];
        var labels = new IReadOnlyList<string>[people.Length];
        for (var p = 0; p < people.Length; p++)
        {
            var e = people[p];
            var person = f.Snapshot.Employees[e];
            labels[p] = [person.Id.Value, person.Name, person.Role.Value];
            var r = f.RoleIndexOf(e);
            if (r < 0) continue;
            var role = f.CompiledRoles[r];
            var row = f.AttainedRow(e);
            for (var i = 0; i < role.Skills.Length; i++)
                if (position.TryGetValue(role.Skills[i], out var c))
                    values[p, c] = Math.Max(0, role.Required[i] - row[role.Skills[i]]);
        }
        return new HeatmapModel(["Employee", "Name", "Role"], labels, [.. skills.Select(k => k.Skill.Value)],
            [.. skills.Select(k => SkillName(f, k.Skill))], values, "0",
            "Each cell is the gap (required − attained level) for a skill the person's role requires. " +
            GapScale.Legend + " Skills with the largest Σ weight × gap come first.");
    }

    private static ReportTable PeopleGaps(OrganisationFigures f, int[] people)
    {
        var rows = new List<object?[]>();
        foreach (var e in people)
        {
            var person = f.Snapshot.Employees[e];
            var figures = f.ForEmployee(e);
            foreach (var q in figures.Requirements.Where(q => q.Gap > 0).OrderByDescending(q => q.Weight * q.Gap).ThenBy(q => q.Skill.Value, StringComparer.Ordinal))
                rows.Add([person.Id.Value, person.Name, person.Role.Value, person.Department, q.Skill.Value, SkillName(f, q.Skill),
                    q.Required, q.Attained, q.Gap, q.Weight, q.Critical]);
        }
        return new ReportTable(
        [
            new("Employee", ColumnKind.Text), new("Name", ColumnKind.Text), new("Role", ColumnKind.Text), new("Department", ColumnKind.Text),
            new("Skill", ColumnKind.Text), new("Skill name", ColumnKind.Text), new("Required", ColumnKind.Integer), new("Attained", ColumnKind.Integer),
            new("Gap", ColumnKind.Integer), new("Weight", ColumnKind.Integer), new("Critical", ColumnKind.Flag),
        ], rows, rows.Count == 0 ? "Nobody in the team has a gap." : null);
    }

    private static ReportTable RecommendationTable(OrganisationFigures f, IReadOnlyList<int> people, Recommender recommender, int expiringWithinDays)
    {
        // Each person's next badges and pathway are independent (the recommender is thread-safe): plan them in parallel,
        // rows kept in the people's order.
        var rows = new object?[people.Count][];
        Parallel.For(0, people.Count, p =>
        {
            var e = people[p];
            var person = f.Snapshot.Employees[e];
            // The served list: badges that close a gap or renew an expiring award first; one that closes no gap is marked.
            var next = f.RoleIndexOf(e) < 0 ? [] : recommender.Serve(f, e, NextBadges, new ServeOptions(expiringWithinDays)).Items;
            var pathway = PathwayPlanner.Plan(f, e);
            var row = new object?[9 + NextBadges];
            row[0] = person.Id.Value;
            row[1] = person.Name;
            row[2] = person.Role.Value;
            row[3] = f.Readiness(e);
            row[4] = f.IsReady(e);
            for (var k = 0; k < NextBadges && k < next.Count; k++)
                row[5 + k] = string.Create(CultureInfo.InvariantCulture, $"{next[k].Badge.Id.Value}: {next[k].Badge.Name} ({next[k].Badge.Hours:0.#} h)") +
                    next[k].Purpose switch
                    {
                        RecommendationPurpose.Renewal => string.Create(CultureInfo.InvariantCulture, $", renew by {next[k].RenewBy:yyyy-MM-dd}"),
                        RecommendationPurpose.Peers => ", closes no gap: popular with peers",
                        _ => "",
                    };
            var at = 5 + NextBadges;
            row[at] = pathway.Steps.Count;
            row[at + 1] = pathway.TotalHours;
            row[at + 2] = pathway.ReadinessAfter;
            row[at + 3] = pathway.Uncoverable.Count;
            rows[p] = row;
        });
        var columns = new List<ReportColumn>
        {
            new("Employee", ColumnKind.Text), new("Name", ColumnKind.Text), new("Role", ColumnKind.Text),
            new("Readiness", ColumnKind.Percent), new("Ready", ColumnKind.Flag),
        };
        for (var k = 1; k <= NextBadges; k++)
            columns.Add(new(string.Create(CultureInfo.InvariantCulture, $"Next badge {k}"), ColumnKind.Text));
        columns.Add(new("Pathway badges", ColumnKind.Integer));
        columns.Add(new("Pathway hours", ColumnKind.Hours));
        columns.Add(new("Readiness after pathway", ColumnKind.Percent));
        columns.Add(new("Uncoverable requirements", ColumnKind.Integer));
        return new ReportTable(columns, rows);
    }

    /// <summary>A department (as <see cref="Partition"/> splits the organisation) and its per-skill totals.</summary>
    private sealed record Department(string Name, int[] Members, SkillTotals Totals);

    private static List<Department> DepartmentFigures(OrganisationFigures f) =>
        [.. Partition.Of(f.Snapshot, PartitionKind.Department).Select(p => new Department(p.Label, p.Members, SkillTotals.Of(f, p.Members)))];

    /// <summary>Per skill over all departments: the sum of their totals, top gaps first.</summary>
    private static IReadOnlyList<SkillAggregate> SkillAggregates(OrganisationFigures f, List<Department> departments)
    {
        var all = new SkillTotals(f.SkillCount);
        foreach (var d in departments) all.Add(d.Totals);
        return all.Aggregates(f);
    }

    private static HeatmapModel DepartmentHeatmap(OrganisationFigures f, List<Department> departments, IReadOnlyList<SkillAggregate> skills)
    {
        var shown = skills.Take(OrganisationHeatmapSkills).ToArray();
        var values = new double?[departments.Count, shown.Length];
        var labels = new IReadOnlyList<string>[departments.Count];
        for (var d = 0; d < departments.Count; d++)
        {
            var dep = departments[d];
            labels[d] = [dep.Name, dep.Members.Length.ToString(CultureInfo.InvariantCulture)];
            for (var c = 0; c < shown.Length; c++)
            {
                var s = f.Snapshot.SkillIndex(shown[c].Skill);
                if (dep.Totals.Aggregate(f, s) is { } k) values[d, c] = k.MeanGap;
            }
        }
        return new HeatmapModel(["Department", "People"], labels, [.. shown.Select(k => k.Skill.Value)],
            [.. shown.Select(k => SkillName(f, k.Skill))], values, "0.00",
            string.Create(CultureInfo.InvariantCulture,
                $"Each cell is the mean gap over the department's people whose role requires the skill (grey: nobody's does). {GapScale.Legend} The {shown.Length} skills with the largest Σ weight × gap, largest first."));
    }

    private static ReportTable DepartmentGaps(OrganisationFigures f, List<Department> departments)
    {
        var rows = new List<object?[]>();
        foreach (var dep in departments)
            foreach (var k in dep.Totals.Aggregates(f).Where(k => k.PeopleWithGap > 0))
                rows.Add([dep.Name, k.Skill.Value, SkillName(f, k.Skill), k.PeopleRequired, k.Coverage, k.MeanGap, k.PeopleWithGap, k.WeightedGap]);
        return new ReportTable(
        [
            new("Department", ColumnKind.Text), new("Skill", ColumnKind.Text), new("Skill name", ColumnKind.Text),
            new("People required", ColumnKind.Integer), new("Coverage", ColumnKind.Percent), new("Mean gap", ColumnKind.Decimal),
            new("People with a gap", ColumnKind.Integer), new("Σ weight × gap", ColumnKind.Integer),
        ], rows);
    }

    private static ReportTable DepartmentTable(OrganisationFigures f, List<Department> departments)
    {
        var rows = new List<object?[]>(departments.Count);
        foreach (var dep in departments)
        {
            var r = Readiness(f, dep.Members);
            var (critical, _) = CriticalGaps(f, dep.Members);
            rows.Add([dep.Name, r.People, r.MeanReadiness, r.Ready, r.ReadyShare, critical, TopGaps.First(dep.Totals.Aggregates(f))?.Skill.Value]);
        }
        return new ReportTable(
        [
            new("Department", ColumnKind.Text), new("People", ColumnKind.Integer), new("Mean readiness", ColumnKind.Percent),
            new("Ready", ColumnKind.Integer), new("Ready share", ColumnKind.Percent), new("People with a critical gap", ColumnKind.Integer),
            new("Top gap", ColumnKind.Text),
        ], rows);
    }

    private static string SkillName(OrganisationFigures f, SkillCode skill) =>
        f.Snapshot.SkillIndex(skill) is var s and >= 0 ? f.Snapshot.Skills[s].Name : "";
}
