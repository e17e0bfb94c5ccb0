using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillsGap.App.Figures;
using SkillsGap.App.Gaps;
using SkillsGap.App.Health;
using SkillsGap.App.Imports;
using SkillsGap.App.Issuing;
using SkillsGap.App.Jobs;
using SkillsGap.App.Models;
using SkillsGap.App.OpenBadges;
using SkillsGap.App.Pathways;
using SkillsGap.App.Recommendations;
using SkillsGap.App.Reports;
using SkillsGap.App.Setup;
using SkillsGap.App.Sponsorship;
using SkillsGap.App.Writes;
using SkillsGap.Data;

namespace SkillsGap.App;

/// <summary>Which database SkillsGap runs on: the embedded SQLite file, PostgreSQL or SQL Server.</summary>
public enum StorageKind
{
    EmbeddedSqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>The database as the host's wiring needs to know it (job storage, sign-in defaults): its kind and connection string.</summary>
public sealed record StorageChoice(StorageKind Kind, string ConnectionString)
{
    /// <summary>
    /// The job server's connection string: a pool of its own (application name <c>skillsgap-jobs</c>), capped at the
    /// workers plus 5 (polling, heartbeats, the dashboard) unless the connection string names a pool size.
    /// </summary>
    public string JobConnectionString(int workers)
    {
        var limit = Math.Clamp(workers, 1, 16) + 5;
        return Kind switch
        {
            StorageKind.PostgreSql => DatabaseOptions.WithPoolLimit(DatabaseProvider.PostgreSql,
                new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "skillsgap-jobs" }.ConnectionString, limit),
            StorageKind.SqlServer => DatabaseOptions.WithPoolLimit(DatabaseProvider.SqlServer,
                new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString) { ApplicationName = "skillsgap-jobs" }.ConnectionString, limit),
            _ => ConnectionString,
        };
    }
}

/// <summary>Registers SkillsGap's options, storage and use cases: one use case per operation, in a folder per feature.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddSkillsGap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SkillsGapOptions>().BindConfiguration(SkillsGapOptions.Section).ValidateOnStart();
        services.AddOptions<FiguresOptions>().BindConfiguration(FiguresOptions.Section)
            .Validate(o => o.ReadyThreshold is >= 0 and <= 1, "Figures:ReadyThreshold must be between 0 and 1.")
            .Validate(o => o.ExpiringWithinDays is >= 1 and <= 3650, "Figures:ExpiringWithinDays must be between 1 and 3650.")
            .Validate(o => o.StampCheckSeconds is >= 0 and <= 3600, "Figures:StampCheckSeconds must be between 0 and 3600.")
            .ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.BackgroundImportBytes >= 0, "Host:BackgroundImportBytes must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BusinessCalendar>();

        // Storage; every context handed out refuses organisation data written outside DataWrite.
        services.AddSkillsGapData(ResolveDatabase(configuration));
        services.Replace(ServiceDescriptor.Scoped<SkillsGapDbContext>(sp => DataWrite.Guard(sp.GetRequiredService<SkillsGapDbContextFactory>().CreateDbContext())));
        services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<SkillsGapDbContext>>(sp => new GuardedContexts(sp.GetRequiredService<SkillsGapDbContextFactory>())));
        services.AddScoped<DataWrite>();
        services.AddScoped<Audit.AuditActor>();
        services.AddScoped<Audit.AuditLog>();

        // Figures and the model in use, shared by every request until the data or the model changes.
        services.AddSingleton<FiguresCache>();
        services.AddSingleton<NextBadgeModelStore>();
        services.AddSingleton<RecommendationAnswers>();

        // Background jobs: the jobs table, the runner, and (without a job server) work done at once.
        services.AddSingleton<JobLedger>();
        services.AddScoped<RunJob>();
        services.TryAddSingleton<IBackgroundWork, InlineBackgroundWork>();

        // One use case per operation, by feature folder.
        services.AddScoped<InitDatabase>();
        services.AddScoped<PrepareDatabase>();
        services.AddScoped<LoadSamples>();
        services.AddScoped<DemoPeople>();
        services.AddSingleton<ImportLedger>();
        services.AddScoped<ImportData>();
        services.AddScoped<ImportUploads>();
        services.AddScoped<IJobHandler, ImportJob>();
        services.AddScoped<GapsQuery>();
        services.AddScoped<OrganisationOverviewQuery>();
        services.AddScoped<PathwayQuery>();
        services.AddScoped<RecommendQuery>();
        services.AddSingleton<Wallet.PointsLedgers>();
        services.AddScoped<Wallet.WalletQuery>();
        services.AddScoped<Progress.JourneyQuery>();
        services.AddScoped<Challenges.ChallengeService>();
        services.AddScoped<Challenges.EqualChanceQuery>();
        services.AddScoped<TrainModel>();
        services.AddScoped<IJobHandler, TrainModelJob>();
        services.AddScoped<EvaluateModel>();
        services.AddScoped<ListModels>();
        services.AddScoped<KeepModelsTrained>();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.AddScoped<PlanSponsorship>();
        services.AddScoped<GroupInsights>();
        services.AddScoped<VerifyCredentials>();
        services.AddScoped<IWeeklyReportBuilder, WeeklyReportBuilder>();
        services.AddReportRuns();
        services.AddSingleton<DatabaseHealth>();
        services.AddIssuing();
        return services;
    }

    /// <summary>The database of <paramref name="configuration"/>, as the host's wiring needs to know it.</summary>
    public static StorageChoice ResolveStorage(IConfiguration configuration)
    {
        var database = ResolveDatabase(configuration);
        return new StorageChoice(database.Provider switch
        {
            DatabaseProvider.PostgreSql => StorageKind.PostgreSql,
            DatabaseProvider.SqlServer => StorageKind.SqlServer,
            _ => StorageKind.EmbeddedSqlite,
        }, database.ConnectionString!);
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
        var maxPool = configuration.GetValue("Database:MaxPoolSize", DatabaseOptions.DefaultMaxPoolSize);
        if (maxPool < 1)
            throw new OptionsValidationException("Database:MaxPoolSize", typeof(DatabaseOptions), ["Database:MaxPoolSize must be at least 1."]);
        return new DatabaseOptions { Provider = provider, ConnectionString = connection, MaxPoolSize = maxPool };
    }

    /// <summary>The context factory of <c>AddSkillsGap</c>: each context carries the <see cref="DataWrite"/> guard.</summary>
    private sealed class GuardedContexts(SkillsGapDbContextFactory inner) : IDbContextFactory<SkillsGapDbContext>
    {
        public SkillsGapDbContext CreateDbContext() => DataWrite.Guard(inner.CreateDbContext());
    }
}
