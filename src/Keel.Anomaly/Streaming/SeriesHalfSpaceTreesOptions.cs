namespace Keel.Anomaly.Streaming;

/// <summary>Options of <see cref="SeriesHalfSpaceTrees"/>: the trees' (River's names and defaults) and how a series becomes features.</summary>
public sealed record SeriesHalfSpaceTreesOptions
{
    /// <summary>The trees. The default value is River's defaults: 10 trees of height 8, windows of 250 points, seed 42.</summary>
    public HalfSpaceTreesOptions Trees { get; init; } = new();

    /// <summary>
    /// How many consecutive values make one point's features (<c>shingle</c>): 1 scores each value alone, k scores it
    /// with the k − 1 values before it, so that an unusual shape of normal values stands out. The default value is 1; 1 to 64.
    /// </summary>
    public int Shingle { get; init; } = 1;

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Trees.Validate()) yield return problem;
        if (Shingle is < 1 or > 64) yield return $"shingle must be between 1 and 64; it is {Shingle}.";
        if (Trees.Limits is not null) yield return "limits are not taken for a series: its values are scaled to [0, 1] by the minimum and maximum learned so far.";
    }
}
