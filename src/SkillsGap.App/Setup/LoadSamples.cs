using SkillsGap.App.Imports;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Setup;

/// <summary>Loads an organisation's files (the layout of data-samples/) in dependency order.</summary>
public sealed class LoadSamples(ImportData import)
{
    /// <summary>The files of a samples folder, by kind, in the order they must be imported.</summary>
    public static IReadOnlyList<(ImportKind Kind, string[] Files)> Layout(string folder)
    {
        string[] Existing(params string[] names) =>
            [.. names.Select(n => Path.Combine(folder, n)).Where(File.Exists)];
        return
        [
            (ImportKind.Skills, Existing("skills.csv")),
            (ImportKind.Roles, Existing("roles.csv", "roles-matrix.xlsx")),
            (ImportKind.Badges, Existing("badges.csv")),
            (ImportKind.Employees, Existing("employees.csv")),
            (ImportKind.Awards, Existing("awards.csv")),
        ];
    }

    public async Task<IReadOnlyList<ImportOutcome>> RunAsync(string folder, Action<ImportKind>? starting = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder)) throw new InputRejectedException($"Samples folder '{folder}' does not exist.");
        var outcomes = new List<ImportOutcome>();
        foreach (var (kind, files) in Layout(folder))
        {
            if (files.Length == 0) throw new InputRejectedException($"Samples folder '{folder}' has no {kind.ToString().ToLowerInvariant()} file.");
            starting?.Invoke(kind);
            outcomes.Add(await import.RunAsync(new ImportRequest(kind, [.. files.Select(f => InputFile.FromPath(f))]), ct));
        }
        return outcomes;
    }

    /// <summary>data-samples/ next to the application or in a parent folder of the working directory.</summary>
    public static string? FindSamplesFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data-samples");
                if (File.Exists(Path.Combine(candidate, "skills.csv"))) return candidate;
            }
        return null;
    }
}
