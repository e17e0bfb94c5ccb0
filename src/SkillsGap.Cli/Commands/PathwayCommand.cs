using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Pathways;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Pathways;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap pathway --employee ID [--target-role CODE] [--as-of DATE] [--format table|json]</c>.</summary>
internal static class PathwayCommand
{
    public static Command Create(Option<string?> db)
    {
        var employee = new Option<string>("--employee") { Description = "The employee.", Required = true };
        var target = new Option<string?>("--target-role") { Description = "Plan towards this role instead of their own." };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("pathway", "The least-hours pathway of badges that closes an employee's gaps, with reasons.") { employee, target, asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var pathway = await services.GetRequiredService<PathwayQuery>().RunAsync(new EmployeeId(parse.GetValue(employee)!),
                parse.GetValue(target) is { } t ? new RoleCode(t) : null, parse.GetValue(asOf), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(PathwayDocument.From(pathway)));
                return ExitCodes.Success;
            }
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{pathway.Employee} → {pathway.TargetRole}: {pathway.TotalHours} h, readiness {pathway.ReadinessBefore:0.0%} → {pathway.ReadinessAfter:0.0%}{(pathway.Optimal ? " (optimal)" : " (heuristic)")}")));
            var table = new Table().AddColumns("#", "badge", "hours", "closes", "readiness after", "why");
            var n = 0;
            foreach (var step in pathway.Steps)
                table.AddRow((++n).ToString(CultureInfo.InvariantCulture), Markup.Escape($"{step.Badge} {step.BadgeName}"),
                    step.Hours.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", step.Closes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Skill} {c.From}→{c.To}")))),
                    step.ReadinessAfter.ToString("0.0%", CultureInfo.InvariantCulture), Markup.Escape(step.Reason));
            AnsiConsole.Write(table);
            foreach (var gap in pathway.Uncoverable)
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"uncoverable: {gap.Skill} needs {gap.Required}, the catalogue attests at most {gap.Best}, reachable {gap.Reachable}")));
            return ExitCodes.Success;
        }));
        return command;
    }
}
