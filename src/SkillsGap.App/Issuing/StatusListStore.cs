using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion.OpenBadges.Issuing;

namespace SkillsGap.App.Issuing;

/// <summary>A reserved place in a status list: the list's number and the bit's index.</summary>
public sealed record StatusSlot(int ListId, int Index);

/// <summary>
/// The revocation status lists in <c>status_lists</c>: each belongs to one signing key (a verifier requires the list's
/// issuer to be the credential's), holds <see cref="BitstringStatusLists.DefaultSize"/> entries handed out in a keyed
/// random order, and keeps its signed <c>BitstringStatusListCredential</c>, re-signed whenever a bit changes. Indexes
/// are reserved with a conditional UPDATE of the list's counter, so hosts never hand out one index twice.
/// </summary>
public sealed class StatusListStore(IssuerKeys keys)
{
    /// <summary>The URL a list is published at.</summary>
    public static string ListUrl(IssuerOptions options, int listId) =>
        $"{options.BaseUrl}/ob/status/{listId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reserves <paramref name="count"/> indexes in the revocation lists of key <paramref name="keyId"/> (outside any transaction).</summary>
    public async Task<IReadOnlyList<StatusSlot>> ReserveAsync(SkillsGapDbContext db, IssuerOptions options, int keyId, int count, DateTimeOffset now, CancellationToken ct = default)
    {
        var slots = new List<StatusSlot>(count);
        var attempts = 0;
        while (slots.Count < count)
        {
            if (++attempts > 1000) throw new InvalidOperationException("Status list indexes could not be reserved (too much contention).");
            var list = await db.StatusLists.AsNoTracking()
                .Where(l => l.KeyId == keyId && l.Purpose == BitstringStatusLists.Revocation && l.Allocated < l.Size)
                .OrderBy(l => l.Id).FirstOrDefaultAsync(ct);
            if (list is null)
            {
                await TryCreateAsync(db, options, keyId, now, ct);
                continue;
            }
            var seen = list.Allocated;
            var take = Math.Min(count - slots.Count, list.Size - seen);
            var reserved = await db.StatusLists.Where(l => l.Id == list.Id && l.Allocated == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Allocated, seen + take), ct);
            if (reserved == 0) continue; // another writer moved the counter first: read it again
            for (var sequence = seen; sequence < seen + take; sequence++)
                slots.Add(new StatusSlot(list.Id, BitstringStatusLists.IndexOf(sequence, list.Size, unchecked((ulong)list.IndexKey))));
        }
        return slots;
    }

    /// <summary>
    /// Locks list <paramref name="listId"/> for the writing transaction: bumping its revision locks its row until the
    /// transaction ends. Call first, before marking credentials revoked, so that two revocations of one list cannot each
    /// sign a list without the other's bit.
    /// </summary>
    public static async Task LockAsync(SkillsGapDbContext db, int listId, CancellationToken ct) =>
        await db.StatusLists.Where(l => l.Id == listId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Revision, l => l.Revision + 1), ct);

    /// <summary>Re-signs list <paramref name="listId"/> from the revoked credentials it holds now (after <see cref="LockAsync"/> and the changes are saved).</summary>
    public async Task ResignAsync(SkillsGapDbContext db, IssuerOptions options, int listId, DateTimeOffset now, CancellationToken ct)
    {
        var list = await db.StatusLists.AsNoTracking().FirstAsync(l => l.Id == listId, ct);
        var revoked = await db.IssuedCredentials.AsNoTracking()
            .Where(c => c.StatusListId == listId && c.RevokedAt != null).Select(c => c.StatusIndex).ToListAsync(ct);
        var key = await keys.ByIdAsync(db, list.KeyId, ct);
        var document = BitstringStatusLists.Issue(ListUrl(options, listId), key, BitstringStatusLists.Bits(list.Size, revoked), now, list.Purpose);
        await db.StatusLists.Where(l => l.Id == listId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Document, document).SetProperty(l => l.UpdatedAt, now), ct);
    }

    /// <summary>The signed status list credential of list <paramref name="listId"/>, or null.</summary>
    public static async Task<string?> DocumentAsync(SkillsGapDbContext db, int listId, CancellationToken ct = default) =>
        await db.StatusLists.AsNoTracking().Where(l => l.Id == listId).Select(l => l.Document).FirstOrDefaultAsync(ct);

    private async Task TryCreateAsync(SkillsGapDbContext db, IssuerOptions options, int keyId, DateTimeOffset now, CancellationToken ct)
    {
        // Only the newest list may be followed by a new one, and only once it is full or belongs to another key: a writer
        // that read "no list with room" just before another created one must not create a second list beside it.
        var newest = await db.StatusLists.AsNoTracking().OrderByDescending(l => l.Id)
            .Select(l => new { l.Id, l.KeyId, l.Purpose, l.Allocated, l.Size }).FirstOrDefaultAsync(ct);
        if (newest is not null && newest.KeyId == keyId && newest.Purpose == BitstringStatusLists.Revocation && newest.Allocated < newest.Size)
            return;
        var id = (newest?.Id ?? 0) + 1;
        var key = await keys.ByIdAsync(db, keyId, ct);
        var size = BitstringStatusLists.DefaultSize;
        db.StatusLists.Add(new StatusListEntity
        {
            Id = id,
            KeyId = keyId,
            Purpose = BitstringStatusLists.Revocation,
            Size = size,
            IndexKey = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)),
            Document = BitstringStatusLists.Issue(ListUrl(options, id), key, BitstringStatusLists.Bits(size, []), now),
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another host created list `id` at the same moment; the caller reads again and uses it.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
