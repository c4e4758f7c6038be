namespace Keel.Learn.Anomaly;

/// <summary>
/// c(n), the average path length of an unsuccessful search in a binary search tree of n points: the normalisation of
/// Isolation Forest (Liu, Ting and Zhou 2008, eq. 1), c(n) = 2 H(n − 1) − 2 (n − 1) / n with
/// H(i) ≈ ln(i) + γ, c(2) = 1 and c(n) = 0 for n ≤ 1, exactly as scikit-learn's <c>_average_path_length</c>.
/// </summary>
public static class AveragePathLength
{
    private const double EulerGamma = 0.57721566490153286060651209;

    /// <summary>c(n) for n training samples (or samples in a leaf).</summary>
    /// <example><code>AveragePathLength.Of(256) // 10.244770920119917, as scikit-learn</code></example>
    public static double Of(double n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * (Math.Log(n - 1) + EulerGamma) - 2 * (n - 1) / n,
    };
}
