using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;

namespace SkillsGap.Analytics;

/// <summary>Builds the `gaps` documents of DESIGN §10 from the organisation's figures.</summary>
public static class GapsDocumentBuilder
{
    /// <summary>Places kept for readiness, shares and means in the documents.</summary>
    public const int Places = 4;

    /// <summary>One employee against their own role, or against <paramref name="target"/> (which then names the role measured).</summary>
    public static EmployeeGapsDocument ForEmployee(OrganisationFigures f, int employeeIndex, RoleCode? target = null)
    {
        if ((uint)employeeIndex >= (uint)f.EmployeeCount)
            throw new ArgumentOutOfRangeException(nameof(employeeIndex), employeeIndex, "The employee index is outside the snapshot's roster.");
        if (target is RoleCode t && f.Snapshot.RoleIndex(t) < 0)
            throw new KeyNotFoundException($"Target role {t} is not known on {Iso.Date(f.AsOf)}.");
        return new EmployeeGapsDocument(f.AsOf, [Line(f, employeeIndex, target)]);
    }

    /// <summary>A group's document: its members against their own roles, plus the group's aggregates.</summary>
    /// <param name="key">Manager id, department or role code; ignored for the organisation.</param>
    public static GroupGapsDocument ForGroup(OrganisationFigures f, GroupKind kind, string? key, IReadOnlyList<int> members, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        if (kind == GroupKind.Role)
            options = options with { BenchRole = new RoleCode(key ?? throw new ArgumentException("A role group needs a role code.", nameof(key))) };
        return ForGroup(f, kind, key, GroupAnalysis.Analyse(f, members, options));
    }

    /// <summary>A group's document, its members chosen by <paramref name="selector"/> from the kind and key.</summary>
    public static GroupGapsDocument ForGroup(OrganisationFigures f, GroupSelector selector, GroupKind kind, string? key, AnalysisOptions? options = null) =>
        ForGroup(f, kind, key, selector.Select(kind, key), options);

    /// <summary>The <c>summary</c> line of a group document (readiness rounded to 4 places).</summary>
    public static SummaryLine Summary(ReadinessSummary s) =>
        new(s.People, Round(s.MeanReadiness), s.Ready, Round(s.ReadyShare), s.Histogram);

    /// <summary>The <c>skills[]</c> line of one skill's aggregate (coverage and mean gap rounded to 4 places).</summary>
    public static SkillLine Skill(SkillAggregate k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new SkillLine(k.Skill.Value, k.PeopleRequired, Round(k.Coverage), Round(k.MeanGap), k.PeopleWithGap, k.WeightedGap);
    }

    /// <summary>A group's document from an analysis already made.</summary>
    public static GroupGapsDocument ForGroup(OrganisationFigures f, GroupKind kind, string? key, GroupFigures analysis)
    {
        var employees = new EmployeeGaps[analysis.Members.Count];
        for (var i = 0; i < employees.Length; i++) employees[i] = Line(f, analysis.Members[i], null);
        var s = analysis.Summary;
        return new GroupGapsDocument(
            f.AsOf,
            KindName(kind),
            kind == GroupKind.Organisation ? null : key,
            employees,
            Summary(s),
            [.. analysis.Skills.Select(Skill)],
            [.. analysis.Bench.Select(b => new BenchLine(b.Role.Value, b.Candidates.Count,
                [.. b.Candidates.Select(c => new BenchPerson(c.Employee.Value, c.CurrentRole.Value, Round(c.Readiness)))]))],
            [.. analysis.Uncoverable.Select(u => new UncoverableLine(u.Role.Value, u.Skill.Value, u.Required, u.Best, u.Affected))],
            [.. analysis.ExpiringSoon.Select(x => new ExpiringLine(x.Employee.Value, x.Badge.Value, x.IssuedOn, x.ExpiresOn,
                [.. x.Opens.Select(o => new OpeningLine(o.Skill.Value, o.GapNow, o.GapThen))]))]);
    }

    /// <summary>The contract's name of a group kind.</summary>
    public static string KindName(GroupKind kind) => kind switch
    {
        GroupKind.Employee => "employee",
        GroupKind.Team => "team",
        GroupKind.Department => "department",
        GroupKind.Role => "role",
        GroupKind.Organisation => "organisation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown group kind."),
    };

    /// <summary>Rounds to <see cref="Places"/> places, half away from zero (0.73165 → 0.7317).</summary>
    /// <remarks>Through decimal, which keeps 15 significant digits, so a readiness that is exactly a midpoint is not lost to binary error.</remarks>
    public static double Round(double value) =>
        double.IsFinite(value) ? (double)Math.Round((decimal)value, Places, MidpointRounding.AwayFromZero) : value;

    private static double? Round(double? value) => value is double v ? Round(v) : null;

    private static EmployeeGaps Line(OrganisationFigures f, int employee, RoleCode? target)
    {
        var figures = f.ForEmployee(employee, target);
        var requirements = new RequirementLine[figures.Requirements.Count];
        for (var i = 0; i < requirements.Length; i++)
        {
            var q = figures.Requirements[i];
            requirements[i] = new RequirementLine(q.Skill.Value, q.Required, q.Attained, q.Gap, q.Weight, q.Critical);
        }
        var person = figures.Employee;
        return new EmployeeGaps(person.Id.Value, person.Role.Value, target?.Value, Round(figures.Readiness), figures.Ready, requirements);
    }
}
