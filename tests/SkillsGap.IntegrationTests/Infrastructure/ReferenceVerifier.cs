using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>One file's answer from the reference verifier.</summary>
public sealed record ReferenceVerdict(string File, bool Verified, IReadOnlyList<string> Errors)
{
    public override string ToString() => $"{Path.GetFileName(File)}: {(Verified ? "verified" : "NOT verified")} {string.Join("; ", Errors)}";
}

/// <summary>
/// The independent OB 3.0 / VC verifier of <c>../shared/tools/ob3-reference-verifier</c> (Digital Bazaar <c>vc</c> 7.3.0 with
/// the <c>eddsa-rdfc-2022</c> suite and the Bitstring Status List checker, under Node.js), found beside the clone as
/// <c>.ci/run</c> has it (or at <c>SKILLSGAP_REFERENCE_VERIFIER</c>). It is copied once into a temporary folder named
/// after its package-lock and installed there with <c>npm ci</c>. Without Node.js and npm the tests that use it are
/// skipped loudly — unless <c>SKILLSGAP_REQUIRE_NODE=1</c> (set by .ci/run), when they run and fail.
/// </summary>
public static class ReferenceVerifier
{
    public const string RequireVariable = "SKILLSGAP_REQUIRE_NODE";
    public const string LocationVariable = "SKILLSGAP_REFERENCE_VERIFIER";

    private static readonly Lazy<Task<string>> Installed = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The verifier's source folder, or null when it is not beside the repository.</summary>
    public static string? Source { get; } = FindSource();

    /// <summary>Why the reference verifier cannot run here, or null when it can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>Verifies <paramref name="files"/> in one Node process, the status lists (and other documents) served from <paramref name="map"/>.</summary>
    public static async Task<IReadOnlyList<ReferenceVerdict>> VerifyAsync(IEnumerable<string> files, IReadOnlyDictionary<string, string>? map = null,
        DateTimeOffset? now = null)
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        var folder = await Installed.Value;
        var arguments = new List<string> { "verify.mjs" };
        if (now is DateTimeOffset instant) arguments.AddRange(["--now", instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)]);
        foreach (var (url, file) in map ?? new Dictionary<string, string>()) arguments.AddRange(["--map", $"{url}={file}"]);
        var list = files.ToList();
        arguments.AddRange(list);
        var (exit, output, error) = await RunAsync("node", arguments, folder, TimeSpan.FromMinutes(3));
        if (exit == 2) throw new InvalidOperationException($"The reference verifier refused its input (exit 2): {error}\n{output}");
        var verdicts = new List<ReferenceVerdict>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            verdicts.Add(new ReferenceVerdict(
                root.TryGetProperty("file", out var f) ? f.GetString()! : list[0],
                root.GetProperty("verified").GetBoolean(),
                [.. root.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "")]));
        }
        if (verdicts.Count != list.Count) throw new InvalidOperationException($"The reference verifier answered {verdicts.Count} of {list.Count} files: {output} {error}");
        return verdicts;
    }

    private static string? FindSource()
    {
        var configured = Environment.GetEnvironmentVariable(LocationVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        var root = Samples.SampleFolder.RepositoryRoot();
        for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tools", "ob3-reference-verifier");
            if (File.Exists(Path.Combine(candidate, "verify.mjs"))) return candidate;
        }
        return null;
    }

    private static string? FindUnavailableReason()
    {
        if (Source is null)
            return "REFERENCE VERIFIER NOT AVAILABLE: ../shared/tools/ob3-reference-verifier was not found beside the repository " +
                   $"(or {LocationVariable}). The independent verification tests are SKIPPED (they fail instead with SKILLSGAP_REQUIRE_NODE=1).";
        foreach (var tool in new[] { "node", "npm" })
        {
            try
            {
                var (exit, output, _) = RunAsync(tool, ["--version"], Source, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                if (exit != 0) return $"REFERENCE VERIFIER NOT AVAILABLE: `{tool} --version` failed. The independent verification tests are SKIPPED (they fail instead with SKILLSGAP_REQUIRE_NODE=1).";
                if (tool == "node" && !(Version.TryParse(output.Trim().TrimStart('v'), out var v) && v.Major >= 18))
                    return $"REFERENCE VERIFIER NOT AVAILABLE: Node.js {output.Trim()} is too old (18 or later; .ci/run installs nodejs). The independent verification tests are SKIPPED (they fail instead with SKILLSGAP_REQUIRE_NODE=1).";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return $"REFERENCE VERIFIER NOT AVAILABLE: `{tool}` is not installed (apt-get install nodejs npm; .ci/run does it). The independent verification tests are SKIPPED (they fail instead with SKILLSGAP_REQUIRE_NODE=1).";
            }
        }
        return null;
    }

    private static async Task<string> InstallAsync()
    {
        var source = Source!;
        var lockHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(source, "package-lock.json"))))[..16];
        var folder = Path.Combine(Path.GetTempPath(), "skillsgap-ob3-reference-verifier-" + lockHash);
        if (File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json"))) return folder;
        var staging = folder + "-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        foreach (var file in Directory.GetFiles(source))
        {
            var target = Path.Combine(staging, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal); // the shared copy is read-only
        }
        var (exit, output, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], staging, TimeSpan.FromMinutes(5));
        if (exit != 0) throw new InvalidOperationException($"npm ci of the reference verifier failed (exit {exit}): {error}\n{output}");
        try { Directory.Move(staging, folder); }
        catch (IOException) { Directory.Delete(staging, recursive: true); } // another test process installed it first
        return folder;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>
/// A test that needs the reference verifier: skipped with a loud reason when Node.js, npm or the verifier are missing,
/// unless <c>SKILLSGAP_REQUIRE_NODE=1</c> makes it run (and fail).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReferenceVerifierFactAttribute : FactAttribute
{
    public ReferenceVerifierFactAttribute()
    {
        if (!ReferenceVerifier.Required && ReferenceVerifier.UnavailableReason is { } reason) Skip = reason;
    }
}
