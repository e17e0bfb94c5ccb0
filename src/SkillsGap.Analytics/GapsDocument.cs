namespace SkillsGap.Analytics;

// The `gaps --format json` contract of DESIGN §10. Property names are those of the contract once camelCased;
// declaration order is the order of the JSON text. Readiness and shares are rounded to 4 places (half away
// from zero) in these documents only; the analysis keeps them unrounded.

/// <summary>A `gaps` document: the as-of date and every employee's requirements.</summary>
public interface IGapsDocument
{
    /// <summary>The date the figures are as of.</summary>
    DateOnly AsOf { get; }

    /// <summary>The employees, each with every requirement of the role they are measured against.</summary>
    IReadOnlyList<EmployeeGaps> Employees { get; }
}

/// <summary>The `gaps --employee` document: <c>{"asOf":"…","employees":[…]}</c>.</summary>
public sealed record EmployeeGapsDocument(DateOnly AsOf, IReadOnlyList<EmployeeGaps> Employees) : IGapsDocument;

/// <summary>One employee against their own role, or against <see cref="TargetRole"/> when it is set.</summary>
/// <param name="Id">Employee id.</param>
/// <param name="Role">The employee's own role.</param>
/// <param name="TargetRole">The role measured against when it is not their own; null otherwise.</param>
/// <param name="Readiness">Readiness rounded to 4 places.</param>
/// <param name="Ready">Unrounded readiness ≥ threshold and no critical gap.</param>
public sealed record EmployeeGaps(string Id, string Role, string? TargetRole, double Readiness, bool Ready, IReadOnlyList<RequirementLine> Requirements);

/// <summary>One requirement of the role measured against, gap 0 included.</summary>
public sealed record RequirementLine(string Skill, int Required, int Attained, int Gap, int Weight, bool Critical);

/// <summary>
/// The `gaps --manager | --role | --org` (and department) document: the employee document plus the group's
/// aggregates.
/// </summary>
/// <param name="Kind">The group: <c>team</c>, <c>department</c>, <c>role</c> or <c>organisation</c>.</param>
/// <param name="Key">Manager id, department name or role code; null for the organisation.</param>
/// <param name="Summary">People, mean readiness, ready count and share, readiness histogram.</param>
/// <param name="Skills">Per skill required by the group, top gaps (largest weighted gap) first.</param>
/// <param name="Bench">Per role, the people not in it who are ready for it.</param>
/// <param name="Uncoverable">Required levels that no badge in the catalogue attests.</param>
/// <param name="ExpiringSoon">Awards expiring within the window that would open a gap.</param>
public sealed record GroupGapsDocument(
    DateOnly AsOf,
    string Kind,
    string? Key,
    IReadOnlyList<EmployeeGaps> Employees,
    SummaryLine Summary,
    IReadOnlyList<SkillLine> Skills,
    IReadOnlyList<BenchLine> Bench,
    IReadOnlyList<UncoverableLine> Uncoverable,
    IReadOnlyList<ExpiringLine> ExpiringSoon) : IGapsDocument
{
    /// <summary>
    /// <c>succession</c>: per role (a team's manager's role, the roles held and targeted in the group; every role for the
    /// organisation), who is ready now and who is ready after the fewest hours of training (the pathway planner's
    /// hours). Null, and then not written, when not asked for (the pages build it apart).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SkillsGap.Analytics.Insights.RoleSuccession>? Succession { get; init; }
}

/// <summary><c>summary</c>: readiness of the group against its people's own roles.</summary>
/// <param name="People">Members.</param>
/// <param name="MeanReadiness">Mean readiness (4 places); null when the group is empty.</param>
/// <param name="Ready">Members who are ready.</param>
/// <param name="ReadyShare">Ready / people (4 places); null when the group is empty.</param>
/// <param name="Histogram">Ten counts; element i counts readiness in [i/10, (i+1)/10), and 1.0 counts in the last.</param>
public sealed record SummaryLine(int People, double? MeanReadiness, int Ready, double? ReadyShare, IReadOnlyList<int> Histogram);

/// <summary><c>skills[]</c>: one skill over the members whose role requires it.</summary>
/// <param name="PeopleRequired">Members whose role requires the skill.</param>
/// <param name="Coverage">Share of them meeting the requirement (4 places).</param>
/// <param name="MeanGap">Mean gap over them, gap 0 included (4 places).</param>
/// <param name="PeopleWithGap">Members with a gap.</param>
/// <param name="WeightedGap">Σ weight · gap.</param>
public sealed record SkillLine(string Skill, int PeopleRequired, double Coverage, double MeanGap, int PeopleWithGap, long WeightedGap);

/// <summary><c>bench[]</c>: a role and the people not in it who are ready for it (<c>readyCount</c> of them), best first.</summary>
public sealed record BenchLine(string Role, int ReadyCount, IReadOnlyList<BenchPerson> People);

/// <summary><c>bench[].people[]</c>: a ready person, their current role and readiness for the bench role (4 places).</summary>
public sealed record BenchPerson(string Id, string CurrentRole, double Readiness);

/// <summary><c>uncoverable[]</c>: role, skill, required level, <c>best</c> level any badge attests, members <c>affected</c>.</summary>
public sealed record UncoverableLine(string Role, string Skill, int Required, int Best, int Affected);

/// <summary><c>expiringSoon[]</c>: an award (employee, badge, issued, expires) and the gaps it would open.</summary>
public sealed record ExpiringLine(string Employee, string Badge, DateOnly IssuedOn, DateOnly ExpiresOn, IReadOnlyList<OpeningLine> Opens);

/// <summary><c>expiringSoon[].opens[]</c>: a skill whose gap grows from <c>gapNow</c> to <c>gapThen</c> on the expiry date.</summary>
public sealed record OpeningLine(string Skill, int GapNow, int GapThen);
