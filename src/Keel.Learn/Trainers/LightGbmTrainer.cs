using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Native;

namespace Keel.Learn.Trainers;

/// <summary>
/// Gradient-boosted trees by LightGBM (Ke et al. 2017), called through its C API; the trained trees become Keel's own
/// <see cref="TreeEnsemble"/>. Deterministic for a seed (LightGBM's <c>deterministic=true</c>).
/// </summary>
public sealed class LightGbmTrainer : FeaturizedTrainer
{
    /// <summary>Boosting rounds. The default value is 300; the range is 1 to 100,000.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Shrinkage per round. The default value is 0.05; the range is (0, 1].</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Leaves per tree. The default value is 31; the range is 2 to 131,072.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Fewest rows in a leaf. The default value is 20.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>Share of features each tree may use. The default value is 0.9; the range is (0, 1].</summary>
    public double FeatureFraction { get; init; } = 0.9;

    /// <summary>Share of rows each round uses (bagging every round when below 1). The default value is 0.8.</summary>
    public double BaggingFraction { get; init; } = 0.8;

    /// <summary>L2 regularisation of leaf values. The default value is 1.</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Histogram bins per feature. The default value is 255.</summary>
    public int MaxBins { get; init; } = 255;

    public override string Name => "LightGbm";

    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString(CultureInfo.InvariantCulture),
        ["num_leaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
        ["min_data_in_leaf"] = MinRowsPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["feature_fraction"] = FeatureFraction.ToString(CultureInfo.InvariantCulture),
        ["bagging_fraction"] = BaggingFraction.ToString(CultureInfo.InvariantCulture),
        ["lambda_l2"] = L2.ToString(CultureInfo.InvariantCulture),
        ["max_bin"] = MaxBins.ToString(CultureInfo.InvariantCulture),
    };

    public override bool Supports(TaskKind task) => true;

    protected override IEnumerable<string> Validate()
    {
        if (Iterations is < 1 or > 100_000) yield return $"Iterations must be between 1 and 100,000; it is {Iterations}.";
        if (LearningRate is <= 0 or > 1) yield return $"LearningRate must be in (0, 1]; it is {LearningRate}.";
        if (Leaves is < 2 or > 131_072) yield return $"Leaves must be between 2 and 131,072; it is {Leaves}.";
        if (MinRowsPerLeaf < 1) yield return $"MinRowsPerLeaf must be at least 1; it is {MinRowsPerLeaf}.";
        if (FeatureFraction is <= 0 or > 1) yield return $"FeatureFraction must be in (0, 1]; it is {FeatureFraction}.";
        if (BaggingFraction is <= 0 or > 1) yield return $"BaggingFraction must be in (0, 1]; it is {BaggingFraction}.";
        if (L2 < 0) yield return $"L2 must be at least 0; it is {L2}.";
        if (MaxBins is < 2 or > 65_535) yield return $"MaxBins must be between 2 and 65,535; it is {MaxBins}.";
    }

    /// <summary>The LightGBM parameter string for a task.</summary>
    internal string NativeParameters(Target target, TrainingContext context)
    {
        var objective = target.Task switch
        {
            TaskKind.Binary => "objective=binary",
            TaskKind.Multiclass => $"objective=multiclass num_class={target.Classes.Count}",
            _ => "objective=regression",
        };
        var bagging = BaggingFraction < 1 ? $" bagging_fraction={Fmt(BaggingFraction)} bagging_freq=1" : "";
        return $"{objective} learning_rate={Fmt(LearningRate)} num_leaves={Leaves} min_data_in_leaf={MinRowsPerLeaf} " +
               $"feature_fraction={Fmt(FeatureFraction)}{bagging} lambda_l2={Fmt(L2)} max_bin={MaxBins} " +
               $"seed={context.Seed} deterministic=true force_row_wise=true num_threads={context.Threads} verbosity=-1";
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    protected override (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context)
    {
        var text = TrainModelText(features, labels, weights, target, context);
        return LightGbmModelText.Parse(text);
    }

    /// <summary>Trains and returns LightGBM's own model text.</summary>
    internal string TrainModelText(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context)
    {
        using var booster = LightGbmBooster.Create(features.Values, features.Rows, features.Columns, labels, weights, NativeParameters(target, context));
        for (var i = 0; i < Iterations; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!booster.UpdateOneIteration()) break;
            if (i % 10 == 9) context.Progress?.Report((i + 1.0) / Iterations);
        }
        context.Progress?.Report(1);
        return booster.SaveModelText();
    }
}
