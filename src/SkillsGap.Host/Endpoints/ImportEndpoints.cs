using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// <c>POST /api/imports/{kind}</c> (multipart field <c>file</c>, <c>?dryRun=true</c>; hr only): a small upload is imported
/// in the request (200), a large one by a background job (202 + <c>Location</c>); either way the status resource is
/// <c>GET /api/imports/{id}</c>, a row of the <c>jobs</c> table with the result and the row errors.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The multipart form of an upload, as the OpenAPI document describes it: the file (or files) in the field <c>file</c>.</summary>
    public sealed class ImportUpload
    {
        /// <summary>The CSV, XLSX or JSON file; Open Badges JSON, PNG or SVG for <c>openbadges</c>.</summary>
        public required IFormFile File { get; init; }
    }

    public static readonly IReadOnlyList<string> Kinds = ["skills", "roles", "badges", "employees", "awards", ImportArguments.OpenBadgesKind];

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/imports").WithTags("Imports").RequireBearer();
        group.MapPost("/{kind}", UploadAsync).WithName("Import").DisableAntiforgery()
            .WithSummary("Imports a file of one kind (hr): 200 when done in the request, 202 and a status resource for a large upload.")
            .Accepts<ImportUpload>("multipart/form-data")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id:long}", StatusAsync).WithName("ImportStatus")
            .WithSummary("The status of an import: queued, running, succeeded, rejected (with its row errors) or failed.")
            .Produces<ImportStatusDocument>(StatusCodes.Status200OK)
            .Problems(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<Ok<ImportStatusDocument>, AcceptedAtRoute<ImportStatusDocument>, ProblemHttpResult>> UploadAsync(
        string kind, bool? dryRun, HttpContext http, ClaimsPrincipal user, SkillsGapDbContext db, ImportJob import,
        ImportUploads store, IOptions<SkillsGapHostOptions> options, CancellationToken ct)
    {
        if (!AccessRules.IsHr(user)) return GapsEndpoints.Forbidden("Imports are for hr only.");
        var normalised = kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(normalised))
            throw new InputRejectedException($"Unknown import kind '{kind}'; one of {string.Join(", ", Kinds)}.");
        var limit = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return TooLarge(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (!http.Request.HasFormContentType) throw new InputRejectedException("Send the file as multipart/form-data in the field 'file'.");

        if (await ImportUploads.ReadFormAsync(http.Request, limit, ct) is not { } form) return TooLarge(limit);
        var uploads = form.Files.GetFiles("file");
        if (uploads.Count == 0) throw new InputRejectedException("The multipart field 'file' is missing.");

        var job = await store.CreateJobAsync(normalised, dryRun ?? false, skipInvalid: false, uploads, user.Identity?.Name, ct);
        if (store.InBackground(uploads.Sum(f => f.Length)))
        {
            store.Enqueue(job.Id);
            return TypedResults.AcceptedAtRoute(ImportStatusDocument.From(job), "ImportStatus", new { id = job.Id });
        }
        http.Items[DomainExceptionHandler.ImportIdItem] = job.Id;
        await import.ExecuteAsync(job.Id, ct);
        db.ChangeTracker.Clear();
        var done = await db.Jobs.FindAsync([job.Id], ct);
        return TypedResults.Ok(ImportStatusDocument.From(done!));
    }

    private static async Task<Results<Ok<ImportStatusDocument>, ProblemHttpResult>> StatusAsync(
        long id, ClaimsPrincipal user, SkillsGapDbContext db, CancellationToken ct)
    {
        if (!AccessRules.IsHr(user)) return GapsEndpoints.Forbidden("Imports are for hr only.");
        var job = await db.Jobs.FindAsync([id], ct);
        if (job is null || job.Kind != "import") throw new NotFoundException($"Import {id} does not exist.");
        return TypedResults.Ok(ImportStatusDocument.From(job));
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is larger than the configured limit.",
        detail: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Uploads may be at most {limit} bytes (Host:MaxUploadBytes)."));
}
