namespace Keel.Fairness.Tests.Metrics;

/// <summary>
/// The data of Fairlearn's user guide (docs/user_guide/assessment/perform_fairness_assessment.rst,
/// common_fairness_metrics.rst and intersecting_groups.rst in fairlearn/fairlearn).
/// </summary>
internal static class FairlearnExample
{
    public static readonly bool[] YTrue = Bools(0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    public static readonly bool[] YPred = Bools(0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0);
    public static readonly string[] Groups = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];

    /// <summary>The second sensitive feature of intersecting_groups.rst ("SF 1").</summary>
    public static readonly string[] SecondFeature = ["8", "6", "8", "8", "8", "8", "6", "6", "6", "8", "6", "6", "6", "6", "8", "6", "6", "6"];

    public static bool[] Bools(params int[] values) => values.Select(v => v == 1).ToArray();
}
