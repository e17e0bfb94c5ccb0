using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App.Audit;
using SkillsGap.App.Writes;
using SkillsGap.Core.Domain;
using SkillsGap.Data;

namespace SkillsGap.App.Issuing;

/// <summary>Which credential to revoke (<c>urn:uuid:…</c> or the bare UUID) and why.</summary>
public sealed record RevokeRequest(string Credential, string Reason);

/// <summary>The revoked credential, its award, where its bit is, and whether it was already revoked before this request.</summary>
public sealed record RevokeOutcome(string CredentialId, string Employee, string Badge, DateOnly IssuedOn, DateTimeOffset RevokedAt,
    string Reason, bool AlreadyRevoked, int StatusList, int StatusIndex);

/// <summary>
/// `skillsgap revoke`: revokes one of the organisation's credentials — sets its bit in its status list and signs the
/// list again, so that verifiers reject it, and marks its award revoked, so that the figures stop counting it (the
/// data-version stamp moves). One transaction; the list's row is locked first, so concurrent revocations of one list
/// each keep the other's bit. Revoking a revoked credential changes nothing.
/// </summary>
public sealed class RevokeCredential(SkillsGapDbContext db, DataWrite write, IOptions<IssuerOptions> options, StatusListStore statusLists, BusinessCalendar calendar,
    AuditLog? audit = null)
{
    public const int MaxReasonLength = 1000;

    public async Task<RevokeOutcome> RunAsync(RevokeRequest request, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0) throw new InputRejectedException("A revocation needs a reason.");
        if (reason.Length > MaxReasonLength) throw new InputRejectedException($"The reason is longer than {MaxReasonLength} characters.");
        var id = CredentialDownloads.NormaliseId(request.Credential);
        var credential = await db.IssuedCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.CredentialId == id, ct)
            ?? throw new NotFoundException($"No credential {request.Credential} was issued here.");
        if (credential.RevokedAt is DateTimeOffset earlier)
            return Outcome(earlier, credential.RevocationReason ?? "", true);
        if (!options.Value.IsConfigured)
            throw new IssuerNotConfiguredException("Revoking signs the status list again: set Issuer:Name and Issuer:PublicBaseUrl as when the credential was issued.");

        var now = calendar.Now;
        // One write: the award stops counting (the figures' data version moves with it) and the list is signed again.
        var revoked = await write.RunAsync(async (writing, ct) =>
        {
            await StatusListStore.LockAsync(writing, credential.StatusListId, ct);
            var changed = await writing.IssuedCredentials.Where(c => c.Id == credential.Id && c.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now).SetProperty(c => c.RevocationReason, reason), ct);
            // Revoked by someone else between our read and the lock: nothing more to do.
            if (changed == 0) return false;
            if (credential.AwardId is long awardId)
                await writing.Awards.Where(a => a.Id == awardId)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, (int)VerificationState.Revoked), ct);
            await statusLists.ResignAsync(writing, options.Value, credential.StatusListId, now, ct);
            return true;
        }, ct);
        if (!revoked)
        {
            var latest = await db.IssuedCredentials.AsNoTracking().FirstAsync(c => c.Id == credential.Id, ct);
            return Outcome(latest.RevokedAt!.Value, latest.RevocationReason ?? "", true);
        }
        if (audit is not null)
            await audit.RecordAsync(AuditActions.Revoke, credential.CredentialId,
                $"{credential.EmployeeId}, badge {credential.BadgeId}: {reason}", ct);
        return Outcome(now, reason, false);

        RevokeOutcome Outcome(DateTimeOffset at, string why, bool already) =>
            new(credential.CredentialId, credential.EmployeeId, credential.BadgeId, credential.IssuedOn, at, why, already, credential.StatusListId, credential.StatusIndex);
    }
}
