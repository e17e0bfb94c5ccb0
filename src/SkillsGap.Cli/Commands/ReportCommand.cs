using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Reports;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap report (--manager ID | --org) [--week YYYY-Www] [--out DIR]</c>: the weekly workbook and its charts.</summary>
internal static class ReportCommand
{
    public static Command Create(Option<string?> db)
    {
        var manager = new Option<string?>("--manager") { Description = "A manager: the report covers their whole reporting tree." };
        var org = new Option<bool>("--org") { Description = "The organisation by department (for HR)." };
        var week = new Option<IsoWeek?>("--week")
        {
            Description = "The ISO week, YYYY-Www (default: the current week); figures are as of its Sunday.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (IsoWeek.TryParse(text, out var parsed))
                {
                    if (ValueBounds.IsInRange(parsed)) return parsed;
                    result.AddError($"--week '{text}' is outside the business dates {ValueBounds.DateRange}.");
                    return null;
                }
                result.AddError($"--week '{text}' is not an ISO week (YYYY-Www, e.g. 2026-W48).");
                return null;
            },
        };
        var output = new Option<string?>("--out") { Description = "The folder to write the workbook and charts to (default: the current folder)." };
        var command = new Command("report", "Writes the weekly skills workbook (with its charts as PNG and SVG) for a manager's team or the organisation.")
            { manager, org, week, output };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(manager) is not null) == result.GetValue(org)) result.AddError("Give exactly one of --manager or --org.");
        });
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var isoWeek = parse.GetValue(week) ?? IsoWeek.Of(services.GetRequiredService<BusinessCalendar>().Today);
            var request = parse.GetValue(manager) is { } id
                ? ReportRequest.ForManager(new EmployeeId(id), isoWeek)
                : ReportRequest.ForOrganisation(isoWeek);
            var report = await services.GetRequiredService<IWeeklyReportBuilder>().BuildAsync(request, ct);
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Directory.GetCurrentDirectory());
            Directory.CreateDirectory(folder);
            var stem = Path.GetFileNameWithoutExtension(report.FileName);
            var written = new List<string> { Path.Combine(folder, report.FileName) };
            await File.WriteAllBytesAsync(written[0], report.Workbook, ct);
            foreach (var chart in report.Charts)
            {
                var png = Path.Combine(folder, $"{stem}-{chart.Name}.png");
                var svg = Path.Combine(folder, $"{stem}-{chart.Name}.svg");
                await File.WriteAllBytesAsync(png, chart.Png, ct);
                await File.WriteAllTextAsync(svg, chart.Svg, ct);
                written.Add(png);
                written.Add(svg);
            }
            foreach (var line in report.SummaryLines) AnsiConsole.MarkupLine(Markup.Escape(line));
            foreach (var path in written) AnsiConsole.MarkupLine("wrote " + Markup.Escape(path));
            return ExitCodes.Success;
        }));
        return command;
    }
}
