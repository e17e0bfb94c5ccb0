using System.Diagnostics;
using System.Text;

namespace SkillsGap.EndToEndTests.Cli;

/// <summary>The result of one <c>skillsgap</c> process.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the real <c>skillsgap</c> command as a process, on a temporary SQLite file of its own.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        WorkFolder = Directory.CreateTempSubdirectory("skillsgap-e2e-").FullName;
        DatabaseFile = Path.Combine(WorkFolder, "skillsgap.db");
    }

    public string WorkFolder { get; }

    /// <summary>The SQLite file every run gets as <c>--db</c>: its own, or another's (a host's) when set.</summary>
    public string DatabaseFile { get; set; }

    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "skillsgap.dll");

    /// <summary>The repository's data-samples folder, found from the test's output folder.</summary>
    public static string SamplesFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SkillsGap.sln"))) return Path.Combine(dir.FullName, "data-samples");
            throw new DirectoryNotFoundException("SkillsGap.sln not found above the test output folder.");
        }
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(WorkFolder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Environment variables set for every later run (configuration such as <c>SKILLSGAP_Figures__CountUnverified</c>).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>shared/external above the repository: third-party fixtures.</summary>
    public static string ExternalFolder
    {
        get
        {
            // SKILLSGAP_EXTERNAL_DATA, else the first shared/external above the repository (beside a clone, or two levels up
            // from a worktree such as /work/wt/<branch>).
            if (System.Environment.GetEnvironmentVariable("SKILLSGAP_EXTERNAL_DATA") is { Length: > 0 } configured) return Path.GetFullPath(configured);
            for (var dir = new DirectoryInfo(Path.Combine(SamplesFolder, "..")); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "external");
                if (Directory.Exists(candidate)) return candidate;
            }
            return Path.GetFullPath(Path.Combine(SamplesFolder, "..", "..", "shared", "external"));
        }
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkFolder,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(CliAssembly);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(DatabaseFile);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["SKILLSGAP_SkillsGap__TimeZone"] = "UTC";
        start.Environment["SKILLSGAP_SkillsGap__DataFolder"] = WorkFolder;
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkFolder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
