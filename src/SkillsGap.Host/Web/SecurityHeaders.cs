namespace SkillsGap.Host.Web;

/// <summary>
/// The security headers of every response (pages, API, static files, errors, the dashboard): a Content-Security-Policy
/// that allows scripts, styles, images and fonts from this site only (no inline script; inline <c>style</c> attributes
/// only, which the gap colours of the tables use — no <c>&lt;style&gt;</c> element), forms posting to this site, no
/// framing by anyone; <c>nosniff</c>; <c>X-Frame-Options: DENY</c> for older browsers; no referrer to other sites
/// (<c>same-origin</c>); no camera, microphone or location; and, under HTTPS, HSTS for a year.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>
    /// The Hangfire dashboard (hr only) adds a small <c>&lt;style&gt;</c> from script (Chart.js's resize animation), which
    /// Chromium blocks even with its hash: inline style elements are allowed on <c>/hangfire</c> only; scripts stay strict.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; "
        + "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Strict-Transport-Security under HTTPS: a year.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var policy = http.Request.Path.StartsWithSegments("/hangfire") ? DashboardContentSecurityPolicy : ContentSecurityPolicy;
            // A response that set a stricter policy of its own (an SVG badge picture: sandboxed) keeps it; both apply.
            var own = headers.ContentSecurityPolicy.ToString();
            headers.ContentSecurityPolicy = own.Length == 0 || own == policy ? policy : own + ", " + policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (http.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
            return Task.CompletedTask;
        });
        await next(http);
    });
}
