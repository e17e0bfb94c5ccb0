using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Models;
using SkillsGap.App.Setup;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap models [--format table|json]</c>: every stored model, oldest first, and which is served (<see cref="ListModels"/>).</summary>
internal static class ModelsCommand
{
    public static Command Create(Option<string?> db)
    {
        var format = CommonOptions.Format("table", "json");
        var command = new Command("models", "Every stored next-badge model: window, cases, validation metrics, served or not.") { format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var models = await services.GetRequiredService<ListModels>().RunAsync(ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(models, App.DocumentJson.Options));
                return ExitCodes.Success;
            }
            if (models.Count == 0)
            {
                AnsiConsole.MarkupLine("No model is stored yet: recommendations rank badges by the gap they close per hour. Train one with: skillsgap train");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "trained", "trainer", "version", "data", "cases", "NDCG@10", "HR@10", "MRR", "served");
            foreach (var m in models)
                table.AddRow(I(m.Id), Markup.Escape(m.TrainedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                    Markup.Escape(m.Trainer), I(m.Version), Markup.Escape($"{Day(m.DataFrom)} .. {Day(m.DataTo)}"), I(m.TrainingCases),
                    Metric(m, "ndcg@10"), Metric(m, "hitRate@10"), Metric(m, "mrr"), m.Served ? "[green]yes[/]" : "no");
            AnsiConsole.Write(table);
            foreach (var m in models.Where(m => m.FallbackReason is not null))
                AnsiConsole.MarkupLine(Markup.Escape($"model {I(m.Id)}: {m.FallbackReason}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Metric(ModelLine m, string name) =>
        m.Metrics.TryGetValue(name, out var v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
}
