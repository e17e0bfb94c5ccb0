using System.Text;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

/// <summary>Keys that "already exist in storage" for a test.</summary>
internal sealed class TestCatalogue : IReferenceCatalogue
{
    public HashSet<string> Skills { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Roles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Badges { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> Employees { get; } = new(StringComparer.Ordinal); // id → e-mail
    public Dictionary<EmployeeId, EmployeeId?> Managers { get; } = [];

    public bool HasSkill(SkillCode code) => Skills.Contains(code.Value);
    public bool HasRole(RoleCode code) => Roles.Contains(code.Value);
    public bool HasBadge(BadgeId id) => Badges.Contains(id.Value);
    public bool HasEmployee(EmployeeId id) => Employees.ContainsKey(id.Value);

    public EmployeeId? EmployeeByEmail(string email) =>
        Employees.FirstOrDefault(e => string.Equals(e.Value, email, StringComparison.OrdinalIgnoreCase)).Key is string id ? new EmployeeId(id) : null;

    public IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks => Managers;

    /// <summary>Employee id → the day they left.</summary>
    public Dictionary<string, DateOnly> Left { get; } = new(StringComparer.Ordinal);

    public DateOnly? LeftOn(EmployeeId id) => Left.TryGetValue(id.Value, out var day) ? day : null;

    /// <summary>Skills PY, SQL, ML; roles ANALYST, ENGINEER; badges PY-101, PY-201, SQL-101; employees E-1 (a@x.org), E-2 (b@x.org).</summary>
    public static TestCatalogue Standard()
    {
        var catalogue = new TestCatalogue();
        catalogue.Skills.UnionWith(["PY", "SQL", "ML"]);
        catalogue.Roles.UnionWith(["ANALYST", "ENGINEER"]);
        catalogue.Badges.UnionWith(["PY-101", "PY-201", "SQL-101"]);
        catalogue.Employees["E-1"] = "a@x.org";
        catalogue.Employees["E-2"] = "b@x.org";
        return catalogue;
    }
}

/// <summary>Real files in a temporary folder, deleted with the fixture.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("skillsgap-ingestion-").FullName;

    public string Write(string name, string text, bool bom = false)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    public InputFile Csv(string name, string text, bool bom = false) => InputFile.FromPath(Write(name, text, bom));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class ExternalData
{
    /// <summary>The read-only third-party data folder (DESIGN: /work/shared/external), found from the environment or the usual places.</summary>
    public static string Folder(string name)
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("SKILLSGAP_EXTERNAL_DATA"),
            "/work/shared/external",
        };
        foreach (var root in candidates)
            if (root is not null && Directory.Exists(System.IO.Path.Combine(root, name))) return System.IO.Path.Combine(root, name);
        // Walk up from the test binaries to a shared/external beside the repository.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = System.IO.Path.Combine(dir.FullName, "shared", "external", name);
            if (Directory.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException($"External data folder '{name}' not found; set SKILLSGAP_EXTERNAL_DATA.");
    }
}
