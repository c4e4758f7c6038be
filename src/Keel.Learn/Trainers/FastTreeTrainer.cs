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
public sealed class FastTreeTrainer : MlNetTreeTrainer
{
    /// <summary>Leaves per tree default to 20.</summary>
    public FastTreeTrainer() => Leaves = 20;

    /// <summary>Shrinkage. The default value is 0.1; the range is (0, 1].</summary>
    public double LearningRate { get; init; } = 0.1;

    public override string Name => "FastTree";

    protected override IEnumerable<KeyValuePair<string, string>> MoreParameters() =>
        [new("learning_rate", LearningRate.ToString(CultureInfo.InvariantCulture))];

    protected override IEnumerable<string> ValidateMore()
    {
        if (LearningRate is <= 0 or > 1) yield return $"LearningRate must be in (0, 1]; it is {LearningRate}.";
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
