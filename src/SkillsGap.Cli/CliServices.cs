using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillsGap.App;

namespace SkillsGap.Cli;

/// <summary>Builds the configuration and services for one command run: appsettings.json, SKILLSGAP_ variables, then --db.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(string? dbFile)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "skillsgap.json"), optional: true)
            .AddEnvironmentVariables("SKILLSGAP_");
        if (!string.IsNullOrWhiteSpace(dbFile))
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:SkillsGap"] = $"Data Source={Path.GetFullPath(dbFile)}",
            });
        var configuration = builder.Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSkillsGap(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
