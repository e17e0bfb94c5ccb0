using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion.OpenBadges.Issuing;

namespace SkillsGap.App.Issuing;

/// <summary>One of the organisation's signing keys, as listed (no private half).</summary>
public sealed record IssuerKeyInfo(int Id, string Did, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, bool Encrypted);

/// <summary>The issuer's signing key cannot be used: encrypted without the right <c>Issuer:KeySecret</c>.</summary>
public sealed class IssuerKeyUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>
/// The organisation's Ed25519 signing keys in <c>issuer_keys</c>, shared by every host. The first key is created on
/// first use (id 1: two hosts creating it at once collide on the primary key, and the loser reads the winner's). A
/// rotation retires the current key and adds the next id; retired keys stay, because the credentials they signed stay
/// valid and their status lists are still signed with them. With <c>Issuer:KeySecret</c> the private half is stored
/// encrypted (AES-256-GCM under a PBKDF2-SHA256 key, the did as associated data); a key stored unencrypted is
/// encrypted the first time it is used with a secret configured. Decrypted keys are kept for the process's life.
/// </summary>
public sealed class IssuerKeys(IOptions<IssuerOptions> options)
{
    private const string Plain = "plain:";
    private const string Encrypted = "aes256gcm:v1:";
    private const int Pbkdf2Iterations = 210_000;

    private readonly ConcurrentDictionary<string, IssuerSigningKey> _unlocked = new(StringComparer.Ordinal);

    private string? Secret => string.IsNullOrEmpty(options.Value.KeySecret) ? null : options.Value.KeySecret;

    /// <summary>The key that signs new credentials, creating the first one if there is none.</summary>
    public async Task<(int Id, IssuerSigningKey Key)> CurrentAsync(SkillsGapDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // One read of every key (there are few), so that a key another host adds meanwhile cannot look like "all retired".
            var rows = await db.IssuerKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
            if (rows.FirstOrDefault(k => k.RetiredAt is null) is { } row) return (row.Id, await UnlockAsync(db, row, ct));
            if (rows.Count > 0) throw new IssuerKeyUnavailableException("Every issuer key is retired; rotate to create a new one.");
            await TryInsertAsync(db, 1, now, ct);
        }
        throw new InvalidOperationException("The issuer key could not be created.");
    }

    /// <summary>The key with id <paramref name="id"/> (retired or not), for signing its status lists.</summary>
    public async Task<IssuerSigningKey> ByIdAsync(SkillsGapDbContext db, int id, CancellationToken ct = default)
    {
        var row = await db.IssuerKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct)
            ?? throw new InvalidOperationException($"Issuer key {id} does not exist.");
        return await UnlockAsync(db, row, ct);
    }

    /// <summary>Every key, oldest first.</summary>
    public async Task<IReadOnlyList<IssuerKeyInfo>> ListAsync(SkillsGapDbContext db, CancellationToken ct = default) =>
        [.. (await db.IssuerKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct))
            .Select(k => new IssuerKeyInfo(k.Id, k.Did, k.CreatedAt, k.RetiredAt, k.PrivateKey.StartsWith(Encrypted, StringComparison.Ordinal)))];

    /// <summary>Retires the current key and creates the next; returns the new current key.</summary>
    public async Task<IssuerKeyInfo> RotateAsync(SkillsGapDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var (currentId, _) = await CurrentAsync(db, now, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Only the rotation that retires the current key may add the next one; a concurrent rotation changes no row here.
            var retired = await db.IssuerKeys.Where(k => k.Id == currentId && k.RetiredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, now), ct);
            if (retired == 1 && await TryInsertAsync(db, currentId + 1, now, ct)) await transaction.CommitAsync(ct);
            else await transaction.RollbackAsync(ct);
        }
        var (id, key) = await CurrentAsync(db, now, ct);
        return (await ListAsync(db, ct)).Single(k => k.Id == id && k.Did == key.Did);
    }

    private async Task<bool> TryInsertAsync(SkillsGapDbContext db, int id, DateTimeOffset now, CancellationToken ct)
    {
        var key = IssuerSigningKey.Generate();
        db.IssuerKeys.Add(new IssuerKeyEntity { Id = id, Did = key.Did, PrivateKey = Protect(key), CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            _unlocked[key.Did] = key;
            return true;
        }
        catch (DbUpdateException)
        {
            // Another host created this key first: it is the one to use.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<IssuerSigningKey> UnlockAsync(SkillsGapDbContext db, IssuerKeyEntity row, CancellationToken ct)
    {
        if (_unlocked.TryGetValue(row.Did, out var cached)) return cached;
        IssuerSigningKey key;
        if (row.PrivateKey.StartsWith(Plain, StringComparison.Ordinal))
        {
            key = IssuerSigningKey.FromSeed(Convert.FromBase64String(row.PrivateKey[Plain.Length..]));
            if (Secret is not null)
            {
                var stored = row.PrivateKey;
                var encrypted = Protect(key);
                await db.IssuerKeys.Where(k => k.Id == row.Id && k.PrivateKey == stored)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.PrivateKey, encrypted), ct);
            }
        }
        else if (row.PrivateKey.StartsWith(Encrypted, StringComparison.Ordinal)) key = Decrypt(row);
        else throw new IssuerKeyUnavailableException($"Issuer key {row.Id} is stored in an unknown form.");
        if (key.Did != row.Did) throw new IssuerKeyUnavailableException($"Issuer key {row.Id} does not match its did {row.Did}.");
        _unlocked[row.Did] = key;
        return key;
    }

    private string Protect(IssuerSigningKey key)
    {
        var seed = key.ExportSeed();
        if (Secret is not string secret) return Plain + Convert.ToBase64String(seed);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[seed.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(Kek(secret, salt), tag.Length))
            aes.Encrypt(nonce, seed, cipher, tag, Encoding.UTF8.GetBytes(key.Did));
        return Encrypted + string.Join(':', Convert.ToBase64String(salt), Convert.ToBase64String(nonce), Convert.ToBase64String(cipher), Convert.ToBase64String(tag));
    }

    private IssuerSigningKey Decrypt(IssuerKeyEntity row)
    {
        if (Secret is not string secret)
            throw new IssuerKeyUnavailableException($"The issuer's signing key {row.Id} is stored encrypted: set Issuer:KeySecret to the secret it was stored with (the same on every host).");
        var parts = row.PrivateKey[Encrypted.Length..].Split(':');
        if (parts.Length != 4) throw new IssuerKeyUnavailableException($"Issuer key {row.Id} is damaged.");
        var (salt, nonce, cipher, tag) = (Convert.FromBase64String(parts[0]), Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        var seed = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(Kek(secret, salt), tag.Length);
            aes.Decrypt(nonce, cipher, tag, seed, Encoding.UTF8.GetBytes(row.Did));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new IssuerKeyUnavailableException($"The issuer's signing key {row.Id} does not decrypt with the configured Issuer:KeySecret (a different secret?).", e);
        }
        return IssuerSigningKey.FromSeed(seed);
    }

    private static byte[] Kek(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
}
