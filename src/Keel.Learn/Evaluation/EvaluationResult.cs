namespace Keel.Learn.Evaluation;

/// <summary>How a model did on labelled data: metrics with intervals, the confusion matrix and curves for plots.</summary>
public sealed record EvaluationResult
{
    public required TaskKind Task { get; init; }

    public required int Rows { get; init; }

    public required IReadOnlyList<MetricValue> Metrics { get; init; }

    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Rows are true classes, columns predicted classes (for binary: [[TN, FP], [FN, TP]]).</summary>
    public long[][] ConfusionMatrix { get; init; } = [];

    /// <summary>The probability threshold of a binary classifier's predicted labels.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>A binary classifier's business KPI on these rows, when one was given; null otherwise.</summary>
    public Decisions.DecisionEvaluation? Decisions { get; init; }

    public Curve? Roc { get; init; }

    /// <summary>Recall on X, precision on Y.</summary>
    public Curve? PrecisionRecall { get; init; }

    /// <summary>Mean predicted probability on X, observed share of positives on Y.</summary>
    public Curve? Calibration { get; init; }

    public MetricValue Metric(string name) =>
        Metrics.FirstOrDefault(m => m.Name == name)
        ?? throw new KeyNotFoundException($"No metric '{name}'; there are {string.Join(", ", Metrics.Select(m => m.Name))}.");

    public double this[string name] => Metric(name).Value;
}
