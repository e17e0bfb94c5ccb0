using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.App.Issuing;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap issue (--employee ID [--badge ID] | --all) [--out DIR] [--format table|json]</c>: signed OB 3.0 credentials.</summary>
internal static class IssueCommand
{
    public static Command Create(Option<string?> db)
    {
        var employee = new Option<string?>("--employee") { Description = "The employee whose awards get credentials." };
        var badge = new Option<string?>("--badge") { Description = "Only the awards of this badge (with --employee); a stack brings its children." };
        var all = new Option<bool>("--all") { Description = "Every award of the organisation's own badges." };
        var output = new Option<string?>("--out") { Description = "Write each credential to this folder as JSON, baked PNG and baked SVG." };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("issue", "Sign Open Badges 3.0 credentials for awards of the organisation's own badges (idempotent).")
            { employee, badge, all, output, format };
        command.Validators.Add(result =>
        {
            var one = result.GetValue(employee) is not null;
            if (one == result.GetValue(all)) result.AddError("Give exactly one of --employee ID (optionally with --badge ID) or --all.");
            else if (result.GetValue(badge) is not null && !one) result.AddError("--badge goes with --employee.");
        });
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var request = new IssueRequest(
                parse.GetValue(employee) is { } e ? new EmployeeId(e) : null,
                parse.GetValue(badge) is { } b ? new BadgeId(b) : null,
                parse.GetValue(all));
            var outcome = await services.GetRequiredService<IssueCredentials>().RunAsync(request, ct);
            var files = parse.GetValue(output) is { } folder
                ? await WriteAsync(services.GetRequiredService<CredentialDownloads>(), outcome, Path.GetFullPath(folder), ct)
                : new Dictionary<IssueResult, string>();
            if (string.IsNullOrEmpty(services.GetRequiredService<IOptions<IssuerOptions>>().Value.KeySecret))
                await Console.Error.WriteLineAsync("note: the signing key is stored unencrypted in the database; set Issuer:KeySecret to encrypt it.");
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(outcome.Results.Select(r => new
                {
                    employee = r.Employee,
                    badge = r.Badge,
                    issuedOn = r.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    credential = r.Credential,
                    file = files.GetValueOrDefault(r),
                    @new = r.New,
                    status = r.Status.ToString().ToLowerInvariant(),
                    reason = r.Reason,
                })));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("employee", "badge", "issued on", "credential", "status");
            if (files.Count > 0) table.AddColumn("file");
            // Plain Text cells: markup would turn "did:key:" into an emoji.
            foreach (var r in outcome.Results)
            {
                List<IRenderable> cells = [new Text(r.Employee), new Text(r.Badge), new Text(r.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new Text(r.Credential ?? "-"), new Text(r.Status.ToString().ToLowerInvariant() + (r.Reason is null ? "" : ": " + r.Reason))];
                if (files.Count > 0) cells.Add(new Text(files.TryGetValue(r, out var file) ? Path.GetFileName(file) : ""));
                table.AddRow(cells);
            }
            AnsiConsole.Write(table);
            var counts = string.Join(", ", Enum.GetValues<IssueStatus>().Select(s => $"{outcome.Results.Count(r => r.Status == s)} {s.ToString().ToLowerInvariant()}"));
            await Console.Out.WriteLineAsync($"{counts}; issuer {outcome.IssuerId}");
            if (files.Count > 0) await Console.Out.WriteLineAsync($"wrote {files.Count} credentials (.json, .png, .svg) to {Path.GetDirectoryName(files.Values.First())}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Each current credential as <c>{employee}-{badge}.json</c> (plus <c>-{issued on}</c> when a person holds the badge
    /// twice), .png and .svg; and the status lists they name with a <c>url-map.json</c>, so that
    /// <c>skillsgap verify --url-map DIR/url-map.json DIR/*.json</c> checks them offline as they stand now.
    /// </summary>
    private static async Task<Dictionary<IssueResult, string>> WriteAsync(CredentialDownloads downloads, IssueOutcome outcome, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var files = new Dictionary<IssueResult, string>();
        var lists = new HashSet<int>();
        var writable = outcome.Results.Where(r => r.Credential is not null && r.Status is not IssueStatus.Revoked).ToList();
        var twice = writable.GroupBy(r => (r.Employee, r.Badge)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var r in writable)
        {
            var stored = await downloads.FindAsync(r.Credential!, ct) ?? throw new InvalidOperationException($"Credential {r.Credential} is missing.");
            var stem = SafeName(r.Employee) + "-" + SafeName(r.Badge)
                + (twice.Contains((r.Employee, r.Badge)) ? "-" + r.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
            var json = Path.Combine(folder, stem + ".json");
            await File.WriteAllTextAsync(json, CredentialDownloads.Json(stored), ct);
            await File.WriteAllBytesAsync(Path.Combine(folder, stem + ".png"), downloads.Png(stored), ct);
            await File.WriteAllTextAsync(Path.Combine(folder, stem + ".svg"), downloads.Svg(stored), ct);
            files[r] = json;
            lists.Add(stored.StatusList);
        }
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in await downloads.StatusListsAsync(lists, ct))
        {
            var name = $"status-list-{list.Id.ToString(CultureInfo.InvariantCulture)}.json";
            await File.WriteAllTextAsync(Path.Combine(folder, name), list.Json, ct);
            map[list.Url] = name;
        }
        if (map.Count > 0) await File.WriteAllTextAsync(Path.Combine(folder, "url-map.json"), JsonSerializer.Serialize(map, new JsonSerializerOptions { WriteIndented = true }), ct);
        return files;
    }

    private static string SafeName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
