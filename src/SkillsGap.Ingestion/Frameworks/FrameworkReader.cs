using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Tabular;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Frameworks;

/// <summary>Reads O*NET and ESCO files into one <see cref="RoleFrameworkBatch"/>, merging an occupation's requirements across files.</summary>
internal static class FrameworkReader
{
    public static ParseResult<RoleFrameworkBatch> Read(IReadOnlyList<InputFile> files, ReadLimits limits, RoleFrameworkOptions options)
    {
        var errors = new ErrorCollector(limits.MaxErrors);
        var skills = new List<ImportedSkill>();
        var skillSeen = new HashSet<SkillCode>();
        var roles = new List<ImportedRole>();
        var roleIndex = new Dictionary<RoleCode, int>();
        foreach (var file in files)
        {
            var format = options.Format != InputFormat.Auto ? options.Format : file.Format;
            if (format == InputFormat.Auto) format = Guess(file);
            IReadOnlyList<ImportedSkill> fileSkills;
            IReadOnlyList<ImportedRole> fileRoles;
            try
            {
                (fileSkills, fileRoles) = format switch
                {
                    InputFormat.Onet => OnetFramework.Read(file, limits, options, errors),
                    InputFormat.Esco => EscoFramework.Read(file, limits, options, errors),
                    _ => throw new InputRejectedException(new RowError(file.Name, null, null, null, null,
                        "a role framework file is O*NET (Skills.txt, Knowledge.txt) or ESCO (occupationSkillRelations.csv): name the format (onet or esco)")),
                };
            }
            catch (InputRejectedException e)
            {
                foreach (var error in e.Errors) errors.Add(error);
                continue;
            }
            foreach (var skill in fileSkills)
                if (skillSeen.Add(skill.Skill.Code)) skills.Add(skill);
            foreach (var role in fileRoles)
            {
                if (roleIndex.TryGetValue(role.Code, out var i))
                {
                    var merged = roles[i].Requirements.Concat(role.Requirements.Where(r => roles[i].Requirements.All(q => q.Skill != r.Skill)));
                    roles[i] = roles[i] with { Requirements = merged.ToList() };
                }
                else
                {
                    roleIndex[role.Code] = roles.Count;
                    roles.Add(role);
                }
            }
        }
        var result = errors.Count == 0 ? new RoleFrameworkBatch(skills, roles) : new RoleFrameworkBatch([], []);
        return new ParseResult<RoleFrameworkBatch>([result], errors.ToList());
    }

    private static InputFormat Guess(InputFile file)
    {
        var name = Path.GetFileName(file.Name);
        if (name.Contains("occupationSkillRelations", StringComparison.OrdinalIgnoreCase)) return InputFormat.Esco;
        if (name.Equals("Skills.txt", StringComparison.OrdinalIgnoreCase) || name.Equals("Knowledge.txt", StringComparison.OrdinalIgnoreCase))
            return InputFormat.Onet;
        return InputFormat.Auto;
    }

    /// <summary>Opens a companion file beside <paramref name="file"/> (through the options' hook, else on disk), or null.</summary>
    public static Stream? OpenCompanion(InputFile file, string name, RoleFrameworkOptions options)
    {
        if (options.OpenCompanion is { } open) return open(file, name);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Name));
        if (folder is null) return null;
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>Reads a companion file as a table, or null when it is absent.</summary>
    public static TabularReader? OpenCompanionTable(InputFile file, string name, RoleFrameworkOptions options, ReadLimits limits)
    {
        var stream = OpenCompanion(file, name, options);
        if (stream is null) return null;
        var companion = new InputFile(Path.Combine(Path.GetDirectoryName(file.Name) ?? "", name), () => stream, InputFormat.Csv);
        return TabularReader.Open(companion, limits);
    }
}
