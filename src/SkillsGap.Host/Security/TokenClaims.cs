using System.Security.Claims;
using System.Text.Json;

namespace SkillsGap.Host.Security;

/// <summary>
/// Reads a value out of a validated token's claims by a claim name or a dotted path into a JSON object claim
/// (<c>realm_access.roles</c>): Keycloak nests its roles, Entra ID and others put them at the top level.
/// </summary>
public static class TokenClaims
{
    /// <summary>
    /// The strings at <paramref name="path"/>: a claim of exactly that name (one claim per array element, as the JWT
    /// handler gives them), else the longest leading part of the path that names a JSON claim, walked down by the rest.
    /// A string gives itself, an array its strings; anything else, or JSON that does not parse, gives nothing.
    /// </summary>
    public static IReadOnlyList<string> Values(ClaimsPrincipal token, string path)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (string.IsNullOrWhiteSpace(path)) return [];
        path = path.Trim();
        var exact = token.FindAll(path).ToList();
        if (exact.Count > 0) return [.. exact.SelectMany(ClaimStrings)];

        var segments = path.Split('.');
        // Longest prefix first, so that a claim whose own name holds a dot ("https://example.com/claims.x") still wins.
        for (var take = segments.Length - 1; take >= 1; take--)
        {
            var claims = token.FindAll(string.Join('.', segments[..take])).ToList();
            if (claims.Count == 0) continue;
            var values = new List<string>();
            foreach (var claim in claims)
            {
                if (Parse(claim.Value) is not { } root) continue;
                using (root)
                {
                    var element = root.RootElement;
                    var found = true;
                    foreach (var segment in segments[take..])
                    {
                        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
                        {
                            found = false;
                            break;
                        }
                    }
                    if (found) values.AddRange(Strings(element));
                }
            }
            return values;
        }
        return [];
    }

    /// <summary>One claim's strings: its value, or the strings of a JSON array value.</summary>
    private static IEnumerable<string> ClaimStrings(Claim claim)
    {
        if (claim.Value.StartsWith('[') && Parse(claim.Value) is { } array)
        {
            using (array) return [.. Strings(array.RootElement)];
        }
        return [claim.Value];
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
