using Microsoft.Extensions.Options;
using SkillsGap.Core.Figures;
using SkillsGap.Data;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Models;

/// <summary>
/// `skillsgap evaluate`: trains the next-badge model on the award history before the last N months and ranks the
/// awards of those months against the popularity and gap-greedy baselines (DESIGN §3), over the same candidates.
/// </summary>
public sealed class EvaluateModel(SkillsGapDbContext db, BusinessCalendar calendar, IOptions<FiguresOptions> figures)
{
    public async Task<EvaluationReport> RunAsync(int testMonths, CancellationToken ct = default)
    {
        if (testMonths is < 1 or > 120) throw new InputRejectedException("--test-months must be between 1 and 120.");
        var snapshot = await new SnapshotLoader(db).LoadAsync(calendar.Today, ct);
        if (snapshot.Awards.Count == 0) throw new InputRejectedException("There is no award history to evaluate on.");
        // The test window ends with the last award recorded, so that an old history is still evaluated on its own last months.
        var lastAward = snapshot.Awards.Max(a => a.IssuedOn);
        var trainUntil = lastAward.AddMonths(-testMonths).AddDays(1);
        return Evaluation.Run(snapshot, trainUntil, figureOptions: new FigureOptions(figures.Value.ReadyThreshold, figures.Value.CountUnverified),
            expiringWithinDays: figures.Value.ExpiringWithinDays);
    }
}
