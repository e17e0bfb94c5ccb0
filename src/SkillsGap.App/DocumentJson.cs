using System.Text.Json;
using SkillsGap.Analytics;

namespace SkillsGap.App;

/// <summary>
/// The JSON of every document SkillsGap answers with — gaps, recommendations, pathways, statuses: camelCase, nulls
/// written, ISO dates, codes and URIs unescaped. The CLI's <c>--format json</c> writes with <see cref="Serialize{T}"/> and
/// the host's API with the same settings (<see cref="Configure"/>), so that a GET returns the CLI's text.
/// </summary>
public static class DocumentJson
{
    /// <summary>The shared options (compact).</summary>
    public static JsonSerializerOptions Options => GapsJson.Options;

    /// <summary>Gives other options (the host's HTTP JSON options) the same settings.</summary>
    public static void Configure(JsonSerializerOptions options) => GapsJson.Configure(options);

    /// <summary>A document's JSON, by its runtime type.</summary>
    public static string Serialize<T>(T document) where T : notnull => JsonSerializer.Serialize(document, document.GetType(), Options);
}
