using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SkillsGap.App.Imports;
using SkillsGap.App.Jobs;
using SkillsGap.Core.Domain;
using SkillsGap.Host.Endpoints;
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
public sealed class UploadsModel(ImportUploads uploads, JobLedger jobs, ImportLedger ledger, IAntiforgery antiforgery,
    IOptions<SkillsGapHostOptions> host, IOptions<UploadOptions> upload) : SkillsGapPageModel
{
    private const int LedgerSize = 20;

    /// <summary>The kinds offered: every kind of the one list, in the order HR loads them.</summary>
    public static IReadOnlyList<ImportKind> Kinds => ImportKinds.All;

    /// <summary>A kind as the page names it.</summary>
    public static string KindLabel(ImportKind kind) => kind == ImportKind.OpenBadges ? "open badges (earned)" : ImportKinds.Name(kind);

    public ImportKind? Kind { get; private set; }

    public bool DryRun { get; private set; }

    public bool SkipInvalid { get; private set; }

    /// <summary>What the last post or the followed job did; null before any (and while the job is not done).</summary>
    public UploadResult? Result { get; private set; }

    /// <summary>The background import this page follows; null when none.</summary>
    public UploadJob? Job { get; private set; }

    public IReadOnlyList<ImportLine> Ledger { get; private set; } = [];

    /// <summary>A successful dry run whose files can now be imported as they are ("import these rows").</summary>
    public long? CheckedJobId { get; private set; }

    /// <summary>When the chosen kind misses required columns that another kind has: that kind.</summary>
    public ImportKind? LikelyKind { get; private set; }

    /// <summary>The largest upload, in bytes (<c>Host:MaxUploadBytes</c>).</summary>
    public long MaxUploadBytes => host.Value.MaxUploadBytes;

    /// <summary>Uploads above this many bytes are imported in the background (<c>Host:BackgroundImportBytes</c>).</summary>
    public long BackgroundImportBytes => upload.Value.BackgroundImportBytes;

    /// <summary>What a file over the limit is told (the script puts the file's name in place of <c>{name}</c>).</summary>
    public string TooLargeMessage(string file) =>
        $"{file} is larger than the upload limit of {Format.Bytes(MaxUploadBytes)} (Host:MaxUploadBytes); nothing was imported. Split the file, or ask an administrator to raise the limit.";

    public async Task<IActionResult> OnGetAsync(long? job, CancellationToken ct)
    {
        if (!Allowed()) return Denied("Uploads are for HR only.");
        if (job is long id)
        {
            var entity = await FindImportJobAsync(id, ct);
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
        var entity = await FindImportJobAsync(job, ct);
        if (entity is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { id = entity.Id, status = entity.Status, finished = entity.Finished });
    }

    // No handler parameters: model binding would read the form before the size is checked here.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!Allowed()) return Denied("Uploads are for HR only.");
        var limit = MaxUploadBytes;
        if (Request.ContentLength > limit) return await TooLargeAsync(null, ct);
        if (!Request.HasFormContentType) return await InvalidAsync("The form must be sent as multipart/form-data.", ct);

        if (await UploadForms.ReadAsync(Request, limit, ct) is not { } form) return await TooLargeAsync(null, ct);
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
        var file = form.Files.GetFile("Upload");
        if (Kind is null) ModelState.AddModelError(nameof(Kind), "Choose what the file holds.");
        if (file is null || file.Length == 0) ModelState.AddModelError("Upload", "Choose a non-empty file.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadLedgerAsync(ct);
            return Page();
        }

        var chosen = Kind!.Value;
        var name = ImportUploads.SafeName(file!.FileName, 0);
        try
        {
            var job = await uploads.SubmitAsync(new ImportSubmission(chosen, UploadForms.Uploads([file]), DryRun, SkipInvalid, SkillsGapPrincipal.ActorOf(User)), ct);
            if (!job.Finished) return RedirectToPage(new { job = job.Id });
            var outcome = job.Result<ImportJobResult>();
            if (outcome?.Result is { DryRun: true } && job.Status == JobLedger.Succeeded) CheckedJobId = job.Id;
            Result = outcome?.Result is { } r
                ? new UploadResult(name, chosen, Rejected: false, r.DryRun, Message(r), Errors(outcome.Errors))
                : new UploadResult(name, chosen, Rejected: true, DryRun, $"The import failed: {job.Error ?? "no reason was recorded"}. Nothing was written.", [], Failed: true);
        }
        catch (InputRejectedException rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Result = new UploadResult(name, chosen, Rejected: true, DryRun, rejected.Message, rejected.Errors);
            if (chosen != ImportKind.OpenBadges && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                LikelyKind = ImportColumns.LikelyKind(ImportColumns.CsvHeader(file.OpenReadStream()), chosen);
        }
        await LoadLedgerAsync(ct);
        return Page();
    }

    /// <summary>"Import these rows": imports the files a successful dry run checked, as they were uploaded.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(long job)
    {
        var ct = HttpContext.RequestAborted;
        if (!Allowed()) return Denied("Uploads are for HR only.");
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return await InvalidAsync("The form had expired or did not come from this site; nothing was imported.", ct);
        }
        var checkedJob = await FindImportJobAsync(job, ct);
        var args = checkedJob?.Arguments<ImportArguments>();
        if (checkedJob is null || args is null || !args.DryRun || checkedJob.Status != JobLedger.Succeeded
            || ImportKinds.Parse(args.Kind) is not ImportKind kind || args.Files.Any(f => !System.IO.File.Exists(f.Path)))
            return await InvalidAsync("That checked file can no longer be imported; choose it again and upload.", ct);
        Kind = kind;
        SkipInvalid = args.SkipInvalid;
        var name = args.Files.FirstOrDefault()?.Name ?? "upload";
        try
        {
            var files = args.Files.Select(f => new Upload(f.Name, f.Length, () => System.IO.File.OpenRead(f.Path))).ToList();
            var submitted = await uploads.SubmitAsync(new ImportSubmission(kind, files, DryRun: false, args.SkipInvalid, User.Identity?.Name), ct);
            ImportJob.DeleteUploads(args, HttpContext.RequestServices.GetRequiredService<ILogger<UploadsModel>>());
            if (!submitted.Finished) return RedirectToPage(new { job = submitted.Id });
            var outcome = submitted.Result<ImportJobResult>();
            Result = outcome?.Result is { } r
                ? new UploadResult(name, kind, Rejected: false, r.DryRun, Message(r), Errors(outcome.Errors))
                : new UploadResult(name, kind, Rejected: true, false, $"The import failed: {submitted.Error ?? "no reason was recorded"}. Nothing was written.", [], Failed: true);
        }
        catch (InputRejectedException rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Result = new UploadResult(name, kind, Rejected: true, false, rejected.Message, rejected.Errors);
        }
        await LoadLedgerAsync(ct);
        return Page();
    }

    /// <summary>The CSV template of a kind: its columns and one example row.</summary>
    public IActionResult OnGetTemplate(string kind)
    {
        if (!Allowed()) return Denied("Uploads are for HR only.");
        if (ImportKinds.Parse(kind) is not ImportKind k || !ImportColumns.Of.ContainsKey(k)) return Missing("There is no template for that kind.");
        return File(ImportColumns.Template(k), "text/csv", $"{ImportKinds.Name(k)}-template.csv");
    }

    private async Task<JobRecord?> FindImportJobAsync(long id, CancellationToken ct) =>
        await jobs.FindAsync(id, ct) is { Kind: ImportJob.Kind } job ? job : null;

    /// <summary>Shows a followed job: its state while queued or running, then its result or row errors.</summary>
    private void Follow(JobRecord entity)
    {
        var args = entity.Arguments<ImportArguments>();
        var file = args?.Files.FirstOrDefault()?.Name ?? "upload";
        var kind = ImportKinds.Parse(args?.Kind);
        Job = new UploadJob(entity.Id, file, args?.Kind ?? "", entity.Status, args?.DryRun ?? false, entity.CreatedAt, entity.StartedAt, entity.Finished);
        if (!Job.Finished) return;
        var outcome = entity.Result<ImportJobResult>();
        var errors = Errors(outcome?.Errors ?? []);
        if (entity.Status == JobLedger.Succeeded && outcome?.Result is { DryRun: true }) CheckedJobId = entity.Id;
        Result = entity.Status switch
        {
            JobLedger.Succeeded when outcome?.Result is { } r => new UploadResult(file, kind, Rejected: false, r.DryRun, Message(r), errors),
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

    private bool Allowed() => AccessRules.IsHr(User);

    private static IReadOnlyList<RowError> Errors(IEnumerable<RowErrorDocument> errors) => [.. errors.Select(e => e.ToRowError())];

    private static string Message(ImportResultDocument result)
    {
        var verb = result.DryRun ? "Dry run — would change" : "Imported";
        var total = result.Total;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{verb}: {result.Files.Sum(f => f.Records)} record(s); {total.Inserted} inserted, {total.Updated} updated, {total.Unchanged} unchanged.");
    }

    private async Task LoadLedgerAsync(CancellationToken ct) => Ledger = await ledger.RecentAsync(LedgerSize, ct);
}

/// <summary>The outcome of one upload: accepted (with any rows skipped), rejected with its row errors, or failed.</summary>
public sealed record UploadResult(string File, ImportKind? Kind, bool Rejected, bool DryRun, string Message, IReadOnlyList<RowError> Errors, bool Failed = false)
{
    /// <summary>The result's heading word.</summary>
    public string Heading => Failed ? "Failed" : Rejected ? "Rejected" : DryRun ? "Checked" : "Imported";
}

/// <summary>A background import the page follows: which file, and where it is (queued, running, or finished).</summary>
public sealed record UploadJob(long Id, string File, string Kind, string Status, bool DryRun, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, bool Finished);
