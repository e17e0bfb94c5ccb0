namespace SkillsGap.UnitTests.TestSupport;

/// <summary>
/// Locates ../shared/external (third-party fixtures beside the repository) and the repository's own folders,
/// from the test's output folder, so that the tests run from any clone.
/// </summary>
public static class ExternalData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The nearest shared/external above the repository (../shared/external for a clone, ../../shared/external for a worktree).</summary>
    public static string Root { get; } = FindExternalRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SamplesFolder => Path.Combine(RepositoryRoot, "data-samples");

    private static string FindExternalRoot()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot).Parent; dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "external"))) return Path.Combine(dir.FullName, "shared", "external");
        return Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "external"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SkillsGap.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("SkillsGap.sln not found above " + AppContext.BaseDirectory);
    }
}
