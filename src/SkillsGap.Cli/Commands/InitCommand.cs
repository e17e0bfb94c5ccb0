using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App.Setup;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap init</c>: create the database and apply migrations.</summary>
internal static class InitCommand
{
    public static Command Create(Option<string?> db)
    {
        var command = new Command("init", "Create the database and apply the provider's migrations.");
        command.SetAction((parse, ct) => ExitCodes.RunAsync(parse.GetValue(db), async services =>
        {
            await services.GetRequiredService<InitDatabase>().RunAsync(ct);
            await Console.Error.WriteLineAsync("database ready");
            return ExitCodes.Success;
        }));
        return command;
    }
}
