using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace SkillsGap.Recommendations;

/// <summary>
/// A trained tree ensemble (LightGBM or FastTree) flattened into arrays and evaluated directly: output = bias +
/// Σ weightᵢ · leaf of tree i, going left where feature ≤ threshold (ML.NET's own rule). Scoring a case's few hundred
/// candidates this way avoids a prediction engine's per-row overhead; it is immutable, so safe from any thread.
/// </summary>
internal sealed class CompiledTrees
{
    private readonly double _bias;
    private readonly int[] _root;      // per tree: its first node in _nodes, or -1 for a one-leaf tree
    private readonly Node[] _nodes;
    private readonly int[] _leafStart; // per tree: its first leaf in _leaves
    private readonly double[] _leaves; // leaf values already multiplied by their tree's weight

    /// <summary>A split node, packed so that one cache line holds four: go left where feature ≤ threshold.</summary>
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    private CompiledTrees(RegressionTreeEnsemble ensemble)
    {
        var trees = ensemble.Trees;
        _bias = ensemble.Bias;
        var weights = ensemble.TreeWeights;
        _root = new int[trees.Count];
        _leafStart = new int[trees.Count];
        var left = new List<int>();
        var right = new List<int>();
        var feature = new List<int>();
        var threshold = new List<float>();
        var leaves = new List<double>();
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodeOffset = left.Count;
            _leafStart[t] = leaves.Count;
            leaves.AddRange(tree.LeafValues.Select(v => v * weights[t]));
            _root[t] = tree.NumberOfNodes == 0 ? -1 : nodeOffset;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags[n]) throw new NotSupportedException("Categorical splits are not compiled.");
                // Children: a node index (made global) or ~leaf (kept local to the tree).
                left.Add(tree.LeftChild[n] >= 0 ? tree.LeftChild[n] + nodeOffset : tree.LeftChild[n]);
                right.Add(tree.RightChild[n] >= 0 ? tree.RightChild[n] + nodeOffset : tree.RightChild[n]);
                feature.Add(tree.NumericalSplitFeatureIndexes[n]);
                threshold.Add(tree.NumericalSplitThresholds[n]);
            }
        }
        _nodes = new Node[left.Count];
        for (var n = 0; n < _nodes.Length; n++) _nodes[n] = new Node(feature[n], threshold[n], left[n], right[n]);
        _leaves = [.. leaves];
    }

    /// <summary>The ensemble inside an ML.NET model (a chain ending in a tree predictor, calibrated or not), or null.</summary>
    public static CompiledTrees? TryCompile(ITransformer transformer)
    {
        try
        {
            return Find(transformer) is { } ensemble ? new CompiledTrees(ensemble) : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static RegressionTreeEnsemble? Find(object? node)
    {
        switch (node)
        {
            case null: return null;
            case TreeEnsembleModelParametersBasedOnRegressionTree trees: return trees.TrainedTreeEnsemble;
            case IEnumerable<ITransformer> chain:
                foreach (var t in chain)
                    if (Find(t) is { } found) return found;
                return null;
        }
        // Prediction transformers expose the predictor as Model; a calibrated predictor exposes the trees as SubModel.
        // (A generic type may declare a property again with a narrower type: take every property of that name.)
        foreach (var property in node.GetType().GetProperties())
            if (property.Name is "Model" or "SubModel" && property.GetIndexParameters().Length == 0
                && property.GetValue(node) is { } inner && !ReferenceEquals(inner, node) && Find(inner) is { } found)
                return found;
        return null;
    }

    /// <summary>Scores every row of a row-major matrix (rows × <paramref name="width"/>).</summary>
    /// <remarks>
    /// Tree by tree over all rows, so that each tree's nodes stay in the cache while the rows pass through it; each row's
    /// sum adds its trees in order, so the result is the same as row by row. (Walking four rows through a tree at once, to
    /// overlap their branches, measured slower here.)
    /// </remarks>
    public float[] Score(float[] features, int width)
    {
        var rows = features.Length / width;
        var sums = new double[rows];
        var nodes = _nodes.AsSpan();
        var all = features.AsSpan();
        for (var t = 0; t < _root.Length; t++)
        {
            var root = _root[t];
            var leaves = _leaves.AsSpan(_leafStart[t]);
            if (root == -1)
            {
                for (var r = 0; r < rows; r++) sums[r] += leaves[0];
                continue;
            }
            for (var r = 0; r < rows; r++)
            {
                var row = all.Slice(r * width, width);
                var node = root;
                while (node >= 0)
                {
                    ref readonly var n = ref nodes[node];
                    node = row[n.Feature] <= n.Threshold ? n.Left : n.Right;
                }
                sums[r] += leaves[~node];
            }
        }
        var result = new float[rows];
        for (var r = 0; r < rows; r++) result[r] = (float)(sums[r] + _bias);
        return result;
    }
}
