namespace Keel.Learn.Evaluation;

/// <summary>One metric on one data set, with its 95 % bootstrap interval when one was computed.</summary>
public sealed record MetricValue(string Name, double Value, double? Lower = null, double? Upper = null)
{
    /// <summary>Whether a larger value is better (AUC) or worse (log loss, RMSE).</summary>
    public bool HigherIsBetter => MetricNames.HigherIsBetter(Name);
}

/// <summary>Names and directions of the metrics Keel reports.</summary>
public static class MetricNames
{
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string RocAuc = "roc_auc";
    public const string AveragePrecision = "average_precision";
    public const string LogLoss = "log_loss";
    public const string Brier = "brier";
    public const string Ece = "ece";
    public const string F1Macro = "f1_macro";
    public const string F1Micro = "f1_micro";
    public const string F1Weighted = "f1_weighted";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";
    public const string Mape = "mape";

    public static bool HigherIsBetter(string name) =>
        name is not (LogLoss or Brier or Ece or Rmse or Mae or Mape);

    /// <summary>The metric model selection ranks by: ROC AUC (binary, anomaly), log loss, RMSE.</summary>
    public static string DefaultFor(TaskKind task) => task switch
    {
        TaskKind.Binary or TaskKind.Anomaly => RocAuc,
        TaskKind.Multiclass => LogLoss,
        _ => Rmse,
    };

    public static IReadOnlyList<string> For(TaskKind task) => task switch
    {
        TaskKind.Binary => [RocAuc, AveragePrecision, Accuracy, Precision, Recall, F1, LogLoss, Brier, Ece],
        TaskKind.Multiclass => [Accuracy, F1Macro, F1Micro, F1Weighted, LogLoss],
        TaskKind.Anomaly => [RocAuc, AveragePrecision, Precision, Recall, F1],
        _ => [Rmse, Mae, R2, Mape],
    };
}
