namespace Keel.Learn.Bundles;

/// <summary>
/// The held-out rows' labels and the model's scores on them, kept in the bundle so that monitoring can estimate
/// performance without labels (CBPE calibrates on them) and set alert bands without a second copy of the data.
/// Binary classifiers: <see cref="Labels"/> are class indexes (0/1) and <see cref="Scores"/> P(positive class);
/// regression: the true values and the predictions. At most <see cref="MaxRows"/> rows, in the held-out order.
/// </summary>
public sealed record ReferencePredictions(double[] Labels, double[] Scores)
{
    public const int MaxRows = 20_000;

    public int Rows => Labels.Length;
}
