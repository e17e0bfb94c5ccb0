using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;

namespace SkillsGap.App.Recommendations;

/// <summary>
/// The recommendation documents already answered, per figures object and recommender: both are replaced when the
/// data or the model changes, so an answer lives exactly as long as what it was computed from (the entries go with
/// the figures object once <see cref="Figures.FiguresCache"/> lets it go). A singleton.
/// </summary>
public sealed class RecommendationAnswers
{
    private readonly ConditionalWeakTable<OrganisationFigures, ConcurrentDictionary<(Recommender, int Employee, int Top, string? Target), RecommendationsDocument>> _answers = new();

    public RecommendationsDocument GetOrAdd(OrganisationFigures figures, Recommender recommender, int employee, int top, SkillsGap.Core.Domain.RoleCode? target,
        Func<RecommendationsDocument> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return _answers.GetValue(figures, _ => new()).GetOrAdd((recommender, employee, top, target?.Value), _ => compute());
    }
}
