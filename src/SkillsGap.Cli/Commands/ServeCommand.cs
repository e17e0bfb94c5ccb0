using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using SkillsGap.Host;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap serve [--urls URL]</c>: runs the web host (API, pages, jobs) on the configured database.</summary>
internal static class ServeCommand
{
    public static Command Create(Option<string?> db)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://localhost:5080 (default from configuration, else http://localhost:5000)." };
        var command = new Command("serve", "Run the SkillsGap web service: REST API, web pages, background jobs, /health.") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var app = SkillsGapHost.Build([], builder =>
            {
                builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "skillsgap.json"), optional: true);
                if (parse.GetValue(db) is { } file)
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Database:Provider"] = "Sqlite",
                        ["ConnectionStrings:SkillsGap"] = $"Data Source={Path.GetFullPath(file)}",
                    });
                if (parse.GetValue(urls) is { } listen) builder.WebHost.UseUrls(listen);
            });
            try
            {
                await app.RunAsync();
                return ExitCodes.Success;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Success;
            }
            catch (Exception failure)
            {
                await Console.Error.WriteLineAsync($"failed: {failure.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
