using System.Globalization;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// Options of <see cref="RelativeEntropy"/>, with their names on the command line (<c>--param name=value</c>). The
/// defaults are those of NAB's relative entropy detector, which Numenta tuned on NAB's corpus.
/// </summary>
public sealed record RelativeEntropyOptions
{
    /// <summary>How many equal-width bins the range of values learned so far is cut into (<c>bins</c>). The default value is 5; 2 to 100.</summary>
    public int Bins { get; init; } = 5;

    /// <summary>How many of the latest values make the window whose distribution is tested (<c>window</c>). The default value is 52; at least 3.</summary>
    public int Window { get; init; } = 52;

    /// <summary>
    /// The confidence at which a window is said to disagree with a reference distribution (<c>confidence</c>): the
    /// G statistic must exceed this quantile of χ² with <see cref="Bins"/> − 1 degrees of freedom. The default value
    /// is 0.99; above 0 and below 1.
    /// </summary>
    public double Confidence { get; init; } = 0.99;

    public IEnumerable<string> Validate()
    {
        if (Bins is < 2 or > 100) yield return $"bins must be between 2 and 100; it is {Bins}.";
        if (Window < 3) yield return $"window must be at least 3; it is {Window}.";
        if (!(Confidence is > 0 and < 1)) yield return $"confidence must be above 0 and below 1; it is {Confidence.ToString(CultureInfo.InvariantCulture)}.";
    }
}
