using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using SkillsGap.Data;
using SkillsGap.Data.Entities;

namespace SkillsGap.Host.Security;

/// <summary>
/// The embedded token signing key (HMAC-SHA256, 256 bits), kept in the shared <c>settings</c> table so that every host
/// and the <c>skillsgap token</c> command use the same one. The first to start creates it; a concurrent creator loses
/// the insert on the primary key and reads the winner's key.
/// </summary>
public sealed class SigningKeyStore(IDbContextFactory<SkillsGapDbContext> contexts, TimeProvider time)
{
    public const string SettingName = "auth-signing-key";
    private SymmetricSecurityKey? _key;

    /// <summary>The key once <see cref="GetOrCreateAsync"/> has run (the host's start-up does so before serving).</summary>
    public SymmetricSecurityKey Current => _key ?? throw new InvalidOperationException("The signing key has not been loaded yet.");

    public async Task<SymmetricSecurityKey> GetOrCreateAsync(CancellationToken ct = default)
    {
        if (_key is not null) return _key;
        await using var db = await contexts.CreateDbContextAsync(ct);
        _key = await GetOrCreateAsync(db, time.GetUtcNow(), ct);
        return _key;
    }

    /// <summary>Reads the key, inserting a fresh random one when there is none (insert-if-absent, race-safe).</summary>
    public static async Task<SymmetricSecurityKey> GetOrCreateAsync(SkillsGapDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await ReadAsync(db, ct);
        if (stored is not null) return stored;
        db.Settings.Add(new SettingEntity
        {
            Name = SettingName,
            Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another host inserted its key between our read and our insert: theirs is the key.
        }
        db.ChangeTracker.Clear();
        return await ReadAsync(db, ct) ?? throw new InvalidOperationException("The signing key could not be stored.");
    }

    private static async Task<SymmetricSecurityKey?> ReadAsync(SkillsGapDbContext db, CancellationToken ct)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Name == SettingName).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return value is null ? null : new SymmetricSecurityKey(Convert.FromBase64String(value)) { KeyId = SettingName };
    }
}
