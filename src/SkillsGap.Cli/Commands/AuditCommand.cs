using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Audit;
using SkillsGap.App.Setup;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary>
/// <c>skillsgap audit [--page N] [--page-size N] [--action NAME] [--format table|json]</c>: the audit log, newest first
/// (the document of <c>GET /api/audit</c>).
/// </summary>
internal static class AuditCommand
{
    public static Command Create(Option<string?> db)
    {
        var page = new Option<int>("--page") { Description = "The page, from 1 (newest first).", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = $"Entries per page (1 to {AuditLog.MaxPageSize}).", DefaultValueFactory = _ => 50 };
        var action = new Option<string?>("--action") { Description = "Only this action (import, train, issue, revoke, signin.demo, …)." };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("audit", "Who imported, deleted, trained, issued, revoked, created challenges or signed in as a demo person, newest first.")
            { page, pageSize, action, format };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var log = await services.GetRequiredService<AuditLog>().ListAsync(parse.GetValue(page), parse.GetValue(pageSize), parse.GetValue(action), ct);
            if (parse.GetValue(format) == "json")
            {
                await Console.Out.WriteLineAsync(DocumentJson.Serialize(log));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("when (UTC)", "who", "action", "subject", "detail");
            foreach (var e in log.Entries)
                table.AddRow(Markup.Escape(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Markup.Escape(e.Actor),
                    Markup.Escape(e.Action), Markup.Escape(e.Subject), Markup.Escape(e.Detail ?? ""));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"page {log.Page} of {Math.Max(1, (log.Total + log.PageSize - 1) / log.PageSize)}, {log.Total} entr{(log.Total == 1 ? "y" : "ies")} in all")));
            return ExitCodes.Success;
        }));
        return command;
    }
}
