namespace Keel.Fairness.Mitigation;

/// <summary>A classifier the cost-sensitive oracle returned: its hard predictions on the training rows and what it is.</summary>
internal sealed record Hypothesis<T>(int[] Predictions, T Classifier, int? Constant);

/// <summary>The duality gap of a randomized classifier Q against multipliers λ (Fairlearn's <c>_GapResult</c>).</summary>
internal sealed record GapResult(double L, double LLow, double LHigh, double[] Gamma, double Error)
{
    public double Gap => Math.Max(L - LLow, LHigh - L);
}

/// <summary>
/// The Lagrangian L(Q, λ) = err(Q) + λ·(γ(Q) − bound) of the exponentiated-gradient reduction (Agarwal et al. 2018,
/// §3; Fairlearn's <c>_Lagrangian</c>): the best response of the Q-player by cost-sensitive classification (relabel
/// each row by the sign of its cost difference, weight it by the size), the duality gap, and the saddle point over the
/// classifiers found so far by linear programming.
/// </summary>
internal sealed class Lagrangian<T>
{
    private const double Precision = 1e-8;
    private readonly int[] _labels;
    private readonly UtilityParity _constraints;
    private readonly Func<int[], double[], Hypothesis<T>> _oracle;
    private readonly Func<int, Hypothesis<T>> _constant;
    private (int Count, double[] Q, double[] Lambda, GapResult Result)? _lastLinprog;

    public Lagrangian(int[] labels, UtilityParity constraints, double b, Func<int[], double[], Hypothesis<T>> oracle, Func<int, Hypothesis<T>> constant)
    {
        _labels = labels;
        _constraints = constraints;
        B = b;
        _oracle = oracle;
        _constant = constant;
    }

    public double B { get; }

    public List<Hypothesis<T>> Hypotheses { get; } = [];

    public List<double> Errors { get; } = [];

    public List<double[]> Gammas { get; } = [];

    public int OracleCalls { get; private set; }

    public int ConstantOracleCalls { get; private set; }

    public int Rows => _labels.Length;

    public double Error(int[] predictions)
    {
        double wrong = 0;
        for (var i = 0; i < _labels.Length; i++) wrong += Math.Abs(_labels[i] - predictions[i]);
        return wrong / _labels.Length;
    }

    private Hypothesis<T> CallOracle(double[] lambda)
    {
        var signed = _constraints.SignedWeights(lambda);
        var relabeled = new int[Rows];
        var weights = new double[Rows];
        double total = 0;
        for (var i = 0; i < Rows; i++)
        {
            var s = 2 * _labels[i] - 1 + signed[i];
            relabeled[i] = s > 0 ? 1 : 0;
            weights[i] = Math.Abs(s);
            total += weights[i];
        }
        for (var i = 0; i < Rows; i++) weights[i] = Rows * weights[i] / total;
        OracleCalls++;
        if (relabeled.All(y => y == relabeled[0]))
        {
            ConstantOracleCalls++;
            return _constant(relabeled[0]);
        }
        return _oracle(relabeled, weights);
    }

    /// <summary>The best response to λ: a new classifier when it beats every one found so far by more than 1e-8.</summary>
    public int BestH(double[] lambda)
    {
        var h = CallOracle(lambda);
        var predictions = Array.ConvertAll(h.Predictions, p => (double)p);
        var error = Error(h.Predictions);
        var gamma = _constraints.Gamma(predictions);
        var value = error + Dot(gamma, lambda);
        var bestIndex = -1;
        var bestValue = double.PositiveInfinity;
        for (var k = 0; k < Hypotheses.Count; k++)
        {
            var v = Errors[k] + Dot(Gammas[k], lambda);
            if (v < bestValue) { bestValue = v; bestIndex = k; }
        }
        if (value < bestValue - Precision)
        {
            Hypotheses.Add(h);
            Errors.Add(error);
            Gammas.Add(gamma);
            bestIndex = Hypotheses.Count - 1;
        }
        return bestIndex;
    }

