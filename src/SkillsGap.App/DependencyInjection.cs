using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsGap.App.Gaps;
using SkillsGap.App.Imports;
using SkillsGap.App.Issuing;
using SkillsGap.App.Reports;
using SkillsGap.App.Setup;
using SkillsGap.Data;

namespace SkillsGap.App;

/// <summary>Registers SkillsGap's options, storage and use cases.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddSkillsGap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SkillsGapOptions>().BindConfiguration(SkillsGapOptions.Section).ValidateOnStart();
        services.AddOptions<FiguresOptions>().BindConfiguration(FiguresOptions.Section)
            .Validate(o => o.ReadyThreshold is >= 0 and <= 1, "Figures:ReadyThreshold must be between 0 and 1.")
            .Validate(o => o.ExpiringWithinDays is >= 1 and <= 3650, "Figures:ExpiringWithinDays must be between 1 and 3650.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BusinessCalendar>();

        services.AddSkillsGapData(ResolveDatabase(configuration));

        services.AddSingleton<Figures.FiguresCache>();
        services.AddSingleton<Recommendations.NextBadgeModelStore>();
        services.AddSingleton<Recommendations.RecommendationAnswers>();
        services.AddScoped<Recommendations.RecommendQuery>();
        services.AddScoped<Recommendations.TrainModel>();
        services.AddScoped<Reports.IWeeklyReportBuilder, Reports.WeeklyReportBuilder>();
        services.AddScoped<InitDatabase>();
        services.AddScoped<ImportFiles>();
        services.AddScoped<GapsQuery>();
        services.AddScoped<PathwayQuery>();
        services.AddScoped<EvaluateModel>();
        services.AddScoped<LoadSamples>();
        services.AddScoped<OpenBadges.VerifyCredentials>();
        services.AddScoped<OpenBadges.ImportOpenBadges>();
        services.AddReportRuns();
        services.AddIssuing();
        return services;
    }

    /// <summary>
    /// <c>Database:Provider</c> (Sqlite, PostgreSql, SqlServer) and <c>ConnectionStrings:SkillsGap</c>; the embedded
    /// default is a SQLite file <c>skillsgap.db</c> in the data folder.
    /// </summary>
    public static DatabaseOptions ResolveDatabase(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
            throw new OptionsValidationException("Database:Provider", typeof(DatabaseOptions),
                [$"Database:Provider '{providerText}' is not one of Sqlite, PostgreSql, SqlServer."]);
        var connection = configuration.GetConnectionString("SkillsGap");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new OptionsValidationException("ConnectionStrings:SkillsGap", typeof(DatabaseOptions),
                    [$"ConnectionStrings:SkillsGap is required for the {provider} provider."]);
            var options = new SkillsGapOptions();
            configuration.GetSection(SkillsGapOptions.Section).Bind(options);
            var folder = options.ResolveDataFolder();
            Directory.CreateDirectory(folder);
            connection = $"Data Source={Path.Combine(folder, "skillsgap.db")}";
        }
        return new DatabaseOptions { Provider = provider, ConnectionString = connection };
    }
}
