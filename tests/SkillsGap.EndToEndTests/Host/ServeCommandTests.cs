using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SkillsGap.EndToEndTests.Cli;

namespace SkillsGap.EndToEndTests.Host;

/// <summary><c>skillsgap serve</c> as a process: it starts on the embedded default, loads the samples and says where and how to sign in.</summary>
[Collection(HostCollection.Name)]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_listens_where_it_is_told_and_prints_how_to_sign_in()
    {
        using var runner = new CliRunner();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = runner.WorkFolder,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { CliRunner.CliAssembly, "--db", runner.DatabaseFile, "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        start.Environment["SKILLSGAP_SkillsGap__DataFolder"] = runner.WorkFolder;
        start.Environment["SKILLSGAP_Host__SamplesFolder"] = CliRunner.SamplesFolder;
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var until = DateTime.UtcNow.AddMinutes(3);
            HttpResponseMessage? health = null;
            while (DateTime.UtcNow < until && !process.HasExited)
            {
                try
                {
                    health = await client.GetAsync("/health");
                    if (health.StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(500);
            }
            Assert.True(health?.StatusCode == HttpStatusCode.OK, $"no healthy /health: {output}");
            // Anonymous /health shows statuses only: nothing about the organisation (it said "400 employee(s)" before #11).
            var healthBody = await health!.Content.ReadAsStringAsync();
            Assert.Contains("\"figures\":{\"status\":\"Healthy\"}", healthBody, StringComparison.Ordinal);
            Assert.DoesNotContain("employee", healthBody, StringComparison.OrdinalIgnoreCase);
            await Task.Delay(500);
            string log;
            lock (output) log = output.ToString();
            Assert.Contains($"SkillsGap is listening on http://127.0.0.1:{port}", log, StringComparison.Ordinal);
            Assert.Contains($"Sign in at http://127.0.0.1:{port}/signin", log, StringComparison.Ordinal);
            // The pages and their stylesheet live in the Host assembly and its wwwroot, not in the CLI that hosts them.
            using var signIn = await client.GetAsync("/signin");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.Contains("<form", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var css = await client.GetAsync("/css/site.css");
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
