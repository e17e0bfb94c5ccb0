using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SkillsGap.App;
using SkillsGap.Data;

namespace SkillsGap.IntegrationTests.Infrastructure;

/// <summary>
/// App's services (<c>AddSkillsGap</c>, as the CLI and the host register them) over a test database, with a pinned clock
/// (2026-11-28 09:00 UTC unless given) and the UTC business time zone: the use cases exactly as every door gets them.
/// </summary>
public sealed class AppServices : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;
    private readonly string _folder;

    private AppServices(ServiceProvider provider, string folder, FakeTimeProvider clock)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
        _folder = folder;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The services of one long-lived scope (one scoped context, as one CLI run has).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A fresh scope (its own context), as a concurrent request or job gets.</summary>
    public AsyncServiceScope NewScope() => _provider.CreateAsyncScope();

    public static AppServices Create(TestDatabase database, DateTimeOffset? now = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var folder = Directory.CreateTempSubdirectory("skillsgap-app-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:SkillsGap"] = database.Options.ConnectionString,
            ["SkillsGap:DataFolder"] = folder,
            ["SkillsGap:TimeZone"] = "UTC",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSkillsGap(configuration);
        services.AddSingleton<TimeProvider>(clock);
        configure?.Invoke(services);
        return new AppServices(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), folder, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
