using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>
/// LightGBM's space: learning rate 0.01–0.3 and leaves 8–256 on log scales, rows per leaf 5–100 (log), boosting
/// rounds 50–1000 (log), feature fraction and bagging fraction 0.5–1, L2 0.001–10 (log): ranges that hold
/// Keel's defaults (0.05, 31, 20, 300, 0.9, 0.8, 1) well inside.
/// </summary>
public sealed class LightGbmSearchSpace : ITrainerSearchSpace
{
    public string Trainer => "lightgbm";

    public bool Supports(TaskKind task) => true;

    public IReadOnlyDictionary<string, object> Defaults { get; } = new LightGbmTrainer() is var d
        ? new Dictionary<string, object>
        {
            ["learning_rate"] = d.LearningRate, ["num_leaves"] = d.Leaves, ["min_data_in_leaf"] = d.MinRowsPerLeaf, ["iterations"] = d.Iterations,
            ["feature_fraction"] = d.FeatureFraction, ["bagging_fraction"] = d.BaggingFraction, ["lambda_l2"] = d.L2,
        }
        : [];

    public ITrainer Suggest(Trial trial) => new LightGbmTrainer
    {
        LearningRate = trial.SuggestFloat("learning_rate", 0.01, 0.3, log: true),
        Leaves = trial.SuggestInt("num_leaves", 8, 256, log: true),
        MinRowsPerLeaf = trial.SuggestInt("min_data_in_leaf", 5, 100, log: true),
        Iterations = trial.SuggestInt("iterations", 50, 1000, log: true),
        FeatureFraction = trial.SuggestFloat("feature_fraction", 0.5, 1.0),
        BaggingFraction = trial.SuggestFloat("bagging_fraction", 0.5, 1.0),
        L2 = trial.SuggestFloat("lambda_l2", 1e-3, 10, log: true),
    };
}
