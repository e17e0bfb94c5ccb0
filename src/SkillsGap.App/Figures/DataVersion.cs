using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.App.Figures;

/// <summary>
/// A stamp in <c>settings</c> that every write of organisation data changes, so that each host's cached figures
/// know when they are stale — the stamp lives in the shared database, not in one host's memory.
/// </summary>
public static class DataVersion
{
    public const string SettingName = "data-version";

    /// <summary>Marks the data as changed; call inside the writing transaction, before its SaveChanges.</summary>
    public static async Task BumpAsync(SkillsGapDbContext db, DateTimeOffset now, CancellationToken ct = default)
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
