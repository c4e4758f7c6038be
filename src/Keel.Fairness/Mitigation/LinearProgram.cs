namespace Keel.Fairness.Mitigation;

/// <summary>
/// A small dense linear program solved by the two-phase simplex method with Bland's rule (no cycling):
/// minimize c·x subject to A_ub·x ≤ b_ub, A_eq·x = b_eq, x ≥ 0. Sized for the exponentiated-gradient reduction's
/// saddle-point step (a few dozen classifiers, a few dozen constraints).
/// </summary>
internal static class LinearProgram
{
    private const double Tolerance = 1e-10;

    /// <summary>The minimizing x, or null when the program is infeasible or unbounded.</summary>
    public static double[]? Minimize(double[] c, double[][] aUb, double[] bUb, double[][] aEq, double[] bEq)
    {
        var n = c.Length;
        var rows = aUb.Length + aEq.Length;
        // Columns: n variables, one slack per inequality, one artificial per row that needs one, then the right-hand side.
        var slacks = aUb.Length;
        var needsArtificial = new bool[rows];
        for (var i = 0; i < aUb.Length; i++) needsArtificial[i] = bUb[i] < 0;
        for (var i = aUb.Length; i < rows; i++) needsArtificial[i] = true;
        var artificials = needsArtificial.Count(a => a);
        var width = n + slacks + artificials + 1;
        var t = new double[rows + 1][];
        var basis = new int[rows];
        var nextArtificial = n + slacks;
        for (var i = 0; i < rows; i++)
        {
            var row = t[i] = new double[width];
            var (a, b) = i < aUb.Length ? (aUb[i], bUb[i]) : (aEq[i - aUb.Length], bEq[i - aUb.Length]);
            var sign = b < 0 ? -1.0 : 1.0;
            for (var j = 0; j < n; j++) row[j] = sign * a[j];
            if (i < aUb.Length) row[n + i] = sign;
            row[^1] = sign * b;
            if (needsArtificial[i]) { row[nextArtificial] = 1; basis[i] = nextArtificial++; }
            else basis[i] = n + i;
        }

        // Phase 1: minimize the sum of artificials.
        var objective = t[rows] = new double[width];
        if (artificials > 0)
        {
            for (var j = n + slacks; j < n + slacks + artificials; j++) objective[j] = 1;
            for (var i = 0; i < rows; i++)
                if (basis[i] >= n + slacks)
                    for (var j = 0; j < width; j++) objective[j] -= t[i][j];
            if (!Iterate(t, basis, width - 1)) return null;
            if (-objective[^1] > 1e-8) return null;
            // Drive artificials out of the basis where possible.
            for (var i = 0; i < rows; i++)
            {
                if (basis[i] < n + slacks) continue;
                for (var j = 0; j < n + slacks; j++)
                    if (Math.Abs(t[i][j]) > 1e-9) { Pivot(t, basis, i, j); break; }
            }
        }

        // Phase 2: the real objective over the original and slack columns.
        Array.Clear(objective);
        for (var j = 0; j < n; j++) objective[j] = c[j];
        for (var i = 0; i < rows; i++)
        {
            var k = basis[i];
            if (k < n && objective[k] != 0)
            {
                var f = objective[k];
                for (var j = 0; j < width; j++) objective[j] -= f * t[i][j];
            }
        }
        if (!Iterate(t, basis, n + slacks)) return null;
        var x = new double[n];
        for (var i = 0; i < rows; i++) if (basis[i] < n) x[basis[i]] = t[i][^1];
        return x;
    }

    /// <summary>Simplex iterations with Bland's rule over the first <paramref name="columns"/> columns; false when unbounded.</summary>
    private static bool Iterate(double[][] t, int[] basis, int columns)
    {
        var rows = basis.Length;
        var objective = t[rows];
        for (var step = 0; step < 100_000; step++)
        {
            var enter = -1;
            for (var j = 0; j < columns; j++) if (objective[j] < -Tolerance) { enter = j; break; }
            if (enter < 0) return true;
            var leave = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < rows; i++)
            {
                if (t[i][enter] <= Tolerance) continue;
                var ratio = t[i][^1] / t[i][enter];
                if (ratio < best - 1e-12 || (Math.Abs(ratio - best) <= 1e-12 && leave >= 0 && basis[i] < basis[leave]))
                {
                    best = ratio;
                    leave = i;
                }
            }
            if (leave < 0) return false;
            Pivot(t, basis, leave, enter);
        }
        throw new InvalidOperationException("The simplex method did not converge.");
    }

    private static void Pivot(double[][] t, int[] basis, int row, int column)
    {
        var pivot = t[row];
        var f = pivot[column];
        for (var j = 0; j < pivot.Length; j++) pivot[j] /= f;
        for (var i = 0; i < t.Length; i++)
        {
            if (i == row) continue;
            var g = t[i][column];
            if (g == 0) continue;
            var r = t[i];
            for (var j = 0; j < r.Length; j++) r[j] -= g * pivot[j];
        }
        basis[row] = column;
    }
}
