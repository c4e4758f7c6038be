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

    /// <summary>
    /// The share of [0, 1] left free at each end when values are scaled (<c>headroom</c>): the minimum and maximum learned
    /// so far map to <c>headroom</c> and 1 − <c>headroom</c>, so that a value beyond them lands in cells the trees have
    /// seen empty. 0 is River's plain min-max scaling, where a new extreme shares the edge cell with the old one. The
    /// default value is 0.25; 0 to 0.45.
    /// </summary>
    public double Headroom { get; init; } = 0.25;

    public IEnumerable<string> Validate()
    {
        if (!(Headroom is >= 0 and <= 0.45)) yield return $"headroom must be between 0 and 0.45; it is {Headroom.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
        foreach (var problem in Trees.Validate()) yield return problem;
        if (Shingle is < 1 or > 64) yield return $"shingle must be between 1 and 64; it is {Shingle}.";
        if (Trees.Limits is not null) yield return "limits are not taken for a series: its values are scaled to [0, 1] by the minimum and maximum learned so far.";
    }
}
