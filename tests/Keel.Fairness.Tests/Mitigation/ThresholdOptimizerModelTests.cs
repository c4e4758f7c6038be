using Keel.Data;
using Keel.Fairness.Mitigation;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Trainers;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

public class ThresholdOptimizerModelTests
{
    private static readonly LightGbmTrainer Trees = new() { Iterations = 20, Leaves = 8 };

    private static (Table Train, Table Test, Keel.Learn.Models.Model Base) Fitted()
    {
        var train = SyntheticGroups.Make(1500, seed: 3);
        var test = SyntheticGroups.Make(1500, seed: 4);
        return (train, test, Trees.Fit(train, Target.Detect(train, "y")));
    }

    [Theory]
    [InlineData(MitigationConstraint.DemographicParity)]
    [InlineData(MitigationConstraint.EqualizedOdds)]
    [InlineData(MitigationConstraint.EqualOpportunity)]
    public void Fit_EveryConstraint_EqualizesItsRatesOnTheFittingRows(MitigationConstraint constraint)
    {
        var (train, _, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group", new ThresholdOptimizerOptions { Constraint = constraint }).Model;
        var p = fair.Predict(train).PositiveProbabilities();
        var y = fair.Target.Encode(train);
        var groups = train["group"];
        double Rate(string g, int? label)
        {
            var rows = Enumerable.Range(0, train.RowCount).Where(i => groups.FormatValue(i) == g && (label is null || y[i] == label)).ToArray();
            return rows.Average(i => p[i]);
        }
        // The randomized classifier's expected rates: every group sits at the same grid point of its hull, exactly.
        switch (constraint)
        {
            case MitigationConstraint.DemographicParity: Assert.Equal(Rate("A", null), Rate("B", null), 1e-9); break;
            case MitigationConstraint.EqualOpportunity: Assert.Equal(Rate("A", 1), Rate("B", 1), 1e-9); break;
            default:
                Assert.Equal(Rate("A", 1), Rate("B", 1), 1e-9);
                Assert.Equal(Rate("A", 0), Rate("B", 0), 1e-9);
                break;
        }
    }

    [Fact]
    public void Bundle_CarriesTheSensitiveColumnInItsSignature_AndPredictsTheSameAfterLoading()
    {
        var (train, test, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group").Model;
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(fair, "fair", fair.Trainer, new TrainingData("synthetic", "x", 1500, 1500, 0), DateTimeOffset.UnixEpoch),
            Model = fair,
            Profile = Keel.Data.Profiling.DataProfile.Build(train),
        };
        var input = Assert.Single(bundle.Manifest.Inputs, c => c.Name == "group");
        Assert.Equal(ColumnType.Categorical, input.Type);
        Assert.Equal(["A", "B"], input.Categories);
        using var stream = new MemoryStream();
        bundle.Write(stream);
        var loaded = ModelBundle.Load(stream.ToArray()).Model;
        Assert.Equal(fair.Predict(test).Labels, loaded.Predict(test).Labels);
        Assert.Equal(fair.Predict(test).PositiveProbabilities(), loaded.Predict(test).PositiveProbabilities());
    }

    [Fact]
    public void Predict_WithoutTheSensitiveColumn_IsRefusedNamingIt()
    {
        var (train, test, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group").Model;
        var e = Assert.Throws<KeelLearnException>(() => fair.Predict(test.Select(["x1", "x2"])));
        Assert.Contains("'group'", e.Message);
    }

    [Fact]
    public void Predict_UnknownGroup_IsRefusedListingTheKnownOnes()
    {
        var (train, test, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group").Model;
        var other = test.WithColumn(CategoricalColumn.FromStrings("group", Enumerable.Repeat<string?>("C", test.RowCount).ToArray()));
        var e = Assert.Throws<KeelLearnException>(() => fair.Predict(other));
        Assert.Contains("'C'", e.Message);
        Assert.Contains("A, B", e.Message);
    }

    [Fact]
    public void Predict_SameRowTwice_GivesTheSameDecision()
    {
        var (train, test, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group").Model;
        var once = fair.Predict(test).Labels!;
        var rows = Enumerable.Range(0, 50).SelectMany(i => new[] { i, i }).ToArray();
        var twice = fair.Predict(test.Take(rows)).Labels!;
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(once[i], twice[2 * i]);
            Assert.Equal(once[i], twice[2 * i + 1]);
        }
    }

    [Fact]
    public void Fit_OnAPostProcessedModel_IsRefused()
    {
        var (train, _, model) = Fitted();
        var fair = ThresholdOptimizer.Fit(model, train, "group").Model;
        Assert.Throws<KeelLearnException>(() => ThresholdOptimizer.Fit(fair, train, "group"));
    }
}
