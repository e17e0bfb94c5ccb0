using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.Analytics;
using SkillsGap.App;
using SkillsGap.App.Gaps;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using Spectre.Console;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap gaps (--employee ID | --manager ID | --role CODE | --department NAME | --org)</c>.</summary>
internal static class GapsCommand
{
    public static Command Create(Option<string?> db)
    {
        var employee = new Option<string?>("--employee") { Description = "One employee's gaps." };
        var manager = new Option<string?>("--manager") { Description = "A manager's whole reporting tree." };
        var role = new Option<string?>("--role") { Description = "Everyone in a role (and the bench for it)." };
        var department = new Option<string?>("--department") { Description = "Everyone in a department." };
        var org = new Option<bool>("--org") { Description = "The whole organisation." };
        var asOf = CommonOptions.AsOf();
        var target = new Option<string?>("--target-role") { Description = "Measure against this role instead of each person's own." };
        var format = CommonOptions.Format("table", "json", "csv");
        var command = new Command("gaps", "Gaps and readiness for an employee, a team, a role, a department or the organisation.")
            { employee, manager, role, department, org, asOf, target, format };
        command.Validators.Add(result =>
        {
            var chosen = new[] { result.GetValue(employee) is not null, result.GetValue(manager) is not null, result.GetValue(role) is not null,
                result.GetValue(department) is not null, result.GetValue(org) }.Count(x => x);
            if (chosen != 1) result.AddError("Give exactly one of --employee, --manager, --role, --department or --org.");
        });
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            var (kind, key) = parse.GetValue(employee) is { } e ? (GroupKind.Employee, e)
                : parse.GetValue(manager) is { } m ? (GroupKind.Team, m)
                : parse.GetValue(role) is { } r ? (GroupKind.Role, r)
                : parse.GetValue(department) is { } d ? (GroupKind.Department, d)
                : (GroupKind.Organisation, (string?)null);
            var targetRole = parse.GetValue(target) is { } t ? new RoleCode(t) : (RoleCode?)null;
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var document = await services.GetRequiredService<GapsQuery>()
                .RunAsync(new GapsRequest(kind, key, parse.GetValue(asOf), targetRole), ct);
            switch (parse.GetValue(format))
            {
                case "json":
                    await Console.Out.WriteLineAsync(DocumentJson.Serialize(document));
                    break;
                case "csv":
                    GapsCsv.Write(document, Console.Out);
                    break;
                default:
                    GapsTable.Render(document);
                    break;
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>Options shared by several verbs.</summary>
internal static class CommonOptions
{
    public static Option<DateOnly?> AsOf() => new("--as-of")
    {
        Description = "The date the figures are computed for (ISO 8601; default today).",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (ValueBounds.IsInRange(date)) return date;
                result.AddError($"--as-of '{text}' is outside the business dates {ValueBounds.DateRange}.");
                return null;
            }
            result.AddError($"--as-of '{text}' is not an ISO 8601 date (YYYY-MM-DD).");
            return null;
        },
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = string.Join(" | ", formats),
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }
}

/// <summary>Terminal rendering of a gaps document.</summary>
internal static class GapsTable
{
    public static void Render(IGapsDocument document)
    {
        var table = new Table().AddColumns("employee", "role", "readiness", "ready", "gaps (skill required/attained)");
        table.Title = new TableTitle($"Gaps as of {document.AsOf:yyyy-MM-dd}");
        foreach (var e in document.Employees)
            table.AddRow(Markup.Escape(e.Id), Markup.Escape(e.TargetRole ?? e.Role), Percent(e.Readiness), e.Ready ? "[green]yes[/]" : "no",
                Markup.Escape(string.Join(", ", e.Requirements.Where(r => r.Gap > 0)
                    .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Skill} {r.Required}/{r.Attained}{(r.Critical ? "!" : "")}")))));
        AnsiConsole.Write(table);
        if (document is not GroupGapsDocument group) return;

        var s = group.Summary;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{s.People}[/] people, mean readiness [bold]{Percent(s.MeanReadiness ?? 0)}[/], ready [bold]{s.Ready}[/] ({Percent(s.ReadyShare ?? 0)})"));
        RenderTopGaps(group.Skills);
        if (group.Uncoverable.Count > 0)
            AnsiConsole.MarkupLine("Uncoverable: " + Markup.Escape(string.Join(", ", group.Uncoverable.Select(u =>
                string.Create(CultureInfo.InvariantCulture, $"{u.Role}/{u.Skill} {u.Required} (best {u.Best})")))));
        if (group.ExpiringSoon.Count > 0)
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Expiring soon and opening a gap: {group.ExpiringSoon.Count} award(s)"));
    }

    /// <summary>The top gaps (<see cref="TopGaps"/>): the skills with the largest Σ weight·gap.</summary>
    public static void RenderTopGaps(IEnumerable<SkillLine> skills)
    {
        var table = new Table().AddColumns("top gaps", "people required", "coverage", "mean gap", "with gap", "Σ weight·gap");
        foreach (var k in TopGaps.Of(skills))
            table.AddRow(Markup.Escape(k.Skill), Invariant(k.PeopleRequired), Percent(k.Coverage),
                k.MeanGap.ToString("0.00", CultureInfo.InvariantCulture), Invariant(k.PeopleWithGap), Invariant(k.WeightedGap));
        AnsiConsole.Write(table);
    }

    public static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
