using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SkillsGap.Host.Security;

/// <summary>
/// Whether the demo sign-in (pick a person and a role, no credential) is open (DESIGN §8): only when
/// <c>Host:DemoSignIn</c> is true and every address the host listens on is loopback (<c>localhost</c>, 127.0.0.0/8,
/// <c>[::1]</c>). A request that came through a proxy (<c>Forwarded</c> / <c>X-Forwarded-For</c>) or from a
/// non-loopback peer is refused even then. A server that reports no address at all (the in-process test server,
/// which has no socket) counts as loopback.
/// </summary>
public sealed class DemoSignInGate(IOptions<SkillsGapHostOptions> options, IServer server)
{
    /// <summary>What <c>Host:DemoSignIn</c> asks for.</summary>
    public bool Requested => options.Value.DemoSignIn;

    /// <summary>The addresses the host listens on (empty before it starts, or on the in-process test server).</summary>
    public IReadOnlyCollection<string> Addresses =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses is { } a ? [.. a] : [];

    /// <summary>Every address is loopback.</summary>
    public bool LoopbackOnly => Addresses.All(IsLoopbackAddress);

    /// <summary>The demo sign-in is offered (the page's buttons, the log): requested and loopback alone.</summary>
    public bool IsOpen => Requested && LoopbackOnly;

    /// <summary>The demo sign-in may be used by this request: <see cref="IsOpen"/>, not proxied, from a loopback peer.</summary>
    public bool AllowsRequest(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsOpen) return false;
        if (http.Request.Headers.ContainsKey("Forwarded") || http.Request.Headers.ContainsKey("X-Forwarded-For")) return false;
        var peer = http.Connection.RemoteIpAddress;
        return peer is null || IPAddress.IsLoopback(peer);
    }

    /// <summary>Whether a listening address (<c>http://localhost:5068</c>, <c>http://[::1]:80</c>, <c>http://0.0.0.0:80</c>) is loopback alone.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        BindingAddress parsed;
        try { parsed = BindingAddress.Parse(address); }
        catch (FormatException) { return false; }
        if (parsed.IsUnixPipe || parsed.IsNamedPipe) return false;
        var host = parsed.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
