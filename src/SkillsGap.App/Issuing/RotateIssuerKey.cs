using SkillsGap.Data;

namespace SkillsGap.App.Issuing;

/// <summary>
/// `skillsgap issuer keys` and `skillsgap issuer rotate-key`: lists the organisation's signing keys, and retires the
/// current key for a new one. New credentials and new status lists are signed with the new key from then on; every
/// earlier key stays listed (the Profile at <c>/ob/issuer</c> names their dids) and keeps signing its own status lists,
/// so the credentials it signed still verify and can still be revoked.
/// </summary>
public sealed class RotateIssuerKey(SkillsGapDbContext db, IssuerKeys keys, BusinessCalendar calendar)
{
    /// <summary>Every key, oldest first.</summary>
    public Task<IReadOnlyList<IssuerKeyInfo>> ListAsync(CancellationToken ct = default) => keys.ListAsync(db, ct);

    /// <summary>Retires the current key (creating the first one if there is none yet) and returns the new current key.</summary>
    public async Task<(IssuerKeyInfo Retired, IssuerKeyInfo Current)> RunAsync(CancellationToken ct = default)
    {
        var (id, _) = await keys.CurrentAsync(db, calendar.Now, ct);
        var current = await keys.RotateAsync(db, calendar.Now, ct);
        var retired = (await keys.ListAsync(db, ct)).Single(k => k.Id == id);
        return (retired, current);
    }
}
