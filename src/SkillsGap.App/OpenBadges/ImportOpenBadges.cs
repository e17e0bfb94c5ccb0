using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.App.OpenBadges;

/// <summary>What `import openbadges` is asked to do.</summary>
public sealed record OpenBadgesImportRequest(IReadOnlyList<string> Files, string? UrlMapFile = null, bool DryRun = false, bool SkipInvalid = false);

/// <summary>What `import openbadges` did: awards written, catalogue badges created (those flagged for review named), files skipped.</summary>
public sealed record OpenBadgesImportOutcome(
    bool DryRun,
    int Credentials,
    ChangeCounts Awards,
    ChangeCounts Badges,
    IReadOnlyList<string> BadgesForReview,
    IReadOnlyList<RowError> Skipped,
    IReadOnlyList<(string File, VerificationState State)> States);

/// <summary>
/// Turns Open Badges files into awards: each file is verified offline; a recipient is matched to an employee by e-mail
/// (plain or a salted <c>sha256$</c> / <c>md5$</c> hash); the badge is the catalogue's badge with that BadgeClass /
/// Achievement id, or a catalogue badge made from it (skills from alignments; level 1 and flagged for review unless the
/// issuer numbers its levels). An award keeps its verification state: revoked ones are recorded but never count. An
/// invalid file or an unknown recipient rejects the whole import, unless <see cref="OpenBadgesImportRequest.SkipInvalid"/>.
/// </summary>
public sealed class ImportOpenBadges(SkillsGapDbContext db, BusinessCalendar calendar)
{
    public async Task<OpenBadgesImportOutcome> RunAsync(OpenBadgesImportRequest request, CancellationToken ct = default)
    {
        if (request.Files.Count == 0) throw new InputRejectedException("No file to import.");
        var verifier = VerifyCredentials.Verifier(request.UrlMapFile, null, calendar);
        var loader = new SnapshotLoader(db);
        var keys = await loader.LoadKeysAsync(ct);
        // Only the taxonomy (for alignments) and the keys: an Open Badges import needs no awards or roster history.
        var resolver = new SkillResolver(await loader.LoadSkillsOnlyAsync(ct));
        var emails = keys.EmployeesByEmail.Keys.ToList();

        var errors = new List<RowError>();
        var awards = new List<Award>();
        var newBadges = new Dictionary<BadgeId, Badge>();
        var states = new List<(string, VerificationState)>();
        var credentials = 0;
        foreach (var file in request.Files)
        {
            var verdict = verifier.VerifyFile(file);
            var fileErrors = new List<RowError>();
            var fileAwards = new List<Award>();
            var fileBadges = new List<Badge>();
            foreach (var credential in verdict.Credentials)
            {
                if (OpenBadgesMapper.ImportProblem(credential) is string beyond)
                {
                    fileErrors.Add(Error(file, "the credential cannot be stored: " + beyond + "."));
                    continue;
                }
                if (credential.Kind == CredentialKind.BadgeClass && credential.Achievement is { } classOnly)
                {
                    if (CatalogueBadge(classOnly, keys, newBadges) is null) fileBadges.Add(NewBadge(classOnly, resolver));
                    continue;
                }
                if (credential.Kind is not (CredentialKind.Assertion or CredentialKind.AchievementCredential)) continue;
                credentials++;
                // A revoked credential is still recorded, so that an award imported earlier stops counting.
                if (verdict.Verdict == Verdict.Invalid && credential.State != VerificationState.Revoked)
                {
                    fileErrors.Add(Error(file, "the credential is invalid: " + string.Join("; ", verdict.Messages.Where(m => m.StartsWith("error", StringComparison.Ordinal)).DefaultIfEmpty(verdict.Messages.FirstOrDefault() ?? "no reason given"))));
                    continue;
                }
                if (credential.Recipient is not { } recipient)
                {
                    fileErrors.Add(Error(file, "the credential names no recipient."));
                    continue;
                }
                var email = recipient.Hashed ? RecipientHashing.FindEmail(recipient, emails) : recipient.Identity.Trim();
                if (email is null || !keys.EmployeesByEmail.TryGetValue(email, out var employee))
                {
                    fileErrors.Add(Error(file, recipient.Hashed
                        ? $"the hashed recipient {recipient.Identity} matches no employee's e-mail."
                        : $"the recipient '{recipient.Identity}' matches no employee's e-mail."));
                    continue;
                }
                if (credential.Achievement is not { } achievement || credential.IssuedAt is null)
                {
                    fileErrors.Add(Error(file, "the credential has no badge (BadgeClass / Achievement) or no issue date."));
                    continue;
                }
                var badgeId = CatalogueBadge(achievement, keys, newBadges);
                if (badgeId is null)
                {
                    var created = NewBadge(achievement, resolver);
                    fileBadges.Add(created);
                    badgeId = created.Id;
                }
                fileAwards.Add(OpenBadgesMapper.ToAward(credential, employee, badgeId.Value, Path.GetFileName(file)));
                states.Add((file, credential.State));
            }
            if (verdict.Credentials.Count == 0)
                fileErrors.Add(Error(file, "no Open Badges credential could be read: " + string.Join("; ", verdict.Messages.DefaultIfEmpty(verdict.Verdict.ToString()))));

            if (fileErrors.Count > 0)
            {
                errors.AddRange(fileErrors);
                continue;
            }
            awards.AddRange(fileAwards);
            foreach (var badge in fileBadges) newBadges.TryAdd(badge.Id, badge);
        }
        if (errors.Count > 0 && !request.SkipInvalid)
            throw new InputRejectedException($"{errors.Count} credential(s) cannot be imported; nothing was imported.", errors);

        // Prerequisites of a created badge (CLR "precedes") only where the badge they name exists.
        var known = new HashSet<BadgeId>(keys.Badges.Concat(newBadges.Keys));
        var badges = newBadges.Values.Select(b => b with
        {
            Prerequisites = new PrerequisiteRule([.. b.Prerequisites.Groups.Select(g => (IReadOnlyList<BadgeId>)[.. g.Where(known.Contains)]).Where(g => g.Count > 0)]),
        }).ToList();

        var writer = new ImportWriter(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var badgeChanges = badges.Count > 0 ? await writer.UpsertBadgesAsync(badges, ct) : ChangeCounts.None;
        var awardChanges = awards.Count > 0 ? await writer.UpsertAwardsAsync(awards, ct) : ChangeCounts.None;
        if (!request.DryRun) await Figures.DataVersion.BumpAsync(db, calendar.Now, ct);
        if (request.DryRun) await transaction.RollbackAsync(ct);
        else
        {
            await transaction.CommitAsync(ct);
            Figures.DataVersion.NoteCommitted();
        }
        db.ChangeTracker.Clear();
        return new OpenBadgesImportOutcome(request.DryRun, credentials, awardChanges, badgeChanges,
            [.. badges.Where(b => b.NeedsReview).Select(b => b.Id.Value)], errors, states);
    }

    /// <summary>The catalogue badge whose id is the BadgeClass / Achievement id (or one created earlier in this import).</summary>
    private static BadgeId? CatalogueBadge(ParsedAchievement achievement, StoredKeys keys, Dictionary<BadgeId, Badge> created)
    {
        if (string.IsNullOrWhiteSpace(achievement.Id)) return null;
        var id = new BadgeId(achievement.Id);
        return keys.Badges.Contains(id) || created.ContainsKey(id) ? id : null;
    }

    private static Badge NewBadge(ParsedAchievement achievement, SkillResolver resolver) =>
        OpenBadgesMapper.ToCatalogueBadge(achievement, new BadgeId(achievement.Id), resolver.Resolve);

    private static RowError Error(string file, string reason) => new(file, null, null, null, null, reason);
}
