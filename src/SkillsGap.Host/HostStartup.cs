using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SkillsGap.App.Setup;
using SkillsGap.Host.Security;

namespace SkillsGap.Host;

/// <summary>
/// Before the host serves: applies migrations, loads (or creates) the shared signing key and, on an empty database,
/// loads data-samples/. Once listening, says where and how to sign in.
/// </summary>
public sealed class HostStartup(IServiceProvider services, IOptions<SkillsGapHostOptions> options, IOptions<AuthOptions> auth, DemoSignInGate demo,
    IHostApplicationLifetime lifetime, IServer server, ILogger<HostStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var prepared = await scope.ServiceProvider.GetRequiredService<PrepareDatabase>()
                .RunAsync(options.Value.LoadSamples, options.Value.SamplesFolder, cancellationToken);
            if (prepared.SamplesLoadedFrom is { } folder)
                log.LogInformation("The database was empty: loaded the samples from {Folder}", folder);
            else if (prepared.WasEmpty && options.Value.LoadSamples)
                log.LogWarning("The database is empty and no data-samples folder was found; import data with POST /api/imports/{{kind}}.");
        }
        if (!auth.Value.UsesAuthority) await services.GetRequiredService<SigningKeyStore>().GetOrCreateAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(Announce);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses) log.LogInformation("SkillsGap is listening on {Address}", address);
        var first = addresses.FirstOrDefault() ?? "http://localhost:5000";
        if (auth.Value.UsesAuthority)
            log.LogInformation("Sign in at {Url}/signin with a token from {Authority}.", first, auth.Value.Authority);
        else if (demo.IsOpen)
            log.LogInformation("Sign in at {Url}/signin (demo sign-in: an employee id and a role, or hr alone); API tokens: skillsgap token --role hr", first);
        else
            log.LogInformation("Sign in at {Url}/signin with a token from: skillsgap token --role hr|manager|employee [--employee ID]", first);
        if (demo.IsOpen)
            log.LogWarning(
                "DEMO SIGN-IN IS ON (Host:DemoSignIn): anyone who can reach {Addresses} may sign in as any person on the roster, hr included, "
                + "without a credential. It stays on only while the host listens on loopback alone; set Host:DemoSignIn=false for real data.",
                string.Join(", ", addresses));
        else if (demo.Requested)
            log.LogWarning(
                "Host:DemoSignIn is true but the host listens on {Addresses}, not on loopback alone: the demo sign-in is OFF; sign in with a token.",
                string.Join(", ", addresses));
    }
}