    /// <summary>(L, L_high, γ, error) of a mixture Q (weights per hypothesis) against λ.</summary>
    private (double L, double LHigh, double[] Gamma, double Error) Evaluate(double[] q, double[] lambda)
    {
        double error = 0;
        var gamma = new double[_constraints.Count];
        for (var k = 0; k < q.Length; k++)
        {
            if (q[k] == 0) continue;
            error += q[k] * Errors[k];
            for (var j = 0; j < gamma.Length; j++) gamma[j] += q[k] * Gammas[k][j];
        }
        var projected = _constraints.Project(lambda);
        var l = error;
        var maxViolation = double.NegativeInfinity;
        for (var j = 0; j < gamma.Length; j++)
        {
            l += projected[j] * (gamma[j] - _constraints.Bound);
            maxViolation = Math.Max(maxViolation, gamma[j] - _constraints.Bound);
        }
        var high = error + (maxViolation > 0 ? B * maxViolation : 0);
        return (l, high, gamma, error);
    }

    public GapResult EvaluateGap(double[] q, double[] lambdaHat, double nu)
    {
        var (l, high, gamma, error) = Evaluate(q, lambdaHat);
        var result = new GapResult(l, l, high, gamma, error);
        foreach (var mul in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            var index = BestH(lambdaHat.Select(v => mul * v).ToArray());
            var single = new double[Hypotheses.Count];
            single[index] = 1;
            var low = Evaluate(single, lambdaHat).L;
            if (low < result.LLow) result = result with { LLow = low };
            if (result.Gap > nu + Precision) break;
        }
        return result;
    }

    /// <summary>
    /// The saddle point over the convex hull of the classifiers found so far: min over Q of err(Q) + B·max(0, max γ(Q) −
    /// bound) as a linear program, λ from its dual; cached while no classifier is added.
    /// </summary>
    public (double[] Q, double[] Lambda, GapResult Result) SolveLinearProgram(double nu)
    {
        var n = Hypotheses.Count;
        var m = _constraints.Count;
        if (_lastLinprog is { } last && last.Count == n) return (last.Q, last.Lambda, last.Result);
        var c = Errors.Append(B).ToArray();
        var aUb = new double[m][];
        for (var j = 0; j < m; j++)
        {
            aUb[j] = new double[n + 1];
            for (var k = 0; k < n; k++) aUb[j][k] = Gammas[k][j] - _constraints.Bound;
            aUb[j][n] = -1;
        }
        var aEq = new[] { Enumerable.Repeat(1.0, n).Append(0).ToArray() };
        var x = LinearProgram.Minimize(c, aUb, new double[m], aEq, [1])
                ?? throw new InvalidOperationException("The saddle-point program has no solution.");
        var q = x[..n];
        // Dual: maximize μ subject to μ − (γ_k − bound)·λ ≤ err_k for every k, Σλ ≤ B, λ ≥ 0 (μ = μ⁺ − μ⁻).
        var dualC = new double[m + 2];
        dualC[m] = -1;
        dualC[m + 1] = 1;
        var dualA = new double[n + 1][];
        for (var k = 0; k < n; k++)
        {
            dualA[k] = new double[m + 2];
            for (var j = 0; j < m; j++) dualA[k][j] = -(Gammas[k][j] - _constraints.Bound);
            dualA[k][m] = 1;
            dualA[k][m + 1] = -1;
        }
        dualA[n] = new double[m + 2];
        for (var j = 0; j < m; j++) dualA[n][j] = 1;
        var y = LinearProgram.Minimize(dualC, dualA, c, [], [])
                ?? throw new InvalidOperationException("The dual saddle-point program has no solution.");
        var lambda = y[..m];
        var result = EvaluateGap(q, lambda, nu);
        _lastLinprog = (n, q, lambda, result);
        return (q, lambda, result);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
