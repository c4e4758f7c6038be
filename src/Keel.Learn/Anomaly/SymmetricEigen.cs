namespace Keel.Learn.Anomaly;

/// <summary>Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, §8.5).</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes a symmetric d × d matrix (row-major, not modified): eigenvalues in decreasing order and their unit
    /// eigenvectors, <c>vectors[i]</c> for <c>values[i]</c>.
    /// </summary>
    public static (double[] Values, double[][] Vectors) Decompose(double[] matrix, int d)
    {
        var a = (double[])matrix.Clone();
        var v = new double[d * d];
        for (var i = 0; i < d; i++) v[i * d + i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diagonal = 0;
            for (var p = 0; p < d; p++)
            {
                diagonal += a[p * d + p] * a[p * d + p];
                for (var q = p + 1; q < d; q++) off += a[p * d + q] * a[p * d + q];
            }
            if (off <= 1e-30 * Math.Max(diagonal, 1e-300)) break;
            for (var p = 0; p < d - 1; p++)
                for (var q = p + 1; q < d; q++)
                {
                    var apq = a[p * d + q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    var theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < d; k++)
                    {
                        var akp = a[k * d + p];
                        var akq = a[k * d + q];
                        a[k * d + p] = c * akp - s * akq;
                        a[k * d + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var apk = a[p * d + k];
                        var aqk = a[q * d + k];
                        a[p * d + k] = c * apk - s * aqk;
                        a[q * d + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var vkp = v[k * d + p];
                        var vkq = v[k * d + q];
                        v[k * d + p] = c * vkp - s * vkq;
                        v[k * d + q] = s * vkp + c * vkq;
                    }
                }
        }
        var order = Enumerable.Range(0, d).OrderByDescending(i => a[i * d + i]).ThenBy(i => i).ToArray();
        var values = order.Select(i => a[i * d + i]).ToArray();
        var vectors = order.Select(i => Enumerable.Range(0, d).Select(k => v[k * d + i]).ToArray()).ToArray();
        return (values, vectors);
    }
}
