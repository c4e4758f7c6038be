namespace Keel.Learn.Anomaly;

/// <summary>
/// Exact k-nearest-neighbour search by Euclidean distance over row-major points: a k-d tree (Bentley 1975; leaves of
/// up to 16 points, split at the median of the widest dimension) for up to <see cref="MaxTreeWidth"/> dimensions, a
/// scan above. Both give the same neighbours as a scan in index order: nearest first, ties by lower index, every
/// squared distance summed over the dimensions in the same order. Immutable after construction; thread-safe.
/// </summary>
internal sealed class NeighbourIndex
{
    /// <summary>Above this many dimensions a k-d tree prunes too little to beat a scan.</summary>
    public const int MaxTreeWidth = 12;

    private const int LeafSize = 16;

    private readonly int _width;
    private readonly int[] _order;
    private readonly List<Node> _nodes = [];
    private readonly float[] _low;
    private readonly float[] _high;

    private readonly record struct Node(int Start, int End, int Left, int Right);

    /// <param name="points">Row-major points, <paramref name="width"/> values each.</param>
    /// <param name="width">Dimensions per point.</param>
    /// <param name="tree">Whether a k-d tree may be built (false: always scan).</param>
    public NeighbourIndex(float[] points, int width, bool tree = true)
    {
        Points = points;
        _width = width;
        var count = points.Length / width;
        _order = Enumerable.Range(0, count).ToArray();
        var boxes = new List<float>();
        var highs = new List<float>();
        if (tree && width <= MaxTreeWidth && count > LeafSize) Build(0, count, boxes, highs);
        _low = [.. boxes];
        _high = [.. highs];
    }

    /// <summary>The points searched (the array given, not a copy).</summary>
    public float[] Points { get; }

    private bool IsTree => _nodes.Count > 0;

    private int Build(int start, int end, List<float> lows, List<float> highs)
    {
        var node = _nodes.Count;
        _nodes.Add(default);
        var widest = 0;
        var spread = -1f;
        for (var j = 0; j < _width; j++)
        {
            float low = float.PositiveInfinity, high = float.NegativeInfinity;
            for (var i = start; i < end; i++)
            {
                var v = Points[(long)_order[i] * _width + j];
                if (v < low) low = v;
                if (v > high) high = v;
            }
            lows.Add(low);
            highs.Add(high);
            if (high - low > spread) (spread, widest) = (high - low, j);
        }
        if (end - start <= LeafSize || spread <= 0)
        {
            _nodes[node] = new Node(start, end, -1, -1);
            return node;
        }
        var dimension = widest;
        Array.Sort(_order, start, end - start, Comparer<int>.Create((a, b) =>
        {
            var c = Points[(long)a * _width + dimension].CompareTo(Points[(long)b * _width + dimension]);
            return c != 0 ? c : a.CompareTo(b);
        }));
        var middle = (start + end) / 2;
        var left = Build(start, middle, lows, highs);
        var right = Build(middle, end, lows, highs);
        _nodes[node] = new Node(start, end, left, right);
        return node;
    }

    /// <summary>
    /// Writes the <c>indices.Length</c> points nearest to <paramref name="x"/> and their distances, nearest first (ties
    /// by lower index), leaving out point <paramref name="exclude"/> (-1 for none).
    /// </summary>
    public void Search(ReadOnlySpan<float> x, int exclude, Span<int> indices, Span<double> distances)
    {
        var k = indices.Length;
        var count = Points.Length / _width;
        if (count - (exclude >= 0 && exclude < count ? 1 : 0) < k)
            throw new ArgumentException($"There are {count} points to search; {k} neighbours were asked for.");
        var found = 0;
        if (IsTree) Visit(0, x, exclude, indices, distances, ref found);
        else
            for (var p = 0; p < count; p++)
                if (p != exclude) Offer(p, x, indices, distances, ref found);
        for (var j = 0; j < k; j++) distances[j] = Math.Sqrt(distances[j]);
    }

    private void Visit(int node, ReadOnlySpan<float> x, int exclude, Span<int> indices, Span<double> distances, ref int found)
    {
        var n = _nodes[node];
        if (found == indices.Length && BoxDistance(node, x) > distances[found - 1]) return;
        if (n.Left < 0)
        {
            for (var i = n.Start; i < n.End; i++)
                if (_order[i] != exclude) Offer(_order[i], x, indices, distances, ref found);
            return;
        }
        var (near, far) = BoxDistance(n.Left, x) <= BoxDistance(n.Right, x) ? (n.Left, n.Right) : (n.Right, n.Left);
        Visit(near, x, exclude, indices, distances, ref found);
        Visit(far, x, exclude, indices, distances, ref found);
    }

    /// <summary>The squared distance from x to the bounding box of a node (0 inside it).</summary>
    private double BoxDistance(int node, ReadOnlySpan<float> x)
    {
        double d2 = 0;
        var offset = node * _width;
        for (var j = 0; j < _width; j++)
        {
            double gap = x[j] < _low[offset + j] ? (double)_low[offset + j] - x[j] : x[j] > _high[offset + j] ? (double)x[j] - _high[offset + j] : 0;
            d2 += gap * gap;
        }
        return d2;
    }

    /// <summary>Keeps point p among the nearest found so far, ordered by (squared distance, index).</summary>
    private void Offer(int p, ReadOnlySpan<float> x, Span<int> indices, Span<double> distances, ref int found)
    {
        var k = indices.Length;
        var worst = found == k ? distances[k - 1] : double.PositiveInfinity;
        var point = Points.AsSpan((int)((long)p * _width), _width);
        double d2 = 0;
        for (var j = 0; j < _width && d2 <= worst; j++)
        {
            var diff = (double)x[j] - point[j];
            d2 += diff * diff;
        }
        if (found == k && (d2 > worst || d2 == worst && p > indices[k - 1])) return;
        var at = found < k ? found++ : k - 1;
        while (at > 0 && (distances[at - 1] > d2 || distances[at - 1] == d2 && indices[at - 1] > p))
        {
            distances[at] = distances[at - 1];
            indices[at] = indices[at - 1];
            at--;
        }
        distances[at] = d2;
        indices[at] = p;
    }
}
