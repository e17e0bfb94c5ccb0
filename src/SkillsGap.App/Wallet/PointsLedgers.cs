using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Analytics.Gamification;
using SkillsGap.Core.Figures;
using SkillsGap.Data;

namespace SkillsGap.App.Wallet;

/// <summary>
/// The skill points of every award (<see cref="SkillPoints"/>, against the role in force on each award day, read with
/// Data's <see cref="HistoryLoader"/>), computed once per figures object: the figures are replaced when the data changes,
/// so a ledger lives exactly as long as what it was computed from. A singleton.
/// </summary>
public sealed class PointsLedgers(IDbContextFactory<SkillsGapDbContext> contexts)
{
    private readonly ConditionalWeakTable<OrganisationFigures, Task<PointsLedger>> _ledgers = new();

    public Task<PointsLedger> GetAsync(OrganisationFigures figures, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var task = _ledgers.GetValue(figures, f => ComputeAsync(f, CancellationToken.None));
        // A failed computation is not kept: the next caller tries again.
        if (task.IsFaulted || task.IsCanceled) _ledgers.Remove(figures);
        return task.WaitAsync(ct);
    }

    private async Task<PointsLedger> ComputeAsync(OrganisationFigures figures, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var history = await new HistoryLoader(db).LoadAsync(ct);
        return SkillPoints.Compute(figures, history);
    }
}
