using System.Globalization;

namespace Keel.Anomaly.Streaming;

/// <summary>Options of <see cref="HalfSpaceTrees"/>, with River's defaults (<c>river.anomaly.HalfSpaceTrees</c>) and River's names on the command line.</summary>
public sealed record HalfSpaceTreesOptions
{
    /// <summary>The number of trees (<c>n_trees</c>). The default value is 10; 1 to 1,000.</summary>
    public int Trees { get; init; } = 10;

    /// <summary>The height of each tree: h + 1 levels, 2^(h+1) − 1 nodes (<c>height</c>). The default value is 8; 1 to 20.</summary>
    public int Height { get; init; } = 8;

    /// <summary>Points per window: each tree's reference masses are those of the last full window (<c>window_size</c>). The default value is 250; at least 1.</summary>
    public int WindowSize { get; init; } = 250;

    /// <summary>
    /// The range of each feature, (lower, upper), in feature order (<c>limits</c>). The default value is null: every
    /// feature in [0, 1], as River assumes; scale features to it (see <see cref="SeriesHalfSpaceTrees"/>).
    /// </summary>
    public IReadOnlyList<(double Lower, double Upper)>? Limits { get; init; }

    /// <summary>The seed of the trees' random splits, drawn as CPython's <c>random.Random(seed)</c> draws them (<c>seed</c>). The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    public IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 1000) yield return $"n_trees must be between 1 and 1000; it is {Trees}.";
        if (Height is < 1 or > 20) yield return $"height must be between 1 and 20; it is {Height}.";
        if (WindowSize < 1) yield return $"window_size must be at least 1; it is {WindowSize}.";
        if (Limits is { } limits)
            for (var i = 0; i < limits.Count; i++)
                if (!double.IsFinite(limits[i].Lower) || !double.IsFinite(limits[i].Upper) || !(limits[i].Upper > limits[i].Lower))
                    yield return $"limits[{i}] must be two finite numbers, lower below upper; it is ({limits[i].Lower.ToString(CultureInfo.InvariantCulture)}, {limits[i].Upper.ToString(CultureInfo.InvariantCulture)}).";
    }
}
