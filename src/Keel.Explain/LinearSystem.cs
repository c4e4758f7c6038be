using Keel.Learn;

namespace Keel.Explain;

/// <summary>The small dense linear systems of the surrogate fits (Kernel SHAP, LIME).</summary>
internal static class LinearSystem
{
    /// <summary>Solves a small system in place by Gaussian elimination with partial pivoting; <paramref name="singular"/> is the error when it has no unique solution.</summary>
    public static double[] Solve(double[,] a, double[] b, string singular)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-300) throw new KeelLearnException(singular);
            if (pivot != col)
            {
                for (var j = 0; j < n; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (var j = col; j < n; j++) a[r, j] -= f * a[col, j];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var j = r + 1; j < n; j++) s -= a[r, j] * x[j];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
