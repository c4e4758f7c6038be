namespace Keel.Learn.Models;

/// <summary>
/// A principal subspace: a centre and orthonormal principal axes. The raw score of a row is its squared
/// reconstruction error, ‖(x − μ) − V Vᵀ(x − μ)‖², the squared distance from the row to the subspace; higher = more
/// anomalous.
/// </summary>
public sealed record PrincipalSubspace : Predictor
{
    /// <summary>The centre μ the axes pass through (the fitted mean of each feature).</summary>
    public required double[] Mean { get; init; }

    /// <summary>The kept principal axes, each of <see cref="Predictor.FeatureCount"/> values, largest variance first.</summary>
    public required double[][] Components { get; init; }

    /// <summary>The variance along each kept axis.</summary>
    public required double[] Variances { get; init; }

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw)
    {
        var d = FeatureCount;
        Span<double> centred = d <= 256 ? stackalloc double[d] : new double[d];
        for (var j = 0; j < d; j++) centred[j] = x[j] - Mean[j];
        // The residual itself rather than ‖c‖² − Σ (vₖ·c)², which cancels badly for rows near the subspace.
        Span<double> residual = d <= 256 ? stackalloc double[d] : new double[d];
        centred.CopyTo(residual);
        foreach (var v in Components)
        {
            double projection = 0;
            for (var j = 0; j < d; j++) projection += v[j] * centred[j];
            for (var j = 0; j < d; j++) residual[j] -= projection * v[j];
        }
        double error = 0;
        for (var j = 0; j < d; j++) error += residual[j] * residual[j];
        raw[0] = error;
    }
}
