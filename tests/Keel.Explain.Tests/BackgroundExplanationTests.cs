using Keel.Data;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Ensembles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

/// <summary>
/// A model without exact SHAP values (an ensemble) explained by <see cref="ModelExplainer"/> against the background
/// sample its bundle keeps: permutation SHAP per input column, adding up to P(positive), the same under the seed.
/// </summary>
public class BackgroundExplanationTests
{
    private static readonly Lazy<(Model Model, Table Data, ExplanationBackground Background)> Ensemble = new(() =>
    {
        var data = Telco().Select(["tenure", "MonthlyCharges", "Contract", "InternetService", "PaymentMethod", "SeniorCitizen", "Churn"]);
        var model = new EnsembleTrainer
        {
            Kind = EnsembleKind.Selection,
            Folds = 2,
            BaseTrainers = [new LightGbmTrainer { Iterations = 15 }, new LinearTrainer()],
        }.Fit(data, Target.Detect(data, "Churn"));
        return (model, data, ExplanationBackground.For(model, data, seed: 42)!);
    });

    private static Table Telco() =>
        Keel.Data.Io.CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv")).Take(Enumerable.Range(0, 600).ToArray());

    [Fact]
    public void Ensemble_WithBackground_IsExplainedByPermutationShap_AddingUpToItsProbability()
    {
        var (model, data, background) = Ensemble.Value;
        var explainer = new ModelExplainer(model, background.ToMatrix(), seed: 42);
        var rows = data.Take([3, 17, 250]);

        var shap = explainer.Explain(rows);
        var p = model.Predict(rows).PositiveProbabilities();

        Assert.IsType<StackedEnsemble>(model.Predictor);
        Assert.False(explainer.IsExact);
        Assert.Equal("permutation", explainer.Method);
        Assert.Equal("probability", explainer.Units);
        Assert.Equal(["tenure", "MonthlyCharges", "Contract", "InternetService", "PaymentMethod", "SeniorCitizen"], shap.Features);
        Assert.Equal(100, explainer.Background);
        for (var r = 0; r < 3; r++) Assert.Equal(p[r], shap.Total(r), 9);
        var backgroundMean = model.Predict(background.ToMatrix()).PositiveProbabilities().Average();
        Assert.Equal(backgroundMean, shap.BaseValue[0], 12);
        // The values say something: some column moves each row's probability.
        for (var r = 0; r < 3; r++) Assert.True(shap.Row(r).Max(Math.Abs) > 1e-3, $"row {r}: {string.Join(", ", shap.Row(r))}");
    }

    [Fact]
    public void Ensemble_SameRowInAnotherBatchOrPosition_GetsTheSameValues_AndSeedsDiffer()
    {
        var (model, data, background) = Ensemble.Value;
        var explainer = new ModelExplainer(model, background.ToMatrix(), seed: 42);

        var alone = explainer.Explain(data.Take([17]));
        var inBatch = new ModelExplainer(model, background.ToMatrix(), seed: 42).Explain(data.Take([5, 9, 17]));
        var otherSeed = new ModelExplainer(model, background.ToMatrix(), seed: 7).Explain(data.Take([17]));

        Assert.Equal(alone.Row(0), inBatch.Row(2));
        Assert.NotEqual(alone.Row(0), otherSeed.Row(0));
        Assert.Equal(alone.Total(0), otherSeed.Total(0), 9);
    }

    [Fact]
    public void Ensemble_PermutationValues_AreCloseToExactKernelShap()
    {
        // Six columns: Kernel SHAP evaluates every coalition (exact interventional Shapley values on the background).
        var (model, data, background) = Ensemble.Value;
        var explainer = new ModelExplainer(model, background.ToMatrix(), seed: 42);
        var small = background.ToMatrix().Take(Enumerable.Range(0, 30).ToArray());
        var rows = model.Features.Transform(data.Take([3, 17]));

        var exact = new KernelShap(model.Predictor, small, explainer.Columns, explainer.ColumnOfFeature).Explain(rows);
        var permutation = new PermutationShap(model.Predictor, small, explainer.Columns, explainer.ColumnOfFeature, seed: 42).Explain(rows);

        for (var r = 0; r < 2; r++)
        {
            var scale = exact.Row(r).Max(Math.Abs);
            for (var c = 0; c < explainer.Columns.Count; c++)
                Assert.True(Math.Abs(exact[r, c] - permutation[r, c]) <= 0.1 * scale, $"row {r} {explainer.Columns[c]}: exact {exact[r, c]}, permutation {permutation[r, c]}");
        }
    }

    [Fact]
    public void MulticlassEnsemble_EachClassAddsUpToItsLogProbability()
    {
        var data = Telco().Select(["tenure", "MonthlyCharges", "InternetService", "Contract"]);
        var model = new EnsembleTrainer
        {
            Kind = EnsembleKind.Voting,
            Folds = 2,
            BaseTrainers = [new LightGbmTrainer { Iterations = 10 }, new LinearTrainer()],
        }.Fit(data, Target.Detect(data, "Contract"));
        var explainer = new ModelExplainer(model, ExplanationBackground.For(model, data, seed: 1)!.ToMatrix(), seed: 1);
        var rows = data.Take([0, 1]);

        var shap = explainer.Explain(rows);
        var probabilities = model.Predict(rows).Probabilities!;

        Assert.Equal(3, shap.Outputs);
        for (var r = 0; r < 2; r++)
            for (var k = 0; k < 3; k++) Assert.Equal(Math.Log(probabilities[r * 3 + k]), shap.Total(r, k), 6);
    }

    [Fact]
    public void Ensemble_WithoutBackground_CannotBeExplained_AndSaysSo()
    {
        var (model, data, _) = Ensemble.Value;
        var explainer = new ModelExplainer(model);

        var e = Assert.Throws<KeelLearnException>(() => explainer.Explain(data.Take([0])));

        Assert.False(explainer.CanExplain);
        Assert.Equal("none", explainer.Method);
        Assert.Contains("background rows", e.Message);
    }

    [Fact]
    public void TreesAndLinearModels_StayExact_WithTheirMethodNamed()
    {
        var (_, data, _) = Ensemble.Value;
        var target = Target.Detect(data, "Churn");

        var trees = new ModelExplainer(new LightGbmTrainer { Iterations = 5 }.Fit(data, target));
        var linear = new ModelExplainer(new LinearTrainer().Fit(data, target));

        Assert.True(trees.IsExact && trees.CanExplain);
        Assert.Equal("tree_path_dependent", trees.Method);
        Assert.Equal("linear", linear.Method);
        Assert.Equal(0, trees.Permutations);
    }
}
