using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.App.Figures;
using SkillsGap.App.Setup;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Cli.Commands;

/// <summary>
/// <c>skillsgap token --role hr|manager|employee [--employee ID] [--days N]</c>: prints a bearer token signed with the
/// embedded key in the database (created when absent), the same key every host on that database checks.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(Option<string?> db)
    {
        var role = new Option<string>("--role") { Description = "hr | manager | employee", Required = true };
        role.AcceptOnlyFromAmong(SkillsGapClaims.Roles.Hr, SkillsGapClaims.Roles.Manager, SkillsGapClaims.Roles.Employee);
        var employee = new Option<string?>("--employee") { Description = "The employee id the token speaks for (required for manager and employee)." };
        var days = new Option<int?>("--days") { Description = "Lifetime in days (default 7)." };
        var command = new Command("token", "Print a bearer token for the API, signed with the database's embedded key.") { role, employee, days };
        command.Validators.Add(result =>
        {
            if (result.GetValue(role) is not SkillsGapClaims.Roles.Hr && string.IsNullOrWhiteSpace(result.GetValue(employee)))
                result.AddError("--employee is required for the manager and employee roles.");
            if (result.GetValue(days) is < 1 or > 366) result.AddError("--days must be between 1 and 366.");
        });
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            if (!string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>()["Auth:Authority"]))
                throw new InputRejectedException("Auth:Authority is configured: tokens come from that authority, not from skillsgap token.");
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var id = parse.GetValue(employee);
            if (!string.IsNullOrWhiteSpace(id))
            {
                var calendar = services.GetRequiredService<BusinessCalendar>();
                var today = await services.GetRequiredService<FiguresCache>().GetAsync(calendar.Today, ct);
                if (today.Snapshot.FindEmployee(new EmployeeId(id)) is null)
                    throw new NotFoundException($"Employee {id} is not on the roster on {today.AsOf:yyyy-MM-dd}.");
            }
            var time = services.GetRequiredService<TimeProvider>();
            var key = await ActivatorUtilities.CreateInstance<SigningKeyStore>(services).GetOrCreateAsync(ct);
            var token = TokenIssuer.Create(key, parse.GetValue(role)!, id, TimeSpan.FromDays(parse.GetValue(days) ?? 7), time.GetUtcNow());
            await Console.Out.WriteLineAsync(token);
            await Console.Error.WriteLineAsync($"use it as: Authorization: Bearer <token>  (valid {parse.GetValue(days) ?? 7} day(s))");
            return ExitCodes.Success;
        }));
        return command;
    }
}
