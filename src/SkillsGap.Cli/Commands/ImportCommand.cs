using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Imports;
using SkillsGap.App.Setup;
using SkillsGap.Ingestion;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap import KIND FILE... [--dry-run] [--format F]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create(Option<string?> db)
    {
        var command = new Command("import", "Import skills, roles, badges, employees or awards: validated first, written whole or not at all.");
        foreach (var kind in Enum.GetValues<ImportKind>())
            command.Subcommands.Add(CreateKind(kind, db));
        return command;
    }

    private static Command CreateKind(ImportKind kind, Option<string?> db)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "CSV, XLSX or JSON files." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report what would change; write nothing." };
        var format = new Option<InputFormat>("--format") { Description = "csv, xlsx, json (by extension when omitted); onet or esco for roles." };
        var sheet = new Option<string?>("--sheet") { Description = "The XLSX sheet to read (default the first)." };
        var command = new Command(kind.ToString().ToLowerInvariant(), $"Import {kind.ToString().ToLowerInvariant()}.") { files, dryRun, format, sheet };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var inputs = parse.GetValue(files)!;
            foreach (var missing in inputs.Where(f => !f.Exists))
                throw new App.InputRejectedException($"{missing.FullName}: no such file.");
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var request = new ImportRequest(kind,
                [.. inputs.Select(f => InputFile.FromPath(f.FullName, InputFormat.Auto, parse.GetValue(sheet)))],
                parse.GetValue(dryRun), parse.GetValue(format));
            var outcome = await services.GetRequiredService<ImportFiles>().RunAsync(request, ct);
            Render(outcome);
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static void Render(ImportOutcome outcome)
    {
        var table = new Table().AddColumns("file", "records", "inserted", "updated", "unchanged");
        foreach (var file in outcome.Files)
            table.AddRow(Markup.Escape(file.File), Invariant(file.Records), Invariant(file.Changes.Inserted),
                Invariant(file.Changes.Updated), Invariant(file.Changes.Unchanged));
        table.Title = new TableTitle(outcome.DryRun
            ? $"{outcome.Kind}: dry run, nothing written"
            : $"{outcome.Kind}: imported");
        AnsiConsole.Write(table);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
