namespace Keel.Fairness.Mitigation;

/// <summary>Options of <see cref="ExponentiatedGradient"/>, with Fairlearn's defaults.</summary>
public sealed record ExponentiatedGradientOptions
{
    /// <summary>The constraint between groups. The default value is <see cref="MitigationConstraint.DemographicParity"/>.</summary>
    public MitigationConstraint Constraint { get; init; } = MitigationConstraint.DemographicParity;

    /// <summary>
    /// The allowed difference between a group's rate and the overall rate (Fairlearn's <c>difference_bound</c>).
    /// The default value is 0.01; the range is [0, 1].
    /// </summary>
    public double DifferenceBound { get; init; } = 0.01;

    /// <summary>
    /// Sets the bound B = 1 / eps on the L1 norm of the multipliers λ (Fairlearn's <c>eps</c>). The default value is
    /// 0.01; the range is (0, 1].
    /// </summary>
    public double Eps { get; init; } = 0.01;

    /// <summary>The most iterations. The default value is 50; the range is 1 to 10,000.</summary>
    public int MaxIterations { get; init; } = 50;

    /// <summary>
    /// The duality gap below which the loop stops; null computes Fairlearn's conservative default from the first
    /// classifier's errors, 0.5 · std(|h(x) − y|) / √n. The default value is null.
    /// </summary>
    public double? Nu { get; init; }

    /// <summary>The initial learning rate, divided by B. The default value is 2.0.</summary>
    public double Eta0 { get; init; } = 2.0;

    /// <summary>Whether each iteration also solves the saddle point over the classifiers found so far. The default value is true.</summary>
    public bool LinearProgramStep { get; init; } = true;

    /// <summary>The seed of the training calls and of the per-row randomized decisions. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    internal IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Constraint)) yield return $"Constraint {Constraint} is not known.";
        if (!(DifferenceBound is >= 0 and <= 1)) yield return $"DifferenceBound must be in [0, 1]; it is {DifferenceBound}.";
        if (!(Eps is > 0 and <= 1)) yield return $"Eps must be in (0, 1]; it is {Eps}.";
        if (MaxIterations is < 1 or > 10_000) yield return $"MaxIterations must be between 1 and 10,000; it is {MaxIterations}.";
        if (Nu is { } nu && !(nu > 0)) yield return $"Nu must be positive; it is {nu}.";
        if (!(Eta0 > 0)) yield return $"Eta0 must be positive; it is {Eta0}.";
    }
}

/// <summary>One iteration of the exponentiated-gradient loop, for progress displays.</summary>
public sealed record ExponentiatedGradientStep(int Iteration, int MaxIterations, double Gap, double Nu, int Classifiers, int OracleCalls);
