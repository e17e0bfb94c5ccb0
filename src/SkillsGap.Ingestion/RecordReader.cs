using SkillsGap.Ingestion.Frameworks;
using SkillsGap.Ingestion.Records;
using SkillsGap.Ingestion.Tabular;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion;

/// <summary>
/// Reads the five record kinds of DESIGN §10 from CSV, XLSX or JSON, and role frameworks from O*NET or ESCO files:
/// a stream in, validated records and row errors out. Nothing is written anywhere; every error names file, sheet, row,
/// column, value and reason, and all errors are collected (up to <see cref="ReadLimits.MaxErrors"/>).
/// </summary>
/// <remarks>
/// <see cref="ParseResult{T}.Records"/> holds the records whose rows passed every check (for a role, all of its rows), so a
/// caller that chooses to skip invalid rows can; a whole-file import must refuse while <see cref="ParseResult{T}.Errors"/> is non-empty.
/// </remarks>
public static class RecordReader
{
    /// <summary>Skills: skill_code, skill_name, [category], [description], [aliases <c>a;b</c>].</summary>
    public static ParseResult<ImportedSkill> ReadSkills(InputFile file, ReadLimits? limits = null) =>
        Run(file, limits, "skills", SkillRecords.Read);

    /// <summary>
    /// Role frameworks, long (role_code, role_title, [family], skill_code, required_level, [weight], [critical],
    /// [effective_from]) or matrix (role_code, role_title, [family], [effective_from], one column per skill code, cells
    /// <c>4</c> or <c>4!</c> for critical), told apart by the presence of skill_code and required_level headers.
    /// </summary>
    public static ParseResult<ImportedRole> ReadRoles(InputFile file, IReferenceCatalogue known, ReadLimits? limits = null) =>
        Run(file, limits, "roles", table => RoleRecords.Read(table, known));

    /// <summary>Role frameworks and the skills they define from a public framework file: O*NET Skills.txt / Knowledge.txt or ESCO occupationSkillRelations.csv.</summary>
    public static ParseResult<RoleFrameworkBatch> ReadRoleFramework(InputFile file, ReadLimits? limits = null, RoleFrameworkOptions? options = null) =>
        ReadRoleFramework([file], limits, options);

    /// <summary>Several framework files read as one batch (e.g. O*NET Skills.txt and Knowledge.txt): an occupation's requirements from all files form one role.</summary>
    public static ParseResult<RoleFrameworkBatch> ReadRoleFramework(IReadOnlyList<InputFile> files, ReadLimits? limits = null, RoleFrameworkOptions? options = null) =>
        FrameworkReader.Read(files, limits ?? ReadLimits.Default, options ?? RoleFrameworkOptions.Default);

    /// <summary>Badges: badge_id, badge_name, [issuer], skills (<c>CODE:level;…</c>), hours, [prerequisites <c>A;B|C</c>], [valid_months], [stack_id].</summary>
    public static ParseResult<ImportedBadge> ReadBadges(InputFile file, IReferenceCatalogue known, ReadLimits? limits = null) =>
        Run(file, limits, "badges", table => BadgeRecords.Read(table, known));

    /// <summary>Employees: employee_id, name, [email], role_code, [manager_id], [department], [location], [target_role_code], [effective_from], [left_on].</summary>
    public static ParseResult<ImportedEmployee> ReadEmployees(InputFile file, IReferenceCatalogue known, ReadLimits? limits = null) =>
        Run(file, limits, "employees", table => EmployeeRecords.Read(table, known));

    /// <summary>Awards: employee_id or email, badge_id, issued_on, [expires_on], [evidence_url].</summary>
    public static ParseResult<ImportedAward> ReadAwards(InputFile file, IReferenceCatalogue known, ReadLimits? limits = null) =>
        Run(file, limits, "awards", table => AwardRecords.Read(table, known));

    private static ParseResult<T> Run<T>(InputFile file, ReadLimits? limits, string recordsProperty, Func<RecordTable, IReadOnlyList<T>> read)
    {
        limits ??= ReadLimits.Default;
        var errors = new ErrorCollector(limits.MaxErrors);
        IReadOnlyList<T> records;
        try
        {
            using var reader = TabularReader.Open(file, limits, recordsProperty);
            records = read(new RecordTable(reader, errors));
        }
        catch (InputRejectedException e)
        {
            foreach (var error in e.Errors) errors.Add(error);
            records = [];
        }
        return new ParseResult<T>(records, errors.ToList());
    }
}
