using Keel.Learn.Evaluation;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// What a <see cref="DomainClassifier"/> found: how well a classifier told the reference rows from the current ones.
/// </summary>
/// <param name="Auc">The mean ROC AUC over the folds: 0.5 when the tables cannot be told apart, 1 when every row can.</param>
/// <param name="FoldAucs">The ROC AUC of each fold, on rows its classifier did not learn from.</param>
/// <param name="OutOfFoldAuc">The ROC AUC of every fold's predictions taken together: the value NannyML reports.</param>
/// <param name="Threshold">The AUC at or above which the tables count as drifted.</param>
/// <param name="Drifted">Whether <see cref="Auc"/> is at or above <see cref="Threshold"/>.</param>
/// <param name="Columns">
/// Every column with its permutation importance: the mean over the folds of the drop in the fold's AUC when the
/// column's values are shuffled (Std is the spread over the folds), most telling first.
/// </param>
/// <param name="ReferenceRows">Rows drawn from the reference.</param>
/// <param name="CurrentRows">Rows drawn from the current data.</param>
public sealed record DomainClassifierResult(
    double Auc,
    IReadOnlyList<double> FoldAucs,
    double OutOfFoldAuc,
    double Threshold,
    bool Drifted,
    IReadOnlyList<ColumnImportance> Columns,
    int ReferenceRows,
    int CurrentRows);
