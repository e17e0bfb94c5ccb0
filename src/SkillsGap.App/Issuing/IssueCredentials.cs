using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.App.Audit;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion.OpenBadges.Issuing;

namespace SkillsGap.App.Issuing;

/// <summary>Which awards to issue credentials for: one employee's (optionally of one badge), one badge's, or all.</summary>
public sealed record IssueRequest(EmployeeId? Employee = null, BadgeId? Badge = null, bool All = false);

/// <summary>What happened to one award.</summary>
public enum IssueStatus
{
    /// <summary>A credential was issued now.</summary>
    Issued,
    /// <summary>The award changed since its credential was issued: a new credential replaces (and revokes) the old one.</summary>
    Reissued,
    /// <summary>The award's credential already existed and still says what the award says: it is returned.</summary>
    Unchanged,
    /// <summary>The award's credential was revoked; it is not issued again.</summary>
    Revoked,
    /// <summary>No credential can be issued (see the reason).</summary>
    Skipped,
}

/// <summary>One award and its credential (null when skipped).</summary>
public sealed record IssueResult(string Employee, string Badge, DateOnly IssuedOn, string? Credential, IssueStatus Status, string? Reason = null)
{
    /// <summary>True when this run signed the credential.</summary>
    public bool New => Status is IssueStatus.Issued or IssueStatus.Reissued;
}

/// <summary>The issuer (its did) and what happened to each award asked for.</summary>
public sealed record IssueOutcome(string IssuerId, IReadOnlyList<IssueResult> Results);

