using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsGap.Core.Pathways;

/// <summary>
/// The <c>pathway --format json</c> document of DESIGN §10 (also the body of <c>GET /api/employees/{id}/pathway</c>):
/// readiness rounded to 4 places, hours without trailing zeros.
/// </summary>
public sealed record PathwayDocument(
    [property: JsonPropertyName("employee")] string Employee,
    [property: JsonPropertyName("targetRole")] string TargetRole,
    [property: JsonPropertyName("optimal")] bool Optimal,
    [property: JsonPropertyName("totalHours")] decimal TotalHours,
    [property: JsonPropertyName("readinessBefore")] double ReadinessBefore,
    [property: JsonPropertyName("readinessAfter")] double ReadinessAfter,
    [property: JsonPropertyName("steps")] IReadOnlyList<PathwayStepDocument> Steps,
    [property: JsonPropertyName("uncoverable")] IReadOnlyList<UncoverableGapDocument> Uncoverable)
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document for a planned pathway.</summary>
    public static PathwayDocument From(Pathway pathway)
    {
        ArgumentNullException.ThrowIfNull(pathway);
        return new PathwayDocument(
            pathway.Employee.Value,
            pathway.TargetRole.Value,
            pathway.Optimal,
            Normalise(pathway.TotalHours),
            Round(pathway.ReadinessBefore),
            Round(pathway.ReadinessAfter),
            pathway.Steps.Select(s => new PathwayStepDocument(
                s.Badge.Value,
                s.BadgeName,
                Normalise(s.Hours),
                s.Closes.Select(c => new SkillChangeDocument(c.Skill.Value, c.From, c.To)).ToArray(),
                s.NeededBy.Select(b => b.Value).ToArray(),
                Round(s.ReadinessAfter),
                s.Reason)).ToArray(),
            pathway.Uncoverable.Select(u => new UncoverableGapDocument(u.Skill.Value, u.Required, u.Best, u.Reachable)).ToArray());
    }

    /// <summary>The document as compact JSON (UTF-16 string), property order as in the contract.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    /// <summary>Readiness as the documents show it: 4 places, half away from zero (as the gaps document).</summary>
    public static double Round(double readiness) => Math.Round(readiness, 4, MidpointRounding.AwayFromZero);

    // Dividing by 1.000…0 drops the trailing zeros a decimal carries from its inputs (22.0 → 22).
    private static decimal Normalise(decimal hours) => hours / 1.0000000000000000000000000000m;
}

/// <summary>One step of <see cref="PathwayDocument"/>.</summary>
public sealed record PathwayStepDocument(
    [property: JsonPropertyName("badge")] string Badge,
    [property: JsonPropertyName("badgeName")] string BadgeName,
    [property: JsonPropertyName("hours")] decimal Hours,
    [property: JsonPropertyName("closes")] IReadOnlyList<SkillChangeDocument> Closes,
    [property: JsonPropertyName("neededBy")] IReadOnlyList<string> NeededBy,
    [property: JsonPropertyName("readinessAfter")] double ReadinessAfter,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>A raised skill in <see cref="PathwayStepDocument"/>.</summary>
public sealed record SkillChangeDocument(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("to")] int To);

/// <summary>An uncoverable requirement in <see cref="PathwayDocument"/>: best = the best level any catalogue badge attests; reachable = the best the employee can reach.</summary>
public sealed record UncoverableGapDocument(
    [property: JsonPropertyName("skill")] string Skill,
    [property: JsonPropertyName("required")] int Required,
    [property: JsonPropertyName("best")] int Best,
    [property: JsonPropertyName("reachable")] int Reachable);
