using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.Ingestion.OpenBadges.Issuing;
using SkillsGap.Reporting;

namespace SkillsGap.App.Issuing;

/// <summary>
/// The documents the host publishes anonymously under <c>/ob/</c>: the issuer Profile (<c>/ob/issuer</c>), each own
/// badge's Achievement (<c>/ob/achievements/{badgeId}</c>) and its picture (<c>…/image.png</c>, <c>…/image.svg</c>), and
/// each signed status list (<c>/ob/status/{list}</c>). Nothing personal is in any of them.
/// </summary>
public sealed class PublicDocuments(SkillsGapDbContext db, IOptions<IssuerOptions> options, IssuerKeys keys, BusinessCalendar calendar)
{
    private IssuerOptions Options => options.Value.IsConfigured ? options.Value
        : throw new IssuerNotConfiguredException("Issuing is not configured (Issuer:Name, Issuer:PublicBaseUrl).");

    /// <summary>The issuer Profile: the current key's did as id, earlier keys' dids as other identifiers.</summary>
    public async Task<JsonObject> ProfileAsync(CancellationToken ct = default)
    {
        var o = Options;
        var (_, key) = await keys.CurrentAsync(db, calendar.Now, ct);
        var all = await keys.ListAsync(db, ct);
        return OpenBadgeCredentials.ProfileDocument(new IssuerProfile(key.Did, o.Name!.Trim(), o.Url, o.Email, o.Image), all.Select(k => k.Did));
    }

    /// <summary>The Achievement of one of the organisation's own badges, or null (unknown, or another issuer's).</summary>
    public async Task<JsonObject?> AchievementAsync(string badgeId, CancellationToken ct = default)
    {
        var o = Options;
        var catalogue = await CatalogueAsync(badgeId, ct);
        if (catalogue?.Badge(badgeId) is not { } badge || !catalogue.IsOwn(badge)) return null;
        var (_, key) = await keys.CurrentAsync(db, calendar.Now, ct);
        return OpenBadgeCredentials.AchievementDocument(catalogue.Achievement(badge), new IssuerProfile(key.Did, o.Name!.Trim(), o.Url, o.Email, o.Image));
    }

    /// <summary>The picture of one of the organisation's own badges (not baked), or null.</summary>
    public async Task<(byte[] Png, string Svg)?> ImageAsync(string badgeId, CancellationToken ct = default)
    {
        var o = Options;
        var catalogue = await CatalogueAsync(badgeId, ct);
        if (catalogue?.Badge(badgeId) is not { } badge || !catalogue.IsOwn(badge)) return null;
        var spec = new BadgeArtSpec(badge.Name, badge.Id, o.Name!.Trim(), catalogue.Children.ContainsKey(badge.Id));
        return (BadgeArt.Png(spec), BadgeArt.Svg(spec));
    }

    /// <summary>The signed BitstringStatusListCredential of list <paramref name="listId"/>, or null.</summary>
    public Task<string?> StatusListAsync(int listId, CancellationToken ct = default) => StatusListStore.DocumentAsync(db, listId, ct);

    private async Task<OwnAchievements?> CatalogueAsync(string badgeId, CancellationToken ct)
    {
        var badge = await db.Badges.AsNoTracking().Include(b => b.Skills).Include(b => b.Prerequisites).AsSplitQuery()
            .FirstOrDefaultAsync(b => b.Id == badgeId, ct);
        if (badge is null) return null;
        // Its children and prerequisites, for the names in its description and criteria.
        var related = badge.Prerequisites.Select(p => p.AlternativeBadgeId).ToList();
        var others = await db.Badges.AsNoTracking().Where(b => b.StackId == badgeId || related.Contains(b.Id)).ToListAsync(ct);
        var codes = badge.Skills.Select(s => s.SkillCode).ToList();
        var names = await db.Skills.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Name, StringComparer.Ordinal, ct);
        return new OwnAchievements(Options, [badge, .. others.Where(b => b.Id != badge.Id)], names);
    }
}
