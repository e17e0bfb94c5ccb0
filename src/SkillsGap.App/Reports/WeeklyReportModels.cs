using System.Globalization;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
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

    /// <summary>
    /// Skills (columns) of the heatmaps besides those with a critical gap, which are always columns: the largest
    /// weighted gaps.
    /// </summary>
    public const int HeatmapSkills = TeamHeatmap.DefaultMaxColumns;

    /// <summary>People listed with their next step on the Attention sheet (all of them are counted).</summary>
    public const int TeamAttentionLimit = 50, OrganisationAttentionLimit = 100;

    /// <summary>Ready and nearly ready people listed per role on the Succession sheet.</summary>
    public const int SuccessorsPerRole = 5;

    /// <summary>The team of <paramref name="manager"/> on the figures' date (their whole reporting tree), or null when they are not on the roster then.</summary>
    public static int[]? TeamOf(OrganisationFigures f, EmployeeId manager) =>
        f.Snapshot.EmployeeIndex(manager) < 0 ? null : new GroupSelector(f.Snapshot).Team(manager);

    /// <summary>Everyone still employed on the figures' date.</summary>
    public static int[] OrganisationOf(OrganisationFigures f) => new GroupSelector(f.Snapshot).Organisation();

    /// <summary>The members of the report's group on the figures' date (empty when the manager is not on the roster then).</summary>
    public static int[] Members(OrganisationFigures f, ReportRequest request) => Members(f.Snapshot, request);

    /// <summary>The members of the report's group on the roster's date (empty when the manager is not on the roster then).</summary>
    public static int[] Members(OrganisationSnapshot roster, ReportRequest request) =>
        request.Scope == ReportScope.Organisation ? new GroupSelector(roster).Organisation()
        : roster.EmployeeIndex(request.Manager!.Value) < 0 ? [] : new GroupSelector(roster).Team(request.Manager!.Value);

    /// <summary>The readiness of a group as the read model shows it.</summary>
    public static ReadinessFigure Readiness(OrganisationFigures f, IReadOnlyList<int> members) => Figure(GroupAnalysis.Summarise(f, members));

    private static ReadinessFigure Figure(ReadinessSummary s) => new(s.People, s.MeanReadiness ?? 0, s.Ready, s.ReadyShare ?? 0, s.Histogram);

    /// <summary>One week of the trend: the group chosen on that week's figures.</summary>
    public static TrendWeek TrendPoint(IsoWeek week, OrganisationFigures f, ReportRequest request) =>
        new(week.ToString(), f.AsOf, Readiness(f, Members(f, request)));

    /// <summary>One week of the trend from that week's readiness (<see cref="OrganisationTimeline.ReadinessAsOf"/>): the same point as from its figures.</summary>
    public static TrendWeek TrendPoint(IsoWeek week, RosterReadiness r, ReportRequest request) =>
        new(week.ToString(), r.AsOf, Figure(GroupAnalysis.Summarise(r, Members(r.Roster, request))));

    /// <summary>
    /// The <see cref="TrendWeeks"/> weeks ending with the request's week, oldest first, each from the readiness as of its
    /// Sunday — from one history read (<see cref="OrganisationTimeline"/>) rather than one snapshot per week.
    /// </summary>
    public static IReadOnlyList<TrendWeek> Trend(ReportRequest request, Func<DateOnly, RosterReadiness> readinessAsOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readinessAsOf);
        var trend = new List<TrendWeek>(TrendWeeks);
        for (var back = TrendWeeks - 1; back >= 0; back--)
        {
            var week = IsoWeek.Of(request.Week.Monday.AddDays(-7 * back));
            trend.Add(TrendPoint(week, readinessAsOf(week.Sunday), request));
        }
        return trend;
    }

    /// <summary>
    /// The read model of a weekly report. <paramref name="current"/> are the figures as of the week's Sunday,
    /// <paramref name="previous"/> as of the Sunday before; <paramref name="trend"/> is the oldest-first weekly series
    /// ending with this week.
    /// </summary>
    /// <param name="expiringWithinDays">The look-ahead of "expiring soon" (<c>Figures:ExpiringWithinDays</c>).</param>
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
        var organisation = departments is not null;
        var selector = new GroupSelector(current.Snapshot);
        var attention = AttentionOf(current, previousMembers.Length == 0 ? null : previous, members, expiringWithinDays,
            organisation ? OrganisationAttentionLimit : TeamAttentionLimit, organisation);
        var options = new SuccessionOptions(CandidatesPerRole: 10, ListedPerRole: SuccessorsPerRole);
        var succession = SuccessionTable(organisation ? Succession.ForOrganisation(current, selector, options)
            : Succession.ForTeam(current, selector, request.Manager!.Value, options));
        var expiry = ExpiryOverview.ForGroup(current, members, organisation ? ExpiryGrouping.Department : ExpiryGrouping.Manager, expiringWithinDays);

        if (departments is not null)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The Recommendations sheet lists the {OrganisationRecommendationLimit} least ready people of the organisation."));
            var leastReady = members.OrderBy(current.Readiness).ThenBy(e => current.Snapshot.Employees[e].Id.Value, StringComparer.Ordinal)
                .Take(OrganisationRecommendationLimit).ToArray();
            return new WeeklyReportModel(WorkbookKind.Organisation,
                $"Weekly skills report: organisation, {request.Week}", "Organisation", request.Week.ToString(),
                current.AsOf, previous.AsOf, current.Options.ReadyThreshold, readinessNow, readinessThen, peopleWithCritical, criticalGaps,
                topGaps, trend, DepartmentHeatmap(current, members, departments), DepartmentGaps(current, departments),
                RecommendationTable(current, leastReady, recommender, expiringWithinDays), DepartmentTable(current, previous, departments, expiry), notes,
                attention, succession, ExpiryTable(expiry, "Department"), expiry.Awards);
        }

        var manager = current.Snapshot.FindEmployee(request.Manager!.Value)!;
        var ordered = members.OrderBy(e => current.Snapshot.Employees[e].Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => current.Snapshot.Employees[e].Id.Value, StringComparer.Ordinal).ToArray();
        return new WeeklyReportModel(WorkbookKind.Team,
            $"Weekly skills report: team of {PlainWords.Person(manager)}, {request.Week}", $"Team of {PlainWords.Person(manager)}", request.Week.ToString(),
            current.AsOf, previous.AsOf, current.Options.ReadyThreshold, readinessNow, readinessThen, peopleWithCritical, criticalGaps,
            topGaps, trend, PeopleHeatmap(current, members), PeopleGaps(current, ordered),
            RecommendationTable(current, ordered, recommender, expiringWithinDays), null, notes,
            attention, succession, ExpiryTable(expiry, "Team"), expiry.Awards);
    }

    /// <summary>Who needs attention, most urgent first, each with the reason and the one next step in plain words.</summary>
    public static AttentionSummary AttentionOf(OrganisationFigures current, OrganisationFigures? previous, IReadOnlyList<int> members,
        int expiringWithinDays, int limit, bool byDepartment)
    {
        var document = Attention.ForGroup(current, previous, members, new AttentionOptions(expiringWithinDays, limit));
        var items = document.Attention.Select(a =>
        {
            var why = a.Headline;
            if (a.Urgency != AttentionUrgency.ReadinessFell && a.ReadinessBefore is double before && a.Reasons.Any(r => r.Kind == AttentionReasonKind.ReadinessFell))
                why += "; readiness " + PlainWords.PointsChange(a.Readiness - before) + " since last week";
            else if (a.Urgency == AttentionUrgency.ReadinessFell && a.Reasons.FirstOrDefault() is { } fell)
                why = fell.Text;
            if (a.Urgency == AttentionUrgency.CriticalGap && a.Reasons.FirstOrDefault(r => r.Kind == AttentionReasonKind.Expiring) is { } expiring
                && !why.Contains(" expires ", StringComparison.Ordinal))
                why += "; " + expiring.Text;
            var person = current.Snapshot.FindEmployee(new EmployeeId(a.Employee));
            var group = byDepartment
                ? person?.Department is { Length: > 0 } d ? d : "No department"
                : person?.Manager is EmployeeId m && current.Snapshot.FindEmployee(m) is { } manager ? "Team of " + PlainWords.Person(manager) : "";
            return new AttentionItem(a.Name, a.RoleTitle, group, a.Readiness, why,
                a.NextStep?.Text ?? "Agree training outside the catalogue with HR: no badge in it closes this gap.",
                a.NextStep?.Hours);
        }).ToArray();
        return new AttentionSummary(document.NeedingAttention, document.Summary, items);
    }

    /// <summary>Per role: its holders, who is ready for it now, then who would be ready after the fewest hours.</summary>
    private static ReportTable SuccessionTable(SuccessionDocument document)
    {
        var rows = new List<object?[]>();
        foreach (var role in document.Roles)
        {
            var lines = role.Ready.Concat(role.Soon.Take(SuccessorsPerRole))
                .Concat(role.TargetingPeople.Where(t => !role.Ready.Concat(role.Soon.Take(SuccessorsPerRole)).Any(x => x.Employee == t.Employee)).Take(3))
                .ToList();
            if (lines.Count == 0)
            {
                rows.Add([role.RoleTitle, role.Holders, role.ReadyNow, "Nobody", null, null, null, null, null, role.Summary]);
                continue;
            }
            foreach (var l in lines)
                rows.Add([role.RoleTitle, role.Holders, role.ReadyNow, l.Name, l.CurrentRoleTitle, l.Readiness,
                    l.IsReady ? "ready now" : l.HoursToReady is null ? "not with the catalogue" : "after training",
                    l.IsReady ? 0m : l.HoursToReady, l.TargetsThisRole, l.Text]);
        }
        return new ReportTable(
        [
            new("Role", ColumnKind.Text, 18), new("Holders", ColumnKind.Integer), new("Ready now (all)", ColumnKind.Integer),
            new("Person", ColumnKind.Text, 20), new("Now in role", ColumnKind.Text, 18), new("Readiness for the role", ColumnKind.Percent),
            new("When ready", ColumnKind.Text, 12), new("Hours to ready", ColumnKind.Hours), new("Aims for this role", ColumnKind.Flag),
            new("In words", ColumnKind.Text, 44),
        ], rows, document.Note);
    }

    /// <summary>Awards expiring soon that would open a gap, per team or department, soonest first.</summary>
    private static ReportTable ExpiryTable(ExpiryDocument document, string groupHeader)
    {
        var rows = new List<object?[]>();
        foreach (var g in document.Groups)
            foreach (var a in g.Items)
                rows.Add([g.Name, a.Name, a.RoleTitle, PlainWords.Named(a.BadgeName, a.Badge), a.ExpiresOn, a.DaysLeft, a.RenewalHours,
                    string.Join("; ", a.Opens.Select(o => $"{PlainWords.Named(o.SkillName, o.Skill)}: gap {o.GapNow} → {o.GapThen}")), a.Critical]);
        return new ReportTable(
        [
            new(groupHeader, ColumnKind.Text, 18), new("Name", ColumnKind.Text, 20), new("Role", ColumnKind.Text, 18),
            new("Badge", ColumnKind.Text, 26), new("Expires on", ColumnKind.Date), new("Days left", ColumnKind.Integer),
            new("Hours to renew", ColumnKind.Hours), new("Gap it would open", ColumnKind.Text, 32), new("Critical", ColumnKind.Flag),
        ], rows, document.Summary);
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

    /// <summary>
    /// People × skills, the least ready first (<see cref="TeamHeatmap"/>): every skill in which someone has a critical gap
    /// is a column, then the largest weighted gaps.
    /// </summary>
    private static HeatmapModel PeopleHeatmap(OrganisationFigures f, int[] members)
    {
        var rows = new List<HeatmapRow>(members.Length);
        HeatmapDocument document;
        var page = 1;
        do
        {
            document = TeamHeatmap.Build(f, members, new HeatmapQuery(Page: page, PageSize: HeatmapQuery.MaxPageSize), HeatmapSkills);
            rows.AddRange(document.Rows);
        } while (page++ < document.Pages);
        var columns = document.Columns;
        var values = new double?[rows.Count, columns.Count];
        var critical = new bool[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = rows[r].Cells[c];
                if (cell.State == HeatmapCellState.NotRequired) continue;
                values[r, c] = cell.Gap ?? 0;
                critical[r, c] = cell.Critical && cell.Gap > 0;
            }
        var left = document.SkillsLeftOut > 0
            ? $" {PlainWords.Count(document.SkillsLeftOut, "smaller gap is", "smaller gaps are")} in the Gaps sheet only."
            : "";
        return new HeatmapModel(["Name", "Role"], [.. rows.Select(r => (IReadOnlyList<string>)[r.Name, r.RoleTitle])],
            [.. columns.Select(c => c.Skill)], [.. columns.Select(c => c.Name)], values, "0",
            "Each cell is the gap between the level the person's role requires and the level they have: 0 = no gap; “3!” = a gap " +
            "of 3 in a critical requirement; “–” on grey = their role does not require the skill. " + GapScale.Legend +
            " Columns: every skill with a critical gap, then the largest gaps." + left + " Rows: the least ready first.",
            critical, [.. columns.Select(c => c.CriticalGap)], [.. rows.Select(r => r.Readiness)]);
    }

    private static ReportTable PeopleGaps(OrganisationFigures f, int[] people)
    {
        var rows = new List<object?[]>();
        foreach (var e in people)
        {
            var person = f.Snapshot.Employees[e];
            var figures = f.ForEmployee(e);
            foreach (var q in figures.Requirements.Where(q => q.Gap > 0).OrderByDescending(q => q.Critical).ThenByDescending(q => q.Weight * q.Gap)
                         .ThenBy(q => q.Skill.Value, StringComparer.Ordinal))
                rows.Add([PlainWords.Person(person), PlainWords.RoleTitle(f.Snapshot, person.Role), PlainWords.Skill(f.Snapshot, q.Skill),
                    q.Required, q.Attained, q.Gap, q.Weight, q.Critical]);
        }
        return new ReportTable(
        [
            new("Name", ColumnKind.Text, 22), new("Role", ColumnKind.Text, 22), new("Skill", ColumnKind.Text, 34),
            new("Level required", ColumnKind.Integer), new("Level held", ColumnKind.Integer), new("Gap", ColumnKind.Integer),
            new("Weight", ColumnKind.Integer), new("Critical", ColumnKind.Flag),
        ], rows, rows.Count == 0 ? "Nobody in the team has a gap." : "Every gap of every person in the team, critical ones first.");
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

    /// <summary>
    /// Departments × skills, the least ready department first: the columns are the organisation's (every skill in which
    /// someone has a critical gap, then the largest weighted gaps); a cell is the mean gap of the department's people
    /// whose role requires the skill.
    /// </summary>
    private static HeatmapModel DepartmentHeatmap(OrganisationFigures f, int[] members, List<Department> departments)
    {
        var columns = TeamHeatmap.Build(f, members, new HeatmapQuery(PageSize: 1), HeatmapSkills).Columns;
        var ordered = departments.Select(d => (Department: d, Readiness: Readiness(f, d.Members)))
            .OrderBy(x => x.Readiness.MeanReadiness).ThenBy(x => x.Department.Name, StringComparer.Ordinal).ToArray();
        var values = new double?[ordered.Length, columns.Count];
        var labels = new IReadOnlyList<string>[ordered.Length];
        for (var d = 0; d < ordered.Length; d++)
        {
            var dep = ordered[d].Department;
            labels[d] = [dep.Name, dep.Members.Length.ToString(CultureInfo.InvariantCulture)];
            for (var c = 0; c < columns.Count; c++)
            {
                var s = f.Snapshot.SkillIndex(new SkillCode(columns[c].Skill));
                if (s >= 0 && dep.Totals.Aggregate(f, s) is { } k) values[d, c] = k.MeanGap;
            }
        }
        return new HeatmapModel(["Department", "People"], labels, [.. columns.Select(c => c.Skill)], [.. columns.Select(c => c.Name)], values, "0.0",
            "Each cell is the mean gap over the department's people whose role requires the skill; “–” on grey = nobody's role " +
            "there requires it. " + GapScale.Legend + " Columns: every skill in which someone has a critical gap, then the largest gaps. " +
            "Rows: the least ready department first.",
            null, [.. columns.Select(c => c.CriticalGap)], [.. ordered.Select(x => x.Readiness.MeanReadiness)]);
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

    /// <summary>Departments, the most in need first (the lowest mean readiness), with the change since last week.</summary>
    private static ReportTable DepartmentTable(OrganisationFigures f, OrganisationFigures previous, List<Department> departments, ExpiryDocument expiry)
    {
        var before = Partition.Of(previous.Snapshot, PartitionKind.Department)
            .ToDictionary(p => p.Label, p => Readiness(previous, p.Members), StringComparer.OrdinalIgnoreCase);
        var expiring = expiry.Groups.ToDictionary(g => g.Name, g => g.Awards, StringComparer.OrdinalIgnoreCase);
        var lines = new List<(double Need, int Critical, object?[] Row)>(departments.Count);
        foreach (var dep in departments)
        {
            var r = Readiness(f, dep.Members);
            var (critical, _) = CriticalGaps(f, dep.Members);
            double? change = before.TryGetValue(dep.Name, out var then) && then.People > 0 ? r.MeanReadiness - then.MeanReadiness : null;
            var top = TopGaps.Of(dep.Totals.Aggregates(f)).Take(3).Select(k => PlainWords.Skill(f.Snapshot, k.Skill));
            lines.Add((r.MeanReadiness, critical, [dep.Name, r.People, r.MeanReadiness, change, r.Ready, r.ReadyShare, critical,
                expiring.GetValueOrDefault(dep.Name), string.Join("; ", top)]));
        }
        return new ReportTable(
        [
            new("Department", ColumnKind.Text, 24), new("People", ColumnKind.Integer), new("Mean readiness", ColumnKind.Percent),
            new("Change since last week", ColumnKind.Points, 12), new("Ready", ColumnKind.Integer), new("Ready share", ColumnKind.Percent),
            new("People with a critical gap", ColumnKind.Integer, 12), new("Awards expiring soon", ColumnKind.Integer, 11),
            new("Largest gaps", ColumnKind.Text, 50),
        ], [.. lines.OrderBy(l => l.Need).ThenByDescending(l => l.Critical).Select(l => l.Row)],
            "Departments, the lowest mean readiness first. Largest gaps: the three skills with the largest weighted gap in the department.");
    }

    private static string SkillName(OrganisationFigures f, SkillCode skill) =>
        f.Snapshot.SkillIndex(skill) is var s and >= 0 ? f.Snapshot.Skills[s].Name : "";
}
