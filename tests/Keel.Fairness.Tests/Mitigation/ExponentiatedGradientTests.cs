using Keel.Fairness.Mitigation;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

public class ExponentiatedGradientTests
{
    private static readonly LightGbmTrainer Trees = new() { Iterations = 20, Leaves = 4, MinRowsPerLeaf = 50 };

    private static (Keel.Data.Table Train, Keel.Data.Table Test, Target Target) Data()
    {
        var train = SyntheticGroups.Make(1500, seed: 1);
        var test = SyntheticGroups.Make(1500, seed: 2);
        return (train, test, Target.Detect(train, "y"));
    }

    [Fact]
    public void Fit_DemographicParity_ViolationWithinBoundAndDisparityFalls()
    {
        var (train, test, target) = Data();
        var baseline = Trees.Fit(train, target);
        var result = ExponentiatedGradient.Fit(train, target, "group", Trees, new ExponentiatedGradientOptions { Eps = 0.02, DifferenceBound = 0.02, MaxIterations = 20 });

        // Agarwal et al.: the violation is within the bound plus a term that vanishes with the gap.
        Assert.True(result.Disparity <= 0.02 + 2 * result.BestGap + 1e-9, $"training disparity {result.Disparity} with gap {result.BestGap}");
        Assert.True(result.BestGap <= result.Gaps.Max());
        Assert.Equal(1, result.Weights.Sum(), 9);
        Assert.True(result.OracleCalls >= result.Classifiers);

        var before = MitigationMeasures.Of(baseline, test, "group");
        var after = MitigationMeasures.Of(result.Model, test, "group");
        Assert.True(before.DemographicParityDifference > 0.2, $"baseline DPD {before.DemographicParityDifference}");
        var onTrain = MitigationMeasures.Of(result.Model, train, "group");
        Assert.True(after.DemographicParityDifference < 0.08, $"mitigated DPD {after.DemographicParityDifference}, on train {onTrain.DemographicParityDifference}, before {before.DemographicParityDifference}, disparity {result.Disparity}, weights {string.Join(",", result.Weights)}");
        Assert.True(after.Accuracy > 0.6, $"mitigated accuracy {after.Accuracy}");
    }

    [Fact]
    public void Fit_EqualizedOdds_ReducesTheEqualizedOddsDifference()
    {
        var (train, test, target) = Data();
        var baseline = Trees.Fit(train, target);
        var result = ExponentiatedGradient.Fit(train, target, "group", Trees,
            new ExponentiatedGradientOptions { Constraint = MitigationConstraint.EqualizedOdds, Eps = 0.02, DifferenceBound = 0.02, MaxIterations = 20 });
        Assert.Equal(8, result.Constraints.Count); // ± × two labels × two groups
        var before = MitigationMeasures.Of(baseline, test, "group");
        var after = MitigationMeasures.Of(result.Model, test, "group");
        Assert.True(after.EqualizedOddsDifference < before.EqualizedOddsDifference, $"{before.EqualizedOddsDifference} → {after.EqualizedOddsDifference}");
    }

    [Fact]
    public void Model_SavedAndLoaded_PredictsTheSameProbabilitiesAndLabels()
    {
        var (train, test, target) = Data();
        var result = ExponentiatedGradient.Fit(train, target, "group", Trees, new ExponentiatedGradientOptions { MaxIterations = 8 });
        var model = result.Model;
        Assert.IsType<RandomizedMixture>(model.Predictor);
        Assert.Equal(LinkKind.Probability, model.Link.Kind);

        using var stream = new MemoryStream();
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(model, "mixture", model.Trainer, new TrainingData("synthetic", "x", 1500, 1500, 0), DateTimeOffset.UnixEpoch),
            Model = model,
            Profile = Keel.Data.Profiling.DataProfile.Build(train),
        };
        bundle.Write(stream);
        var loaded = ModelBundle.Load(stream.ToArray()).Model;

        var p = model.Predict(test);
        var q = loaded.Predict(test);
        Assert.Equal(p.PositiveProbabilities(), q.PositiveProbabilities());
        Assert.Equal(p.Labels, q.Labels);
        Assert.DoesNotContain(bundle.Manifest.Inputs, c => c.Name == "group");
    }

    [Fact]
    public void Model_Probability_IsTheWeightedVoteOfItsMembers_AndLabelsFollowItOverThePopulation()
    {
        var (train, test, target) = Data();
        var result = ExponentiatedGradient.Fit(train, target, "group", Trees, new ExponentiatedGradientOptions { MaxIterations = 8 });
        var mixture = (RandomizedMixture)result.Model.Predictor;
        var features = result.Model.Features.Transform(test);
        var p = result.Model.Predict(features);
        var expected = new double[test.RowCount];
        foreach (var m in mixture.Members)
        {
            var votes = m.Constant is { } c ? Enumerable.Repeat((double)c, test.RowCount).ToArray()
                : new Model { Target = target, Features = result.Model.Features, Predictor = m.Predictor!, Link = m.Link!, Trainer = "member" }.Predict(features).PositiveProbabilities().Select(v => v >= m.Threshold ? 1.0 : 0).ToArray();
            for (var i = 0; i < expected.Length; i++) expected[i] += m.Weight * votes[i];
        }
        var probabilities = p.PositiveProbabilities();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], probabilities[i], 12);

        // The per-row draws: positive exactly when the row's uniform is below its probability; their rate tracks the mean probability.
        var positives = p.Labels!.Count(l => l == "yes");
        Assert.Equal(probabilities.Sum(), positives, 3 * Math.Sqrt(test.RowCount) * 0.5);
        Assert.Equal(p.Labels, result.Model.Predict(test).Labels);
    }

    [Fact]
    public void Evaluate_RandomizedModel_ScoresItsDrawnDecisions()
    {
        var (train, test, target) = Data();
        var model = ExponentiatedGradient.Fit(train, target, "group", Trees, new ExponentiatedGradientOptions { MaxIterations = 8 }).Model;
        var evaluated = Keel.Learn.Evaluation.Evaluator.Evaluate(model, test, resamples: 0)[Keel.Learn.Evaluation.MetricNames.Accuracy];
        Assert.Equal(MitigationMeasures.Of(model, test, "group").Accuracy, evaluated, 12);
    }

    [Fact]
    public void Fit_WithWeightsInTheContext_IsRefused()
    {
        var (train, _, target) = Data();
        var e = Assert.Throws<KeelLearnException>(() => ExponentiatedGradient.Fit(train, target, "group", Trees, context: new TrainingContext { Weights = new double[train.RowCount] }));
        Assert.Contains("weights", e.Message);
    }

    [Fact]
    public void Options_Invalid_AreRefusedTogether()
    {
        var (train, _, target) = Data();
        var e = Assert.Throws<KeelLearnException>(() => ExponentiatedGradient.Fit(train, target, "group", Trees, new ExponentiatedGradientOptions { Eps = 0, MaxIterations = 0 }));
        Assert.Contains("Eps", e.Message);
        Assert.Contains("MaxIterations", e.Message);
    }
}
