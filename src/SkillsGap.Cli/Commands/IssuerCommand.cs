using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Issuing;
using SkillsGap.App.Setup;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap issuer keys</c> and <c>skillsgap issuer rotate-key</c>: the organisation's signing keys.</summary>
internal static class IssuerCommand
{
    public static Command Create(Option<string?> db)
    {
        var keys = new Command("keys", "List the issuer's signing keys (did, created, retired, whether stored encrypted).");
        keys.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            foreach (var key in await services.GetRequiredService<RotateIssuerKey>().ListAsync(ct))
                await Console.Out.WriteLineAsync(Line(key));
            return ExitCodes.Success;
        }));
        var rotate = new Command("rotate-key", "Retire the current signing key for a new one; credentials signed with earlier keys keep verifying.");
        rotate.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            var (retired, current) = await services.GetRequiredService<RotateIssuerKey>().RunAsync(ct);
            await Console.Out.WriteLineAsync($"retired key {retired.Id.ToString(CultureInfo.InvariantCulture)}: {retired.Did}");
            await Console.Out.WriteLineAsync($"new key {current.Id.ToString(CultureInfo.InvariantCulture)}: {current.Did} (signs new credentials and status lists from now on)");
            return ExitCodes.Success;
        }));
        return new Command("issuer", "The organisation's issuer signing keys.") { keys, rotate };
    }

    private static string Line(IssuerKeyInfo key) => string.Create(CultureInfo.InvariantCulture,
        $"{key.Id} {key.Did} created {key.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z{(key.RetiredAt is { } r ? $" retired {r.UtcDateTime:yyyy-MM-dd HH:mm}Z" : " current")}{(key.Encrypted ? " encrypted" : " unencrypted")}");
}
