namespace Keel.Fairness.Metrics;

/// <summary>
/// The rows of one group (or of all rows) that a <see cref="GroupMetric"/> is computed on: predictions as 0/1, labels
/// as 0/1 when known, scores (P(positive)) when known, and the confusion counts.
/// </summary>
public sealed class GroupSample
{
    private readonly int[] _predicted;
    private readonly int[]? _labels;
    private readonly double[]? _scores;

    internal GroupSample(int[] predicted, int[]? labels, double[]? scores)
    {
        _predicted = predicted;
        _labels = labels;
        _scores = scores;
        foreach (var p in predicted) PredictedPositives += p;
        if (labels is null) return;
        for (var i = 0; i < predicted.Length; i++)
        {
            if (labels[i] == 1)
            {
                if (predicted[i] == 1) TruePositives++; else FalseNegatives++;
            }
            else
            {
                if (predicted[i] == 1) FalsePositives++; else TrueNegatives++;
            }
        }
    }

    /// <summary>A sample of whole arrays: predictions, and labels and scores when known.</summary>
    public static GroupSample Of(IReadOnlyList<bool> predicted, IReadOnlyList<bool>? labels = null, IReadOnlyList<double>? scores = null) =>
        new(predicted.Select(p => p ? 1 : 0).ToArray(), labels?.Select(y => y ? 1 : 0).ToArray(), scores?.ToArray());

    public int Count => _predicted.Length;

    public bool HasLabels => _labels is not null;

    public bool HasScores => _scores is not null;

    /// <summary>The predictions, 1 for the positive class.</summary>
    public ReadOnlySpan<int> Predicted => _predicted;

    /// <summary>The labels, 1 for the positive class; empty without labels.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>P(positive) per row; empty without scores.</summary>
    public ReadOnlySpan<double> Scores => _scores;

    public int PredictedPositives { get; }

    public int TruePositives { get; }

    public int FalsePositives { get; }

    public int TrueNegatives { get; }

    public int FalseNegatives { get; }

    /// <summary>Rows whose label is the positive class.</summary>
    public int Positives => TruePositives + FalseNegatives;

    /// <summary>Rows whose label is the negative class.</summary>
    public int Negatives => TrueNegatives + FalsePositives;
}
