namespace Keel.Learn.Models.Decisions;

/// <summary>
/// The randomized rule of one sensitive group: with probability <see cref="P0"/> apply <see cref="Operation0"/>, else
/// <see cref="Operation1"/>; for equalized odds, with probability <see cref="PIgnore"/> ignore the score and answer
/// positive with probability <see cref="PredictionConstant"/> (Fairlearn's InterpolatedThresholder).
/// </summary>
public sealed record GroupThreshold(string Group, double P0, ThresholdOperation Operation0, double P1, ThresholdOperation Operation1, double PIgnore = 0, double PredictionConstant = 0)
{
    /// <summary>P(positive) of a row of this group with the base model's score.</summary>
    public double PositiveProbability(double score)
    {
        var p = P0 * (Operation0.IsPositive(score) ? 1 : 0) + P1 * (Operation1.IsPositive(score) ? 1 : 0);
        return PIgnore == 0 ? p : PIgnore * PredictionConstant + (1 - PIgnore) * p;
    }
}
