using Keel.Learn.Featurization;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Trainers;

public sealed class TrainerFactoryTests
{
    public static TheoryData<string> Names => new(TrainerFactory.BuiltInNames);

    /// <summary>Every built-in trainer with every option away from its default, and values whose text is long.</summary>
    private static IEnumerable<ITrainer> Unusual() =>
    [
        new LightGbmTrainer { Iterations = 17, LearningRate = 0.123456789012345, Leaves = 7, MinRowsPerLeaf = 3, FeatureFraction = 0.7, BaggingFraction = 1, L2 = 1e-7, MaxBins = 63 },
        new FastTreeTrainer { Trees = 9, Leaves = 5, MinRowsPerLeaf = 2, LearningRate = 0.3333333333333333 },
        new FastForestTrainer { Trees = 11, Leaves = 6, MinRowsPerLeaf = 4 },
        new LinearTrainer { L2 = 0.1 + 0.2, L1 = 2.5e-5 },
    ];

    [Fact]
    public void FromParameters_EveryBuiltInTrainer_DefaultsAndUnusualOptions_RoundTripExactly()
    {
        foreach (var trainer in SelectionOptions.BuiltInTrainers().Concat(Unusual()))
        {
            var rebuilt = TrainerFactory.FromParameters(trainer.Name, trainer.Parameters);

            Assert.Equal(trainer.GetType(), rebuilt.GetType());
            Assert.Equal(trainer.Parameters.OrderBy(p => p.Key), rebuilt.Parameters.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void FromParameters_CoversEveryBuiltInTrainer()
    {
        Assert.Equal(SelectionOptions.BuiltInTrainers().Select(t => t.Name).Order(), TrainerFactory.BuiltInNames.Order());
    }

    [Fact]
    public void FromParameters_AKeyLeftOut_KeepsTheDefault()
    {
        var rebuilt = (LightGbmTrainer)TrainerFactory.FromParameters("LightGbm", new Dictionary<string, string> { ["iterations"] = "12" });

        Assert.Equal(12, rebuilt.Iterations);
        Assert.Equal(new LightGbmTrainer().LearningRate, rebuilt.LearningRate);
    }

    [Fact]
    public void FromParameters_Featurization_IsGivenToTheTrainer()
    {
        var featurization = new FeaturizationOptions { MaxCategories = 3, MinCategoryCount = 9 };

        var rebuilt = TrainerFactory.FromParameters("Linear", new LinearTrainer().Parameters, featurization);

        Assert.Equal(featurization, rebuilt.Featurization);
    }

    [Fact]
    public void FromParameters_UnknownTrainer_RefusesNamingTheBuiltInOnes()
    {
        var e = Assert.Throws<KeelLearnException>(() => TrainerFactory.FromParameters("XgBoost", new Dictionary<string, string>()));

        Assert.Contains("'XgBoost'", e.Message);
        Assert.Contains("LightGbm, FastTree, FastForest, Linear", e.Message);
    }

    [Fact]
    public void FromParameters_UnknownKeyAndBadNumber_RefusesNamingBoth()
    {
        var parameters = new Dictionary<string, string> { ["depth"] = "3", ["learning_rate"] = "fast" };

        var e = Assert.Throws<KeelLearnException>(() => TrainerFactory.FromParameters("FastTree", parameters));

        Assert.Contains("'depth' is not a parameter of FastTree", e.Message);
        Assert.Contains("'learning_rate' is \"fast\"", e.Message);
    }
}
