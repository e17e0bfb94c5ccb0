using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap recommend --employee ID [--top N] [--as-of DATE] [--format table|json]</c>.</summary>
internal static class RecommendCommand
{
    public static Command Create(Option<string?> db)
    {
        var employee = new Option<string>("--employee") { Description = "The employee.", Required = true };
        var top = new Option<int>("--top") { Description = "How many badges (default 5, at most 100).", DefaultValueFactory = _ => 5 };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("recommend", "The next badges for an employee, by the trained model (or gap-greedy), with reasons.") { employee, top, asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var document = await services.GetRequiredService<RecommendQuery>().RunAsync(new EmployeeId(parse.GetValue(employee)!),
                parse.GetValue(top), parse.GetValue(asOf), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(document));
                return ExitCodes.Success;
            }
            // The fallback is said on stderr, so that the table on stdout stays the list alone.
            if (document.FallbackReason is { } reason) await Console.Error.WriteLineAsync("fallback: " + reason);
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{document.Employee} ({document.Role}) as of {document.AsOf:yyyy-MM-dd}, ranked by {document.Source}")));
            var table = new Table().AddColumns("#", "badge", "hours", "closes", "peers", "score");
            foreach (var r in document.Recommendations)
                table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{r.Badge} {r.Name}"),
                    r.Hours.ToString("0.##", CultureInfo.InvariantCulture),
                    Markup.Escape(r.Closes.Count == 0 ? "-" : string.Join(", ", r.Closes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Skill} {c.From}→{c.To}")))),
                    Markup.Escape(r.PeerSignal), r.Score.ToString("0.####", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
