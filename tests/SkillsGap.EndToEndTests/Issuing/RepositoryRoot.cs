namespace SkillsGap.IntegrationTests.Samples;

/// <summary>
/// The one member of the integration tests' SampleFolder that their <c>ReferenceVerifier</c> (linked into this project)
/// uses: the folder of SkillsGap.sln, beside which ../shared/tools lives.
/// </summary>
public static class SampleFolder
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SkillsGap.sln"))) return dir.FullName;
        throw new InvalidOperationException("SkillsGap.sln not found above " + AppContext.BaseDirectory);
    }
}
