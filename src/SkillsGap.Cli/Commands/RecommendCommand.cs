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
        var targetRole = new Option<string?>("--target-role") { Description = "Also close the gaps of this role (default: the employee's target role)." };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("recommend", "The next badges for an employee: those that close a gap or renew an expiring award first, with reasons.") { employee, top, asOf, targetRole, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var document = await services.GetRequiredService<RecommendQuery>().RunAsync(new EmployeeId(parse.GetValue(employee)!),
                parse.GetValue(top), parse.GetValue(asOf), parse.GetValue(targetRole) is { } t ? new RoleCode(t) : null, ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(document));
                return ExitCodes.Success;
            }
            // The fallback is said on stderr, so that the table on stdout stays the list alone.
            if (document.FallbackReason is { } reason) await Console.Error.WriteLineAsync("fallback: " + reason);
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{document.Employee} ({document.Role}{(document.TargetRole is null ? "" : ", target " + document.TargetRole)}) as of {document.AsOf:yyyy-MM-dd}, ranked by {document.Source}")));
            var table = new Table().AddColumns("#", "badge", "hours", "purpose", "closes", "unlocks", "peers", "score");
            foreach (var r in document.Recommendations)
                table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{r.Badge} {r.Name}"),
                    r.Hours.ToString("0.##", CultureInfo.InvariantCulture), r.Purpose,
                    Markup.Escape(r.Closes.Concat(r.ClosesTarget).Distinct().ToList() is { Count: > 0 } closes
                        ? string.Join(", ", closes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Skill} {c.From}→{c.To}")))
                        : r.RenewBy is DateOnly by ? string.Create(CultureInfo.InvariantCulture, $"renew by {by:yyyy-MM-dd}") : "-"),
                    Markup.Escape(r.Unlocks.Count == 0 ? "-" : string.Join(", ", r.Unlocks)),
                    Markup.Escape(r.PeerSignal), r.Score.ToString("0.####", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            if (document.GapClosingAvailable < document.Recommendations.Count)
                AnsiConsole.MarkupLine(Markup.Escape("purpose \"peers\": closes no gap; popular with peers in the role"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
