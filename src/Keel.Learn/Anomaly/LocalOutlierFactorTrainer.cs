namespace Keel.Learn.Anomaly;

/// <summary>
/// Local Outlier Factor (Breunig, Kriegel, Ng and Sander 2000) with scikit-learn's <c>LocalOutlierFactor</c>
/// semantics (<c>novelty=True</c> for new rows): lrd(p) = 1 / (mean over p's k neighbours o of
/// max(k-distance(o), d(p, o)) + 1e-10), LOF(p) = mean lrd(o) / lrd(p). The score is the LOF: about 1 for a row as
/// dense as its neighbours, larger for outliers (scikit-learn's <c>-score_samples</c>). Training rows are scored
/// against the other training rows (scikit-learn's <c>-negative_outlier_factor_</c>); new rows against all training
/// rows. "auto" flags scores above 1.5 (scikit-learn's <c>offset_ = -1.5</c>). See <see cref="NeighbourTrainer"/> for
/// the scaling.
/// </summary>
/// <example>
/// <code>
/// var model = new LocalOutlierFactorTrainer { Neighbours = 20 }.Fit(table, Target.Anomaly(table));
/// var lof = model.Predict(newRows).Values;
/// </code>
/// </example>
public sealed class LocalOutlierFactorTrainer : NeighbourTrainer
{
    /// <summary>The number of neighbours k. The default value is 20 (scikit-learn's); the range is 1 to 10,000.</summary>
    public override int Neighbours { get; init; } = 20;

    public override string Name => "LocalOutlierFactor";

    protected override Models.NeighbourScoring Scoring => Models.NeighbourScoring.LocalOutlierFactor;

    protected override double AutoThreshold(double[] trainingScores) => 1.5;
}
