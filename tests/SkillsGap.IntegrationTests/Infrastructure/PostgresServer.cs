using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server for the tests: the one named by <c>SKILLSGAP_TEST_POSTGRES</c> (a connection string), or else a
/// throwaway cluster started from /usr/lib/postgresql/&lt;version&gt;/bin on a free port (as the <c>postgres</c> user
/// when running as root), stopped and deleted when the test process exits. <c>SKILLSGAP_REQUIRE_POSTGRES=1</c> turns
/// "not available" into a failure instead of a skip.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "SKILLSGAP_TEST_POSTGRES";
    public const string RequireVariable = "SKILLSGAP_REQUIRE_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dataDirectory;
    private static string? _binDirectory;

    /// <summary>True when tests must fail rather than skip without PostgreSQL.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why PostgreSQL cannot be used here, or null when it can (a server is configured or binaries are installed).</summary>
    public static string? UnavailableReason =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionVariable)) || FindBinDirectory() is not null
            ? null
            : $"PostgreSQL NOT AVAILABLE: {ConnectionVariable} is not set and no /usr/lib/postgresql/*/bin/initdb exists " +
              "(run .ci/postgres.sh). The PostgreSQL rows of the database tests were SKIPPED.";

    /// <summary>The connection string of the server's maintenance database (starting the cluster on first use).</summary>
    public static Task<string> GetAdminConnectionStringAsync()
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        return Server.Value;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = await GetAdminConnectionStringAsync();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>.</summary>
    public static async Task DropDatabaseAsync(string name)
    {
        var admin = await GetAdminConnectionStringAsync();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string? FindBinDirectory()
    {
        if (_binDirectory is not null) return _binDirectory;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        // Prefer 15 (the version the project targets), else the newest installed.
        var candidates = Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")))
            .OrderByDescending(c => c.Version == 15).ThenByDescending(c => c.Version)
            .ToList();
        return _binDirectory = candidates.FirstOrDefault().Dir;
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString;

        var bin = FindBinDirectory() ?? throw new InvalidOperationException(UnavailableReason);
        var directory = Path.Combine(Path.GetTempPath(), $"skillsgap-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", directory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asRoot);
        var port = FreePort();
        var settings = $"-p {port.ToString(CultureInfo.InvariantCulture)} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", directory, "-o", settings, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asRoot);
        _dataDirectory = directory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, directory, asRoot);
        StartWatchdog(bin, directory, asRoot);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
    }

    private static void Stop(string bin, string directory, bool asRoot)
    {
        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", directory, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory is removed regardless.
        }
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// The test host may be killed before its exit handlers finish; a small detached shell waits for this process to
    /// end, then stops the cluster and deletes its directory, so nothing is left behind either way.
    /// </summary>
    private static void StartWatchdog(string bin, string directory, bool asRoot)
    {
        var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}'{Path.Combine(bin, "pg_ctl")}' -D '{directory}' -m immediate -w stop";
        var script = $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; do sleep 1; done; " +
                     $"if [ -f '{directory}/postmaster.pid' ]; then {stop} >/dev/null 2>&1; fi; rm -rf '{directory}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in (string[])["sh", "-c", script]) start.ArgumentList.Add(a);
        using var watchdog = Process.Start(start);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program]) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {await output}{await error}");
    }

    /// <summary>The running throwaway cluster's data directory, if this process started one.</summary>
    public static string? DataDirectory => _dataDirectory;
}
