using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>The root-to-leaf paths of a tree, as the per-leaf TreeSHAP variants need them.</summary>
internal static class TreePaths
{
    /// <summary>Every leaf of a tree with its path (node, went left), unique features and their cover fractions.</summary>
    public static IEnumerable<(int Leaf, (int Node, bool Left)[] Path, int[] Features, double[] Zeros)> Of(DecisionTree tree)
    {
        var stack = new Stack<(int Child, (int Node, bool Left)[] Path)>();
        stack.Push((0, []));
        while (stack.Count > 0)
        {
            var (child, path) = stack.Pop();
            if (child >= 0)
            {
                stack.Push((tree.RightChild[child], [.. path, (child, false)]));
                stack.Push((tree.LeftChild[child], [.. path, (child, true)]));
                continue;
            }
            var features = new List<int>();
            var zeros = new List<double>();
            foreach (var (node, left) in path)
            {
                var next = left ? tree.LeftChild[node] : tree.RightChild[node];
                var ratio = (next < 0 ? tree.LeafCover[~next] : tree.NodeCover[next]) / tree.NodeCover[node];
                var slot = features.IndexOf(tree.SplitFeature[node]);
                if (slot < 0) { features.Add(tree.SplitFeature[node]); zeros.Add(ratio); }
                else zeros[slot] *= ratio;
            }
            yield return (~child, path, [.. features], [.. zeros]);
        }
    }
}
