using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsGap.Data;
using SkillsGap.Ingestion.OpenBadges.Issuing;
using SkillsGap.Reporting;

namespace SkillsGap.App.Issuing;

/// <summary>One issued credential as stored: the signed JSON and the award it is for.</summary>
public sealed record StoredCredential(string CredentialId, string Employee, string Badge, string BadgeName, string? BadgeIssuer, bool Stack,
    DateOnly IssuedOn, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevocationReason, bool Superseded, int StatusList, string Json);

/// <summary>A signed status list as a file: the URL it is published at and its JSON.</summary>
public sealed record StatusListFile(int Id, string Url, string Json);

/// <summary>
/// An issued credential for download: the signed JSON (indented for people; whitespace is not signed), and the badge's
/// picture with the credential baked in, as PNG (<c>iTXt openbadgecredential</c>) and SVG (<c>openbadges:credential</c>).
/// </summary>
public sealed class CredentialDownloads(SkillsGapDbContext db, IOptions<IssuerOptions> options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>urn:uuid:X</c> for <c>X</c> or <c>urn:uuid:X</c> (case of the UUID kept as issued: lower case).</summary>
    public static string NormaliseId(string id)
    {
        var trimmed = (id ?? "").Trim();
        return trimmed.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? "urn:uuid:" + trimmed[9..].ToLowerInvariant()
            : Guid.TryParse(trimmed, out var guid) ? "urn:uuid:" + guid.ToString("D") : trimmed;
    }

    /// <summary>The credential with id <paramref name="id"/>, or null.</summary>
    public async Task<StoredCredential?> FindAsync(string id, CancellationToken ct = default)
    {
        var normalised = NormaliseId(id);
        var row = await db.IssuedCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.CredentialId == normalised, ct);
        if (row is null) return null;
        var badge = await db.Badges.AsNoTracking().Where(b => b.Id == row.BadgeId).Select(b => new { b.Name, b.Issuer }).FirstOrDefaultAsync(ct);
        var stack = await db.Badges.AnyAsync(b => b.StackId == row.BadgeId, ct);
        return new StoredCredential(row.CredentialId, row.EmployeeId, row.BadgeId, badge?.Name ?? row.BadgeId, badge?.Issuer, stack,
            row.IssuedOn, row.IssuedAt, row.RevokedAt, row.RevocationReason, row.SupersededAt is not null, row.StatusListId, row.Document);
    }

    /// <summary>The signed status lists with these ids as they stand now, for checking credentials offline.</summary>
    public async Task<IReadOnlyList<StatusListFile>> StatusListsAsync(IEnumerable<int> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        var lists = await db.StatusLists.AsNoTracking().Where(l => wanted.Contains(l.Id)).OrderBy(l => l.Id).Select(l => new { l.Id, l.Document }).ToListAsync(ct);
        return [.. lists.Select(l => new StatusListFile(l.Id, StatusListStore.ListUrl(options.Value, l.Id), JsonNode.Parse(l.Document)!.ToJsonString(Indented)))];
    }

    /// <summary>The signed credential, indented.</summary>
    public static string Json(StoredCredential credential) => JsonNode.Parse(credential.Json)!.ToJsonString(Indented);

    /// <summary>The badge's picture with the credential baked in (PNG).</summary>
    public byte[] Png(StoredCredential credential) => BadgeBaking.BakePng(BadgeArt.Png(Art(credential)), credential.Json);

    /// <summary>The badge's picture with the credential baked in (SVG).</summary>
    public string Svg(StoredCredential credential) => BadgeBaking.BakeSvg(BadgeArt.Svg(Art(credential)), credential.Json);

    private BadgeArtSpec Art(StoredCredential credential) =>
        new(credential.BadgeName, credential.Badge, options.Value.Name ?? credential.BadgeIssuer ?? "", credential.Stack);
}
