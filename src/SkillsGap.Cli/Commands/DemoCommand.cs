using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.Analytics;
using SkillsGap.App;
using SkillsGap.App.Gaps;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap demo [--out DIR]</c>: load data-samples into the database and print the organisation's figures.</summary>
internal static class DemoCommand
{
    public static Command Create(Option<string?> db)
    {
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Also write the organisation's gaps as JSON and CSV here." };
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "The samples folder (default: data-samples/ of the repository)." };
        var command = new Command("demo", "Load the sample organisation into the database and print its figures.") { outDir, samples };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var folder = parse.GetValue(samples)?.FullName ?? LoadSamples.FindSamplesFolder()
                ?? throw new InputRejectedException("data-samples/ was not found; pass --samples DIR.");
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var loader = services.GetRequiredService<LoadSamples>();
            var kinds = LoadSamples.Layout(folder).Select(l => l.Kind).ToList();

            IReadOnlyList<App.Imports.ImportOutcome> outcomes = [];
            if (AnsiConsole.Profile.Capabilities.Interactive)
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Loading data-samples", maxValue: kinds.Count);
                    outcomes = await loader.RunAsync(folder, kind =>
                    {
                        task.Description = $"Importing {kind.ToString().ToLowerInvariant()}";
                        task.Value = kinds.IndexOf(kind);
                    }, ct);
                    task.Value = kinds.Count;
                });
            else
                outcomes = await loader.RunAsync(folder, kind => Console.Error.WriteLine($"importing {kind.ToString().ToLowerInvariant()}"), ct);
            foreach (var outcome in outcomes) ImportCommand.Render(outcome);

            var query = services.GetRequiredService<GapsQuery>();
            var overview = await services.GetRequiredService<OrganisationOverviewQuery>().RunAsync(null, ct);
            var org = await query.GroupAsync(GroupKind.Organisation, null, overview.AsOf, ct: ct);
            RenderOrganisation(overview, org, services.GetRequiredService<IOptions<FiguresOptions>>().Value);

            if (parse.GetValue(outDir) is { } dir)
            {
                dir.Create();
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "org-gaps.json"), GapsJson.Serialize(org, indented: true), ct);
                await using var csv = new StreamWriter(Path.Combine(dir.FullName, "org-gaps.csv"));
                GapsCsv.Write(org, csv);
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(dir.FullName)}[/]/org-gaps.json and org-gaps.csv");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void RenderOrganisation(OrganisationOverview overview, GroupGapsDocument org, FiguresOptions options)
    {
        var s = org.Summary;
        AnsiConsole.Write(new Rule($"[bold]Organisation as of {overview.AsOf:yyyy-MM-dd}[/]"));
        AnsiConsole.MarkupLine(Invariant($"{s.People} people · mean readiness [bold]{Percent(s.MeanReadiness ?? 0)}[/] · ready [bold]{s.Ready}[/] ({Percent(s.ReadyShare ?? 0)}, threshold {Percent(options.ReadyThreshold)} and no critical gap)"));

        var chart = new BarChart().Label("Readiness distribution (people)").Width(70);
        for (var bin = 0; bin < s.Histogram.Count; bin++)
            chart.AddItem(Invariant($"{bin * 10,3}–{(bin + 1) * 10}%"), s.Histogram[bin], Color.SteelBlue);
        AnsiConsole.Write(chart);

        var departments = new Table().AddColumns("department", "people", "mean readiness", "ready", "top gap");
        foreach (var department in overview.Departments)
        {
            var top = department.TopGap;
            departments.AddRow(Markup.Escape(department.Name), Invariant($"{department.Summary.People}"), Percent(department.Summary.MeanReadiness ?? 0),
                Invariant($"{department.Summary.Ready}"), top is null ? "-" : Markup.Escape(Invariant($"{top.Skill} (Σ {top.WeightedGap})")));
        }
        AnsiConsole.Write(departments);

        GapsTable.RenderTopGaps(org.Skills);

        var bench = org.Bench.Where(b => b.ReadyCount > 0).OrderByDescending(b => b.ReadyCount).Take(8)
            .Select(b => Invariant($"{b.Role} {b.ReadyCount}"));
        AnsiConsole.MarkupLine("[bold]Bench strength[/] (ready, not in the role): " + Markup.Escape(string.Join(", ", bench.DefaultIfEmpty("none"))));
        AnsiConsole.MarkupLine("[bold]Uncoverable[/] (no badge attests the level): " + Markup.Escape(string.Join(", ",
            org.Uncoverable.Select(u => Invariant($"{u.Role}/{u.Skill} needs {u.Required}, best badge {u.Best} ({u.Affected} people)")).DefaultIfEmpty("none"))));
        AnsiConsole.MarkupLine(Invariant($"[bold]Expiring soon[/] (within {options.ExpiringWithinDays} days, opening a gap): {org.ExpiringSoon.Count} award(s)"));
    }

    private static string Percent(double value) => GapsTable.Percent(value);
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
