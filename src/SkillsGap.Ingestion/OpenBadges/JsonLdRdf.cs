using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>A JSON-LD feature this small processor does not implement; the caller reports the proof as not verified.</summary>
internal sealed class JsonLdUnsupportedException(string message) : Exception(message);

/// <summary>An RDF term: an IRI, a blank node or a literal (with datatype or language).</summary>
internal sealed record RdfTerm(char Kind, string Value, string? Datatype = null, string? Language = null)
{
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";
    public static RdfTerm Iri(string v) => new('I', v);
    public static RdfTerm Blank(string v) => new('B', v);
    public bool IsBlank => Kind == 'B';

    public string ToNQuads(Func<string, string>? relabel = null) => Kind switch
    {
        'I' => "<" + Value + ">",
        'B' => "_:" + (relabel?.Invoke(Value) ?? Value),
        _ => "\"" + Escape(Value) + "\"" + (Language is not null ? "@" + Language : Datatype is null or XsdString ? "" : "^^<" + Datatype + ">"),
    };

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}

internal sealed record RdfQuad(RdfTerm S, RdfTerm P, RdfTerm O, RdfTerm? G)
{
    public string ToNQuads(Func<string, string>? relabel = null) =>
        $"{S.ToNQuads(relabel)} {P.ToNQuads(relabel)} {O.ToNQuads(relabel)} {(G is null ? "" : G.ToNQuads(relabel) + " ")}.\n";
}

/// <summary>
/// A small JSON-LD 1.1 processor: context processing (remote contexts from the bundle / url map, @vocab, prefixes,
/// type coercion @id/@vocab/@json/datatypes, @container @set/@list/@graph, property- and type-scoped contexts with
/// @propagate) and expansion straight to RDF quads. Features outside that (language/index maps, @reverse, @nest,
/// @included, @import) raise <see cref="JsonLdUnsupportedException"/>.
/// </summary>
internal sealed class JsonLdToRdf(DocumentSource source)
{
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private static readonly HashSet<string> Keywords =
    [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index", "@json", "@language",
        "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    ];

    private sealed record Term(string? Id, string? Type, HashSet<string> Container, JsonElement? Context, string? Language, bool HasLanguage);

    private sealed class Ctx
    {
        public Dictionary<string, Term?> Terms { get; init; } = new(StringComparer.Ordinal);
        public string? Vocab { get; set; }
        public string? Language { get; set; }
        public Ctx? Previous { get; set; }

        public Ctx Clone() => new() { Terms = new(Terms, StringComparer.Ordinal), Vocab = Vocab, Language = Language, Previous = Previous };
    }

    private readonly List<RdfQuad> _quads = [];
    private int _blank;
    private readonly Dictionary<string, string> _docBlanks = new(StringComparer.Ordinal);
    private int _remoteLoads;

    public IReadOnlyList<RdfQuad> ToRdf(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object) throw new JsonLdUnsupportedException("the document is not a JSON object");
        Node(new Ctx(), document, null, 0);
        return _quads.Distinct().ToList();
    }

    private string NewBlank() => "b" + (_blank++).ToString(CultureInfo.InvariantCulture);

    // ---- context processing ----