/// <summary>
/// `skillsgap issue`: signs an OB 3.0 <c>OpenBadgeCredential</c> for each award of the organisation's own badges that
/// has none yet. Idempotent: an award's current credential is returned as it is unless the award's facts (holder's
/// e-mail, dates, evidence, and for a stack its children's credentials) changed — then a new one is issued and the old
/// one is revoked as superseded. A stack's credential names its children's credentials as evidence, so children are
/// issued first. Awards imported with a credential of their own (a partner's) are never issued as ours. Status indexes
/// are reserved and documents signed outside the writing transaction; a concurrent host issuing the same award makes
/// this run's insert collide on "one current credential per award", and the run then returns the other's credential.
/// </summary>
public sealed class IssueCredentials(SkillsGapDbContext db, IOptions<IssuerOptions> options, IssuerKeys keys, StatusListStore statusLists, BusinessCalendar calendar,
    AuditLog? audit = null)
{
    private const int BatchSize = 500;
    private readonly IssuerOptions _options = options.Value;

    public async Task<IssueOutcome> RunAsync(IssueRequest request, CancellationToken ct = default)
    {
        Validate(request);
        var now = calendar.Now;
        var today = calendar.Today;
        var badges = await db.Badges.AsNoTracking().Include(b => b.Skills).Include(b => b.Prerequisites).AsSplitQuery().ToListAsync(ct);
        var skillCodes = badges.SelectMany(b => b.Skills).Select(s => s.SkillCode).Distinct().ToList();
        var skillNames = await db.Skills.AsNoTracking().Where(s => skillCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, StringComparer.Ordinal, ct);
        var catalogue = new OwnAchievements(_options, badges, skillNames);
        var selection = await SelectAsync(request, catalogue, ct);
        var (keyId, key) = await keys.CurrentAsync(db, now, ct);
        var issuer = new IssuerProfile(key.Did, _options.Name!.Trim(), Blank(_options.Url), Blank(_options.Email), Blank(_options.Image));

        var employees = await LoadEmployeesAsync(selection, request, ct);
        // Credentials of every award of these people (current ones), also of children held from other issuers' badges.
        var people = selection.Select(a => a.EmployeeId).ToHashSet(StringComparer.Ordinal);
        var childAwards = await ChildAwardsAsync(selection, catalogue, people, ct);
        var current = await CurrentCredentialsAsync(request, selection, childAwards, ct);

        var results = new Dictionary<long, IssueResult>();
        foreach (var phase in selection.GroupBy(a => catalogue.Depth(a.BadgeId)).OrderBy(g => g.Key))
        {
            foreach (var batch in phase.Chunk(BatchSize))
            {
                for (var attempt = 1; ; attempt++)
                {
                    var plan = Plan(batch, catalogue, issuer, employees, childAwards, current, today, results);
                    if (plan.Count == 0) break;
                    if (await IssueBatchAsync(plan, keyId, key, now, ct) is { } written)
                    {
                        foreach (var (award, entity, status) in written)
                        {
                            current[award.Id] = entity;
                            results[award.Id] = Result(award, entity.CredentialId, status);
                        }
                        break;
                    }
                    // Another host issued some of these awards meanwhile: read their credentials and plan again.
                    if (attempt == 3) throw new InvalidOperationException("Credentials could not be stored: other hosts keep issuing the same awards.");
                    foreach (var (id, entity) in await CurrentByAwardAsync([.. batch.Select(a => a.Id)], ct)) current[id] = entity;
                }
            }
        }
        var outcome = new IssueOutcome(key.Did, [.. selection.Select(a => results[a.Id])
            .OrderBy(r => r.Employee, StringComparer.Ordinal).ThenBy(r => r.Badge, StringComparer.Ordinal).ThenBy(r => r.IssuedOn)]);
        var issued = outcome.Results.Count(r => r.Status == IssueStatus.Issued);
        var reissued = outcome.Results.Count(r => r.Status == IssueStatus.Reissued);
        if (audit is not null && issued + reissued > 0)
        {
            var subject = outcome.Results.Where(r => r.New).Select(r => r.Employee).Distinct(StringComparer.Ordinal).Take(2).ToList() is { Count: 1 } one
                ? one[0] : "awards";
            await audit.RecordAsync(AuditActions.Issue, subject,
                string.Create(CultureInfo.InvariantCulture, $"{issued} credential(s) issued, {reissued} reissued, by {key.Did}"), ct);
        }
        return outcome;
    }

    private void Validate(IssueRequest request)
    {
        if (!_options.IsConfigured || _options.Problems().Count > 0)
            throw new IssuerNotConfiguredException(string.Join(" ", _options.Problems().DefaultIfEmpty(
                "Issuing is not configured: set Issuer:Name (the organisation) and Issuer:PublicBaseUrl (where the host is reached), e.g. SKILLSGAP_Issuer__Name and SKILLSGAP_Issuer__PublicBaseUrl.")));
        if (request.All == (request.Employee is not null || request.Badge is not null))
            throw new InputRejectedException("Give an employee (optionally with a badge), a badge, or all — not both.");
    }

    private async Task<List<AwardEntity>> SelectAsync(IssueRequest request, OwnAchievements catalogue, CancellationToken ct)
    {
        var own = new List<string>();
        if (request.Badge is BadgeId badgeId)
        {
            var badge = catalogue.Badge(badgeId.Value) ?? throw new NotFoundException($"Badge {badgeId.Value} is not in the catalogue.");
            if (!catalogue.IsOwn(badge))
                throw new InputRejectedException($"{badge.Id} ({badge.Name}) is issued by {badge.Issuer ?? "another issuer"}, not by {_options.Name}: SkillsGap signs only the organisation's own badges (badges whose issuer is empty or Issuer:Name).");
            // A stack's credential names its children's: issue theirs too.
            own.Add(badge.Id);
            for (var i = 0; i < own.Count; i++)
                if (catalogue.Children.TryGetValue(own[i], out var children))
                    own.AddRange(children.Where(c => catalogue.Badge(c) is { } child && catalogue.IsOwn(child) && !own.Contains(c)));
        }
        else own.AddRange(EveryOwnBadge(catalogue));

        var query = db.Awards.AsNoTracking().Where(a => own.Contains(a.BadgeId));
        if (request.Employee is EmployeeId employee)
        {
            if (!await db.Employees.AnyAsync(e => e.Id == employee.Value, ct)) throw new NotFoundException($"Employee {employee.Value} does not exist.");
            query = query.Where(a => a.EmployeeId == employee.Value);
        }
        var awards = await query.ToListAsync(ct);
        if (awards.Count == 0 && request.Employee is EmployeeId who && request.Badge is BadgeId what)
            throw new NotFoundException($"Employee {who.Value} holds no award of {what.Value}.");
        return awards;
    }

    private static IEnumerable<string> EveryOwnBadge(OwnAchievements catalogue) =>
        catalogue.Badges.Where(catalogue.IsOwn).Select(b => b.Id);

    private async Task<Dictionary<string, EmployeeEntity>> LoadEmployeesAsync(List<AwardEntity> selection, IssueRequest request, CancellationToken ct)
    {
        if (request.Employee is EmployeeId one)
            return await db.Employees.AsNoTracking().Where(e => e.Id == one.Value).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        var ids = selection.Select(a => a.EmployeeId).ToHashSet(StringComparer.Ordinal);
        var all = await db.Employees.AsNoTracking().ToListAsync(ct);
        return all.Where(e => ids.Contains(e.Id)).ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>The awards of stack children held by the people of the stack awards (from any issuer).</summary>
    private async Task<List<AwardEntity>> ChildAwardsAsync(List<AwardEntity> selection, OwnAchievements catalogue, HashSet<string> people, CancellationToken ct)
    {
        var stackAwards = selection.Where(a => catalogue.Children.ContainsKey(a.BadgeId)).ToList();
        if (stackAwards.Count == 0) return [];
        var childBadges = stackAwards.SelectMany(a => catalogue.Children[a.BadgeId]).Distinct().ToList();
        var holders = stackAwards.Select(a => a.EmployeeId).Distinct().ToList();
        var awards = holders.Count <= 500
            ? await db.Awards.AsNoTracking().Where(a => childBadges.Contains(a.BadgeId) && holders.Contains(a.EmployeeId)).ToListAsync(ct)
            : await db.Awards.AsNoTracking().Where(a => childBadges.Contains(a.BadgeId)).ToListAsync(ct);
        return [.. awards.Where(a => people.Contains(a.EmployeeId))];
    }

    private async Task<Dictionary<long, IssuedCredentialEntity>> CurrentCredentialsAsync(IssueRequest request, List<AwardEntity> selection, List<AwardEntity> childAwards, CancellationToken ct)
    {
        var query = db.IssuedCredentials.AsNoTracking().Where(c => c.SupersededAt == null && c.AwardId != null);
        if (request.Employee is EmployeeId employee) query = query.Where(c => c.EmployeeId == employee.Value);
        var rows = await WithoutDocument(query).ToListAsync(ct);
        var wanted = selection.Concat(childAwards).Select(a => a.Id).ToHashSet();
        return rows.Where(c => wanted.Contains(c.AwardId!.Value)).ToDictionary(c => c.AwardId!.Value);
    }

    private async Task<Dictionary<long, IssuedCredentialEntity>> CurrentByAwardAsync(List<long> awardIds, CancellationToken ct) =>
        await WithoutDocument(db.IssuedCredentials.AsNoTracking().Where(c => c.SupersededAt == null && c.AwardId != null && awardIds.Contains(c.AwardId.Value)))
            .ToDictionaryAsync(c => c.AwardId!.Value, ct);

    // Everything but the signed document, which deciding does not need.
    private static IQueryable<IssuedCredentialEntity> WithoutDocument(IQueryable<IssuedCredentialEntity> query) =>
        query.Select(c => new IssuedCredentialEntity
        {
            Id = c.Id,
            CredentialId = c.CredentialId,
            AwardId = c.AwardId,
            EmployeeId = c.EmployeeId,
            BadgeId = c.BadgeId,
            IssuedOn = c.IssuedOn,
            KeyId = c.KeyId,
            StatusListId = c.StatusListId,
            StatusIndex = c.StatusIndex,
            Fingerprint = c.Fingerprint,
            IssuedAt = c.IssuedAt,
            SupersededAt = c.SupersededAt,
            RevokedAt = c.RevokedAt,
            RevocationReason = c.RevocationReason,
        });

    private sealed record Planned(AwardEntity Award, CredentialClaim Claim, string Fingerprint, IssuedCredentialEntity? Replaces);

    /// <summary>Decides each award of the batch: results for those that need no signing, claims for the others.</summary>
    private static List<Planned> Plan(AwardEntity[] batch, OwnAchievements catalogue, IssuerProfile issuer, Dictionary<string, EmployeeEntity> employees,
        List<AwardEntity> childAwards, Dictionary<long, IssuedCredentialEntity> current, DateOnly today, Dictionary<long, IssueResult> results)
    {
        var plan = new List<Planned>();
        foreach (var award in batch)
        {
            var badge = catalogue.Badge(award.BadgeId)!;
            current.TryGetValue(award.Id, out var existing);
            if (existing?.RevokedAt is not null)
            {
                results[award.Id] = Result(award, existing.CredentialId, IssueStatus.Revoked,
                    string.Create(CultureInfo.InvariantCulture, $"on {existing.RevokedAt.Value.UtcDateTime:yyyy-MM-dd}: {existing.RevocationReason}"));
                continue;
            }
            string? skip = null;
            var employee = employees.GetValueOrDefault(award.EmployeeId);
            if (award.CredentialId is not null) skip = $"imported with a credential of its own ({award.CredentialId}); it is not issued again as the organisation's";
            else if (award.State == (int)VerificationState.Revoked) skip = "the award is revoked";
            else if (award.IssuedOn > today) skip = string.Create(CultureInfo.InvariantCulture, $"issued on {award.IssuedOn:yyyy-MM-dd}, after today");
            else if (string.IsNullOrWhiteSpace(employee?.Email)) skip = $"{employee?.Name ?? award.EmployeeId} has no e-mail address on the roster, and a credential names its holder by a hashed e-mail";
            if (skip is not null)
            {
                results[award.Id] = Result(award, existing?.CredentialId, existing is null ? IssueStatus.Skipped : IssueStatus.Unchanged, skip);
                continue;
            }
            var expires = award.ExpiresOn ?? (badge.ValidMonths is int months ? award.IssuedOn.AddMonths(months) : null);
            var evidence = Evidence(award, badge, catalogue, childAwards, current);
            var fingerprint = Fingerprint(employee!.Email!, award, expires, evidence);
            if (existing is not null && existing.Fingerprint == fingerprint)
            {
                results[award.Id] = Result(award, existing.CredentialId, IssueStatus.Unchanged);
                continue;
            }
            var claim = new CredentialClaim(
                "urn:uuid:" + Guid.NewGuid().ToString("D"),
                issuer,
                catalogue.Achievement(badge),
                employee.Email!,
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                Midnight(award.IssuedOn),
                expires is DateOnly e ? Midnight(e) : null,
                evidence,
                null);
            plan.Add(new Planned(award, claim, fingerprint, existing));
        }
        return plan;
    }

    /// <summary>Reserves status slots, signs, and stores one batch; null when another host stored some of these awards first.</summary>
    private async Task<List<(AwardEntity Award, IssuedCredentialEntity Entity, IssueStatus Status)>?> IssueBatchAsync(
        List<Planned> plan, int keyId, IssuerSigningKey key, DateTimeOffset now, CancellationToken ct)
    {
        var slots = await statusLists.ReserveAsync(db, _options, keyId, plan.Count, now, ct);
        var documents = new string[plan.Count];
        Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, i =>
            documents[i] = OpenBadgeCredentials.Issue(
                plan[i].Claim with { Status = new StatusListEntry(StatusListStore.ListUrl(_options, slots[i].ListId), slots[i].Index) }, key, now));

        var written = new List<(AwardEntity, IssuedCredentialEntity, IssueStatus)>(plan.Count);
        var touchedLists = plan.Where(p => p.Replaces is not null).Select(p => p.Replaces!.StatusListId).Distinct().Order().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var list in touchedLists) await StatusListStore.LockAsync(db, list, ct);
            foreach (var replaced in plan.Select(p => p.Replaces).OfType<IssuedCredentialEntity>())
            {
                var successor = plan.First(p => p.Replaces == replaced).Claim.Id;
                var reason = $"superseded by {successor}: the award changed";
                var changed = await db.IssuedCredentials.Where(c => c.Id == replaced.Id && c.SupersededAt == null && c.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.SupersededAt, now).SetProperty(c => c.RevokedAt, now).SetProperty(c => c.RevocationReason, reason), ct);
                if (changed == 0)
                {
                    await transaction.RollbackAsync(ct);
                    return null;
                }
            }
            for (var i = 0; i < plan.Count; i++)
            {
                var (award, claim) = (plan[i].Award, plan[i].Claim);
                var entity = new IssuedCredentialEntity
                {
                    CredentialId = claim.Id,
                    AwardId = award.Id,
                    EmployeeId = award.EmployeeId,
                    BadgeId = award.BadgeId,
                    IssuedOn = award.IssuedOn,
                    KeyId = keyId,
                    StatusListId = slots[i].ListId,
                    StatusIndex = slots[i].Index,
                    Fingerprint = plan[i].Fingerprint,
                    Document = documents[i],
                    IssuedAt = now,
                };
                db.IssuedCredentials.Add(entity);
                written.Add((award, entity, plan[i].Replaces is null ? IssueStatus.Issued : IssueStatus.Reissued));
            }
            await db.SaveChangesAsync(ct);
            foreach (var list in touchedLists) await statusLists.ResignAsync(db, _options, list, now, ct);
            await transaction.CommitAsync(ct);
            return written;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The award's evidence URL, and for a stack each child's credential (ours, or the one it was imported with).</summary>
    private static List<CredentialEvidence> Evidence(AwardEntity award, BadgeEntity badge, OwnAchievements catalogue,
        List<AwardEntity> childAwards, Dictionary<long, IssuedCredentialEntity> current)
    {
        var evidence = new List<CredentialEvidence>();
        if (!string.IsNullOrWhiteSpace(award.EvidenceUrl))
            evidence.Add(Uri.TryCreate(award.EvidenceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new CredentialEvidence(award.EvidenceUrl, $"Evidence for {badge.Name}")
                : new CredentialEvidence(null, $"Evidence for {badge.Name}", award.EvidenceUrl));
        if (!catalogue.Children.TryGetValue(badge.Id, out var children)) return evidence;
        foreach (var child in children)
        {
            var held = childAwards.Where(a => a.EmployeeId == award.EmployeeId && a.BadgeId == child && a.IssuedOn <= award.IssuedOn
                    && a.State != (int)VerificationState.Revoked)
                .OrderByDescending(a => a.IssuedOn).FirstOrDefault();
            if (held is null) continue;
            var name = catalogue.Badge(child)?.Name ?? child;
            var credential = current.TryGetValue(held.Id, out var ours) && ours.RevokedAt is null ? ours.CredentialId : held.CredentialId;
            evidence.Add(new CredentialEvidence(credential, $"{name} ({child})",
                $"Earned on {held.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.", "Credential"));
        }
        return evidence;
    }

    /// <summary>SHA-256 of what the credential states about the award; a different value means the award changed.</summary>
    private static string Fingerprint(string email, AwardEntity award, DateOnly? expires, List<CredentialEvidence> evidence)
    {
        var facts = new StringBuilder()
            .Append(OpenBadgeCredentials.NormalisedEmail(email)).Append('\n')
            .Append(award.BadgeId).Append('\n')
            .Append(award.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
            .Append(expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var e in evidence) facts.Append(e.Id).Append('|').Append(e.Narrative).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(facts.ToString())));
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IssueResult Result(AwardEntity award, string? credential, IssueStatus status, string? reason = null) =>
        new(award.EmployeeId, award.BadgeId, award.IssuedOn, credential, status, reason);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
