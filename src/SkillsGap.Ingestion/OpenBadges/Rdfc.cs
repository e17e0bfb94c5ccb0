using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>RDF Dataset Canonicalization (RDFC-1.0, formerly URDNA2015) with SHA-256, as the W3C recommendation specifies.</summary>
internal sealed class Rdfc
{
    private sealed class Issuer(string prefix)
    {
        public Dictionary<string, string> Issued { get; private init; } = new(StringComparer.Ordinal);
        public List<string> Order { get; private init; } = [];

        public string Issue(string id)
        {
            if (Issued.TryGetValue(id, out var existing)) return existing;
            var label = prefix + Issued.Count.ToString(CultureInfo.InvariantCulture);
            Issued[id] = label;
            Order.Add(id);
            return label;
        }

        public bool Has(string id) => Issued.ContainsKey(id);
        public Issuer Clone() => new(prefix) { Issued = new(Issued, StringComparer.Ordinal), Order = [.. Order] };
    }

    private readonly List<RdfQuad> _quads;
    private readonly Dictionary<string, List<RdfQuad>> _blankQuads = new(StringComparer.Ordinal);
    private readonly Issuer _canonical = new("c14n");
    private readonly Dictionary<string, string> _firstDegree = new(StringComparer.Ordinal);
    private int _work;

    private Rdfc(IReadOnlyList<RdfQuad> quads) => _quads = [.. quads];

    /// <summary>The canonical N-Quads document of <paramref name="quads"/>.</summary>
    public static string Canonicalize(IReadOnlyList<RdfQuad> quads) => new Rdfc(quads).Run();

    private string Run()
    {
        foreach (var q in _quads)
            foreach (var t in new[] { q.S, q.O, q.G })
                if (t is { IsBlank: true })
                {
                    if (!_blankQuads.TryGetValue(t.Value, out var list)) _blankQuads[t.Value] = list = [];
                    list.Add(q);
                }
        var hashToBlanks = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in _blankQuads.Keys)
        {
            var h = FirstDegree(id);
            if (!hashToBlanks.TryGetValue(h, out var list)) hashToBlanks[h] = list = [];
            list.Add(id);
        }
        foreach (var (hash, ids) in hashToBlanks.ToList())
            if (ids.Count == 1) { _canonical.Issue(ids[0]); hashToBlanks.Remove(hash); }
        foreach (var ids in hashToBlanks.Values)
        {
            var paths = new List<(string Hash, Issuer Issuer)>();
            foreach (var id in ids)
            {
                if (_canonical.Has(id)) continue;
                var temporary = new Issuer("b");
                temporary.Issue(id);
                paths.Add(NDegree(id, temporary));
            }
            foreach (var (_, issuer) in paths.OrderBy(p => p.Hash, StringComparer.Ordinal))
                foreach (var id in issuer.Order) _canonical.Issue(id);
        }
        var lines = _quads.Select(q => q.ToNQuads(id => _canonical.Issued[id])).Distinct().OrderBy(l => l, StringComparer.Ordinal);
        return string.Concat(lines);
    }

    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private string FirstDegree(string id)
    {
        if (_firstDegree.TryGetValue(id, out var cached)) return cached;
        var lines = _blankQuads[id].Select(q => q.ToNQuads(b => b == id ? "a" : "z")).OrderBy(l => l, StringComparer.Ordinal);
        return _firstDegree[id] = Sha256(string.Concat(lines));
    }

    private string RelatedHash(string related, RdfQuad quad, Issuer issuer, char position)
    {
        var input = new StringBuilder().Append(position);
        if (position != 'g') input.Append('<').Append(quad.P.Value).Append('>');
        input.Append(_canonical.Issued.TryGetValue(related, out var c) ? "_:" + c
            : issuer.Issued.TryGetValue(related, out var t) ? "_:" + t
            : FirstDegree(related));
        return Sha256(input.ToString());
    }

    private (string Hash, Issuer Issuer) NDegree(string id, Issuer issuer)
    {
        if (++_work > 10_000) throw new JsonLdUnsupportedException("canonicalization needs too much work (poisoned dataset?)");
        var hashToRelated = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var quad in _blankQuads[id])
        {
            foreach (var (term, position) in new[] { (quad.S, 's'), (quad.O, 'o'), (quad.G, 'g') })
            {
                if (term is not { IsBlank: true } || term.Value == id) continue;
                var h = RelatedHash(term.Value, quad, issuer, position);
                if (!hashToRelated.TryGetValue(h, out var list)) hashToRelated[h] = list = [];
                list.Add(term.Value);
            }
        }
        var data = new StringBuilder();
        foreach (var (relatedHash, related) in hashToRelated)
        {
            data.Append(relatedHash);
            string? chosenPath = null;
            Issuer? chosenIssuer = null;
            foreach (var permutation in Permutations(related))
            {
                var copy = issuer.Clone();
                var path = new StringBuilder();
                var recursion = new List<string>();
                var skip = false;
                foreach (var r in permutation)
                {
                    if (_canonical.Issued.TryGetValue(r, out var c)) path.Append("_:").Append(c);
                    else
                    {
                        if (!copy.Has(r)) recursion.Add(r);
                        path.Append("_:").Append(copy.Issue(r));
                    }
                    if (chosenPath is not null && path.Length >= chosenPath.Length && string.CompareOrdinal(path.ToString(), chosenPath) > 0) { skip = true; break; }
                }
                if (skip) continue;
                foreach (var r in recursion)
                {
                    var result = NDegree(r, copy);
                    path.Append("_:").Append(copy.Issue(r));
                    path.Append('<').Append(result.Hash).Append('>');
                    copy = result.Issuer;
                    if (chosenPath is not null && path.Length >= chosenPath.Length && string.CompareOrdinal(path.ToString(), chosenPath) > 0) { skip = true; break; }
                }
                if (skip) continue;
                if (chosenPath is null || string.CompareOrdinal(path.ToString(), chosenPath) < 0)
                {
                    chosenPath = path.ToString();
                    chosenIssuer = copy;
                }
            }
            data.Append(chosenPath);
            issuer = chosenIssuer!;
        }
        return (Sha256(data.ToString()), issuer);
    }

    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count > 8) throw new JsonLdUnsupportedException("too many indistinguishable blank nodes");
        if (items.Count <= 1) { yield return [.. items]; yield break; }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }
}
