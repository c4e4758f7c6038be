namespace Keel.Learn.Models;

/// <summary>How raw scores become the model's output.</summary>
public enum LinkKind
{
    /// <summary>The raw score is the prediction (regression).</summary>
    Identity,

    /// <summary>Binary: P(positive) = 1 / (1 + exp(-(Scale · s + Shift))). Platt calibration is this form.</summary>
    Sigmoid,

    /// <summary>Multiclass: P(k) = exp(s_k) / Σ exp(s_j).</summary>
    Softmax,

    /// <summary>Binary: the raw score is P(positive) itself (randomized mixtures).</summary>
    Probability,
    /// <summary>
    /// Isolation Forest: the raw score is a row's expected isolation path length E[h(x)]; the anomaly score is
    /// 2^(−E[h(x)] / Scale), where Scale is c(ψ), the average path length of ψ training samples (Liu et al. 2008).
    /// </summary>
    PathLength,
}

/// <summary>The link from raw scores to predictions, with the sigmoid's scale and shift.</summary>
public sealed record Link(LinkKind Kind, double Scale = 1, double Shift = 0)
{
    public static Link Identity { get; } = new(LinkKind.Identity);

    public static Link Softmax { get; } = new(LinkKind.Softmax);

    public static Link Sigmoid(double scale = 1, double shift = 0) => new(LinkKind.Sigmoid, scale, shift);

    /// <summary>The link of a binary model whose raw score already is P(positive).</summary>
    public static Link ProbabilityIdentity { get; } = new(LinkKind.Probability);

    public static Link PathLength(double averagePathLength) => new(LinkKind.PathLength, averagePathLength);

    public double Probability(double raw) => Kind == LinkKind.Probability ? raw : 1 / (1 + Math.Exp(-(Scale * raw + Shift)));

    /// <summary>
    /// The anomaly score of a raw score: 2^(−raw / Scale) for <see cref="LinkKind.PathLength"/> (0.5 when Scale is 0,
    /// as scikit-learn), the raw score itself otherwise.
    /// </summary>
    public double AnomalyScore(double raw) => Kind switch
    {
        LinkKind.PathLength => Scale > 0 ? Math.Pow(2, -raw / Scale) : 0.5,
        _ => raw,
    };

    /// <summary>Softmax of raw scores, written in place.</summary>
    public static void SoftmaxInPlace(Span<double> scores)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        double sum = 0;
        for (var k = 0; k < scores.Length; k++) { scores[k] = Math.Exp(scores[k] - max); sum += scores[k]; }
        for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
    }
}
