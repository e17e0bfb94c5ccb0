using System.Text.Json;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace SkillsGap.EndToEndTests.Notebooks;

/// <summary>
/// The notebooks of <c>notebooks/</c> run top to bottom with dotnet-repl against the libraries built from this commit, and
/// their own check cells (which throw when a figure disagrees with a hand calculation or an independent recomputation) pass.
/// </summary>
public sealed class NotebookTests(ITestOutputHelper output) : IDisposable
{
    // Start-up of dotnet-repl and the NuGet restore of the #r packages take tens of seconds on a busy machine; training in
    // model-evaluation more. Generous, so that only a hung kernel fails on time.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Packages the notebooks pin that Directory.Packages.props does not (yet) list, with the version they must use.</summary>
    private static readonly Dictionary<string, string> NotebookOnlyPins = new(StringComparer.OrdinalIgnoreCase)
    {
        // The charting library of DESIGN §5 (SkillsGap.Reporting); once the props file pins it, that version is checked instead.
        ["ScottPlot"] = "5.1.59",
    };

    private readonly string _outputFolder = Directory.CreateTempSubdirectory("skillsgap-notebooks-").FullName;

    public static TheoryData<string, string[]> Notebooks => new()
    {
        {
            "gap-exploration.ipynb",
            [
                "employees read (expected 400, got 400)",
                "DataFrame mean readiness equals the engine's",
                "largest readiness difference, engine vs DataFrame joins",
                "people in Engineering (expected 159, got 159)",
                "uncoverable requirements",
                "PNG rendered by SkiaSharp in the kernel (width, height) (expected (800, 420), got (800, 420))",
                "SVG chart rendered",
            ]
        },
        {
            "model-evaluation.ipynb",
            [
                "test cases",
                "model hit rate@10 from this notebook's ranks",
                "model MRR from this notebook's ranks",
                "gapGreedy hit rate@10 from this notebook's ranks",
                "popularity MRR from this notebook's ranks",
                "per-role hit rates weighted by cases give the overall model hit rate@10",
                "PNG rendered (width, height)",
            ]
        },
        {
            "what-if-planning.ipynb",
            [
                "Σ weight·gap closed: plan vs engine before − after",
                "readiness after of",
                "readiness of everyone without a sponsored badge is unchanged",
                "what-if readiness of",
                "PNG rendered (width, height)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_top_to_bottom_and_its_own_checks_pass(string notebook, string[] expectedChecks)
    {
        var path = Path.Combine(NotebookRunner.NotebooksFolder, notebook);
        NotebookRunner.EnsureLibrariesAreThisBuild(path);

        var run = await NotebookRunner.RunAsync(path, _outputFolder, Timeout);
        output.WriteLine($"{notebook}: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(run.OutputPath), run.ToString());
        var source = NotebookRunner.CodeCells(path);
        var cells = NotebookRunner.CodeCells(run.OutputPath);
        Assert.Equal(source.Count, cells.Count);
        foreach (var cell in cells)
        {
            var errors = cell.Outputs.Where(o => o.GetProperty("output_type").GetString() == "error").ToList();
            Assert.True(errors.Count == 0, $"cell {cell.Index} failed:\n{cell.Source}\n---\n{cell.OutputText}");
            Assert.DoesNotContain("CHECK FAILED", cell.OutputText, StringComparison.Ordinal);
        }

        // Every cell that checks a figure ran its checks: each printed at least one "CHECK OK:" line.
        var checkCells = cells.Where(c => c.Source.Contains("Check.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(checkCells);
        foreach (var cell in checkCells)
            Assert.True(cell.OutputText.Contains("CHECK OK: ", StringComparison.Ordinal),
                $"cell {cell.Index} checks figures but printed no CHECK OK line:\n{cell.Source}\n---\n{cell.OutputText}");
        var checks = cells.SelectMany(c => c.OutputText.Split('\n'))
            .Where(l => l.StartsWith("CHECK OK: ", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{checks.Count} checks passed");
        foreach (var expected in expectedChecks)
            Assert.True(checks.Any(c => c.StartsWith("CHECK OK: " + expected, StringComparison.Ordinal)),
                $"check '{expected}' did not run; checks that ran:\n{string.Join('\n', checks)}");

        // The charts are in the output: a PNG as a data URI (SkiaSharp's native library loaded in the kernel).
        var html = string.Concat(cells.Select(c => c.OutputText));
        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
        // Every code cell but the #load one shows something (a table, a chart, a line of figures or the check lines).
        foreach (var cell in cells.Where(c => !c.Source.TrimStart().StartsWith("#load", StringComparison.Ordinal)))
            Assert.True(cell.Outputs.Count > 0, $"cell {cell.Index} has no output:\n{cell.Source}");
    }

    [Fact]
    public async Task A_failing_check_cell_fails_the_run_with_exit_code_2_and_an_error_output()
    {
        // A notebook of its own in the temporary folder: the shared loader (for its Check helper), then a check that must fail.
        var root = NotebookRunner.RepositoryRoot;
        string Library(string name) => Path.Combine(root, "src", name, "bin", "Release", "net10.0", name + ".dll");
        string[] sources =
        [
            $"#r \"{Library("SkillsGap.Core")}\"\n#r \"{Library("SkillsGap.Ingestion")}\"\n#r \"nuget: ScottPlot, {NotebookOnlyPins["ScottPlot"]}\"",
            $"#load \"{Path.Combine(NotebookRunner.NotebooksFolder, "SampleOrganisation.csx")}\"",
            "Check.Equal(\"one and one\", 3, 1 + 1);",
            "Console.WriteLine(\"the next cell still runs\");",
        ];
        var notebook = Path.Combine(_outputFolder, "failing-check.ipynb");
        File.WriteAllText(notebook, JsonSerializer.Serialize(new
        {
            cells = sources.Select(s => new Dictionary<string, object?>
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new { dotnet_interactive = new { language = "csharp" } },
                ["outputs"] = Array.Empty<object>(),
                ["source"] = s,
            }),
            metadata = new { kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" } },
            nbformat = 4,
            nbformat_minor = 5,
        }));

        var run = await NotebookRunner.RunAsync(notebook, _outputFolder, Timeout, workingDirectory: NotebookRunner.NotebooksFolder);

        Assert.True(run.ExitCode == 2, run.ToString());
        var cells = NotebookRunner.CodeCells(run.OutputPath);
        var error = Assert.Single(cells[2].Outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("CHECK FAILED: one and one: expected 3, got 2", error.GetProperty("evalue").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cells.Take(2).SelectMany(c => c.Outputs), o => o.GetProperty("output_type").GetString() == "error");
    }

    [Fact]
    public void Notebooks_are_committed_without_outputs()
    {
        var notebooks = Directory.GetFiles(NotebookRunner.NotebooksFolder, "*.ipynb");
        Assert.Equal(3, notebooks.Length);
        foreach (var notebook in notebooks)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(notebook));
            foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
            {
                if (cell.GetProperty("cell_type").GetString() != "code") continue;
                Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{Path.GetFileName(notebook)} holds outputs");
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
            }
        }
    }

    [Fact]
    public void Notebook_packages_are_pinned_to_the_versions_of_Directory_Packages_props()
    {
        var props = XDocument.Load(Path.Combine(NotebookRunner.RepositoryRoot, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        foreach (var notebook in Directory.GetFiles(NotebookRunner.NotebooksFolder, "*.ipynb"))
        {
            var packages = NotebookRunner.PackageReferences(notebook);
            Assert.NotEmpty(packages);
            foreach (var (package, version) in packages)
            {
                var expected = pinned.TryGetValue(package, out var v) ? v
                    : NotebookOnlyPins.TryGetValue(package, out var n) ? n
                    : throw new Xunit.Sdk.XunitException($"{Path.GetFileName(notebook)} loads {package}, which Directory.Packages.props does not pin.");
                Assert.True(expected == version, $"{Path.GetFileName(notebook)} loads {package} {version}; the pinned version is {expected}.");
            }
        }
    }

    [Fact]
    public void Notebooks_reference_the_Release_libraries_that_this_test_run_was_built_with()
    {
        foreach (var notebook in Directory.GetFiles(NotebookRunner.NotebooksFolder, "*.ipynb"))
        {
            var libraries = NotebookRunner.LibraryReferences(notebook);
            Assert.Contains(libraries, l => l.EndsWith("SkillsGap.Core.dll", StringComparison.Ordinal));
            Assert.All(libraries, l => Assert.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}net10.0{Path.DirectorySeparatorChar}", l, StringComparison.Ordinal));
            NotebookRunner.EnsureLibrariesAreThisBuild(notebook);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_outputFolder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
