using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers.MlNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Keel.Learn.Trainers;

/// <summary>
/// ML.NET's FastForest: a random forest (Breiman 2001) of FastTree's trees. Binary scores are Platt-calibrated on the
/// training rows (Keel's <see cref="PlattScaling"/>); regression predicts the forest mean. The trees become Keel's own <see cref="TreeEnsemble"/>.
/// </summary>
public sealed class FastForestTrainer : MlNetTreeTrainer
{
    /// <summary>Leaves per tree default to 40.</summary>
    public FastForestTrainer() => Leaves = 40;

    public override string Name => "FastForest";

    protected override (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context)
    {
        var ml = new MLContext(context.Seed);
        var data = MlNetData.Load(ml, features, labels, weights, target);
        var weightColumn = weights is null ? null : "Weight";
        if (target.Task == TaskKind.Binary)
        {
            var forest = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                NumberOfTrees = Trees, NumberOfLeaves = Leaves, MinimumExampleCountPerLeaf = MinRowsPerLeaf,
                ExampleWeightColumnName = weightColumn, Seed = context.Seed,
            }).Fit(data);
            var ensemble = MlNetTrees.Convert(forest.Model.TrainedTreeEnsemble, features.Columns, 1.0 / Trees);
            var scores = new double[features.Rows];
            ensemble.Score(features, scores);
            return (ensemble, PlattScaling.Fit(scores, labels));
        }
        var regression = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = Trees, NumberOfLeaves = Leaves, MinimumExampleCountPerLeaf = MinRowsPerLeaf,
            ExampleWeightColumnName = weightColumn, Seed = context.Seed,
        }).Fit(data).Model;
        return (MlNetTrees.Convert(regression.TrainedTreeEnsemble, features.Columns, 1.0 / Trees), Link.Identity);
    }
}
