using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Issuing;
using SkillsGap.App.Setup;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap revoke --credential ID --reason TEXT</c>: revokes one of the organisation's credentials.</summary>
internal static class RevokeCommand
{
    public static Command Create(Option<string?> db)
    {
        var credential = new Option<string>("--credential") { Description = "The credential id (urn:uuid:… or the UUID).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why it is revoked (kept with the credential).", Required = true };
        var command = new Command("revoke", "Revoke a credential the organisation issued: its status bit is set and its award stops counting.") { credential, reason };
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var outcome = await services.GetRequiredService<RevokeCredential>().RunAsync(new RevokeRequest(parse.GetValue(credential)!, parse.GetValue(reason)!), ct);
            var award = string.Create(CultureInfo.InvariantCulture, $"{outcome.Employee}, {outcome.Badge} issued on {outcome.IssuedOn:yyyy-MM-dd}");
            await Console.Out.WriteLineAsync(outcome.AlreadyRevoked
                ? string.Create(CultureInfo.InvariantCulture, $"{outcome.CredentialId} ({award}) was already revoked on {outcome.RevokedAt.UtcDateTime:yyyy-MM-dd}: {outcome.Reason}")
                : string.Create(CultureInfo.InvariantCulture, $"revoked {outcome.CredentialId} ({award}): {outcome.Reason}; status list {outcome.StatusList}, bit {outcome.StatusIndex}"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
