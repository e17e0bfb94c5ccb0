using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillsGap.EndToEndTests.Notebooks;

/// <summary>The result of one <c>dotnet repl --run</c>: its exit code, console and the notebook it wrote with outputs.</summary>
public sealed record NotebookRun(int ExitCode, string StdOut, string StdErr, string OutputPath, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s; output {OutputPath}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>One code cell of a notebook: its source and, in an output notebook, what it printed or displayed.</summary>
public sealed record NotebookCell(int Index, string Source, IReadOnlyList<JsonElement> Outputs)
{
    /// <summary>The text of every stream output and every text/plain, text/html and error output, joined.</summary>
    public string OutputText
    {
        get
        {
            var text = new StringBuilder();
            foreach (var output in Outputs)
            {
                if (output.TryGetProperty("text", out var stream)) text.Append(Join(stream));
                if (output.TryGetProperty("evalue", out var error)) text.Append(error.GetString());
                if (output.TryGetProperty("data", out var data))
                    foreach (var mime in data.EnumerateObject())
                        if (mime.Name.StartsWith("text/", StringComparison.Ordinal)) text.Append(Join(mime.Value));
                text.Append('\n');
            }
            return text.ToString();
        }
    }

    /// <summary>Lines (or a string) of an .ipynb multi-line field as one string.</summary>
    public static string Join(JsonElement field) => field.ValueKind == JsonValueKind.Array
        ? string.Concat(field.EnumerateArray().Select(line => line.GetString()))
        : field.GetString() ?? "";
}

/// <summary>
/// Runs the notebooks of <c>notebooks/</c> with the repository's local <c>dotnet-repl</c> tool (.config/dotnet-tools.json),
/// in the notebooks folder (the notebooks' <c>#r "../src/…"</c> and <c>#load</c> paths are relative to it), writing the
/// notebook with its outputs to a temporary folder.
/// </summary>
public static partial class NotebookRunner
{
    private static readonly Lazy<Task> ToolRestore = new(() => RestoreToolsAsync());

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SkillsGap.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("SkillsGap.sln not found above the test output folder.");
        }
    }

    public static string NotebooksFolder => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>The code cells of a notebook file, in order.</summary>
    public static IReadOnlyList<NotebookCell> CodeCells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<NotebookCell>();
        var index = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                var outputs = cell.TryGetProperty("outputs", out var o) ? o.EnumerateArray().Select(x => x.Clone()).ToList() : [];
                cells.Add(new NotebookCell(index, NotebookCell.Join(cell.GetProperty("source")), outputs));
            }
            index++;
        }
        return cells;
    }

    /// <summary>The <c>#r "../src/…dll"</c> references of a notebook, as full paths.</summary>
    public static IReadOnlyList<string> LibraryReferences(string notebookPath) =>
        [.. CodeCells(notebookPath).SelectMany(c => LibraryReference().Matches(c.Source))
            .Select(m => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(notebookPath)!, m.Groups["path"].Value)))];

    /// <summary>The <c>#r "nuget: Name, Version"</c> references of a notebook.</summary>
    public static IReadOnlyList<(string Package, string Version)> PackageReferences(string notebookPath) =>
        [.. CodeCells(notebookPath).SelectMany(c => PackageReference().Matches(c.Source))
            .Select(m => (m.Groups["name"].Value, m.Groups["version"].Value))];

    /// <summary>
    /// Throws unless every library the notebook references is the very assembly this test run was built with (same module
    /// version id as the copy in the test's output folder), i.e. built from the same commit in the Release configuration.
    /// </summary>
    public static void EnsureLibrariesAreThisBuild(string notebookPath)
    {
        foreach (var library in LibraryReferences(notebookPath))
        {
            var ours = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(library));
            if (!File.Exists(library))
                throw new InvalidOperationException($"{library} does not exist: build the solution with -c Release before the notebook tests.");
            if (ModuleVersionId(library) != ModuleVersionId(ours))
                throw new InvalidOperationException(
                    $"{library} is not the build this test run uses ({ours}): run the tests with -c Release so the notebooks load the same libraries.");
        }
    }

    /// <summary>
    /// Runs a notebook top to bottom in <paramref name="workingDirectory"/> (default: the notebook's folder, which must be
    /// inside the repository for the local tool to be found); the output notebook is written into <paramref name="outputFolder"/>.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(string notebookPath, string outputFolder, TimeSpan timeout, string? workingDirectory = null)
    {
        await ToolRestore.Value;
        var output = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(notebookPath) + ".out.ipynb");
        var start = Start("tool", "run", "dotnet-repl", "--", "--run", notebookPath, "--exit-after-run", "--output-path", output);
        start.WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(notebookPath)!;
        var stopwatch = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await RunProcessAsync(start, timeout);
        return new NotebookRun(exit, stdout, stderr, output, stopwatch.Elapsed);
    }

    private static async Task RestoreToolsAsync()
    {
        var start = Start("tool", "restore");
        start.WorkingDirectory = RepositoryRoot;
        var (exit, stdout, stderr) = await RunProcessAsync(start, TimeSpan.FromMinutes(5));
        if (exit != 0) throw new InvalidOperationException($"dotnet tool restore failed ({exit}):\n{stdout}\n{stderr}");
    }

    private static ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    private static async Task<(int Exit, string StdOut, string StdErr)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Guid ModuleVersionId(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    [GeneratedRegex("""^#r\s+"(?<path>\.\./src/[^"]+\.dll)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex LibraryReference();

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*,\s*(?<version>[^"\s]+)\s*"\s*$""", RegexOptions.Multiline)]
    private static partial Regex PackageReference();
}
