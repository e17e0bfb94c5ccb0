using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SkillsGap.Data;

/// <summary>Registers SkillsGap's storage.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider subclass chosen by <paramref name="options"/> as <see cref="SkillsGapDbContext"/> (scoped),
    /// an <see cref="IDbContextFactory{TContext}"/> of <see cref="SkillsGapDbContext"/> (singleton), the
    /// <see cref="ImportWriter"/> and the <see cref="SnapshotLoader"/> (scoped).
    /// </summary>
    public static IServiceCollection AddSkillsGapData(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var contextOptions = SkillsGapDbContextOptions.Build(options);
        var factory = new SkillsGapDbContextFactory(options.Provider, contextOptions);
        services.AddSingleton(options);
        services.AddSingleton<IDbContextFactory<SkillsGapDbContext>>(factory);
        services.AddSingleton(factory);
        services.AddScoped(_ => factory.CreateDbContext());
        services.AddScoped<ImportWriter>();
        services.AddScoped<SnapshotLoader>();
        return services;
    }
}

/// <summary>Creates contexts of the configured provider subclass.</summary>
public sealed class SkillsGapDbContextFactory : IDbContextFactory<SkillsGapDbContext>
{
    private readonly DatabaseProvider _provider;
    private readonly DbContextOptions _options;

    public SkillsGapDbContextFactory(DatabaseOptions options)
        : this(options.Provider, SkillsGapDbContextOptions.Build(options))
    {
    }

    internal SkillsGapDbContextFactory(DatabaseProvider provider, DbContextOptions options)
    {
        _provider = provider;
        _options = options;
    }

    public SkillsGapDbContext CreateDbContext() => SkillsGapDbContextOptions.Create(_provider, _options);
}

/// <summary>Database-wide operations: applying migrations.</summary>
public static class SkillsGapDatabase
{
    /// <summary>Applies the provider's pending migrations (creating the database or file when it does not exist).</summary>
    public static async Task MigrateAsync(SkillsGapDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
