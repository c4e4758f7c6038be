namespace Keel.Learn.Decisions;

/// <summary>
/// The four outcomes of binary decisions, as counts (realized) or sums of probabilities (expected, as CBPE estimates
/// them). "Positive" is the model's positive class: acting on a row (contacting a customer) is predicting it.
/// </summary>
public sealed record BinaryConfusion(double TruePositives, double FalsePositives, double FalseNegatives, double TrueNegatives)
{
    /// <summary>The number of decisions.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Rows => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    /// <summary>Counts of decisions "act when the score is at least <paramref name="threshold"/>" against labels 0/1.</summary>
    public static BinaryConfusion At(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, double threshold)
    {
        if (scores.Length != labels.Length) throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var act = scores[i] >= threshold;
            if (labels[i] == 1) { if (act) tp++; else fn++; }
            else if (act) fp++;
            else tn++;
        }
        return new BinaryConfusion(tp, fp, fn, tn);
    }
}
