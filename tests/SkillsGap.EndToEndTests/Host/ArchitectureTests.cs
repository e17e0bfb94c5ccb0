using System.Text.RegularExpressions;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// DESIGN §5 and §8 as the sources show them: the host holds HTTP, auth, pages and job wiring only — no EF Core and no
/// SkillsGap.Data outside the signing-key and data-protection stores, no group analysis of its own, no hand-kept list of
/// import kinds; App references no web or job framework; every API error goes through one exception handler.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = Path.GetFullPath(Path.Combine(CliRunner.SamplesFolder, "..", "src"));

    private static IEnumerable<(string File, string Text)> Files(string project, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Source, project), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Path.Combine(Source, project), f).Replace('\\', '/'), File.ReadAllText(f)));

    [Fact]
    public void The_host_uses_no_ef_core_or_storage_types_outside_the_key_stores()
    {
        string[] allowed = ["Security/SigningKeyStore.cs", "Security/DatabaseXmlRepository.cs"];
        var offenders = Files("SkillsGap.Host", ".cs", ".cshtml")
            .Where(f => !allowed.Contains(f.File) && (f.Text.Contains("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || StorageNamespace().IsMatch(f.Text) || f.Text.Contains("DbContext", StringComparison.Ordinal)))
            .Select(f => f.File).ToList();
        Assert.True(offenders.Count == 0, "EF Core or SkillsGap.Data in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_host_computes_no_group_figures_and_keeps_no_list_of_import_kinds()
    {
        var offenders = Files("SkillsGap.Host", ".cs", ".cshtml")
            .Where(f => GroupLogic().IsMatch(f.Text) || KindList().IsMatch(f.Text) || f.Text.Contains("WeightedGap > 0", StringComparison.Ordinal))
            .Select(f => f.File).ToList();
        Assert.True(offenders.Count == 0, "group analysis or import kinds kept in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void App_references_no_web_or_job_framework()
    {
        var offenders = Files("SkillsGap.App", ".cs", ".csproj")
            .Where(f => WebOrJobs().IsMatch(f.Text))
            .Select(f => f.File).ToList();
        Assert.True(offenders.Count == 0, "web or job framework in App: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Api_routes_answer_errors_only_by_throwing_to_the_exception_handler()
    {
        // No endpoint builds its own 403/404/problem answer: they throw, and DomainExceptionHandler writes ProblemDetails.
        var offenders = Files("SkillsGap.Host", ".cs").Where(f => f.File.StartsWith("Endpoints/", StringComparison.Ordinal))
            .Where(f => HandMadeProblem().IsMatch(f.Text))
            .Select(f => f.File).ToList();
        Assert.True(offenders.Count == 0, "hand-made error results in: " + string.Join(", ", offenders));
    }

    [GeneratedRegex(@"using (Microsoft\.AspNetCore|Hangfire)|Include=""(Microsoft\.AspNetCore|Hangfire)")]
    private static partial Regex WebOrJobs();

    [GeneratedRegex(@"\bSkillsGap\.Data\b")]
    private static partial Regex StorageNamespace();

    [GeneratedRegex(@"\b(GroupSelector|GroupAnalysis|Partition\.Of|SkillTotals)\b")]
    private static partial Regex GroupLogic();

    [GeneratedRegex(@"""skills"",\s*""roles""|ImportKind\.Skills,\s*ImportKind\.Roles")]
    private static partial Regex KindList();

    [GeneratedRegex(@"TypedResults\.(Problem|Forbid|NotFound|Unauthorized)\b|Results\.(Problem|Forbid|NotFound)\b|ContentHttpResult|TypedResults\.Text\b")]
    private static partial Regex HandMadeProblem();
}
