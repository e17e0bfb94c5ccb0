using SkillsGap.App.OpenBadges;
using SkillsGap.Data;
using SkillsGap.Ingestion;
using SkillsGap.Ingestion.OpenBadges;

namespace SkillsGap.App.Imports;

/// <summary>
/// Open Badges files read and checked for <see cref="ImportData"/>: each file is verified offline; a recipient is matched
/// to an employee by e-mail (plain or a salted <c>sha256$</c> / <c>md5$</c> hash); the badge is the catalogue's badge with
/// that BadgeClass / Achievement id, or a catalogue badge made from it (skills from alignments; level 1 and flagged for
/// review unless the issuer numbers its levels). An award keeps its verification state: revoked ones are recorded but
/// never count. An invalid file or an unknown recipient is a row error of that file.
/// </summary>
internal static class OpenBadgesFiles
{
    public static async Task<StagedImport> ReadAsync(SkillsGapDbContext db, ImportRequest request, BusinessCalendar calendar, CancellationToken ct)
    {
        var verifier = VerifyCredentials.Verifier(request.UrlMapFile, null, calendar);
        var loader = new SnapshotLoader(db);
        var keys = await loader.LoadKeysAsync(ct);
        // Only the taxonomy (for alignments) and the keys: an Open Badges import needs no awards or roster history.
        var resolver = new SkillResolver(await loader.LoadSkillsOnlyAsync(ct));
        var emails = keys.EmployeesByEmail.Keys.ToList();

        var errors = new List<RowError>();
        var files = new List<StagedFile>();
        var newBadges = new Dictionary<BadgeId, Badge>();
        var states = new List<(string, VerificationState)>();
        var reasons = new List<(string, string)>();
        var credentials = 0;
        foreach (var file in request.Files)
        {
            var verdict = verifier.Verify(file);
            var fileErrors = new List<RowError>();
            var fileAwards = new List<Award>();
            var fileBadges = new List<Badge>();
            var fileStates = new List<(string, VerificationState)>();
            var fileCredentials = 0;
            foreach (var credential in verdict.Credentials)
            {
                if (OpenBadgesMapper.ImportProblem(credential) is string beyond)
                {
                    fileErrors.Add(Error(file.Name, "the credential cannot be stored: " + beyond + "."));
                    continue;
                }
                if (credential.Kind == CredentialKind.BadgeClass && credential.Achievement is { } classOnly)
                {
                    if (CatalogueBadge(classOnly, keys, newBadges) is null) fileBadges.Add(NewBadge(classOnly, resolver));
                    continue;
                }
                if (credential.Kind is not (CredentialKind.Assertion or CredentialKind.AchievementCredential)) continue;
                fileCredentials++;
                // A revoked credential is still recorded, so that an award imported earlier stops counting.
                if (verdict.Verdict == Verdict.Invalid && credential.State != VerificationState.Revoked)
                {
                    fileErrors.Add(Error(file.Name, "the credential is invalid: " + string.Join("; ", verdict.Messages
                        .Where(m => m.StartsWith("error", StringComparison.Ordinal)).DefaultIfEmpty(verdict.Messages.FirstOrDefault() ?? "no reason given"))));
                    continue;
                }
                if (credential.Recipient is not { } recipient)
                {
                    fileErrors.Add(Error(file.Name, "the credential names no recipient."));
                    continue;
                }
                var email = recipient.Hashed ? RecipientHashing.FindEmail(recipient, emails) : recipient.Identity.Trim();
                if (email is null || !keys.EmployeesByEmail.TryGetValue(email, out var employee))
                {
                    fileErrors.Add(Error(file.Name, recipient.Hashed
                        ? $"the hashed recipient {recipient.Identity} matches no employee's e-mail."
                        : $"the recipient '{recipient.Identity}' matches no employee's e-mail."));
                    continue;
                }
                if (credential.Achievement is not { } achievement || credential.IssuedAt is null)
                {
                    fileErrors.Add(Error(file.Name, "the credential has no badge (BadgeClass / Achievement) or no issue date."));
                    continue;
                }
                var badgeId = CatalogueBadge(achievement, keys, newBadges);
                if (badgeId is null)
                {
                    var created = NewBadge(achievement, resolver);
                    fileBadges.Add(created);
                    badgeId = created.Id;
                }
                fileAwards.Add(OpenBadgesMapper.ToAward(credential, employee, badgeId.Value));
                fileStates.Add((file.Name, credential.State));
                if (credential.StateReason is { Length: > 0 } why) reasons.Add((file.Name, why));
            }
            if (verdict.Credentials.Count == 0)
                fileErrors.Add(Error(file.Name, "no Open Badges credential could be read: " + string.Join("; ", verdict.Messages.DefaultIfEmpty(verdict.Verdict.ToString()))));

            credentials += fileCredentials;
            if (fileErrors.Count > 0)
            {
                errors.AddRange(fileErrors);
                // Skipped as a whole, but still in the ledger (with its errors), as a table file whose rows were all skipped.
                if (request.SkipInvalid) files.Add(new StagedFile(file.Name, fileCredentials, (_, _, _, _) => Task.FromResult(ChangeCounts.None)));
                continue;
            }
            states.AddRange(fileStates);
            foreach (var badge in fileBadges) newBadges.TryAdd(badge.Id, badge);
            files.Add(new StagedFile(file.Name, fileCredentials, (w, source, _, ct) => fileAwards.Count == 0
                ? Task.FromResult(ChangeCounts.None)
                : w.UpsertAwardsAsync([.. fileAwards.Select(a => a with { Source = source })], ct)));
        }

        // Prerequisites of a created badge (CLR "precedes") only where the badge they name exists.
        var known = new HashSet<BadgeId>(keys.Badges.Concat(newBadges.Keys));
        var badges = newBadges.Values.Select(b => b with
        {
            Prerequisites = new PrerequisiteRule([.. b.Prerequisites.Groups.Select(g => (IReadOnlyList<BadgeId>)[.. g.Where(known.Contains)]).Where(g => g.Count > 0)]),
        }).ToList();
        return new StagedImport(files, errors,
            e => $"{e.Count} credential(s) cannot be imported; nothing was imported.",
            // The catalogue badges first: the awards of every file may name them.
            Prepare: (w, ct) => badges.Count > 0 ? w.UpsertBadgesAsync(badges, ct) : Task.FromResult(ChangeCounts.None),
            OpenBadges: (outcomes, badgeChanges) => new OpenBadgesOutcome(credentials,
                new ChangeCounts(outcomes.Sum(o => o.Changes.Inserted), outcomes.Sum(o => o.Changes.Updated), outcomes.Sum(o => o.Changes.Unchanged)),
                badgeChanges ?? ChangeCounts.None, [.. badges.Where(b => b.NeedsReview).Select(b => b.Id.Value)], states,
                [.. reasons.Where(r => outcomes.Any(o => o.File == r.Item1))]));
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
