using Hangfire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SkillsGap.App;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.Host.Jobs;

/// <summary>
/// Uploads on their way to an import, shared by the API and the uploads page: the files are saved under
/// <c>Host:UploadFolder</c> (one folder per upload, so any host of a scale-out can run the job) and a <c>jobs</c> row
/// names them; a large upload is then queued as a Hangfire job, a small one imported by the caller at once.
/// </summary>
public sealed class ImportUploads(SkillsGapDbContext db, IBackgroundJobClient jobs, IOptions<SkillsGapHostOptions> host,
    IOptions<SkillsGapOptions> app, BusinessCalendar calendar)
{
    /// <summary>Reads a multipart form of at most <paramref name="limit"/> bytes; null when the upload is larger.</summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (InvalidDataException)
        {
            // The multipart reader's own length limit.
            return null;
        }
    }

    /// <summary>Whether uploads of this many bytes in all are imported by a background job (above <c>Host:BackgroundImportBytes</c>).</summary>
    public bool InBackground(long bytes) => bytes > host.Value.BackgroundImportBytes;

    /// <summary>Saves the files and records a queued import job for them.</summary>
    public async Task<JobEntity> CreateJobAsync(string kind, bool dryRun, bool skipInvalid, IReadOnlyList<IFormFile> files,
        string? requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folder = Path.Combine(UploadRoot(), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var saved = new List<UploadedFile>();
        foreach (var upload in files)
        {
            var name = SafeName(upload.FileName, saved.Count);
            var path = Path.Combine(folder, $"{saved.Count}-{name}");
            await using (var target = File.Create(path))
                await upload.CopyToAsync(target, ct);
            saved.Add(new UploadedFile(name, path, upload.Length));
        }

        var job = new JobEntity
        {
            Kind = "import",
            Status = JobLedger.Queued,
            RequestedBy = requestedBy,
            CreatedAt = calendar.Now,
            ArgumentsJson = JobLedger.Write(new ImportArguments(kind, dryRun, saved, skipInvalid)),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Hands a recorded import job to the Hangfire workers.</summary>
    public void Enqueue(long jobId) => jobs.Enqueue<ImportJob>(j => j.RunAsync(jobId, CancellationToken.None));

    private string UploadRoot() =>
        string.IsNullOrWhiteSpace(host.Value.UploadFolder) ? Path.Combine(app.Value.ResolveDataFolder(), "uploads") : Path.GetFullPath(host.Value.UploadFolder);

    /// <summary>The uploaded file's own name, without any folder a client put in it (it names the file in every row error).</summary>
    public static string SafeName(string? fileName, int index)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        foreach (var bad in Path.GetInvalidFileNameChars()) name = name.Replace(bad, '_');
        return string.IsNullOrWhiteSpace(name) ? $"upload-{index}" : name;
    }
}
