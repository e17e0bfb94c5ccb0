using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Ingestion;

namespace SkillsGap.Host.Pages;

/// <summary>
/// HR's uploads: one file of a chosen kind, its row errors shown, and the recent imports. A file up to
/// <c>Host:BackgroundImportBytes</c> is imported in the request; a larger one becomes a background import job (as in the
/// API), and the page follows it (<c>/uploads?job=ID</c>) until it shows the same result or row errors.
/// </summary>
// The form is read here under the upload limit before its antiforgery token is checked (by hand, below), so that a
// file over the limit gets a page that says so rather than a bare 400 or 413.
[IgnoreAntiforgeryToken]
public sealed class UploadsModel(ImportFiles import, ImportUploads uploads, SkillsGapDbContext db, IAntiforgery antiforgery,
    IOptions<SkillsGapHostOptions> host) : SkillsGapPageModel
{
    private const int LedgerSize = 20;

    /// <summary>The kinds offered, in the order HR loads them.</summary>
    public static IReadOnlyList<ImportKind> Kinds { get; } = [ImportKind.Skills, ImportKind.Roles, ImportKind.Badges, ImportKind.Employees, ImportKind.Awards];

    public ImportKind? Kind { get; private set; }

    public bool DryRun { get; private set; }

    public bool SkipInvalid { get; private set; }

    /// <summary>What the last post or the followed job did; null before any (and while the job is not done).</summary>
    public UploadResult? Result { get; private set; }

    /// <summary>The background import this page follows; null when none.</summary>
    public UploadJob? Job { get; private set; }

    public IReadOnlyList<LedgerLine> Ledger { get; private set; } = [];

    /// <summary>The largest upload, in bytes (<c>Host:MaxUploadBytes</c>).</summary>
    public long MaxUploadBytes => host.Value.MaxUploadBytes;

    /// <summary>Uploads above this many bytes are imported in the background (<c>Host:BackgroundImportBytes</c>).</summary>
    public long BackgroundImportBytes => host.Value.BackgroundImportBytes;

    /// <summary>What a file over the limit is told (the script puts the file's name in place of <c>{name}</c>).</summary>
    public string TooLargeMessage(string file) =>
        $"{file} is larger than the upload limit of {Format.Bytes(MaxUploadBytes)} (Host:MaxUploadBytes); nothing was imported. Split the file, or ask an administrator to raise the limit.";

    public async Task<IActionResult> OnGetAsync(long? job, CancellationToken ct)
    {
        if (!Allowed()) return Denied("Uploads are for HR only.");
        if (job is long id)
        {
            var entity = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Kind == "import", ct);
            if (entity is null) return Missing($"Import job {Format.Count(id)} does not exist.");
            Follow(entity);
        }
        await LoadLedgerAsync(ct);
        return Page();
    }

    /// <summary><c>/uploads?handler=Status&amp;job=ID</c>: the job's status as JSON, for the page's script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(long job, CancellationToken ct)
    {
        if (!Allowed()) return StatusCode(StatusCodes.Status403Forbidden);
        var entity = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == job && j.Kind == "import", ct);
        if (entity is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { id = entity.Id, status = entity.Status, finished = IsFinished(entity.Status) });
    }

    // No handler parameters: model binding would read the form before the size is checked here.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!Allowed()) return Denied("Uploads are for HR only.");
        var limit = MaxUploadBytes;
        if (Request.ContentLength > limit) return await TooLargeAsync(null, ct);
        if (!Request.HasFormContentType) return await InvalidAsync("The form must be sent as multipart/form-data.", ct);

        if (await ImportUploads.ReadFormAsync(Request, limit, ct) is not { } form) return await TooLargeAsync(null, ct);
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return await InvalidAsync("The form had expired or did not come from this site; nothing was imported. Choose the file again and upload.", ct);
        }

        Kind = Enum.TryParse<ImportKind>(form["Kind"], ignoreCase: true, out var parsed) && Kinds.Contains(parsed) ? parsed : null;
        DryRun = IsChecked(form["DryRun"]);
        SkipInvalid = IsChecked(form["SkipInvalid"]);
        var upload = form.Files.GetFile("Upload");
        if (Kind is null) ModelState.AddModelError(nameof(Kind), "Choose what the file holds.");
        if (upload is null || upload.Length == 0) ModelState.AddModelError("Upload", "Choose a non-empty file.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadLedgerAsync(ct);
            return Page();
        }

        var chosen = Kind!.Value;
        var name = ImportUploads.SafeName(upload!.FileName, 0);
        if (uploads.InBackground(upload.Length))
        {
            var job = await uploads.CreateJobAsync(chosen.ToString().ToLowerInvariant(), DryRun, SkipInvalid, [upload], User.Identity?.Name, ct);
            uploads.Enqueue(job.Id);
            return RedirectToPage(new { job = job.Id });
        }

        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        var file = new InputFile(name, () => new MemoryStream(bytes, writable: false));
        try
        {
            var outcome = await import.RunAsync(new ImportRequest(chosen, [file], DryRun, InputFormat.Auto, SkipInvalid), ct);
            Result = new UploadResult(name, chosen, Rejected: false, outcome.DryRun, Message(outcome.DryRun, outcome.Files.Sum(f => f.Records), outcome.Total), outcome.Skipped);
        }
        catch (InputRejectedException rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Result = new UploadResult(name, chosen, Rejected: true, DryRun, rejected.Message, rejected.Errors);
        }
        await LoadLedgerAsync(ct);
        return Page();
    }

    /// <summary>Shows a followed job: its state while queued or running, then its result or row errors.</summary>
    private void Follow(JobEntity entity)
    {
        var args = JobLedger.Read<ImportArguments>(entity.ArgumentsJson);
        var file = args?.Files.FirstOrDefault()?.Name ?? "upload";
        ImportKind? kind = Enum.TryParse<ImportKind>(args?.Kind, ignoreCase: true, out var k) ? k : null;
        Job = new UploadJob(entity.Id, file, args?.Kind ?? "", entity.Status, args?.DryRun ?? false, entity.CreatedAt, entity.StartedAt, IsFinished(entity.Status));
        if (!Job.Finished) return;
        var outcome = JobLedger.Read<ImportJobResult>(entity.ResultJson);
        var errors = (outcome?.Errors ?? []).Select(e => new RowError(e.File, e.Sheet, e.Row, e.Column, e.Value, e.Reason)).ToList();
        Result = entity.Status switch
        {
            JobLedger.Succeeded when outcome?.Result is { } r => new UploadResult(file, kind, Rejected: false, r.DryRun,
                Message(r.DryRun, r.Files.Sum(f => f.Records), new ChangeCounts(r.Total.Inserted, r.Total.Updated, r.Total.Unchanged)), errors),
            JobLedger.Rejected => new UploadResult(file, kind, Rejected: true, Job.DryRun, entity.Error ?? "The file was rejected; nothing was written.", errors),
            _ => new UploadResult(file, kind, Rejected: true, Job.DryRun, $"The import failed: {entity.Error ?? "no reason was recorded"}. Nothing was written.", errors, Failed: true),
        };
    }

    private async Task<IActionResult> TooLargeAsync(string? file, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        ModelState.Clear();
        ModelState.AddModelError("Upload", TooLargeMessage(file ?? "The file"));
        await LoadLedgerAsync(ct);
        return Page();
    }

    private async Task<IActionResult> InvalidAsync(string message, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        ModelState.AddModelError(string.Empty, message);
        await LoadLedgerAsync(ct);
        return Page();
    }

    private static bool IsChecked(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(v, "on", StringComparison.OrdinalIgnoreCase));

    private static bool IsFinished(string status) => status is JobLedger.Succeeded or JobLedger.Rejected or JobLedger.Failed;

    private bool Allowed() => AccessRules.IsHr(User);

    private static string Message(bool dryRun, int records, ChangeCounts total)
    {
        var verb = dryRun ? "Dry run — would change" : "Imported";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{verb}: {records} record(s); {total.Inserted} inserted, {total.Updated} updated, {total.Unchanged} unchanged.");
    }

    private async Task LoadLedgerAsync(CancellationToken ct)
    {
        var rows = await db.Imports.AsNoTracking().OrderByDescending(i => i.Id).Take(LedgerSize).ToListAsync(ct);
        Ledger = [.. rows.Select(r => new LedgerLine(r.Id, r.StartedAt, r.Kind, r.FileName, r.Status, r.DryRun, r.Inserted, r.Updated, r.Unchanged, r.ErrorCount))];
    }
}

/// <summary>The outcome of one upload: accepted (with any rows skipped), rejected with its row errors, or failed.</summary>
public sealed record UploadResult(string File, ImportKind? Kind, bool Rejected, bool DryRun, string Message, IReadOnlyList<RowError> Errors, bool Failed = false)
{
    /// <summary>The result's heading word.</summary>
    public string Heading => Failed ? "Failed" : Rejected ? "Rejected" : DryRun ? "Checked" : "Imported";
}

/// <summary>A background import the page follows: which file, and where it is (queued, running, or finished).</summary>
public sealed record UploadJob(long Id, string File, string Kind, string Status, bool DryRun, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, bool Finished);

/// <summary>One line of the imports ledger.</summary>
public sealed record LedgerLine(long Id, DateTimeOffset StartedAt, string Kind, string File, string Status, bool DryRun, int Inserted, int Updated, int Unchanged, int Errors);
