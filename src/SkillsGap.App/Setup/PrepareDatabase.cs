using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;

namespace SkillsGap.App.Setup;

/// <summary>What <see cref="PrepareDatabase"/> did: whether the database held no employee, and the samples folder it loaded (or null).</summary>
public sealed record PreparedDatabase(bool WasEmpty, string? SamplesLoadedFrom);

/// <summary>
/// A host's start-up: applies the provider's migrations and, on a database with no employee, loads the samples (the
/// layout of data-samples/) when asked to — the embedded default's "look around at once".
/// </summary>
public sealed class PrepareDatabase(SkillsGapDbContext db, LoadSamples samples)
{
    /// <param name="loadSamples">Load the samples into an empty database.</param>
    /// <param name="samplesFolder">The folder; default data-samples/ beside the app or above the working directory.</param>
    public async Task<PreparedDatabase> RunAsync(bool loadSamples, string? samplesFolder, CancellationToken ct = default)
    {
        await SkillsGapDatabase.MigrateAsync(db, ct);
        var empty = !await db.Employees.AnyAsync(ct);
        if (!empty || !loadSamples) return new PreparedDatabase(empty, null);
        var folder = samplesFolder ?? LoadSamples.FindSamplesFolder();
        if (folder is null) return new PreparedDatabase(true, null);
        await samples.RunAsync(folder, ct: ct);
        return new PreparedDatabase(true, folder);
    }
}
