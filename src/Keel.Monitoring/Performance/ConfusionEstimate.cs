namespace Keel.Monitoring.Performance;

/// <summary>
/// A confusion matrix of a binary classifier, realized (counts) or expected (sums of probabilities), with the
/// metrics that follow from it. A metric whose denominator is 0 is NaN.
/// </summary>
public sealed record ConfusionEstimate(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    public double Rows => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Rows);

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>The same outcomes as the KPI's confusion matrix.</summary>
    public Keel.Learn.Decisions.BinaryConfusion ToBinary() => new(TruePositives, FalsePositives, FalseNegatives, TrueNegatives);

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}
