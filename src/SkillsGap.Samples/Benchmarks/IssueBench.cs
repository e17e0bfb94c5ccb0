using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Issuing;
using SkillsGap.App.Setup;
using SkillsGap.Data;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.Samples.Benchmarks;

/// <summary>
/// `skillsgap bench --only issue`: signing an OB 3.0 credential for every award of the sample organisation's own badges
/// (end to end: selection, status indexes, JSON-LD canonicalisation and Ed25519 signatures, storage), against checking
/// the same credentials with SkillsGap's verifier (the same canonicalisation, one thread); a second run, where every
/// credential already exists, shows what idempotence costs. With <c>SKILLSGAP_REFERENCE_VERIFIER</c> naming an installed
/// copy of the reference verifier (npm ci done), its time per credential is measured too.
/// </summary>
public static class IssueBench
{
    public static async Task<IReadOnlyList<BenchMeasure>> RunAsync(Action<string> log, CancellationToken ct = default)
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-bench-issue-").FullName;
        try
        {
            await OrganisationGenerator.WriteAsync(new GeneratorOptions(), Path.Combine(folder, "samples"), ct);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:SkillsGap"] = $"Data Source={Path.Combine(folder, "bench.db")}",
                ["Issuer:Name"] = "SkillsGap Academy",
                ["Issuer:PublicBaseUrl"] = "https://skills.example.com",
                ["Issuer:Url"] = "https://academy.example.com",
            }).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSkillsGap(configuration);
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<InitDatabase>().RunAsync(ct);
                await scope.ServiceProvider.GetRequiredService<LoadSamples>().RunAsync(Path.Combine(folder, "samples"), null, ct);
                // Warm-up (JIT, the key and the first status list): one employee.
                var someone = await scope.ServiceProvider.GetRequiredService<SkillsGapDbContext>().Awards.Select(a => a.EmployeeId).FirstAsync(ct);
                await scope.ServiceProvider.GetRequiredService<IssueCredentials>().RunAsync(new IssueRequest(new Core.Domain.EmployeeId(someone)), ct);
            }

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            IssueOutcome outcome;
            await using (var scope = provider.CreateAsyncScope())
                outcome = await scope.ServiceProvider.GetRequiredService<IssueCredentials>().RunAsync(new IssueRequest(All: true), ct);
            var issueSeconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var issueCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var issued = outcome.Results.Count(r => r.New);
            clock.Restart();
            await using (var scope = provider.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<IssueCredentials>().RunAsync(new IssueRequest(All: true), ct);
            var againSeconds = clock.Elapsed.TotalSeconds;
            log(string.Create(CultureInfo.InvariantCulture, $"issue: {issued:N0} credentials in {issueSeconds:0.000} s ({issued / issueSeconds:N0}/s); again (all unchanged) {againSeconds:0.000} s"));

            // Every stored credential, checked with SkillsGap's verifier against the status lists as files.
            List<string> documents;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SkillsGapDbContext>();
                documents = await db.IssuedCredentials.Select(c => c.Document).ToListAsync(ct);
                foreach (var list in await db.StatusLists.ToListAsync(ct))
                {
                    var path = Path.Combine(folder, $"status-{list.Id}.json");
                    await File.WriteAllTextAsync(path, list.Document, ct);
                    map[$"https://skills.example.com/ob/status/{list.Id}"] = path;
                }
            }
            var verifier = new OpenBadgesVerifier(new VerifierOptions(map, DateTimeOffset.UtcNow));
            var valid = 0;
            process.Refresh();
            cpuBefore = process.TotalProcessorTime;
            clock.Restart();
            foreach (var document in documents)
                if (verifier.Verify("c.json", new MemoryStream(Encoding.UTF8.GetBytes(document))).Credentials.FirstOrDefault()?.State == Core.Domain.VerificationState.Verified) valid++;
            var verifySeconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var verifyCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var perVerification = verifySeconds / documents.Count * 1000;
            log(string.Create(CultureInfo.InvariantCulture, $"issue: signatures verified {valid:N0} of {documents.Count:N0} in {verifySeconds:0.000} s ({perVerification:0.00} ms each)"));
            var results = new List<BenchMeasure>
            {
                new("issue credentials (samples' own badges)", "issue --all", issueSeconds, "SkillsGap verifier, same credentials, 1 thread", verifySeconds,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{issued:N0} credentials, {issued / issueSeconds:N0}/s on {Environment.ProcessorCount} cores (process CPU {issueCpu * 1000 / issued:0.00} ms each); verification {perVerification:0.00} ms each (CPU {verifyCpu * 1000 / documents.Count:0.00} ms; {valid:N0} signatures verified); issuing again (all unchanged) {againSeconds:0.00} s; load average {PerformanceBench.LoadAverage()}")),
            };
            if (await ReferencePerCredentialAsync(documents, map, folder, log, ct) is double reference)
                results.Add(new BenchMeasure("verification per credential", "SkillsGap verifier", perVerification / 1000, "reference verifier (Node.js)", reference / 1000,
                    string.Create(CultureInfo.InvariantCulture, $"{perVerification:0.00} ms against {reference:0.00} ms per credential (seconds columns are per credential)")));
            else log("issue: the reference verifier was not measured (set SKILLSGAP_REFERENCE_VERIFIER to a copy where npm ci has run)");
            return results;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Milliseconds per credential in one Node process over up to 500 credentials (its start-up subtracted via a one-file run).</summary>
    private static async Task<double?> ReferencePerCredentialAsync(List<string> documents, Dictionary<string, string> map, string folder, Action<string> log, CancellationToken ct)
    {
        var installed = Environment.GetEnvironmentVariable("SKILLSGAP_REFERENCE_VERIFIER");
        if (string.IsNullOrWhiteSpace(installed) || !Directory.Exists(Path.Combine(installed, "node_modules"))) return null;
        var files = new List<string>();
        foreach (var (document, i) in documents.Take(500).Select((d, i) => (d, i)))
        {
            files.Add(Path.Combine(folder, $"c{i}.json"));
            await File.WriteAllTextAsync(files[^1], document, ct);
        }
        async Task<double> Seconds(IEnumerable<string> batch)
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = installed, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("verify.mjs");
            foreach (var (url, path) in map) { start.ArgumentList.Add("--map"); start.ArgumentList.Add($"{url}={path}"); }
            foreach (var file in batch) start.ArgumentList.Add(file);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) log("issue: the reference verifier did not verify every credential: " + output.Split('\n').FirstOrDefault(l => l.Contains("false", StringComparison.Ordinal)));
            return clock.Elapsed.TotalSeconds;
        }
        var one = await Seconds(files.Take(1));
        var all = await Seconds(files);
        var perCredential = (all - one) / (files.Count - 1) * 1000;
        log(string.Create(CultureInfo.InvariantCulture, $"issue: reference verifier {files.Count} credentials in {all:0.000} s, one in {one:0.000} s: {perCredential:0.00} ms each"));
        return perCredential;
    }
}
