using System.CommandLine;
using System.Globalization;
using SkillsGap.Samples.Benchmarks;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap bench [--quick] [--employees N] [--postgres CONN] [--only …] [--format json]</c>: performance ratios against baselines measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Small sizes: a smoke run of every measurement." };
        var employees = new Option<int?>("--employees") { Description = "People in the organisation of the figures, report and recommend measures (20 awards each; default 100,000)." };
        employees.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int n && (n < 1_000 || n > 5_000_000)) r.AddError("--employees must be between 1,000 and 5,000,000.");
        });
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server whose user may create databases: the import is measured there too." };
        var format = CommonOptions.Format("table", "json");
        var only = new Option<string?>("--only") { Description = "figures | import | recommend | report | issue: run one measurement." };
        only.AcceptOnlyFromAmong("figures", "import", "recommend", "report", "issue");
        var command = new Command("bench", "Measure bulk import, the figures, reports, recommendations and issuing against in-run baselines (EF Core, DataFrame, figures alone, gap-greedy).")
            { quick, employees, postgres, format, only };
        command.SetAction(async (parse, ct) =>
        {
            var sizes = parse.GetValue(quick) ? BenchSizes.Quick : BenchSizes.Full;
            if (parse.GetValue(employees) is int people) sizes = sizes.WithEmployees(people);
            var results = await PerformanceBench.RunAsync(sizes, line => Console.Error.WriteLine(line), parse.GetValue(only), parse.GetValue(postgres), ct);
            if (parse.GetValue(format) == "json")
            {
                // One object per measure; ratio = baselineSeconds / seconds, so that runs can be compared.
                await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(results.Select(r => new
                {
                    measure = r.Name,
                    subject = r.Subject,
                    seconds = r.SubjectSeconds,
                    baseline = r.Baseline,
                    baselineSeconds = r.BaselineSeconds,
                    ratio = r.Ratio,
                    detail = r.Detail,
                }), JsonOptions));
                return 0;
            }
            var table = new Table().AddColumns("measure", "subject", "s", "baseline", "s", "ratio", "detail");
            foreach (var r in results)
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Subject), Seconds(r.SubjectSeconds), Markup.Escape(r.Baseline),
                    Seconds(r.BaselineSeconds), r.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×", Markup.Escape(r.Detail));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}
