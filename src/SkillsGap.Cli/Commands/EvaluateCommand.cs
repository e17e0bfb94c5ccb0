using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Models;
using SkillsGap.App.Setup;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap evaluate [--test-months N] [--format table|json]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> db)
    {
        var months = new Option<int>("--test-months") { Description = "Test on the last N months of awards (default 6).", DefaultValueFactory = _ => 6 };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("evaluate", "Train the next-badge model and compare it with the popularity and gap-greedy baselines.") { months, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var report = await services.GetRequiredService<EvaluateModel>().RunAsync(parse.GetValue(months), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(report.ToJson());
                return ExitCodes.Success;
            }
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"trained before {report.TrainUntil:yyyy-MM-dd} ({report.TrainingCases} cases, {report.Trainer}); tested on {report.TestCases} cases from {report.TestFrom:yyyy-MM-dd}")));
            if (report.FallbackReason is { } reason) AnsiConsole.MarkupLine(Markup.Escape("fallback: " + reason));
            var table = new Table().AddColumns("ranker", "HR@5", "HR@10", "NDCG@10", "MRR", "coverage");
            foreach (var (name, m) in report.Models)
                table.AddRow(Markup.Escape(name), F(m.HitRate5), F(m.HitRate10), F(m.Ndcg10), F(m.Mrr), F(m.Coverage));
            AnsiConsole.Write(table);
            if (report.Served is { } served)
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"served list (gap-closing badges first): {F(served.GapClosingShare)} of its top 10 close a gap (model's own top 10: {F(served.ModelGapClosingShare)}); on the {served.GapCases} cases whose next badge closed a gap HR@10 {F(served.HitRate10)}, NDCG@10 {F(served.Ndcg10)} (model {F(served.ModelHitRate10)}, {F(served.ModelNdcg10)})")));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
