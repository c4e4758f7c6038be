using Keel.Fairness.Mitigation;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

/// <summary>
/// Fairlearn's exponentiated-gradient smoke tests (fairlearn/fairlearn, test/unit/reductions/exponentiated_gradient/
/// test_exponentiatedgradient_smoke.py, <c>smoke_test_data</c>, difference bounds): the same data, the same
/// least-squares learner, the same expected best gap, iterations, oracle calls, classifiers, disparity and error.
/// </summary>
public class ExponentiatedGradientFairlearnTests
{
    private static ExponentiatedGradient.Solution<int[]> Run(MitigationConstraint constraint, double eps)
    {
        var names = new[] { "A", "B", "C" };
        var groups = new SensitiveGroups("a", Enumerable.Range(0, 20).ToArray(), FairlearnSmokeData.Labels,
            FairlearnSmokeData.Groups.Select(g => Array.IndexOf(names, g)).ToArray(), names);
        var options = new ExponentiatedGradientOptions { Constraint = constraint, Eps = eps, DifferenceBound = eps };
        return ExponentiatedGradient.Solve(groups, options,
            (y, w) =>
            {
                var p = FairlearnSmokeData.LeastSquaresPredictions(y, w);
                return new Hypothesis<int[]>(p, p, null);
            },
            c => new Hypothesis<int[]>(Enumerable.Repeat(c, 20).ToArray(), [], c));
    }

    [Theory]
    // eps, best_gap, last_iter, best_iter, disp, error, n_oracle_calls, n_oracle_calls_dummy_returned, n_predictors
    [InlineData(MitigationConstraint.DemographicParity, 0.100, 0.0, 5, 5, 0.100000, 0.250000, 32, 0, 3)]
    [InlineData(MitigationConstraint.DemographicParity, 0.050, 0.0, 5, 5, 0.050000, 0.266522, 23, 0, 6)]
    [InlineData(MitigationConstraint.DemographicParity, 0.020, 0.0, 5, 5, 0.020000, 0.332261, 22, 0, 5)]
    [InlineData(MitigationConstraint.DemographicParity, 0.010, 0.0, 5, 5, 0.010000, 0.354174, 22, 0, 5)]
    [InlineData(MitigationConstraint.DemographicParity, 0.005, 0.0, 5, 5, 0.005000, 0.365130, 22, 0, 5)]
    [InlineData(MitigationConstraint.EqualizedOdds, 0.100, 0.0, 5, 5, 0.100000, 0.309333, 21, 0, 4)]
    [InlineData(MitigationConstraint.EqualizedOdds, 0.050, 0.0, 5, 5, 0.050000, 0.378827, 19, 0, 6)]
    [InlineData(MitigationConstraint.EqualizedOdds, 0.020, 0.0, 5, 5, 0.020000, 0.421531, 19, 0, 6)]
    [InlineData(MitigationConstraint.EqualizedOdds, 0.010, 0.0, 5, 5, 0.010000, 0.435765, 19, 0, 6)]
    public void Fit_FairlearnSmokeData_MatchesFairlearn(MitigationConstraint constraint, double eps, double bestGap, int lastIter, int bestIter,
        double disparity, double error, int oracleCalls, int constantCalls, int classifiers)
    {
        var s = Run(constraint, eps);
        // Fairlearn compares with pytest.approx(abs=1e-5).
        Assert.Equal(bestGap, s.Run.BestGap, 1e-5);
        Assert.Equal(lastIter, s.Run.LastIteration);
        Assert.Equal(bestIter, s.Run.BestIteration);
        Assert.Equal(disparity, s.Gamma.Max(), 1e-5);
        Assert.Equal(error, s.Error, 1e-5);
        Assert.Equal(oracleCalls, s.Run.OracleCalls);
        Assert.Equal(constantCalls, s.Run.ConstantOracleCalls);
        Assert.Equal(classifiers, s.Run.Hypotheses.Count);
        Assert.Equal(1, s.Run.Weights.Sum(), 9);
    }
}
