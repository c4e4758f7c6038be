namespace Keel.Anomaly.Nab;

/// <summary>
/// A NAB application profile: the weights of a true positive (A_TP), a false positive (A_FP) and a missed window
/// (A_FN), as in NAB's <c>config/profiles.json</c> (Lavin and Ahmad 2015, "Evaluating Real-time Anomaly Detection
/// Algorithms – the Numenta Anomaly Benchmark").
/// </summary>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>NAB's <c>standard</c>: A_TP 1, A_FP 0.11, A_FN 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary>NAB's <c>reward_low_FP_rate</c>: A_TP 1, A_FP 0.22, A_FN 1.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary>NAB's <c>reward_low_FN_rate</c>: A_TP 1, A_FP 0.11, A_FN 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>The three profiles of NAB's scoreboard, in its order.</summary>
    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
