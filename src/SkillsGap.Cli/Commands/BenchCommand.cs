using System.CommandLine;
using System.Globalization;
using SkillsGap.Samples.Benchmarks;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap bench [--quick]</c>: performance ratios against baselines measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes: a smoke run of every measurement." };
        var format = CommonOptions.Format("table", "json");
        var only = new Option<string?>("--only") { Description = "figures | import | recommend | report | issue: run one measurement." };
        only.AcceptOnlyFromAmong("figures", "import", "recommend", "report", "issue");
        var command = new Command("bench", "Measure bulk import and the figures against in-run baselines (EF Core, DataFrame).") { quick, format, only };
        command.SetAction(async (parse, ct) =>
        {
            var sizes = parse.GetValue(quick) ? BenchSizes.Quick : BenchSizes.Full;
            var results = await PerformanceBench.RunAsync(sizes, line => Console.Error.WriteLine(line), parse.GetValue(only), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(results.Select(r => new
                {
                    name = r.Name,
                    subject = r.Subject,
                    subjectSeconds = r.SubjectSeconds,
                    baseline = r.Baseline,
                    baselineSeconds = r.BaselineSeconds,
                    speedup = r.Speedup,
                    detail = r.Detail,
                })));
                return 0;
            }
            var table = new Table().AddColumns("measure", "subject", "s", "baseline", "s", "speed-up", "detail");
            foreach (var r in results)
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Subject), Seconds(r.SubjectSeconds), Markup.Escape(r.Baseline),
                    Seconds(r.BaselineSeconds), r.Speedup.ToString("0.0", CultureInfo.InvariantCulture) + "×", Markup.Escape(r.Detail));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}
