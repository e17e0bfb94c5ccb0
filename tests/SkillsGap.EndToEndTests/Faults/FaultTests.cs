using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Faults;

/// <summary>
/// Faults from outside, against the real <c>skillsgap</c> processes on an embedded SQLite file with the samples loaded:
/// kill -9 in the middle of a large import, two importers at once, a full disk, and the host's memory while it takes a
/// large hostile upload. Each checks the database afterwards (the award count exactly before or after, integrity_check)
/// and that the next import works. Large files are generated here, never kept in the repository.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests : IDisposable
{
    private const int SampleAwards = 4528;
    private readonly CliRunner _cli = new();
    private readonly Dictionary<string, string> _environment = [];
    private readonly StringBuilder _output = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Kill_9_in_the_middle_of_a_large_import_leaves_exactly_before_or_after_and_the_next_import_works()
    {
        await LoadSamplesAsync();
        var file = _cli.WriteFile("many-awards.csv", AwardsCsv(rows: 150_000, seed: 1));
        var wal = _cli.DatabaseFile + "-wal";
        var walBefore = File.Exists(wal) ? new FileInfo(wal).Length : 0;

        using var process = Start("import", "awards", file);
        // Kill it while it writes: once the write-ahead log has grown well past its size before the import.
        var watch = Stopwatch.StartNew();
        while (!process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2)
               && (!File.Exists(wal) || new FileInfo(wal).Length < walBefore + 256 * 1024))
            await Task.Delay(20);
        Assert.False(process.HasExited, "the import ended before it could be killed; make the file larger");
        process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await process.WaitForExitAsync();

        var count = Count("awards");
        Console.WriteLine($"kill -9 after {watch.ElapsedMilliseconds} ms: {count} awards ({(count == SampleAwards ? "before" : "after")})");
        Assert.True(count is SampleAwards or SampleAwards + 150_000, $"after kill -9: {count} awards, neither {SampleAwards} nor {SampleAwards + 150_000}");
        Assert.Equal("ok", IntegrityCheck());

        var next = await _cli.RunAsync("import", "awards", _cli.WriteFile("few-awards.csv", AwardsCsv(rows: 50, seed: 2)));
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(count + 50, Count("awards"));
    }

    [Fact]
    public async Task Two_importers_at_once_both_succeed_or_one_is_refused_clearly_and_nothing_is_half_written()
    {
        await LoadSamplesAsync();
        var first = _cli.WriteFile("writer-1.csv", AwardsCsv(rows: 40_000, seed: 3));
        var second = _cli.WriteFile("writer-2.csv", AwardsCsv(rows: 40_000, seed: 4));

        var results = await Task.WhenAll(_cli.RunAsync("import", "awards", first), _cli.RunAsync("import", "awards", second));

        var count = Count("awards");
        var succeeded = results.Count(r => r.ExitCode == 0);
        Console.WriteLine($"two importers: {succeeded} succeeded; {string.Join(" | ", results.Where(r => r.ExitCode != 0).Select(r => r.StdErr.Trim()))}");
        foreach (var refused in results.Where(r => r.ExitCode != 0))
            Assert.Matches("(?i)locked|busy|another|try again", refused.StdErr + refused.StdOut);
        Assert.True(succeeded >= 1, string.Join("\n", results.Select(r => r.ToString())));
        Assert.Equal(SampleAwards + succeeded * 40_000, count);
        Assert.Equal("ok", IntegrityCheck());
    }

    [TmpfsFact]
    public async Task A_full_disk_fails_the_import_clearly_and_keeps_what_was_stored()
    {
        await LoadSamplesAsync();
        using var disk = Tmpfs.Mount(megabytes: (int)(new FileInfo(_cli.DatabaseFile).Length / (1024 * 1024)) + 3);
        var onDisk = Path.Combine(disk.Folder, "skillsgap.db");
        var checkpoint = await _cli.RunAsync("gaps", "--org", "--format", "json"); // leaves the WAL checkpointed on exit
        Assert.Equal(0, checkpoint.ExitCode);
        File.Copy(_cli.DatabaseFile, onDisk);
        _cli.DatabaseFile = onDisk;
        var before = Count("awards");

        var result = await _cli.RunAsync("import", "awards", _cli.WriteFile("too-many.csv", AwardsCsv(rows: 200_000, seed: 5)));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches("(?i)disk|full|space", result.StdErr + result.StdOut);
        Assert.Equal(before, Count("awards"));
        Assert.Equal("ok", IntegrityCheck());
    }

    [Fact]
    public async Task A_large_hostile_upload_through_the_api_keeps_the_hosts_memory_bounded()
    {
        await LoadSamplesAsync();
        var port = FreePort();
        _environment["SKILLSGAP_Host__MaxUploadBytes"] = (200L * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        _environment["SKILLSGAP_Reports__Scheduled"] = "false";
        using var host = Start("serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            await WaitHealthyAsync(client, host);
            var token = (await _cli.RunAsync("token", "--role", "hr")).StdOut.Trim().Split('\n')[^1].Trim();
            // Warm up: one small import through the same path, so that the baseline holds the code and caches.
            using (var warm = await UploadAsync(client, token, "skills", Encoding.UTF8.GetBytes("skill_code,skill_name\nWARM-1,Warm up\n"), "warm.csv"))
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            var baseline = PeakRss(host.Id);

            // 64 MB: one skill whose name is a single 64 MB field (issue #11: a 99 MB field added 1.3 GB to the host).
            const int size = 64 * 1024 * 1024;
            var bytes = new byte[size];
            var head = Encoding.ASCII.GetBytes("skill_code,skill_name\nHUGE-1,");
            head.CopyTo(bytes, 0);
            Array.Fill(bytes, (byte)'a', head.Length, size - head.Length - 1);
            bytes[^1] = (byte)'\n';
            using var response = await UploadAsync(client, token, "skills", bytes, "huge-field.csv");
            var body = await response.Content.ReadAsStringAsync();
            var verdict = await FinalVerdictAsync(client, token, response, body);
            var growth = PeakRss(host.Id) - baseline;

            Assert.Equal("rejected", verdict.Status);
            Assert.Contains("huge-field.csv", verdict.Text, StringComparison.Ordinal);
            // Measured (not timed): the host's peak resident memory may grow by at most the file's size again (a streamed
            // upload and a bounded field need far less; before #11 it was 13 times the field).
            Console.WriteLine($"upload {size / (1024 * 1024)} MB: host peak RSS {baseline / (1024 * 1024)} MB -> +{growth / (1024 * 1024)} MB");
            Assert.True(growth < size, $"host peak RSS grew by {growth / (1024 * 1024)} MB for a {size / (1024 * 1024)} MB upload");
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_audit_command_lists_imports_newest_first_with_the_command_line_actor()
    {
        await LoadSamplesAsync();
        var import = await _cli.RunAsync("import", "awards", _cli.WriteFile("audited.csv", AwardsCsv(rows: 3, seed: 6)));
        Assert.True(import.ExitCode == 0, import.ToString());

        var result = await _cli.RunAsync("audit", "--format", "json", "--page-size", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var entry = Assert.Single(json.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal("import", entry.GetProperty("action").GetString());
        // The file as the command was given it (here a full path), as the imports ledger names it.
        Assert.Equal(Path.Combine(_cli.WorkFolder, "audited.csv"), entry.GetProperty("subject").GetString());
        Assert.StartsWith("cli:", entry.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains("awards: 3 record(s); ", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("audited.csv: 3 inserted, 0 updated, 0 unchanged", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("total").GetInt32() >= 2, "the sample load and this import");
    }

    private async Task LoadSamplesAsync()
    {
        var demo = await _cli.RunAsync("demo", "--samples", CliRunner.SamplesFolder, "--out", Path.Combine(_cli.WorkFolder, "demo"));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Equal(SampleAwards, Count("awards"));
    }

    /// <summary>
    /// Awards no sample holds: sample employees × sample badges on dates in 2025, distinct per seed (each seed its own
    /// days), so that every row is a new award.
    /// </summary>
    private static string AwardsCsv(int rows, int seed)
    {
        var employees = File.ReadLines(Path.Combine(CliRunner.SamplesFolder, "employees.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var badges = File.ReadLines(Path.Combine(CliRunner.SamplesFolder, "badges.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var text = new StringBuilder("employee_id,badge_id,issued_on,expires_on,evidence_url\n");
        var pairs = employees.Count * badges.Count;
        for (var i = 0; i < rows; i++)
        {
            var pair = i % pairs;
            var day = new DateOnly(2021, 1, 1).AddDays(seed * 40 + i / pairs);
            text.Append(employees[pair / badges.Count]).Append(',').Append(badges[pair % badges.Count]).Append(',')
                .Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",,\n");
        }
        return text.ToString();
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_cli.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={_cli.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliRunner.CliAssembly, "--db", _cli.DatabaseFile }.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment["SKILLSGAP_SkillsGap__DataFolder"] = _cli.WorkFolder;
        start.Environment["SKILLSGAP_Host__LoadSamples"] = "false";
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitHealthyAsync(HttpClient client, Process host)
    {
        for (var i = 0; i < 240 && !host.HasExited; i++)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        lock (_output) Assert.Fail($"the host did not become healthy:\n{_output}");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string token, string kind, byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/imports/{kind}", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>The import's final status and its whole text (done in the request, or by the background job).</summary>
    private static async Task<(string Status, string Text)> FinalVerdictAsync(HttpClient client, string token, HttpResponseMessage response, string body)
    {
        if (response.StatusCode != HttpStatusCode.Accepted) return (response.StatusCode == HttpStatusCode.BadRequest ? "rejected" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        for (var i = 0; i < 600; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/imports/{id}", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var status = await client.SendAsync(request);
            var text = await status.Content.ReadAsStringAsync();
            var state = JsonDocument.Parse(text).RootElement.GetProperty("status").GetString()!;
            if (state is not ("queued" or "running")) return (state, text);
            await Task.Delay(500);
        }
        return ("timeout", "");
    }

    /// <summary>VmHWM: the process's peak resident set, in bytes.</summary>
    private static long PeakRss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The fault tests run one at a time: each drives large imports on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

/// <summary>A small tmpfs mounted for one test (root only), unmounted when disposed.</summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string folder) => Folder = folder;

    public string Folder { get; }

    public static Tmpfs Mount(int megabytes)
    {
        var folder = Directory.CreateTempSubdirectory("skillsgap-full-disk-").FullName;
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (exit != 0) throw new InvalidOperationException($"mount -t tmpfs failed: {output}");
        return new Tmpfs(folder);
    }

    /// <summary>Why a tmpfs cannot be mounted here (null when it can): tried once, with a 1 MB one.</summary>
    public static string? UnavailableReason { get; } = Probe();

    public void Dispose()
    {
        Run("umount", Folder);
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a temp folder
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "SKIPPED LOUDLY: the full-disk test needs Linux (mount -t tmpfs).";
        try
        {
            using var disk = Mount(1);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"SKIPPED LOUDLY: the full-disk test cannot mount a small tmpfs here (it needs root or CAP_SYS_ADMIN): {e.Message}";
        }
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}

/// <summary>A fact that is skipped — with the reason in the test report — where no tmpfs can be mounted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip ?? Tmpfs.UnavailableReason;
        set => base.Skip = value;
    }
}
