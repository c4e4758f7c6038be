using System.Globalization;
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
public sealed class FastForestTrainer : FeaturizedTrainer
{
    /// <summary>Trees. The default value is 200; the range is 1 to 100,000.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree. The default value is 40; the range is 2 to 16,384.</summary>
    public int Leaves { get; init; } = 40;

    /// <summary>Fewest rows in a leaf. The default value is 10.</summary>
    public int MinRowsPerLeaf { get; init; } = 10;

    public override string Name => "FastForest";

    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["trees"] = Trees.ToString(CultureInfo.InvariantCulture),
        ["leaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
        ["min_rows_per_leaf"] = MinRowsPerLeaf.ToString(CultureInfo.InvariantCulture),
    };

    public override bool Supports(TaskKind task) => task != TaskKind.Multiclass;

    protected override IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 100_000) yield return $"Trees must be between 1 and 100,000; it is {Trees}.";
        if (Leaves is < 2 or > 16_384) yield return $"Leaves must be between 2 and 16,384; it is {Leaves}.";
        if (MinRowsPerLeaf < 1) yield return $"MinRowsPerLeaf must be at least 1; it is {MinRowsPerLeaf}.";
    }

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
