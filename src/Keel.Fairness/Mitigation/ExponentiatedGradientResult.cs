using Keel.Learn.Models;

namespace Keel.Fairness.Mitigation;

/// <summary>What the exponentiated-gradient reduction found (Fairlearn's fitted attributes).</summary>
/// <param name="Model">The randomized mixture as an ordinary binary model.</param>
/// <param name="Weights">The weight of each classifier found, in the order found (0 for those not in the mixture).</param>
/// <param name="BestIteration">Fairlearn's <c>best_iter_</c>.</param>
/// <param name="BestGap">Fairlearn's <c>best_gap_</c>: the duality gap of the returned mixture.</param>
/// <param name="LastIteration">Fairlearn's <c>last_iter_</c>.</param>
/// <param name="OracleCalls">Fairlearn's <c>n_oracle_calls_</c>: best-response calls, constant ones included.</param>
/// <param name="ConstantOracleCalls">Fairlearn's <c>n_oracle_calls_dummy_returned_</c>: calls answered by a constant classifier.</param>
/// <param name="Nu">The gap at which the loop would stop.</param>
/// <param name="Gaps">The gap kept at each iteration.</param>
/// <param name="Errors">The training error of each classifier found.</param>
/// <param name="Constraints">The constraint names ("+ all Female", ...), the order of <see cref="Gamma"/>.</param>
/// <param name="Gamma">The mixture's constraint values γ on the training rows; each is at most the bound when satisfied.</param>
/// <param name="Error">The mixture's training error.</param>
public sealed record ExponentiatedGradientResult(
    Model Model,
    IReadOnlyList<double> Weights,
    int BestIteration,
    double BestGap,
    int LastIteration,
    int OracleCalls,
    int ConstantOracleCalls,
    double Nu,
    IReadOnlyList<double> Gaps,
    IReadOnlyList<double> Errors,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<double> Gamma,
    double Error)
{
    /// <summary>The classifiers found, Fairlearn's <c>len(predictors_)</c>.</summary>
    public int Classifiers => Weights.Count;

    /// <summary>The largest constraint value, Fairlearn's <c>disparity</c> (<c>gamma.max()</c>).</summary>
    public double Disparity => Gamma.Max();
}
