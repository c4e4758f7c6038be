namespace Keel.Fairness.Mitigation;

/// <summary>What the exponentiated-gradient loop found, before the classifiers become a model.</summary>
internal sealed record ExponentiatedGradientRun<T>(
    IReadOnlyList<Hypothesis<T>> Hypotheses,
    double[] Weights,
    int BestIteration,
    double BestGap,
    int LastIteration,
    int OracleCalls,
    int ConstantOracleCalls,
    double Nu,
    IReadOnlyList<double> Gaps);

/// <summary>
/// The exponentiated-gradient loop of Agarwal et al. (2018), Algorithm 1, as Fairlearn's <c>ExponentiatedGradient.fit</c>
/// runs it: λ = B·exp(θ) / (1 + Σ exp(θ)), the best response to λ, the gap of the averaged Q against the averaged λ,
/// optionally the saddle point over the classifiers found (kept when its gap is smaller), stop once the gap is below ν
/// after at least 5 iterations, shrink η by 0.8 when the regret does not fall by 20 % (checked from iteration 8 on, each
/// time the iteration passes 1.6 times the last one checked), and θ += η·(γ − bound). The result is the mixture of the iteration with the smallest gap (the last of ties).
/// </summary>
internal static class ExponentiatedGradientSolver
{
    private const double Precision = 1e-8;
    private const double AccuracyMultiplier = 0.5;
    private const int RegretCheckStart = 5;
    private const double RegretCheckIncrease = 1.6;
    private const double ShrinkRegret = 0.8;
    private const double ShrinkEta = 0.8;
    private const int MinIterations = 5;

    public static ExponentiatedGradientRun<T> Run<T>(
        int[] labels,
        UtilityParity constraints,
        double eps,
        int maxIterations,
        double? nu,
        double eta0,
        bool linearProgramStep,
        Func<int[], double[], Hypothesis<T>> oracle,
        Func<int, Hypothesis<T>> constant,
        Action<int, double, double, int, int>? progress = null,
        CancellationToken cancellation = default)
    {
        var b = 1 / eps;
        var lagrangian = new Lagrangian<T>(labels, constraints, b, oracle, constant);
        var m = constraints.Count;
        var theta = new double[m];
        var qSum = new List<double>();
        var gapsEg = new List<double>();
        var gaps = new List<double>();
        var qs = new List<double[]>();
        var lastRegretChecked = (double)RegretCheckStart;
        var lastGap = double.PositiveInfinity;
        var lambdaSum = new double[m];
        var eta = 0.0;
        var nuValue = nu ?? 0;
        for (var t = 0; t < maxIterations; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            var expSum = theta.Sum(Math.Exp);
            var lambda = theta.Select(v => b * Math.Exp(v) / (1 + expSum)).ToArray();
            for (var j = 0; j < m; j++) lambdaSum[j] += lambda[j];
            var lambdaEg = lambdaSum.Select(v => v / (t + 1)).ToArray();
            var hIndex = lagrangian.BestH(lambda);
            if (t == 0)
            {
                if (nu is null)
                {
                    var predictions = lagrangian.Hypotheses[hIndex].Predictions;
                    var absErrors = labels.Select((y, i) => (double)Math.Abs(predictions[i] - y)).ToArray();
                    nuValue = AccuracyMultiplier * StandardDeviation(absErrors) / Math.Sqrt(labels.Length);
                }
                eta = eta0 / b;
            }
            while (qSum.Count < lagrangian.Hypotheses.Count) qSum.Add(0);
            qSum[hIndex] += 1;
            var gamma = lagrangian.Gammas[hIndex];
            var total = qSum.Sum();
            var qEg = qSum.Select(v => v / total).ToArray();
            var gapEg = lagrangian.EvaluateGap(qEg, lambdaEg, nuValue).Gap;
            gapsEg.Add(gapEg);
            var gapLp = double.PositiveInfinity;
            double[]? qLp = null;
            if (t > 0 && linearProgramStep)
            {
                var (q, _, result) = lagrangian.SolveLinearProgram(nuValue);
                qLp = q;
                gapLp = result.Gap;
            }
            if (gapEg < gapLp) { qs.Add(qEg); gaps.Add(gapEg); }
            else { qs.Add(qLp!); gaps.Add(gapLp); }
            progress?.Invoke(t, gaps[t], nuValue, lagrangian.Hypotheses.Count, lagrangian.OracleCalls);
            if (gaps[t] < nuValue && t >= MinIterations) break;
            if (t >= lastRegretChecked * RegretCheckIncrease)
            {
                var bestGap = gapsEg.Min();
                if (bestGap > lastGap * ShrinkRegret) eta *= ShrinkEta;
                lastRegretChecked = t;
                lastGap = bestGap;
            }
            for (var j = 0; j < m; j++) theta[j] += eta * (gamma[j] - constraints.Bound);
        }
        var minGap = gaps.Min();
        var bestIteration = Enumerable.Range(0, gaps.Count).Last(i => gaps[i] <= minGap + Precision);
        var weights = new double[lagrangian.Hypotheses.Count];
        var chosen = qs[bestIteration];
        for (var k = 0; k < chosen.Length; k++) weights[k] = chosen[k];
        return new ExponentiatedGradientRun<T>(lagrangian.Hypotheses, weights, bestIteration, gaps[bestIteration], gaps.Count - 1,
            lagrangian.OracleCalls, lagrangian.ConstantOracleCalls, nuValue, gaps);
    }

    /// <summary>The sample standard deviation (n − 1), as pandas computes it.</summary>
    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        var ss = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(ss / (values.Length - 1));
    }
}
