using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.OpenBadges;
using SkillsGap.Ingestion.OpenBadges;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap verify FILE... [--url-map FILE] [--as-of DATE] [--format table|json]</c>: exit 2 if any file is invalid.</summary>
internal static class VerifyCommand
{
    public static Command Create(Option<string?> db)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Open Badges files: JSON, JWS / VC-JWT, baked PNG or SVG." };
        var urlMap = new Option<FileInfo?>("--url-map") { Description = "JSON object URL → local file, used instead of the network." };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("verify", "Check Open Badges 2.0 / 3.0 credentials offline: a verdict per file.") { files, urlMap, asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), services =>
        {
            var verdicts = services.GetRequiredService<VerifyCredentials>().Run(new VerifyRequest(
                [.. parse.GetValue(files)!.Select(f => f.FullName)], parse.GetValue(urlMap)?.FullName, parse.GetValue(asOf)));
            if (parse.GetValue(format) == "json")
                Console.Out.WriteLine(JsonSerializer.Serialize(verdicts.Select(v => new
                {
                    file = v.File,
                    spec = v.Spec,
                    verdict = v.Verdict.ToString().ToLowerInvariant(),
                    messages = v.Messages,
                })));
            else
            {
                var table = new Table().AddColumns("file", "spec", "verdict", "messages");
                foreach (var v in verdicts)
                    table.AddRow(Markup.Escape(Path.GetFileName(v.File)), Markup.Escape(v.Spec),
                        v.Verdict switch { Verdict.Valid => "[green]valid[/]", Verdict.Warning => "[yellow]warning[/]", _ => "[red]invalid[/]" },
                        Markup.Escape(string.Join("\n", v.Messages)));
                AnsiConsole.Write(table);
            }
            return Task.FromResult(verdicts.Any(v => v.Verdict == Verdict.Invalid) ? ExitCodes.Rejected : ExitCodes.Success);
        }));
        return command;
    }
}
