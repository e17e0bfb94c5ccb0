using System.Text;
using SkillsGap.Samples;

namespace SkillsGap.IntegrationTests.Samples;

/// <summary>A sample folder generated once with the default options into a temporary directory, read back as CSV rows.</summary>
public sealed class SampleFolder : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "skillsgap-samples-" + Guid.NewGuid().ToString("N"));
    public SampleSummary Summary { get; private set; } = null!;
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Skills { get; private set; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Roles { get; private set; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Badges { get; private set; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Employees { get; private set; } = [];
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Awards { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Summary = await OrganisationGenerator.WriteAsync(new GeneratorOptions(), Directory);
        Skills = SampleCsv.Read(Path.Combine(Directory, "skills.csv"));
        Roles = SampleCsv.Read(Path.Combine(Directory, "roles.csv"));
        Badges = SampleCsv.Read(Path.Combine(Directory, "badges.csv"));
        Employees = SampleCsv.Read(Path.Combine(Directory, "employees.csv"));
        Awards = SampleCsv.Read(Path.Combine(Directory, "awards.csv"));
    }

    public Task DisposeAsync()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>A fresh temporary directory that the caller deletes.</summary>
    public static string NewTempDirectory() =>
        System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "skillsgap-samples-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The repository root: the first parent of the test binaries that holds SkillsGap.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SkillsGap.sln"))) return dir.FullName;
        throw new InvalidOperationException("SkillsGap.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A strict reader for the sample CSV files: comma-separated, optional double quotes, header row.</summary>
public static class SampleCsv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = Split(lines[0]);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var fields = Split(line);
            Assert.True(fields.Count == header.Count, $"{Path.GetFileName(path)}: '{line}' has {fields.Count} fields, the header {header.Count}");
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }
        return rows;
    }

    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
