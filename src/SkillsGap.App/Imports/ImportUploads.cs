using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsGap.App.Jobs;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>
/// Settings of uploaded imports, under <c>Host</c> (where the web host's other upload settings are): uploads larger than
/// <see cref="BackgroundImportBytes"/> are imported by a background job; they wait in <see cref="UploadFolder"/>.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Host";

    /// <summary>Uploads larger than this, in bytes, are imported by a background job (202) instead of in the request (200).</summary>
    public long BackgroundImportBytes { get; set; } = 1024L * 1024;

    /// <summary>Where uploads wait for their import; with several hosts, a folder they all share. Default <c>&lt;data folder&gt;/uploads</c>.</summary>
    public string? UploadFolder { get; set; }
}

/// <summary>A file as uploaded: the name the client gave it, its length, and its bytes.</summary>
public sealed record Upload(string? FileName, long Length, Func<Stream> Open);

/// <summary>What an upload asks to import: the kind, the files, a dry run or not, skip invalid rows or not, and who asked.</summary>
public sealed record ImportSubmission(ImportKind Kind, IReadOnlyList<Upload> Files, bool DryRun = false, bool SkipInvalid = false, string? RequestedBy = null);

/// <summary>An upload whose import was rejected in the request (nothing written): the job that records it, and why.</summary>
public sealed class ImportJobRejectedException : InputRejectedException
{
    public ImportJobRejectedException(JobRecord job, InputRejectedException rejected)
        : base(rejected?.Message ?? "The import was rejected.", rejected?.Errors) => Job = job;

    public ImportJobRejectedException() : this("The import was rejected.") { }

    public ImportJobRejectedException(string message) : base(message) => Job = null!;

    public ImportJobRejectedException(string message, Exception inner) : base(message, inner) => Job = null!;

    /// <summary>The job row of the upload: its status resource.</summary>
    public JobRecord Job { get; }
}

/// <summary>
/// Uploads on their way to <see cref="ImportData"/>, the same for the API and the uploads page: the files are saved under
/// <see cref="UploadOptions.UploadFolder"/> (one folder per upload, so any host of a scale-out can run the job) and a
/// <c>jobs</c> row names them; a small upload is then imported in the caller's request, a large one queued as a background
/// job (<see cref="ImportJob"/>, which runs the same use case).
/// </summary>
public sealed class ImportUploads(JobLedger jobs, RunJob run, IBackgroundWork background, IOptions<UploadOptions> options,
    IOptions<SkillsGapOptions> app)
{
    /// <summary>Whether uploads of this many bytes in all are imported by a background job.</summary>
    public bool InBackground(long bytes) => bytes > options.Value.BackgroundImportBytes;

    /// <summary>
    /// Saves and records the upload, then imports it here (a small one; a rejection throws
    /// <see cref="ImportJobRejectedException"/>) or queues it (a large one). Returns the job as it stands.
    /// </summary>
    public async Task<JobRecord> SubmitAsync(ImportSubmission submission, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var job = await RecordAsync(submission, ct);
        if (InBackground(submission.Files.Sum(f => f.Length)))
        {
            await background.EnqueueJobAsync(job.Id, ct);
            return job;
        }
        try
        {
            return await run.RunAsync(job.Id, rethrowRejection: true, ct);
        }
        catch (InputRejectedException rejected)
        {
            throw new ImportJobRejectedException(await jobs.FindAsync(job.Id, CancellationToken.None) ?? job, rejected);
        }
    }

    /// <summary>Saves the files and records a queued import job for them, without running or queueing it.</summary>
    public async Task<JobRecord> RecordAsync(ImportSubmission submission, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Files.Count == 0) throw new InputRejectedException("No file to import.");
        var folder = Path.Combine(UploadRoot(), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var saved = new List<UploadedFile>();
        foreach (var upload in submission.Files)
        {
            var name = SafeName(upload.FileName, saved.Count);
            var path = Path.Combine(folder, $"{saved.Count}-{name}");
            await using (var source = upload.Open())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, ct);
            saved.Add(new UploadedFile(name, path, upload.Length));
        }
        return await jobs.CreateAsync(ImportJob.Kind,
            new ImportArguments(ImportKinds.Name(submission.Kind), submission.DryRun, saved, submission.SkipInvalid), submission.RequestedBy, ct);
    }

    /// <summary>Hands a recorded import job to the workers.</summary>
    public Task QueueAsync(long jobId, CancellationToken ct = default) => background.EnqueueJobAsync(jobId, ct);

    private string UploadRoot() =>
        string.IsNullOrWhiteSpace(options.Value.UploadFolder)
            ? Path.Combine(app.Value.ResolveDataFolder(), "uploads")
            : Path.GetFullPath(options.Value.UploadFolder);

    /// <summary>The uploaded file's own name, without any folder a client put in it (it names the file in every row error).</summary>
    public static string SafeName(string? fileName, int index)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        foreach (var bad in Path.GetInvalidFileNameChars()) name = name.Replace(bad, '_');
        return string.IsNullOrWhiteSpace(name) ? $"upload-{index}" : name;
    }
}

/// <summary>
/// The background import job (<c>jobs.kind</c> = <c>import</c>): the saved files of an upload through
/// <see cref="ImportData"/>, the outcome (or the row errors) and the first <c>imports</c> ledger row recorded in the job;
/// the files are deleted afterwards — except after a successful dry run, whose files are kept so that the uploads page can
/// import them as checked ("import these rows"; <see cref="DeleteUploads"/> once they are).
/// </summary>
public sealed class ImportJob(ImportData import, ILogger<ImportJob> log) : IJobHandler
{
    public const string Kind = "import";

    string IJobHandler.Kind => Kind;

    public async Task<JobOutcome> RunAsync(JobRecord job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var args = job.Arguments<ImportArguments>() ?? throw new InvalidOperationException($"Job {job.Id} has no arguments.");
        var keep = false;
        try
        {
            var kind = ImportKinds.Parse(args.Kind) ?? throw new InvalidOperationException($"Job {job.Id} names an unknown kind '{args.Kind}'.");
            var files = args.Files.Select(f => new InputFile(f.Name, () => File.OpenRead(f.Path))).ToList();
            var outcome = await import.RunAsync(new ImportRequest(kind, files, args.DryRun, InputFormat.Auto, args.SkipInvalid), ct);
            var result = ImportResultDocument.From(outcome);
            var ids = outcome.ImportIds;
            keep = args.DryRun;
            return new JobOutcome(JobLedger.Write(new ImportJobResult(result, result.Skipped, ids)), ids.Count > 0 ? ids[0] : null);
        }
        finally
        {
            if (!keep) DeleteUploads(args, log);
        }
    }

    public JobOutcome Rejection(InputRejectedException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        IReadOnlyList<long> ids = rejected is ImportRejectedException r ? r.ImportIds : [];
        return new JobOutcome(JobLedger.Write(new ImportJobResult(null, RowErrorDocument.From(rejected.Errors.Take(1000)), ids)),
            ids.Count > 0 ? ids[0] : null);
    }

    /// <summary>Deletes the saved files of an import (their folder).</summary>
    public static void DeleteUploads(ImportArguments args, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var folder in args.Files.Select(f => Path.GetDirectoryName(f.Path)).Distinct())
        {
            try
            {
                if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException e)
            {
                log.LogWarning(e, "Could not delete upload folder {Folder}", folder);
            }
        }
    }
}
