using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>JSON parsing with size and depth limits, so a hostile file cannot exhaust memory or the stack.</summary>
internal static class SafeJson
{
    public static JsonElement Parse(ReadOnlySpan<byte> utf8, VerifierOptions options, string what)
    {
        if (utf8.Length > options.MaxJsonBytes)
            throw new InvalidDataException($"{what} is larger than the JSON limit of {options.MaxJsonBytes / (1024 * 1024)} MB.");
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        try
        {
            // A key given twice is refused: a signature or proof covers one reading, and the award must not take the other.
            using var doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth, AllowDuplicateProperties = false });
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not valid JSON: {e.Message}");
        }
    }

    public static JsonElement Parse(string text, VerifierOptions options, string what) =>
        Parse(Encoding.UTF8.GetBytes(text), options, what);

    public static byte[] ReadAll(Stream stream, long limit, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new InvalidDataException($"{what} is larger than the limit of {limit / (1024 * 1024)} MB.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>Helpers to read JSON-LD-ish values: a value or an array of values, ids given as strings or objects.</summary>
internal static class Json
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static bool Has(this JsonElement e, string name) => e.Prop(name) is not null;

    /// <summary>The items of a value that may be one item or an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement? e)
    {
        if (e is not JsonElement v) yield break;
        if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray()) yield return item;
        else yield return v;
    }

    /// <summary>The type values (strings) of a node; <c>@type</c> or <c>type</c>.</summary>
    public static IReadOnlyList<string> Types(this JsonElement node) =>
        (node.Prop("type") ?? node.Prop("@type")).Items().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray();

    /// <summary>The id of a node given inline or as a bare IRI string.</summary>
    public static string? IdOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => e.Str("id") ?? e.Str("@id"),
        _ => null,
    };

    /// <summary>A language map or plain string as text.</summary>
    public static string? Text(this JsonElement e, string name)
    {
        var v = e.Prop(name);
        if (v is not JsonElement value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.Str("@value") is string s) return s;
            foreach (var p in value.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) return p.Value.GetString();
        }
        if (value.ValueKind == JsonValueKind.Array)
            foreach (var item in value.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) return item.GetString();
        return null;
    }

    public static bool IsAbsoluteIri(string? s) =>
        s is not null && Uri.TryCreate(s, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Scheme) && s.Contains(':', StringComparison.Ordinal);

    public static bool IsHttp(string? s) =>
        s is not null && (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Where documents referenced by URL come from: the url map first, then the JSON-LD contexts bundled in this
/// assembly. Never the network.
/// </summary>
internal sealed class DocumentSource(VerifierOptions options)
{
    private readonly Dictionary<string, JsonElement?> _cache = new(StringComparer.Ordinal);

    public VerifierOptions Options { get; } = options;

    /// <summary>Status lists whose own proof was checked: URL → why it fails, or null when it holds.</summary>
    public Dictionary<string, string?> ListProofs { get; } = new(StringComparer.Ordinal);

    /// <summary>The document at <paramref name="url"/> as JSON, or null when it is not available offline.</summary>
    public JsonElement? Load(string url, Findings findings)
    {
        if (_cache.TryGetValue(url, out var cached)) return cached;
        JsonElement? result = null;
        var bytes = LoadBytes(url, Options.MaxJsonBytes);
        if (bytes is not null)
        {
            try { result = SafeJson.Parse(bytes, Options, $"The document at {url}"); }
            catch (InvalidDataException e) { findings.Error(e.Message); }
        }
        else if (BundledContexts.Find(url) is JsonElement bundled) result = bundled;
        _cache[url] = result;
        return result;
    }

    /// <summary>The raw bytes of a url-mapped file, or null when unmapped or missing.</summary>
    public byte[]? LoadBytes(string url, long limit)
    {
        var path = UrlMap.Resolve(Options.UrlMap, url);
        if (path is null || !File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return SafeJson.ReadAll(stream, limit, $"The document at {url}");
    }

    public bool IsMapped(string url) => UrlMap.Resolve(Options.UrlMap, url) is string p && File.Exists(p);
}

/// <summary>The standard JSON-LD contexts bundled for offline use (1EdTech validator set, Apache-2.0).</summary>
internal static class BundledContexts
{
    private static readonly Dictionary<string, string> ResourceByUrl = new(StringComparer.Ordinal)
    {
        ["https://purl.imsglobal.org/spec/clr/v2p0/context.json"] = "clr-v2p0.json",
        ["https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"] = "clr-v2p0-2.0.1.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld"] = "ob-v3p0.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/context.json"] = "ob-v3p0.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"] = "ob-v3p0-3.0.1.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"] = "ob-v3p0-3.0.2.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] = "ob-v3p0-3.0.3.json",
        ["https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"] = "ob-v3p0-extensions.json",
        ["https://www.w3.org/ns/did/v1"] = "did-v1.jsonld",
        ["https://www.w3.org/ns/odrl.jsonld"] = "odrl.jsonld",
        ["https://w3id.org/security/suites/ed25519-2020/v1"] = "security-suites-ed25519-2020-v1.jsonld",
        ["https://w3id.org/security/data-integrity/v1"] = "data-integrity-v1.jsonld",
        ["https://w3id.org/security/data-integrity/v2"] = "data-integrity-v2.jsonld",
        ["https://www.w3.org/2018/credentials/v1"] = "2018-credentials-v1.jsonld",
        ["https://www.w3.org/2018/credentials/examples/v1"] = "2018-credentials-examples-v1.jsonld",
        ["https://www.w3.org/ns/credentials/v2"] = "credentials-v2.jsonld",
        ["https://www.w3.org/ns/credentials/status/v1"] = "credentials-status-v1.jsonld",
        ["https://w3id.org/security/v1"] = "security-v1.jsonld",
        ["https://w3id.org/security/v2"] = "security-v2.jsonld",
        ["https://w3id.org/security/v3"] = "security-v3-unstable.jsonld",
        ["https://w3id.org/security/bbs/v1"] = "security-bbs-v1.jsonld",
        ["https://w3id.org/security/suites/secp256k1-2019/v1"] = "suites-secp256k1-2019.jsonld",
        ["https://w3id.org/security/suites/ed25519-2018/v1"] = "suites-ed25519-2018.jsonld",
        ["https://w3id.org/security/suites/x25519-2019/v1"] = "suites-x25519-2019.jsonld",
        ["https://w3id.org/security/suites/jws-2020/v1"] = "suites-jws-2020.jsonld",
        ["https://openbadgespec.org/v2/context.json"] = "ob-v2p0.json",
        ["https://w3id.org/openbadges/v2"] = "obv2x.jsonld",
        ["https://w3id.org/openbadges/extensions/exampleExtension/context.json"] = "obv2x-example-extension.json",
        ["https://w3id.org/openbadges/extensions/applyLinkExtension/context.json"] = "obv2x-applylink-extensions.json",
    };

    private static readonly Dictionary<string, JsonElement> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static bool IsBundled(string url) => ResourceByUrl.ContainsKey(url);

    public static JsonElement? Find(string url)
    {
        if (!ResourceByUrl.TryGetValue(url, out var resource)) return null;
        lock (Gate)
        {
            if (Loaded.TryGetValue(resource, out var element)) return element;
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OpenBadges.Contexts." + resource)
                ?? throw new InvalidOperationException($"Bundled context {resource} is missing from the assembly.");
            using var doc = JsonDocument.Parse(stream);
            element = doc.RootElement.Clone();
            Loaded[resource] = element;
            return element;
        }
    }
}

/// <summary>Structural JSON equality: same values, objects compared by property name regardless of order.</summary>
internal static class JsonEquality
{
    public static bool Equal(JsonElement a, JsonElement b, int depth = 0)
    {
        if (depth > 128 || a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var v) && Equal(p.Value, v, depth + 1));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(x => Equal(x.First, x.Second, depth + 1));
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText();
            default:
                return true;
        }
    }
}