    private Ctx Process(Ctx active, JsonElement local, bool propagate, int depth)
    {
        if (depth > 16) throw new JsonLdUnsupportedException("contexts nested too deeply");
        var result = active.Clone();
        if (local.ValueKind == JsonValueKind.Object && local.Prop("@propagate") is JsonElement p) propagate = p.ValueKind == JsonValueKind.True;
        if (!propagate && result.Previous is null) result.Previous = active;
        var items = local.ValueKind == JsonValueKind.Array ? local.EnumerateArray().ToList() : [local];
        foreach (var item in items)
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Null:
                    result = new Ctx { Previous = propagate ? null : active };
                    break;
                case JsonValueKind.String:
                    var url = item.GetString()!;
                    if (++_remoteLoads > 64) throw new JsonLdUnsupportedException("too many remote contexts");
                    var doc = source.Load(url, new Findings()) ?? throw new JsonLdUnsupportedException($"context {url} is not available offline");
                    if (doc.Prop("@context") is not JsonElement remote) throw new JsonLdUnsupportedException($"{url} has no @context");
                    var previous = result.Previous;
                    result = Process(result, remote, true, depth + 1);
                    result.Previous = previous;
                    break;
                case JsonValueKind.Object:
                    if (item.Has("@import") || item.Prop("@base") is JsonElement { ValueKind: not JsonValueKind.Null })
                        throw new JsonLdUnsupportedException("@import / @base in a context");
                    if (item.TryGetProperty("@vocab", out var vocab))
                        result.Vocab = vocab.ValueKind == JsonValueKind.Null ? null : ExpandIri(result, vocab.GetString()!, vocab: true, documentRelative: true);
                    if (item.TryGetProperty("@language", out var lang))
                        result.Language = lang.ValueKind == JsonValueKind.Null ? null : lang.GetString()!.ToLowerInvariant();
                    var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
                    foreach (var prop in item.EnumerateObject())
                        if (!prop.Name.StartsWith('@')) Define(result, item, prop.Name, defined);
                    break;
                default:
                    throw new JsonLdUnsupportedException("invalid local context");
            }
        }
        return result;
    }

    private void Define(Ctx active, JsonElement local, string term, Dictionary<string, bool> defined)
    {
        if (defined.TryGetValue(term, out var done))
        {
            if (done) return;
            throw new JsonLdUnsupportedException($"cyclic term definition '{term}'");
        }
        defined[term] = false;
        var value = local.GetProperty(term);
        if (value.ValueKind == JsonValueKind.Null) { active.Terms[term] = null; defined[term] = true; return; }
        string? id = null, type = null, language = null;
        var hasLanguage = false;
        var container = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? scoped = null;
        if (value.ValueKind == JsonValueKind.String) id = value.GetString();
        else if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.Has("@reverse") || value.Has("@nest")) throw new JsonLdUnsupportedException($"@reverse/@nest in term '{term}'");
            if (value.Str("@type") is string t) type = ExpandIri(active, t, vocab: true, documentRelative: false, local, defined);
            if (value.TryGetProperty("@id", out var idValue))
            {
                if (idValue.ValueKind == JsonValueKind.Null) { active.Terms[term] = null; defined[term] = true; return; }
                id = idValue.GetString();
            }
            foreach (var c in value.Prop("@container").Items()) container.Add(c.GetString()!);
            if (container.Contains("@language") || container.Contains("@index") || container.Contains("@id") || container.Contains("@type"))
                throw new JsonLdUnsupportedException($"@container {string.Join(",", container)} in term '{term}'");
            if (value.Prop("@context") is JsonElement ctx) scoped = ctx;
            if (value.TryGetProperty("@language", out var l)) { hasLanguage = true; language = l.ValueKind == JsonValueKind.Null ? null : l.GetString()!.ToLowerInvariant(); }
        }
        else throw new JsonLdUnsupportedException($"term '{term}' is not a string or object");

        string? iri;
        if (id is not null && id != term) iri = Keywords.Contains(id) ? id : ExpandIri(active, id, vocab: true, documentRelative: false, local, defined);
        else if (term.Contains(':', StringComparison.Ordinal))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            var prefix = term[..colon];
            if (local.ValueKind == JsonValueKind.Object && local.TryGetProperty(prefix, out _)) Define(active, local, prefix, defined);
            iri = active.Terms.TryGetValue(prefix, out var pd) && pd?.Id is string pid ? pid + term[(colon + 1)..] : term;
        }
        else if (active.Vocab is not null) iri = active.Vocab + term;
        else throw new JsonLdUnsupportedException($"term '{term}' has no IRI");
        active.Terms[term] = new Term(iri, type, container, scoped, language, hasLanguage);
        defined[term] = true;
    }

    private string? ExpandIri(Ctx active, string value, bool vocab, bool documentRelative, JsonElement? local = null, Dictionary<string, bool>? defined = null)
    {
        if (Keywords.Contains(value)) return value;
        if (value.StartsWith('@')) return null;
        if (local is JsonElement l && l.ValueKind == JsonValueKind.Object && defined is not null && l.TryGetProperty(value, out _) && !(defined.TryGetValue(value, out var d) && d))
            Define(active, l, value, defined);
        if (vocab && active.Terms.TryGetValue(value, out var term)) return term?.Id;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal)) return value;
            if (local is JsonElement l2 && l2.ValueKind == JsonValueKind.Object && defined is not null && l2.TryGetProperty(prefix, out _) && !(defined.TryGetValue(prefix, out var d2) && d2))
                Define(active, l2, prefix, defined);
            if (active.Terms.TryGetValue(prefix, out var p) && p?.Id is string pid) return pid + suffix;
            return value;
        }
        if (vocab && active.Vocab is not null) return active.Vocab + value;
        return value; // relative IRI with no base: kept, and dropped when turned into RDF
    }

    // ---- expansion straight to RDF ----

    private RdfTerm Node(Ctx active, JsonElement obj, RdfTerm? graph, int depth)
    {
        if (depth > 64) throw new JsonLdUnsupportedException("nesting too deep");
        if (active.Previous is not null) active = active.Previous;
        if (obj.Prop("@context") is JsonElement ctx) active = Process(active, ctx, true, 0);
        var typeScoped = active;
        var typeKeys = obj.EnumerateObject().Where(p => ExpandIri(active, p.Name, true, false) == "@type").ToList();
        var typeValues = typeKeys.SelectMany(k => ((JsonElement?)k.Value).Items()).Where(v => v.ValueKind == JsonValueKind.String)
            .Select(v => v.GetString()!).Order(StringComparer.Ordinal).ToList();
        foreach (var t in typeValues)
            if (typeScoped.Terms.TryGetValue(t, out var td) && td?.Context is JsonElement tc)
                active = Process(active, tc, propagate: false, 0);

        RdfTerm subject = RdfTerm.Blank(NewBlank());
        foreach (var idKey in obj.EnumerateObject())
            if (ExpandIri(active, idKey.Name, true, false) == "@id" && idKey.Value.ValueKind == JsonValueKind.String)
                subject = Subject(ExpandIri(active, idKey.Value.GetString()!, vocab: false, documentRelative: true)!);

        foreach (var t in typeValues)
        {
            var iri = ExpandIri(typeScoped, t, vocab: true, documentRelative: true);
            if (iri is not null && IsAbsolute(iri)) Emit(subject, RdfTerm.Iri(RdfType), Subject(iri), graph);
        }
        foreach (var prop in obj.EnumerateObject())
        {
            var expanded = ExpandIri(active, prop.Name, vocab: true, documentRelative: false);
            if (expanded is null) continue;
            if (Keywords.Contains(expanded))
            {
                if (expanded is "@id" or "@type" or "@context") continue;
                throw new JsonLdUnsupportedException($"keyword {expanded} on a node");
            }
            if (!expanded.Contains(':', StringComparison.Ordinal)) continue;
            active.Terms.TryGetValue(prop.Name, out var term);
            var valueCtx = term?.Context is JsonElement sc ? Process(active, sc, true, 0) : active;
            var predicate = RdfTerm.Iri(expanded);
            var container = term?.Container ?? [];
            if (container.Contains("@list"))
            {
                var items = prop.Value.ValueKind == JsonValueKind.Array ? prop.Value.EnumerateArray().ToList() : [prop.Value];
                var list = items.Select(i => Value(valueCtx, term, i, graph, depth)).Where(v => v is not null).Select(v => v!).ToList();
                if (IsUsable(subject)) Emit(subject, predicate, List(list, graph), graph);
                continue;
            }
            foreach (var item in ((JsonElement?)prop.Value).Items())
            {
                if (item.ValueKind == JsonValueKind.Array) throw new JsonLdUnsupportedException("nested arrays");
                RdfTerm? o;
                if (container.Contains("@graph") && item.ValueKind == JsonValueKind.Object && !IsValueObject(valueCtx, item))
                {
                    var g = RdfTerm.Blank(NewBlank());
                    Node(valueCtx, item, g, depth + 1);
                    o = g;
                }
                else o = Value(valueCtx, term, item, graph, depth);
                if (o is not null && IsUsable(subject) && IsUsable(o)) Emit(subject, predicate, o, graph);
            }
        }
        return subject;
    }

    private bool IsValueObject(Ctx active, JsonElement obj) =>
        obj.EnumerateObject().Any(p => ExpandIri(active, p.Name, true, false) is "@value" or "@list");

    private RdfTerm? Value(Ctx active, Term? term, JsonElement item, RdfTerm? graph, int depth)
    {
        if (term?.Type == "@json") return new RdfTerm('L', Jcs.Serialize(item), Rdf + "JSON");
        switch (item.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                var keys = item.EnumerateObject().Select(p => (p, k: ExpandIri(active, p.Name, true, false))).ToList();
                if (keys.Any(x => x.k == "@value"))
                {
                    var v = keys.First(x => x.k == "@value").p.Value;
                    var t = keys.FirstOrDefault(x => x.k == "@type").p.Value;
                    var l = keys.FirstOrDefault(x => x.k == "@language").p.Value;
                    if (v.ValueKind == JsonValueKind.Null) return null;
                    if (t.ValueKind == JsonValueKind.String && ExpandIri(active, t.GetString()!, true, true) == "@json")
                        return new RdfTerm('L', Jcs.Serialize(v), Rdf + "JSON");
                    var dt = t.ValueKind == JsonValueKind.String ? ExpandIri(active, t.GetString()!, true, true) : null;
                    return Literal(v, dt, l.ValueKind == JsonValueKind.String ? l.GetString()!.ToLowerInvariant() : null);
                }
                if (keys.Any(x => x.k == "@list"))
                {
                    var listValue = keys.First(x => x.k == "@list").p.Value;
                    var items = listValue.ValueKind == JsonValueKind.Array ? listValue.EnumerateArray().ToList() : [listValue];
                    return List(items.Select(i => Value(active, term, i, graph, depth)).Where(x => x is not null).Select(x => x!).ToList(), graph);
                }
                if (keys.Any(x => x.k is "@set" or "@graph" or "@included" or "@reverse")) throw new JsonLdUnsupportedException("@set/@graph/@included/@reverse object");
                return Node(active, item, graph, depth + 1);
            case JsonValueKind.String:
                var s = item.GetString()!;
                if (term?.Type == "@id") return Reference(ExpandIri(active, s, vocab: false, documentRelative: true));
                if (term?.Type == "@vocab") return Reference(ExpandIri(active, s, vocab: true, documentRelative: true));
                if (term?.Type is string datatype && !datatype.StartsWith('@')) return new RdfTerm('L', s, datatype);
                var language = term is { HasLanguage: true } ? term.Language : active.Language;
                return language is null ? new RdfTerm('L', s, RdfTerm.XsdString) : new RdfTerm('L', s, Rdf + "langString", language);
            default:
                return Literal(item, term?.Type is string dt2 && !dt2.StartsWith('@') ? dt2 : null, null);
        }
    }

    private RdfTerm? Reference(string? iri) => iri is null || !(IsAbsolute(iri) || iri.StartsWith("_:", StringComparison.Ordinal)) ? null : Subject(iri);

    private RdfTerm Subject(string iri)
    {
        if (!iri.StartsWith("_:", StringComparison.Ordinal)) return RdfTerm.Iri(iri);
        if (!_docBlanks.TryGetValue(iri, out var label)) _docBlanks[iri] = label = NewBlank();
        return RdfTerm.Blank(label);
    }

    private static RdfTerm Literal(JsonElement v, string? datatype, string? language)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return new RdfTerm('L', v.ValueKind == JsonValueKind.True ? "true" : "false", datatype ?? Xsd + "boolean");
            case JsonValueKind.Number:
                var d = v.GetDouble();
                var integral = Math.Floor(d) == d && Math.Abs(d) < 1e21 && !v.GetRawText().Contains('.', StringComparison.Ordinal) && !v.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase);
                if ((datatype is null || datatype == Xsd + "integer") && integral)
                    return new RdfTerm('L', v.GetRawText(), Xsd + "integer");
                if (datatype is null || datatype == Xsd + "double")
                    return new RdfTerm('L', CanonicalDouble(d), Xsd + "double");
                return new RdfTerm('L', v.GetRawText(), datatype);
            case JsonValueKind.String:
                var s = v.GetString()!;
                if (language is not null) return new RdfTerm('L', s, Rdf + "langString", language);
                return new RdfTerm('L', s, datatype ?? RdfTerm.XsdString);
            default:
                throw new JsonLdUnsupportedException("unexpected @value");
        }
    }

    /// <summary>xsd:double canonical form as JSON-LD toRdf writes it: one digit before the point, at least one after, "E" exponent.</summary>
    private static string CanonicalDouble(double d)
    {
        var s = d.ToString("0.0###############E0", CultureInfo.InvariantCulture);
        return s;
    }

    private RdfTerm List(List<RdfTerm> items, RdfTerm? graph)
    {
        if (items.Count == 0) return RdfTerm.Iri(Rdf + "nil");
        var head = RdfTerm.Blank(NewBlank());
        var current = head;
        for (var i = 0; i < items.Count; i++)
        {
            Emit(current, RdfTerm.Iri(Rdf + "first"), items[i], graph);
            var next = i == items.Count - 1 ? RdfTerm.Iri(Rdf + "nil") : RdfTerm.Blank(NewBlank());
            Emit(current, RdfTerm.Iri(Rdf + "rest"), next, graph);
            current = next;
        }
        return head;
    }

    private static bool IsAbsolute(string iri) => Json.IsAbsoluteIri(iri);
    private static bool IsUsable(RdfTerm t) => t.Kind != 'I' || IsAbsolute(t.Value);

    private void Emit(RdfTerm s, RdfTerm p, RdfTerm o, RdfTerm? g)
    {
        if (IsUsable(s) && IsUsable(p) && IsUsable(o)) _quads.Add(new RdfQuad(s, p, o, g));
    }
}

/// <summary>JSON Canonicalization Scheme (RFC 8785) for @json literals: sorted keys, minimal escapes.</summary>
internal static class Jcs
{
    public static string Serialize(JsonElement e)
    {
        var sb = new StringBuilder();
        Write(e, sb);
        return sb.ToString();
    }

    private static void Write(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonSerializer.Serialize(p.Name, Options)).Append(':');
                    Write(p.Value, sb);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var i = 0;
                foreach (var item in e.EnumerateArray()) { if (i++ > 0) sb.Append(','); Write(item, sb); }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                sb.Append(JsonSerializer.Serialize(e.GetString(), Options));
                break;
            case JsonValueKind.Number:
                var d = e.GetDouble();
                sb.Append(Math.Floor(d) == d && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(e.GetRawText());
                break;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
