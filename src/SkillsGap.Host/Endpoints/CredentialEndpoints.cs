using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SkillsGap.App;
using SkillsGap.App.Issuing;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// The organisation's Open Badges 3.0 credentials over HTTP (DESIGN §7a, §10). Public and anonymous, under <c>/ob</c>:
/// the issuer Profile, each own badge's Achievement and picture, and the signed status lists — what a verifier
/// anywhere fetches, nothing personal (the public page of one credential is the Razor page <c>/ob/credentials/{id}</c>).
/// Under <c>/api/credentials</c>: the holder's downloads (the holder, their managers and hr; bearer token or sign-in
/// cookie) and revocation (hr, bearer token).
/// </summary>
public static class CredentialEndpoints
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapCredentialEndpoints(this IEndpointRouteBuilder routes)
    {
        // Published documents: anonymous, not part of the bearer API's OpenAPI contract (README "Issuing").
        var ob = routes.MapGroup("/ob").AllowAnonymous().ExcludeFromDescription();
        ob.MapGet("/issuer", ProfileAsync);
        ob.MapGet("/achievements/{badgeId}", AchievementAsync);
        ob.MapGet("/achievements/{badgeId}/image.png", PngAsync);
        ob.MapGet("/achievements/{badgeId}/image.svg", SvgAsync);
        ob.MapGet("/status/{list:int}", StatusListAsync);

        var api = routes.MapGroup("/api/credentials/{id}").WithTags("Credentials");
        api.MapGet("", DownloadAsync).WithName("CredentialDownload")
            .WithSummary("The credential as signed JSON, or baked into the badge's picture (format=json|png|svg): the holder, their managers and hr.")
            .RequireAuthorization(BearerOrCookie.Policy)
            .Produces(StatusCodes.Status200OK, null, Json, "image/png", "image/svg+xml")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapPost("/revoke", RevokeAsync).WithName("RevokeCredential")
            .WithSummary("Revokes a credential (hr): its status bit is set, the list signed again, and its award stops counting.")
            .RequireBearer().RequireHr()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ProfileAsync(PublicDocuments documents, CancellationToken ct) =>
        JsonDocument(await Configured(() => documents.ProfileAsync(ct)));

    private static async Task<IResult> AchievementAsync(string badgeId, PublicDocuments documents, CancellationToken ct) =>
        JsonDocument(await Configured(() => documents.AchievementAsync(badgeId, ct))
            ?? throw new NotFoundException($"{badgeId} is not one of the organisation's badges."));

    private static async Task<IResult> PngAsync(string badgeId, HttpContext http, PublicDocuments documents, CancellationToken ct)
    {
        var image = await Configured(() => documents.ImageAsync(badgeId, ct)) ?? throw new NotFoundException($"{badgeId} is not one of the organisation's badges.");
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(image.Png, "image/png");
    }

    private static async Task<IResult> SvgAsync(string badgeId, HttpContext http, PublicDocuments documents, CancellationToken ct)
    {
        var image = await Configured(() => documents.ImageAsync(badgeId, ct)) ?? throw new NotFoundException($"{badgeId} is not one of the organisation's badges.");
        http.Response.Headers.CacheControl = "public, max-age=3600";
        SvgHeaders(http);
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(image.Svg), "image/svg+xml");
    }

    private static async Task<IResult> StatusListAsync(int list, HttpContext http, PublicDocuments documents, CancellationToken ct)
    {
        var document = await documents.StatusListAsync(list, ct) ?? throw new NotFoundException($"There is no status list {list}.");
        // A revocation must show at once: verifiers and caches ask again every time.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(document), Json);
    }

    private static async Task<IResult> DownloadAsync(string id, string? format, HttpContext http, ClaimsPrincipal user, CredentialDownloads downloads,
        AccessRules access, CancellationToken ct)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "png" or "svg"))
            throw new InputRejectedException($"format '{format}' is not one of json, png, svg.");
        var credential = await downloads.FindAsync(id, ct) ?? throw new NotFoundException($"No credential {id} was issued here.");
        await access.EnsureCanReadEmployeeAsync(user, new EmployeeId(credential.Employee), ct);
        http.Response.Headers.CacheControl = "private, no-store";
        var name = FileName(credential, kind);
        return kind switch
        {
            "png" => TypedResults.File(downloads.Png(credential), "image/png", name),
            "svg" => SvgFile(http, downloads.Svg(credential), name),
            _ => TypedResults.File(Encoding.UTF8.GetBytes(CredentialDownloads.Json(credential)), Json, name),
        };
    }

    private static async Task<Ok<RevokeOutcome>> RevokeAsync(string id, [FromBody] RevokeBody? body, RevokeCredential revoke, CancellationToken ct) =>
        TypedResults.Ok(await revoke.RunAsync(new RevokeRequest(id, body?.Reason ?? ""), ct));

    /// <summary>The body of a revocation: why.</summary>
    public sealed record RevokeBody(string? Reason);

    /// <summary><c>{employee}-{badge}-{issued on}.{ext}</c>, with anything but letters, digits, '.', '-' and '_' as '_'.</summary>
    public static string FileName(StoredCredential credential, string extension)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var stem = string.Create(CultureInfo.InvariantCulture, $"{credential.Employee}-{credential.Badge}-{credential.IssuedOn:yyyy-MM-dd}");
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return $"{safe}.{extension}";
    }

    private static IResult SvgFile(HttpContext http, string svg, string name)
    {
        SvgHeaders(http);
        return TypedResults.File(Encoding.UTF8.GetBytes(svg), "image/svg+xml", name);
    }

    // An SVG is a document that could run script if opened from this origin: none is allowed to.
    private static void SvgHeaders(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }

    private static IResult JsonDocument(System.Text.Json.Nodes.JsonNode node) =>
        TypedResults.Bytes(Encoding.UTF8.GetBytes(node.ToJsonString(Indented)), Json);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Issuing that is not configured publishes nothing: 404, saying which settings are missing.</summary>
    private static async Task<T> Configured<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (IssuerNotConfiguredException e)
        {
            throw new NotFoundException(e.Message);
        }
    }
}
