using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Challenges;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary>
/// <c>skillsgap challenge create --name TEXT (--manager ID | --department NAME | --org) --goal G --from DATE --to DATE</c>,
/// <c>challenge list [--format]</c>, <c>challenge progress ID [--as-of DATE] [--format table|json]</c>.
/// </summary>
internal static class ChallengeCommand
{
    public static Command Create(Option<string?> db)
    {
        var command = new Command("challenge", "Time-boxed goals for a group: create, list, progress.");
        command.Subcommands.Add(CreateCommand(db));
        command.Subcommands.Add(ListCommand(db));
        command.Subcommands.Add(ProgressCommand(db));
        return command;
    }

    private static Command CreateCommand(Option<string?> db)
    {
        var name = new Option<string>("--name") { Description = "What people read.", Required = true };
        var manager = new Option<string?>("--manager") { Description = "The team (reporting tree) of this manager." };
        var department = new Option<string?>("--department") { Description = "Everyone in this department." };
        var org = new Option<bool>("--org") { Description = "Everyone." };
        var goal = new Option<string>("--goal") { Description = "points:N | skill:CODE:LEVEL | badges:A;B", Required = true };
        var from = DateOption("--from", "The first day (ISO 8601).");
        var to = DateOption("--to", "The last day (ISO 8601).");
        var format = CommonOptions.Format("table", "json");
        var command = new Command("create", "Set a challenge for a team, a department or the organisation.") { name, manager, department, org, goal, from, to, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var groups = (parse.GetValue(manager) is null ? 0 : 1) + (parse.GetValue(department) is null ? 0 : 1) + (parse.GetValue(org) ? 1 : 0);
            if (groups != 1) throw new InputRejectedException("Name exactly one group: --manager ID, --department NAME or --org.");
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var scope = parse.GetValue(manager) is not null ? "manager" : parse.GetValue(department) is not null ? "department" : "org";
            var created = await services.GetRequiredService<ChallengeService>().CreateAsync(new ChallengeRequest(parse.GetValue(name), scope,
                parse.GetValue(manager), parse.GetValue(department), parse.GetValue(goal), parse.GetValue(from), parse.GetValue(to)), ChallengeCaller.Hr, ct);
            if (parse.GetValue(format) == "json") await Console.Out.WriteLineAsync(DocumentJson.Serialize(created));
            else AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"challenge {created.Id} \"{created.Name}\": {created.GoalText}, {created.From:yyyy-MM-dd} to {created.To:yyyy-MM-dd} ({created.Status})")));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand(Option<string?> db)
    {
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", "Every challenge, newest first.") { format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var list = await services.GetRequiredService<ChallengeService>().ListAsync(ChallengeCaller.Hr, ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(list));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "name", "group", "goal", "from", "to", "status");
            foreach (var c in list)
                table.AddRow(c.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(c.Name),
                    Markup.Escape(c.Scope switch { "manager" => "team of " + c.ManagerId, "department" => c.Department!, _ => "organisation" }),
                    Markup.Escape(c.Goal), c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Status);
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ProgressCommand(Option<string?> db)
    {
        var id = new Argument<long>("ID") { Description = "The challenge." };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("progress", "Each person's and the group's progress in a challenge, as of a date.") { id, asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var p = await services.GetRequiredService<ChallengeService>().ProgressAsync(parse.GetValue(id), ChallengeCaller.Hr, parse.GetValue(asOf), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(p));
                return ExitCodes.Success;
            }
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"\"{p.Challenge.Name}\": {p.Challenge.GoalText}, {p.Challenge.From:yyyy-MM-dd} to {p.Challenge.To:yyyy-MM-dd}; as of {p.AsOf:yyyy-MM-dd} {p.Status}: {p.Completed} of {p.People} done, mean progress {p.MeanProgress:0.0%}, {p.Points} points")));
            var table = new Table().AddColumns("employee", "name", "progress", "points", "done on", "");
            foreach (var x in p.Participants)
                table.AddRow(Markup.Escape(x.Employee), Markup.Escape(x.Name), x.Progress.ToString("0.0%", CultureInfo.InvariantCulture),
                    x.Points.ToString(CultureInfo.InvariantCulture), x.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", Markup.Escape(x.Text));
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            result.AddError($"{name} '{text}' is not an ISO 8601 date (YYYY-MM-DD).");
            return null;
        },
    };
}
