namespace Keel.Tuning.Studies;

/// <summary>Whether a study looks for the largest value (ROC AUC) or the smallest (log loss, RMSE).</summary>
public enum StudyDirection
{
    Maximize,
    Minimize,
}
