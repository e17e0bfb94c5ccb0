using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.Analytics;
using SkillsGap.Analytics.Insights;
using SkillsGap.App.Setup;
using SkillsGap.App.Sponsorship;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary>
/// <c>skillsgap sponsor (--manager ID | --department NAME | --org) --budget-hours H [--target] [--cost-per-badge H]
/// [--as-of DATE] [--format table|json]</c>: which badges to sponsor for whom within a budget (<see cref="PlanSponsorship"/>).
/// </summary>
internal static class SponsorCommand
{
    public static Command Create(Option<string?> db)
    {
        var manager = new Option<string?>("--manager") { Description = "A manager's whole reporting tree." };
        var department = new Option<string?>("--department") { Description = "Everyone in a department." };
        var org = new Option<bool>("--org") { Description = "The whole organisation." };
        var budget = Hours("--budget-hours", "The budget in hours of training (a positive number).");
        budget.Required = true;
        var cost = Hours("--cost-per-badge", "Hours each sponsored badge takes from the budget on top of its own (default 0).");
        var target = new Option<bool>("--target") { Description = "Measure gaps against each person's target role (their own role without one)." };
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("sponsor", "Which badges to sponsor for whom so that the most weighted gap is closed within a budget of hours.")
            { manager, department, org, budget, cost, target, asOf, format };
        command.Validators.Add(result =>
        {
            var chosen = new[] { result.GetValue(manager) is not null, result.GetValue(department) is not null, result.GetValue(org) }.Count(x => x);
            if (chosen != 1) result.AddError("Give exactly one of --manager, --department or --org.");
        });
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var (kind, key) = parse.GetValue(manager) is { } m ? (GroupKind.Team, m)
                : parse.GetValue(department) is { } d ? (GroupKind.Department, d)
                : (GroupKind.Organisation, (string?)null);
            var ask = new SponsorshipAsk(kind, key, parse.GetValue(budget) ?? 0m, parse.GetValue(target), parse.GetValue(asOf), parse.GetValue(cost) ?? 0m);
            PlanSponsorship.Check(ask);
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var document = await services.GetRequiredService<PlanSponsorship>().RunAsync(ask, ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(document.ToJson());
                return ExitCodes.Success;
            }
            Render(document);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<decimal?> Hours(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var hours)) return hours;
            result.AddError($"{name} '{text}' is not a number of hours.");
            return null;
        },
    };

    private static void Render(SponsorshipDocument d)
    {
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{d.GroupName}, as of {d.AsOf:yyyy-MM-dd}: budget {d.BudgetHours} h, used {d.HoursUsed} h")));
        var table = new Table().AddColumns("employee", "name", "badge", "hours", "closes", "weighted gap closed");
        foreach (var c in d.Choices)
            table.AddRow(Markup.Escape(c.Employee), Markup.Escape(c.EmployeeName), Markup.Escape($"{c.Badge} {c.BadgeName}"),
                c.Hours.ToString("0.##", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", c.Closes.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Skill} {x.From}->{x.To}")))),
                c.WeightedGapClosed.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        var quality = d.Optimal ? "best possible" : string.Create(CultureInfo.InvariantCulture, $"no plan closes more than {d.Bound}");
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"weighted gap closed {d.WeightedGapClosed} of {d.WeightedGapBefore}; readiness {Percent(d.ReadinessBefore)} -> {Percent(d.ReadinessAfter)}; {quality}")));
        AnsiConsole.MarkupLine(Markup.Escape(d.Summary));
    }

    private static string Percent(double? value) => value is double v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "-";
}
