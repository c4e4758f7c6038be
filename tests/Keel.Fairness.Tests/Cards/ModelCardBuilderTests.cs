using System.Text.Json;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Fairness.Cards;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Trainers;

namespace Keel.Fairness.Tests.Cards;

public class ModelCardBuilderTests
{
    private static readonly Lazy<(ModelBundle Bundle, Table Test)> Trained = new(() =>
    {
        var rng = new Random(7);
        var n = 1200;
        var group = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? "a" : "b").ToArray();
        var x = Enumerable.Range(0, n).Select(i => rng.NextDouble() + (group[i] == "a" ? 0.3 : 0)).ToArray();
        var y = x.Select(v => v + 0.2 * rng.NextDouble() > 0.8 ? "yes" : "no").ToArray();
        var table = new Table([new NumericColumn("x", x), CategoricalColumn.FromStrings("group", group), CategoricalColumn.FromStrings("y", y)]);
        var train = table.Take(Enumerable.Range(0, 800).ToArray());
        var model = new LightGbmTrainer { Iterations = 20 }.Fit(train, Target.Detect(train, "y"));
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(model, "toy", model.Trainer, new TrainingData("toy.csv", "abc", 800, 800, 0), DateTimeOffset.UnixEpoch)
                with { Parameters = new Dictionary<string, string> { ["trees"] = "20", ["learning_rate"] = "0.1" } },
            Model = model,
            Profile = DataProfile.Build(train),
        };
        return (bundle, table.Take(Enumerable.Range(800, 400).ToArray()));
    });

    [Fact]
    public void Build_FromABundleAlone_FillsDetailsAndParameters_AndSaysWhatTheOwnerHasNotWritten()
    {
        var card = ModelCardBuilder.Build(new ModelCardInputs { Bundle = Trained.Value.Bundle, Path = "/models/toy.keel" });

        Assert.Equal("toy", card.ModelDetails.Name);
        Assert.StartsWith("A binary classifier that predicts 'y' (positive class 'yes') from 2 inputs, trained with LightGbm on toy.csv (800 rows)", card.ModelDetails.Overview);
        Assert.Equal("LightGbm (learning_rate=0.1, trees=20)", card.ModelParameters.ModelArchitecture);
        Assert.Equal("x (numeric); group (categorical)", card.ModelParameters.InputFormat);
        Assert.Equal("/models/toy.keel", card.ModelDetails.Path);
        Assert.StartsWith("The owner has not written: owners, users, use cases, limitations, tradeoffs, ethical considerations.", card.Warnings[0]);
    }

    [Fact]
    public void Build_WithAnAudit_MakesEveryGroupASlice_AndTheMeasuresMatchTheAudit()
    {
        var (bundle, test) = Trained.Value;
        var audit = FairnessAudit.Run(bundle.Model, test, new FairnessAuditOptions { SensitiveColumns = ["group"], Bootstrap = 50 });

        var card = ModelCardBuilder.Build(new ModelCardInputs
        {
            Bundle = bundle,
            Evaluation = Evaluator.Evaluate(bundle.Model, test, resamples: 50),
            EvaluationData = "test.csv",
            Fairness = audit,
            Registry = new CardRegistryInfo("toy", 4, ["champion"], "ada", DateTimeOffset.UnixEpoch, new string('a', 64), "toy@3"),
        });

        var metrics = card.QuantitativeAnalysis.PerformanceMetrics;
        var rateA = metrics.Single(m => m.Type == "selection_rate" && m.Slice == "group=a");
        Assert.Equal(audit.Analysis("group").Frame.Group("a")["selection_rate"].Value, rateA.Value);
        Assert.NotNull(rateA.ConfidenceInterval);
        Assert.Equal(audit.Analysis("group").DemographicParityDifference.Value, metrics.Single(m => m.Type == "demographic_parity_difference" && m.Slice == "group").Value);
        Assert.Equal(400, metrics.Where(m => m.Type == "count").Sum(m => m.Value));
        Assert.Contains(metrics, m => m.Type == "roc_auc" && m.Slice == "" && m.ConfidenceInterval is not null);
        Assert.Equal(("4", "Retrained from toy@3."), (card.ModelDetails.Version.Name, card.ModelDetails.Version.Diff));
        Assert.Equal("models:/toy/4", card.ModelDetails.Path);
        Assert.Equal(["group"], card.ModelParameters.Data[0].Sensitive!.SensitiveData);
    }

    [Fact]
    public void ToJson_UsesTheToolkitsFieldNames()
    {
        var card = ModelCardBuilder.Build(new ModelCardInputs
        {
            Bundle = Trained.Value.Bundle,
            Owner = new ModelCardOwnerSections { EthicalConsiderations = [new Risk("Risk", "Mitigation")], UseCases = ["Scoring"] },
        });

        using var doc = JsonDocument.Parse(card.ToJson());
        var root = doc.RootElement;

        Assert.Equal(["model_details", "model_parameters", "quantitative_analysis", "considerations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Mitigation", root.GetProperty("considerations").GetProperty("ethical_considerations")[0].GetProperty("mitigation_strategy").GetString());
        Assert.Equal("Scoring", root.GetProperty("considerations").GetProperty("use_cases")[0].GetProperty("description").GetString());
        Assert.True(root.GetProperty("model_parameters").TryGetProperty("model_architecture", out _));
        Assert.True(root.GetProperty("quantitative_analysis").TryGetProperty("performance_metrics", out _));
    }
}
