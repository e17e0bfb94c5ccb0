namespace SkillsGap.Ingestion.Records;

/// <summary>Cycles of a directed graph given as adjacency lists over node indexes (iterative, so deep chains do not overflow the stack).</summary>
internal static class GraphCycles
{
    /// <summary>Each cycle found by a depth-first search in node order, as its node path with the first node repeated at the end.</summary>
    public static List<List<int>> Find(IReadOnlyList<IReadOnlyList<int>> edges)
    {
        var cycles = new List<List<int>>();
        var state = new byte[edges.Count]; // 0 new, 1 on the path, 2 done
        var path = new List<int>();
        var next = new List<int>();
        for (var start = 0; start < edges.Count; start++)
        {
            if (state[start] != 0) continue;
            path.Add(start);
            next.Add(0);
            state[start] = 1;
            while (path.Count > 0)
            {
                var node = path[^1];
                var i = next[^1];
                if (i < edges[node].Count)
                {
                    next[^1] = i + 1;
                    var target = edges[node][i];
                    if (state[target] == 1)
                    {
                        var from = path.LastIndexOf(target);
                        cycles.Add([.. path.Skip(from), target]);
                    }
                    else if (state[target] == 0)
                    {
                        state[target] = 1;
                        path.Add(target);
                        next.Add(0);
                    }
                }
                else
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    next.RemoveAt(next.Count - 1);
                }
            }
        }
        return cycles;
    }

    /// <summary>A cycle (first node repeated at the end) rotated to start and end at <paramref name="start"/>.</summary>
    public static List<T> StartingAt<T>(IReadOnlyList<T> cycle, T start)
    {
        var members = cycle.Take(cycle.Count - 1).ToList();
        var k = members.IndexOf(start);
        if (k < 0) return [.. cycle];
        return [.. members.Skip(k), .. members.Take(k), start];
    }
}
