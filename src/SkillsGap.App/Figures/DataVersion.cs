using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Figures;

/// <summary>
/// A stamp in <c>settings</c> that every write of organisation data changes, so that each host's cached figures
/// know when they are stale — the stamp lives in the shared database, not in one host's memory. Only
/// <see cref="Writes.DataWrite"/> changes it: writers go through that, never here.
/// </summary>
public static class DataVersion
{
    public const string SettingName = "data-version";

    private static long s_localWrites;

    /// <summary>How many writes this process has committed; caches re-read the stamp at once when it moves.</summary>
    public static long LocalWrites => Interlocked.Read(ref s_localWrites);

    /// <summary>After the writing transaction commits: this process's caches see the write immediately.</summary>
    internal static void NoteCommitted() => Interlocked.Increment(ref s_localWrites);

    /// <summary>Marks the data as changed, inside the writing transaction.</summary>
    internal static async Task BumpAsync(SkillsGapDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var stamp = Guid.NewGuid().ToString("N");
        var row = await db.Settings.FindAsync([SettingName], ct);
        if (row is null) db.Settings.Add(new SettingEntity { Name = SettingName, Value = stamp, UpdatedAt = now });
        else
        {
            row.Value = stamp;
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The current stamp, empty before the first write.</summary>
    public static async Task<string> ReadAsync(SkillsGapDbContext db, CancellationToken ct = default) =>
        await db.Settings.AsNoTracking().Where(s => s.Name == SettingName).Select(s => s.Value).FirstOrDefaultAsync(ct) ?? "";
}
