using MathNet.Numerics.LinearAlgebra;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// The leading principal components of standardized data, as scikit-learn's <c>PCA(n_components=share)</c> keeps them:
/// the fewest components whose explained-variance ratios add up to more than <c>share</c>. The components are the
/// eigenvectors of the p × p covariance matrix (MathNet's symmetric eigen-decomposition), the right singular vectors
/// scikit-learn's full SVD of the centred data finds, up to sign; the reconstruction does not depend on the sign.
/// </summary>
internal sealed class PrincipalSubspace
{
    private readonly double[] _mean;
    private readonly double[][] _components;

    private PrincipalSubspace(double[] mean, double[][] components, double[] ratios)
    {
        _mean = mean;
        _components = components;
        ExplainedVarianceRatio = ratios;
    }

    /// <summary>The share of the total variance each kept component explains, largest first.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    public int Count => _components.Length;

    /// <summary>Fits on columns of equal length (column-major: <paramref name="columns"/>[j][i] is row i of column j).</summary>
    public static PrincipalSubspace Fit(IReadOnlyList<double[]> columns, double share)
    {
        var p = columns.Count;
        var n = columns[0].Length;
        var mean = columns.Select(c => c.Average()).ToArray();
        var centred = columns.Select((c, j) => c.Select(v => v - mean[j]).ToArray()).ToArray();
        var covariance = Matrix<double>.Build.Dense(p, p);
        for (var j = 0; j < p; j++)
            for (var k = 0; k <= j; k++)
            {
                double s = 0;
                var (a, b) = (centred[j], centred[k]);
                for (var i = 0; i < n; i++) s += a[i] * b[i];
                covariance[j, k] = covariance[k, j] = s / (n - 1);
            }
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, p).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        var variances = order.Select(k => Math.Max(evd.EigenValues[k].Real, 0)).ToArray();
        var total = variances.Sum();
        if (!(total > 0))
            throw new Data.KeelDataException("Every column is constant in the reference: there is no structure for the reconstruction to learn.");
        var ratios = variances.Select(v => v / total).ToArray();
        // scikit-learn: np.searchsorted(cumsum(ratios), share, side="right") + 1.
        var kept = 1;
        double cumulative = 0;
        for (var k = 0; k < p; k++)
        {
            cumulative += ratios[k];
            if (cumulative <= share) kept = k + 2;
        }
        kept = Math.Min(kept, p);
        var components = order.Take(kept).Select(k => evd.EigenVectors.Column(k).ToArray()).ToArray();
        return new PrincipalSubspace(mean, components, ratios[..kept]);
    }

    /// <summary>
    /// Per row, the Euclidean distance between the row and its reconstruction from the kept components:
    /// ‖x − (Pᵀ P (x − μ) + μ)‖, scikit-learn's <c>inverse_transform(transform(x))</c>.
    /// </summary>
    public double[] Errors(IReadOnlyList<double[]> columns)
    {
        var p = columns.Count;
        var n = columns[0].Length;
        var errors = new double[n];
        var centred = new double[p];
        var scores = new double[Count];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < p; j++) centred[j] = columns[j][i] - _mean[j];
            for (var k = 0; k < Count; k++)
            {
                double s = 0;
                var c = _components[k];
                for (var j = 0; j < p; j++) s += centred[j] * c[j];
                scores[k] = s;
            }
            double sum = 0;
            for (var j = 0; j < p; j++)
            {
                var reconstructed = 0.0;
                for (var k = 0; k < Count; k++) reconstructed += scores[k] * _components[k][j];
                var d = centred[j] - reconstructed;
                sum += d * d;
            }
            errors[i] = Math.Sqrt(sum);
        }
        return errors;
    }
}
