using System.Text.Json;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>
/// The offline stand-in for the network: a JSON object from URL to local file. Nested objects are flattened,
/// keys starting with '_' and null values are skipped, and a key ending in '/' maps a whole URL prefix to a folder.
/// </summary>
public static class UrlMap
{
    /// <summary>Reads a url map file; relative paths are resolved against the map file's folder.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var info = new FileInfo(full);
        if (info.Length > 5 * 1024 * 1024)
            throw new InvalidDataException($"The url map {path} is larger than 5 MB.");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(full), new JsonDocumentOptions { MaxDepth = 16 });
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The url map {path} must be a JSON object from URL to file.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(doc.RootElement, folder, map);
        return map;
    }

    private static void Collect(JsonElement obj, string folder, Dictionary<string, string> map)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.StartsWith('_')) continue;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    var target = property.Value.GetString()!;
                    var local = Path.GetFullPath(Path.Combine(folder, target));
                    if (target.EndsWith('/') && !local.EndsWith(Path.DirectorySeparatorChar)) local += Path.DirectorySeparatorChar;
                    map[property.Name] = local;
                    break;
                case JsonValueKind.Object:
                    Collect(property.Value, folder, map);
                    break;
            }
        }
    }

    /// <summary>The local file for <paramref name="url"/> (fragment ignored): an exact entry, else the longest matching prefix entry; null when unmapped.</summary>
    public static string? Resolve(IReadOnlyDictionary<string, string>? map, string url)
    {
        if (map is null || string.IsNullOrEmpty(url)) return null;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var bare = hash >= 0 ? url[..hash] : url;
        if (map.TryGetValue(bare, out var exact)) return exact;
        if (map.TryGetValue(url, out exact)) return exact;
        string? bestKey = null;
        foreach (var key in map.Keys)
            if (key.EndsWith('/') && bare.StartsWith(key, StringComparison.Ordinal) && (bestKey is null || key.Length > bestKey.Length))
                bestKey = key;
        if (bestKey is null) return null;
        var rest = bare[bestKey.Length..];
        if (rest.Contains("..", StringComparison.Ordinal)) return null;
        return Path.Combine(map[bestKey], rest.Replace('/', Path.DirectorySeparatorChar));
    }
}
