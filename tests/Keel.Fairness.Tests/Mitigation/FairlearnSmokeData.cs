namespace Keel.Fairness.Tests.Mitigation;

/// <summary>
/// The small data of Fairlearn's reductions tests (fairlearn/fairlearn, test/unit/reductions/exponentiated_gradient/
/// test_utilities.py) and its least-squares learner (simple_learners.py, <c>LeastSquaresBinaryClassifierLearner</c>:
/// weighted least squares on X1, X2, X3, predict 1 where x·w &gt; 0.5).
/// </summary>
internal static class FairlearnSmokeData
{
    public static readonly string[] Groups = "AAAAAAABBBBBBBCCCCCC".Select(c => c.ToString()).ToArray();
    public static readonly int[] Labels = Digits("01101000010111001111");
    public static readonly int[] X1 = Digits("01101010111101001011");
    public static readonly int[] X2 = Digits("00001000000011111111");
    public static readonly int[] X3 = Digits("11111111111111111111");

    private static int[] Digits(string s) => s.Select(c => c - '0').ToArray();

    /// <summary>Weighted least squares by the normal equations (3 × 3, Gaussian elimination with partial pivoting).</summary>
    public static int[] LeastSquaresPredictions(int[] y, double[] w)
    {
        var x = new[] { X1, X2, X3 };
        var a = new double[3, 4];
        for (var i = 0; i < y.Length; i++)
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++) a[r, c] += w[i] * x[r][i] * x[c][i];
                a[r, 3] += w[i] * x[r][i] * y[i];
            }
        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 3; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (var c = 0; c < 4; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (var r = 0; r < 3; r++)
            {
                if (r == col) continue;
                var f = a[r, col] / a[col, col];
                for (var c = 0; c < 4; c++) a[r, c] -= f * a[col, c];
            }
        }
        var beta = new[] { a[0, 3] / a[0, 0], a[1, 3] / a[1, 1], a[2, 3] / a[2, 2] };
        return Enumerable.Range(0, y.Length).Select(i => beta[0] * X1[i] + beta[1] * X2[i] + beta[2] * X3[i] > 0.5 ? 1 : 0).ToArray();
    }
}
