using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers.MlNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Keel.Learn.Trainers;

/// <summary>
/// ML.NET's FastTree: gradient-boosted trees (MART, Friedman 2001) for binary classification (Platt-calibrated) and
/// regression. The trained trees become Keel's own <see cref="TreeEnsemble"/>.
/// </summary>
public sealed class FastTreeTrainer : FeaturizedTrainer
{
    /// <summary>Trees. The default value is 200; the range is 1 to 100,000.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree. The default value is 20; the range is 2 to 16,384.</summary>
    public int Leaves { get; init; } = 20;

    /// <summary>Shrinkage. The default value is 0.1; the range is (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fewest rows in a leaf. The default value is 10.</summary>
    public int MinRowsPerLeaf { get; init; } = 10;

    public override string Name => "FastTree";

    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["trees"] = Trees.ToString(CultureInfo.InvariantCulture),
        ["leaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString(CultureInfo.InvariantCulture),
        ["min_rows_per_leaf"] = MinRowsPerLeaf.ToString(CultureInfo.InvariantCulture),
    };

    public override bool Supports(TaskKind task) => task != TaskKind.Multiclass;

    protected override IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 100_000) yield return $"Trees must be between 1 and 100,000; it is {Trees}.";
        if (Leaves is < 2 or > 16_384) yield return $"Leaves must be between 2 and 16,384; it is {Leaves}.";
        if (LearningRate is <= 0 or > 1) yield return $"LearningRate must be in (0, 1]; it is {LearningRate}.";
        if (MinRowsPerLeaf < 1) yield return $"MinRowsPerLeaf must be at least 1; it is {MinRowsPerLeaf}.";
    }

    protected override (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context)
    {
        var ml = new MLContext(context.Seed);
        var data = MlNetData.Load(ml, features, labels, weights, target);
        var weightColumn = weights is null ? null : "Weight";
        if (target.Task == TaskKind.Binary)
        {
            var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = Trees, NumberOfLeaves = Leaves, LearningRate = LearningRate,
                MinimumExampleCountPerLeaf = MinRowsPerLeaf, ExampleWeightColumnName = weightColumn, Seed = context.Seed,
            });
            var model = trainer.Fit(data).Model;
            var calibrator = model.Calibrator;
            return (MlNetTrees.Convert(model.SubModel.TrainedTreeEnsemble, features.Columns),
                    Link.Sigmoid(-calibrator.Slope, -calibrator.Offset));
        }
        var regression = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = Trees, NumberOfLeaves = Leaves, LearningRate = LearningRate,
            MinimumExampleCountPerLeaf = MinRowsPerLeaf, ExampleWeightColumnName = weightColumn, Seed = context.Seed,
        }).Fit(data).Model;
        return (MlNetTrees.Convert(regression.TrainedTreeEnsemble, features.Columns), Link.Identity);
    }
}
