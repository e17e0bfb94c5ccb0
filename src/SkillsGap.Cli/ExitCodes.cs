using Microsoft.Extensions.DependencyInjection;
using SkillsGap.App;
using SkillsGap.Core.Domain;

namespace SkillsGap.Cli;

/// <summary>0 success, 2 the input was rejected (nothing written), 1 any other failure.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Rejected = 2;

    /// <summary>Runs a command body with its own service scope and turns domain errors into exit codes and stderr lines.</summary>
    public static async Task<int> RunAsync(string? dbFile, Func<IServiceProvider, Task<int>> body)
    {
        try
        {
            await using var provider = CliServices.Build(dbFile);
            await using var scope = provider.CreateAsyncScope();
            return await body(scope.ServiceProvider);
        }
        catch (InputRejectedException rejected)
        {
            await Console.Error.WriteLineAsync($"error: {rejected.Message}");
            foreach (var error in rejected.Errors) await Console.Error.WriteLineAsync($"  {error}");
            return Rejected;
        }
        catch (NotFoundException missing)
        {
            await Console.Error.WriteLineAsync($"error: {missing.Message}");
            return Rejected;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return Failure;
        }
        catch (Exception unexpected)
        {
            await Console.Error.WriteLineAsync($"failed: {unexpected.Message}");
            if (Environment.GetEnvironmentVariable("SKILLSGAP_DEBUG") == "1") await Console.Error.WriteLineAsync(unexpected.ToString());
            return Failure;
        }
    }
}
