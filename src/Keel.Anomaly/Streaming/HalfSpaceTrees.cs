using Keel.Learn.Sampling;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// Half-Space Trees (Tan, Ting and Liu 2011, "Fast anomaly detection for streaming data", IJCAI), as River's
/// <c>river.anomaly.HalfSpaceTrees</c> defines them: random trees of fixed height over the features' ranges (each split
/// on a feature drawn in proportion to its range, at a point drawn uniformly within the middle 70 % of it), built when
/// the first point is learned. Each node counts the points of the current window that pass through it; when a window
/// of <see cref="HalfSpaceTreesOptions.WindowSize"/> points is full, those counts become the reference masses. A
/// point's score sums, down its path in each tree, reference mass × 2^depth until a node with under
/// 0.1 × window_size, normalised by its largest possible value, and is reported as 1 − that: in [0, 1], higher is more
/// anomalous, 0 during the first window. With the same seed the trees are River's (CPython's Mersenne Twister, see
/// <see cref="MersenneTwister"/>), so scores equal River's. A missing feature (NaN) follows the child more visited in
/// the current window, as in River.
/// </summary>
/// <example>
/// River's docstring example (<c>river/anomaly/hst.py</c>):
/// <code>
/// var hst = new HalfSpaceTrees(new HalfSpaceTreesOptions { Trees = 5, Height = 3, WindowSize = 3, Seed = 42 });
/// double[] xs = [0.5, 0.45, 0.43, 0.44, 0.445, 0.45, 0.0];
/// foreach (var x in xs[..3]) hst.Learn([x]);   // warming up
/// foreach (var x in xs)
/// {
///     hst.Learn([x]);
///     Console.WriteLine($"Anomaly score for x={x:0.000}: {hst.Score([x]):0.000}");
/// }
/// // 0.107, 0.071, 0.107, 0.107, 0.107, 0.071, 0.853
/// </code>
/// </example>
public sealed class HalfSpaceTrees
{
    private const double Padding = 0.15;
    private readonly HalfSpaceTreesOptions _options;
    private readonly int _nodes;
    private MersenneTwister _random;
    private int[][] _feature = [];
    private double[][] _threshold = [];
    private int[][] _latestMass = [];
    private int[][] _referenceMass = [];
    private int _counter;

    public HalfSpaceTrees(HalfSpaceTreesOptions? options = null)
    {
        _options = options ?? new HalfSpaceTreesOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"hst: {string.Join(" ", problems)}", nameof(options));
        _nodes = (1 << (_options.Height + 1)) - 1;
        _random = new MersenneTwister(_options.Seed);
    }

    public HalfSpaceTreesOptions Options => _options;

    /// <summary>The number of features, fixed by the first point learned; 0 before.</summary>
    public int Features { get; private set; }

    /// <summary>Whether the first window is still filling (every score is 0 until it is full).</summary>
    public bool InFirstWindow { get; private set; } = true;

    /// <summary>The anomaly score of <paramref name="x"/> in [0, 1] against the last full window; 0 during the first window.</summary>
    public double Score(ReadOnlySpan<double> x)
    {
        if (InFirstWindow) return 0.0;
        CheckWidth(x);
        var sizeLimit = 0.1 * _options.WindowSize;
        var score = 0.0;
        for (var t = 0; t < _options.Trees; t++)
        {
            var node = 0;
            for (var depth = 0; ; depth++)
            {
                var mass = _referenceMass[t][node];
                score += mass * Math.Pow(2, depth);
                if (mass < sizeLimit || depth == _options.Height) break;
                node = Next(t, node, x);
            }
        }
        var largest = (double)_options.Trees * _options.WindowSize * _nodes;
        return 1.0 - score / largest;
    }

    /// <summary>Counts <paramref name="x"/> in the current window (building the trees at the first point).</summary>
    public void Learn(ReadOnlySpan<double> x)
    {
        if (Features == 0) Build(x.Length);
        CheckWidth(x);
        for (var t = 0; t < _options.Trees; t++)
        {
            var node = 0;
            for (var depth = 0; ; depth++)
            {
                _latestMass[t][node]++;
                if (depth == _options.Height) break;
                node = Next(t, node, x);
            }
        }
        if (++_counter == _options.WindowSize)
        {
            for (var t = 0; t < _options.Trees; t++)
            {
                (_referenceMass[t], _latestMass[t]) = (_latestMass[t], _referenceMass[t]);
                Array.Clear(_latestMass[t]);
            }
            InFirstWindow = false;
            _counter = 0;
        }
    }

    /// <summary>Forgets the trees and the masses; the next <see cref="Learn"/> draws the same trees again.</summary>
    public void Reset()
    {
        _random = new MersenneTwister(_options.Seed);
        Features = 0;
        InFirstWindow = true;
        _counter = 0;
        _feature = [];
        _threshold = [];
        _latestMass = [];
        _referenceMass = [];
    }

    private int Next(int tree, int node, ReadOnlySpan<double> x)
    {
        int left = 2 * node + 1, right = left + 1;
        var value = x[_feature[tree][node]];
        if (double.IsNaN(value)) return _latestMass[tree][left] < _latestMass[tree][right] ? right : left;
        return value < _threshold[tree][node] ? left : right;
    }

    private void CheckWidth(ReadOnlySpan<double> x)
    {
        if (x.Length != Features)
            throw new ArgumentException($"Half-space trees were built for {Features} features; this point has {x.Length}.", nameof(x));
    }

    private void Build(int features)
    {
        if (features == 0) throw new ArgumentException("A point needs at least one feature.", nameof(features));
        if (_options.Limits is { } given && given.Count != features)
            throw new ArgumentException($"limits gives {given.Count} ranges but the first point has {features} features.", nameof(features));
        var lower = new double[features];
        var upper = new double[features];
        for (var j = 0; j < features; j++)
            (lower[j], upper[j]) = _options.Limits is { } limits ? limits[j] : (0.0, 1.0);
        Features = features;
        _feature = new int[_options.Trees][];
        _threshold = new double[_options.Trees][];
        _latestMass = new int[_options.Trees][];
        _referenceMass = new int[_options.Trees][];
        var weights = new double[features];
        for (var t = 0; t < _options.Trees; t++)
        {
            _feature[t] = new int[_nodes];
            _threshold[t] = new double[_nodes];
            _latestMass[t] = new int[_nodes];
            _referenceMass[t] = new int[_nodes];
            Split(t, 0, _options.Height, lower, upper, weights);
        }
    }

    /// <summary>River's <c>make_padded_tree</c>, nodes in heap order: this node's draws, then the left subtree's, then the right's.</summary>
    private void Split(int tree, int node, int height, double[] lower, double[] upper, double[] weights)
    {
        if (height == 0) return;
        for (var j = 0; j < weights.Length; j++) weights[j] = upper[j] - lower[j];
        var on = _random.Choice(weights);
        double a = lower[on], b = upper[on];
        var at = _random.Uniform(a + Padding * (b - a), b - Padding * (b - a));
        _feature[tree][node] = on;
        _threshold[tree][node] = at;
        upper[on] = at;
        Split(tree, 2 * node + 1, height - 1, lower, upper, weights);
        upper[on] = b;
        lower[on] = at;
        Split(tree, 2 * node + 2, height - 1, lower, upper, weights);
        lower[on] = a;
    }
}
