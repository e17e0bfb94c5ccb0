using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Imports;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap import openbadges FILE... [--url-map FILE] [--dry-run] [--skip-invalid]</c>.</summary>
internal static class ImportOpenBadgesCommand
{
    public static Command Create(Option<string?> db)
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Open Badges files: JSON, JWS / VC-JWT, baked PNG or SVG, CLR bundles." };
        var urlMap = new Option<FileInfo?>("--url-map") { Description = "JSON object URL → local file, used instead of the network." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and report what would change; write nothing." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the good credentials and list the ones skipped." };
        var command = new Command("openbadges", "Import earned Open Badges as awards (recipients matched by e-mail, hashed or plain).")
            { files, urlMap, dryRun, skipInvalid };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var result = await services.GetRequiredService<ImportData>().RunAsync(new ImportRequest(ImportKind.OpenBadges,
                [.. parse.GetValue(files)!.Select(f => InputFile.FromPath(f.FullName))], parse.GetValue(dryRun),
                SkipInvalid: parse.GetValue(skipInvalid), UrlMapFile: parse.GetValue(urlMap)?.FullName), ct);
            var outcome = result.OpenBadges ?? throw new InvalidOperationException("An Open Badges import gave no Open Badges outcome.");
            var prefix = result.DryRun ? "dry run, nothing written: " : "";
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}openbadges: {outcome.Credentials} credentials, awards {outcome.Awards.Inserted} inserted, {outcome.Awards.Updated} updated, {outcome.Awards.Unchanged} unchanged; badges {outcome.Badges.Inserted} created"));
            foreach (var (file, state) in outcome.States)
            {
                var why = outcome.Reasons.Where(r => r.File == file).Select(r => r.Reason).Distinct(StringComparer.Ordinal).ToList();
                Console.Out.WriteLine($"  {Path.GetFileName(file)}: {state.ToString().ToLowerInvariant()}{(why.Count > 0 ? " (" + string.Join("; ", why) + ")" : "")}");
            }
            foreach (var badge in outcome.BadgesForReview)
                Console.Out.WriteLine($"  badge {badge} was created at level 1 and needs review");
            foreach (var skipped in result.Skipped)
                Console.Error.WriteLine($"skipped: {skipped}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
