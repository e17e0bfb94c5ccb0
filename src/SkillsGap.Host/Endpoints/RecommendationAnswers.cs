using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SkillsGap.Core.Figures;
using SkillsGap.Recommendations;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// The recommendations documents already answered, per figures object and recommender: both are replaced when the
/// data or the model changes, so an answer lives exactly as long as what it was computed from (the entries go with
/// the figures object once <see cref="App.Figures.FiguresCache"/> lets it go). A singleton.
/// </summary>
public sealed class RecommendationAnswers
{
    private readonly ConditionalWeakTable<OrganisationFigures, ConcurrentDictionary<(Recommender, string, int), string>> _answers = new();

    public async Task<string> GetOrAddAsync(OrganisationFigures figures, Recommender recommender, string employee, int top, Func<Task<string>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var answers = _answers.GetValue(figures, _ => new());
        if (answers.TryGetValue((recommender, employee, top), out var json)) return json;
        json = await compute();
        answers.TryAdd((recommender, employee, top), json);
        return json;
    }
}
