using Keel.Learn.Models;

namespace Keel.Learn.Anomaly;

/// <summary>
/// A fitted anomaly detector and the scores of its training rows (for neighbour methods, each row scored against the
/// other training rows, as scikit-learn's <c>negative_outlier_factor_</c>), from which the threshold was set.
/// </summary>
public sealed record AnomalyFit(Model Model, double[] TrainingScores);
