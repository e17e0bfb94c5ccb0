using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.App.Jobs;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Security;
using SkillsGap.Ingestion;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// <c>POST /api/imports/{kind}</c> (multipart field <c>file</c>, <c>?dryRun=true</c>; hr only): the upload goes to
/// <see cref="ImportUploads"/>, which imports a small one in the request (200) and queues a large one as a background job
/// (202 + <c>Location</c>); either way the status resource is <c>GET /api/imports/{id}</c>, with the result, the row errors
/// and the <c>imports</c> ledger rows written.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>The multipart form of an upload, as the OpenAPI document describes it: the file (or files) in the field <c>file</c>.</summary>
    public sealed class ImportUpload
    {
        /// <summary>The CSV, XLSX or JSON file; Open Badges JSON, PNG or SVG for <c>openbadges</c>.</summary>
        public required IFormFile File { get; init; }
    }

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/imports", "Imports").RequireHr();
        group.MapPost("/{kind}", UploadAsync).WithName("Import").DisableAntiforgery()
            .WithSummary("Imports a file of one kind (hr): 200 when done in the request, 202 and a status resource for a large upload.")
            .Accepts<ImportUpload>("multipart/form-data")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id:long}", StatusAsync).WithName("ImportStatus")
            .WithSummary("The status of an import: queued, running, succeeded, rejected (with its row errors) or failed.")
            .Problems(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<Ok<ImportStatusDocument>, AcceptedAtRoute<ImportStatusDocument>>> UploadAsync(
        string kind, bool? dryRun, HttpContext http, ClaimsPrincipal user, ImportUploads uploads, IOptions<SkillsGapHostOptions> options,
        CancellationToken ct)
    {
        var chosen = ImportKinds.Parse(kind) ?? throw new InputRejectedException($"Unknown import kind '{kind}'; one of {ImportKinds.Names}.");
        var limit = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit) throw TooLarge(limit);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (!http.Request.HasFormContentType) throw new InputRejectedException("Send the file as multipart/form-data in the field 'file'.");

        var form = await UploadForms.ReadAsync(http.Request, limit, ct) ?? throw TooLarge(limit);
        var files = form.Files.GetFiles("file");
        if (files.Count == 0) throw new InputRejectedException("The multipart field 'file' is missing.");

        var job = await uploads.SubmitAsync(new ImportSubmission(chosen, UploadForms.Uploads(files), dryRun ?? false,
            RequestedBy: SkillsGapPrincipal.ActorOf(user)), ct);
        return job.Finished
            ? TypedResults.Ok(ImportStatusDocument.From(job))
            : TypedResults.AcceptedAtRoute(ImportStatusDocument.From(job), "ImportStatus", new { id = job.Id });
    }

    private static async Task<Ok<ImportStatusDocument>> StatusAsync(long id, JobLedger jobs, CancellationToken ct)
    {
        var job = await jobs.FindAsync(id, ct);
        if (job is null || job.Kind != ImportJob.Kind) throw new NotFoundException($"Import {id} does not exist.");
        return TypedResults.Ok(ImportStatusDocument.From(job));
    }

    private static BadHttpRequestException TooLarge(long limit) => new(
        string.Create(CultureInfo.InvariantCulture, $"Uploads may be at most {limit} bytes (Host:MaxUploadBytes)."), StatusCodes.Status413PayloadTooLarge);
}

/// <summary>Multipart uploads as the API and the uploads page read them: under the size limit, then handed to App as <see cref="Upload"/>s.</summary>
public static class UploadForms
{
    /// <summary>
    /// Reads a multipart form of at most <paramref name="limit"/> bytes (files above 64 KB are buffered on disk, not in
    /// memory); null when the upload is larger. A body that is cut short or is not valid multipart is a 400
    /// (<see cref="InputRejectedException"/>), not a 500.
    /// </summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (InvalidDataException overLimit) when (overLimit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The multipart reader's own length limits ("Multipart body length limit … exceeded").
            return null;
        }
        catch (InvalidDataException malformed)
        {
            throw new InputRejectedException($"The upload is not a valid multipart/form-data body: {malformed.Message}");
        }
        catch (IOException cut) when (!ct.IsCancellationRequested)
        {
            throw new InputRejectedException($"The upload ended before its multipart body was complete (was it cut short?): {cut.Message}");
        }
    }

    /// <summary>The form's files as uploads for <see cref="ImportUploads"/>.</summary>
    public static IReadOnlyList<Upload> Uploads(IEnumerable<IFormFile> files) =>
        [.. files.Select(f => new Upload(f.FileName, f.Length, f.OpenReadStream))];
}
