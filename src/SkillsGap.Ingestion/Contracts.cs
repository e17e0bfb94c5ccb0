using SkillsGap.Core.Domain;

namespace SkillsGap.Ingestion;

/// <summary>What an import file holds.</summary>
public enum ImportKind
{
    Skills,
    Roles,
    Badges,
    Employees,
    Awards,
    /// <summary>Earned Open Badges (2.0 / 3.0 JSON, VC-JWT, baked PNG or SVG) that become awards.</summary>
    OpenBadges,
}

/// <summary>
/// The one list of import kinds, in the order an organisation is loaded (each kind may refer to the ones before it), with
/// the name each has on the command line, in the API route and on the uploads page.
/// </summary>
public static class ImportKinds
{
    /// <summary>Every kind, in load order.</summary>
    public static IReadOnlyList<ImportKind> All { get; } =
        [ImportKind.Skills, ImportKind.Roles, ImportKind.Badges, ImportKind.Employees, ImportKind.Awards, ImportKind.OpenBadges];

    /// <summary>The kinds read from CSV, XLSX or JSON tables (every kind but Open Badges).</summary>
    public static IReadOnlyList<ImportKind> Tabular { get; } = [.. All.Where(k => k != ImportKind.OpenBadges)];

    /// <summary>The kind's name: <c>skills</c>, <c>roles</c>, <c>badges</c>, <c>employees</c>, <c>awards</c>, <c>openbadges</c>.</summary>
    public static string Name(ImportKind kind) => kind switch
    {
        ImportKind.Skills => "skills",
        ImportKind.Roles => "roles",
        ImportKind.Badges => "badges",
        ImportKind.Employees => "employees",
        ImportKind.Awards => "awards",
        ImportKind.OpenBadges => "openbadges",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    /// <summary>The kind with this name (any case, surrounding spaces ignored), or null.</summary>
    public static ImportKind? Parse(string? name)
    {
        var trimmed = name?.Trim();
        foreach (var kind in All)
            if (string.Equals(Name(kind), trimmed, StringComparison.OrdinalIgnoreCase)) return kind;
        return null;
    }

    /// <summary>The names, comma separated, for messages: "skills, roles, …, openbadges".</summary>
    public static string Names => string.Join(", ", All.Select(Name));
}

/// <summary>How an input file is laid out. <see cref="Auto"/> decides by extension (.csv/.txt/.tsv, .xlsx, .json).</summary>
public enum InputFormat
{
    Auto,
    Csv,
    Xlsx,
    Json,
    /// <summary>O*NET Skills.txt / Knowledge.txt (tab-separated) as role frameworks.</summary>
    Onet,
    /// <summary>ESCO occupationSkillRelations.csv (with occupations_en.csv and skills_en.csv beside it) as role frameworks.</summary>
    Esco,
}

/// <summary>An input file: its display name (used in every error), its bytes and, for XLSX, an optional sheet name.</summary>
public sealed record InputFile(string Name, Func<Stream> Open, InputFormat Format = InputFormat.Auto, string? Sheet = null)
{
    public static InputFile FromPath(string path, InputFormat format = InputFormat.Auto, string? sheet = null) =>
        new(path, () => File.OpenRead(path), format, sheet);
}

/// <summary>
/// Keys that already exist in storage, so that a file can be checked against them before anything is written.
/// Keys defined by the same import batch are added by the readers themselves.
/// </summary>
public interface IReferenceCatalogue
{
    bool HasSkill(SkillCode code);
    bool HasRole(RoleCode code);
    bool HasBadge(BadgeId id);
    bool HasEmployee(EmployeeId id);
    EmployeeId? EmployeeByEmail(string email);
    /// <summary>Current manager links of stored employees, to catch a cycle that a file would close.</summary>
    IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks { get; }

    /// <summary>The day a stored employee left (their latest row's <c>left_on</c>), or null: no award may be issued after it.</summary>
    DateOnly? LeftOn(EmployeeId id) => null;
}

/// <summary>A skill read from a file, with the row it came from.</summary>
public sealed record ImportedSkill(Skill Skill, int Row);

/// <summary>A role framework read from a file: all its requirements, and the date the new version takes effect if given.</summary>
public sealed record ImportedRole(RoleCode Code, string Title, string? Family, IReadOnlyList<RoleRequirement> Requirements, DateOnly? EffectiveFrom, int Row);

/// <summary>A badge read from a file.</summary>
public sealed record ImportedBadge(Badge Badge, int Row);

/// <summary>An employee read from a file; role, manager and department changes take effect from <see cref="EffectiveFrom"/> (else the import date).</summary>
public sealed record ImportedEmployee(Employee Employee, DateOnly? EffectiveFrom, int Row);

/// <summary>An award read from a file, its employee resolved (from employee_id or email).</summary>
public sealed record ImportedAward(Award Award, int Row);

/// <summary>Records read from one file, or the reasons they cannot be imported. Nothing is imported while <see cref="Errors"/> is non-empty.</summary>
public sealed record ParseResult<T>(IReadOnlyList<T> Records, IReadOnlyList<RowError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Role frameworks together with skills that their source defines (O*NET elements, ESCO skills).</summary>
public sealed record RoleFrameworkBatch(IReadOnlyList<ImportedSkill> Skills, IReadOnlyList<ImportedRole> Roles);
