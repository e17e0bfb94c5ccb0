using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>
/// The terms that a document's <c>@context</c> defines (including scoped contexts), used to reject types that no
/// context defines — what a JSON-LD processor reports as an undefined term. Compact and absolute IRIs always pass.
/// </summary>
internal sealed class ContextTerms
{
    private readonly HashSet<string> _terms = new(StringComparer.Ordinal);

    /// <summary>False when some context could not be loaded offline, so undefined terms cannot be judged.</summary>
    public bool Complete { get; private set; } = true;

    public IReadOnlyList<string> Unavailable => _unavailable;
    private readonly List<string> _unavailable = [];

    public static ContextTerms Of(JsonElement? context, DocumentSource source, Findings findings)
    {
        var terms = new ContextTerms();
        terms.Add(context, source, findings, 0);
        return terms;
    }

    public void Add(JsonElement? context, DocumentSource source, Findings findings, int depth)
    {
        if (depth > 8) return;
        foreach (var item in context.Items())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                var url = item.GetString()!;
                if (source.Load(url, findings) is JsonElement doc) Add(doc.Prop("@context"), source, findings, depth + 1);
                else { Complete = false; _unavailable.Add(url); }
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in item.EnumerateObject())
                {
                    if (!p.Name.StartsWith('@')) _terms.Add(p.Name);
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.Prop("@context") is JsonElement scoped)
                        Add(scoped, source, findings, depth + 1);
                }
            }
        }
    }

    public bool Defines(string type) => _terms.Contains(type) || type.Contains(':', StringComparison.Ordinal);

    /// <summary>Every <c>type</c> / <c>@type</c> value in the document that is not defined, with where it was found.</summary>
    public IEnumerable<(string Path, string Type)> UndefinedTypes(JsonElement node, string path = "$", int depth = 0)
    {
        if (depth > 64) yield break;
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in node.EnumerateObject())
            {
                if (p.Name is "@context") continue;
                if (p.Name is "type" or "@type")
                {
                    foreach (var t in ((JsonElement?)p.Value).Items())
                        if (t.ValueKind == JsonValueKind.String && !Defines(t.GetString()!))
                            yield return ($"{path}.{p.Name}", t.GetString()!);
                }
                else
                {
                    foreach (var found in UndefinedTypes(p.Value, $"{path}.{p.Name}", depth + 1)) yield return found;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
                foreach (var found in UndefinedTypes(item, $"{path}[{i++}]", depth + 1)) yield return found;
        }
    }
}
