using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Setup;
using SkillsGap.App.Wallet;
using SkillsGap.Core.Domain;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap wallet --employee ID [--as-of DATE] [--format table|json]</c>.</summary>
internal static class WalletCommand
{
    public static Command Create(Option<string?> db)
    {
        var employee = new Option<string>("--employee") { Description = "The employee.", Required = true };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("wallet", "An employee's badges, newest first: state, whether each counts, skills, points, credential; and stack progress.")
            { employee, asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var wallet = await services.GetRequiredService<WalletQuery>().RunAsync(new EmployeeId(parse.GetValue(employee)!), parse.GetValue(asOf), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(SkillsGap.App.DocumentJson.Serialize(wallet));
                return ExitCodes.Success;
            }
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{wallet.Employee} as of {wallet.AsOf:yyyy-MM-dd}: {wallet.Awards.Count} award(s), {wallet.Points} skill point(s)")));
            var table = new Table().AddColumns("badge", "issued", "expires", "state", "counts", "skills", "points", "credential");
            foreach (var a in wallet.Awards)
                table.AddRow(Markup.Escape($"{a.Badge} {a.Name}"), a.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    a.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", a.State, a.Valid ? "yes" : "no",
                    Markup.Escape(string.Join(", ", a.Skills.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Skill} {s.Level}")))),
                    a.Points.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Credential ?? "-"));
            AnsiConsole.Write(table);
            foreach (var s in wallet.Stacks)
                AnsiConsole.MarkupLine(Markup.Escape(s.Summary + (s.Missing.Count == 0 ? "" : "; missing " +
                    string.Join(", ", s.Missing.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Badge} ({m.Hours:0.##} h)"))))));
            return ExitCodes.Success;
        }));
        return command;
    }
}
