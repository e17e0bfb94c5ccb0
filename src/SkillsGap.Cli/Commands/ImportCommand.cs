using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Imports;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap import KIND FILE... [--dry-run] [--format F]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create(Option<string?> db)
    {
        var command = new Command("import", "Import skills, roles, badges, employees or awards: validated first, written whole or not at all.");
        foreach (var kind in ImportKinds.Tabular)
            command.Subcommands.Add(CreateKind(kind, db));
        command.Subcommands.Add(ImportOpenBadgesCommand.Create(db));
        return command;
    }

    private static Command CreateKind(ImportKind kind, Option<string?> db)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "CSV, XLSX or JSON files." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report what would change; write nothing." };
        var format = new Option<InputFormat>("--format") { Description = "csv, xlsx, json (by extension when omitted); onet or esco for roles." };
        var sheet = new Option<string?>("--sheet") { Description = "The XLSX sheet to read (default the first)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the rows that pass every check; list the others." };
        var command = new Command(ImportKinds.Name(kind), $"Import {ImportKinds.Name(kind)}.") { files, dryRun, format, sheet, skipInvalid };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var inputs = parse.GetValue(files)!;
            foreach (var missing in inputs.Where(f => !f.Exists))
                throw new InputRejectedException($"{missing.FullName}: no such file.");
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var request = new ImportRequest(kind,
                [.. inputs.Select(f => InputFile.FromPath(f.FullName, InputFormat.Auto, parse.GetValue(sheet)))],
                parse.GetValue(dryRun), parse.GetValue(format), parse.GetValue(skipInvalid));
            var outcome = await services.GetRequiredService<ImportData>().RunAsync(request, ct);
            Render(outcome);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>One stable line per file on stdout: what was read and what changed (or would change).</summary>
    internal static void Render(ImportOutcome outcome)
    {
        foreach (var skipped in outcome.Skipped)
            Console.Error.WriteLine($"skipped: {skipped}");
        var prefix = outcome.DryRun ? "dry run, nothing written: " : "";
        foreach (var file in outcome.Files)
            Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{prefix}{ImportKinds.Name(outcome.Kind)} {file.File}: {file.Records} records, {file.Changes.Inserted} inserted, {file.Changes.Updated} updated, {file.Changes.Unchanged} unchanged"));
    }
}
