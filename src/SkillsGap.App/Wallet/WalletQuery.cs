using Microsoft.EntityFrameworkCore;
using SkillsGap.Analytics.Wallet;
using SkillsGap.App.Figures;
using SkillsGap.Core.Domain;
using SkillsGap.Data;

namespace SkillsGap.App.Wallet;

/// <summary>
/// `skillsgap wallet` and <c>GET /api/employees/{id}/wallet</c>: an employee's credential wallet as of a date (DESIGN §10's
/// <c>wallet</c> document) — every award newest first with its state, whether it counts, its skills, evidence, points and
/// the credential SkillsGap issued for it (the current one in <c>issued_credentials</c>), and the stacks they have started.
/// </summary>
public sealed class WalletQuery(FiguresCache figures, PointsLedgers points, SkillsGapDbContext db, BusinessCalendar calendar)
{
    public async Task<CredentialWallet> RunAsync(EmployeeId employee, DateOnly? asOf = null, CancellationToken ct = default) =>
        (await ViewAsync(employee, asOf, ct)).Wallet;

    /// <summary>The wallet and the ids of the credentials in it that SkillsGap issued (those its public pages serve).</summary>
    public async Task<WalletView> ViewAsync(EmployeeId employee, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var f = await figures.GetAsync(asOf ?? calendar.Today, ct);
        var index = f.Snapshot.EmployeeIndex(employee);
        if (index < 0) throw new NotFoundException($"Employee {employee} is not on the roster on {f.AsOf:yyyy-MM-dd}.");
        var ledger = await points.GetAsync(f, ct);
        // The current credential of each of the employee's awards, matched on badge and issue date (one award a day per badge).
        var issued = await db.IssuedCredentials.AsNoTracking()
            .Where(c => c.EmployeeId == employee.Value && c.SupersededAt == null)
            .Select(c => new { c.CredentialId, c.BadgeId, c.IssuedOn, c.Id })
            .ToListAsync(ct);
        var byAward = issued.GroupBy(c => (c.BadgeId, c.IssuedOn))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Id).First().CredentialId);
        var snapshot = f.Snapshot;
        var wallet = CredentialWallet.Build(f, index, ledger, a =>
        {
            var award = snapshot.Awards[a];
            return byAward.GetValueOrDefault((award.Badge.Value, award.IssuedOn));
        });
        return new WalletView(wallet, byAward.Values.ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>A wallet with the ids of the credentials in it that SkillsGap issued.</summary>
public sealed record WalletView(CredentialWallet Wallet, IReadOnlySet<string> Issued)
{
    /// <summary>The id as it goes in a URL (<c>/ob/credentials/{id}</c>): the UUID without <c>urn:uuid:</c>.</summary>
    public static string UrlId(string credential) =>
        credential.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? credential[9..] : credential;
}
