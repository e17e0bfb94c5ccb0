using SkillsGap.Data;

namespace SkillsGap.App.Setup;

/// <summary>Creates the database if needed and applies the provider's migrations.</summary>
public sealed class InitDatabase(SkillsGapDbContext db)
{
    public Task RunAsync(CancellationToken ct = default) => SkillsGapDatabase.MigrateAsync(db, ct);
}
