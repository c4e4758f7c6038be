namespace Keel.Learn.Models;

/// <summary>
/// What a model says about a batch of rows. Classifiers give a probability per class (row-major,
/// <c>Rows × Classes.Count</c>) and a predicted label; regression gives <see cref="Values"/>; an anomaly detector gives
/// its scores in <see cref="Values"/> and its flags in <see cref="Anomalies"/>.
/// </summary>
public sealed class Predictions
{
    internal Predictions(TaskKind task, int rows, IReadOnlyList<string> classes, double[] raw, double[]? probabilities, double[]? values, string[]? labels, bool[]? anomalies = null)
    {
        Anomalies = anomalies;
        Task = task;
        Rows = rows;
        Classes = classes;
        Raw = raw;
        Probabilities = probabilities;
        Values = values;
        Labels = labels;
    }

    public TaskKind Task { get; }

    public int Rows { get; }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Raw scores (margins) before the link, row-major by output.</summary>
    public double[] Raw { get; }

    public double[]? Probabilities { get; }

    /// <summary>Predicted values of a regression model; the anomaly scores of an anomaly detector (higher = more anomalous).</summary>
    public double[]? Values { get; }

    /// <summary>Predicted class names of a classifier.</summary>
    public string[]? Labels { get; }

    /// <summary>Whether an anomaly detector flags each row (its score is above the model's threshold).</summary>
    public bool[]? Anomalies { get; }

    public double Probability(int row, int classIndex) => Probabilities![row * Classes.Count + classIndex];

    /// <summary>P(positive class) of each row of a binary classifier.</summary>
    public double[] PositiveProbabilities()
    {
        if (Task != TaskKind.Binary) throw new InvalidOperationException("Only binary classifiers have a positive class.");
        var p = new double[Rows];
        for (var i = 0; i < Rows; i++) p[i] = Probabilities![i * 2 + 1];
        return p;
    }
}
