using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Models;
using SkillsGap.App.Setup;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap train [--as-of DATE] [--format table|json]</c>: train the next-badge model and store it.</summary>
internal static class TrainCommand
{
    public static Command Create(Option<string?> db)
    {
        var asOf = CommonOptions.AsOf();
        asOf.Description = "Learn from the award history up to this date (ISO 8601; default today).";
        var format = CommonOptions.Format("table", "json");
        var command = new Command("train", "Train the next-badge model on the award history and store it for every host.") { asOf, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var trained = await services.GetRequiredService<TrainModel>().RunAsync(parse.GetValue(asOf), ct: ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(trained.ToJson());
                if (trained.Metadata.FallbackReason is { } why) await Console.Error.WriteLineAsync("fallback: " + why);
                return ExitCodes.Success;
            }
            var m = trained.Metadata;
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"model {trained.Id} stored: {m.Trainer}, version {m.Version}, as of {trained.AsOf:yyyy-MM-dd} ({trained.Awards} awards)")));
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"data {Day(m.DataFrom)} .. {Day(m.DataTo)}, trained before {m.TrainUntil:yyyy-MM-dd}: {m.TrainingCases} cases, {m.TrainingRows} rows")));
            if (m.FallbackReason is { } reason) AnsiConsole.MarkupLine(Markup.Escape("fallback: " + reason));
            if (m.Validation.Count > 0)
            {
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"validation from {Day(m.ValidationFrom)}:")));
                var table = new Table().AddColumns("trainer", "HR@5", "HR@10", "NDCG@10", "MRR", "coverage");
                foreach (var (name, r) in m.Validation)
                    table.AddRow(Markup.Escape(name), F(r.HitRate5), F(r.HitRate10), F(r.Ndcg10), F(r.Mrr), F(r.Coverage));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
