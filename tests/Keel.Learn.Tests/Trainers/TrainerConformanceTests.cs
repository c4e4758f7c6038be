using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Trainers;

/// <summary>The checks every trainer passes, in the spirit of scikit-learn's estimator checks.</summary>
public class TrainerConformanceTests
{
    private static double[] Outputs(Predictions p) => p.Probabilities ?? p.Values!;

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void Fit_TwiceWithTheSameSeed_GivesIdenticalPredictions(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task);

        var a = TrainerCases.Make(trainer).Fit(data, target, new TrainingContext { Seed = 7 });
        var b = TrainerCases.Make(trainer).Fit(data, target, new TrainingContext { Seed = 7 });

        Assert.Equal(Outputs(a.Predict(data)), Outputs(b.Predict(data)));
    }

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void SavedAndLoaded_GivesIdenticalPredictions(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task);
        var model = TrainerCases.Make(trainer).Fit(data, target);
        using var stream = new MemoryStream();
        BundleFactory.For(model, data).Write(stream);

        var loaded = ModelBundle.Load(stream.ToArray()).Model;

        Assert.Equal(Outputs(model.Predict(data)), Outputs(loaded.Predict(data)));
    }

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void Predict_ColumnsInAnotherOrder_GivesTheSamePredictions(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task);
        var model = TrainerCases.Make(trainer).Fit(data, target);

        var reversed = data.Select(data.Schema.Names.Reverse());

        Assert.Equal(Outputs(model.Predict(data)), Outputs(model.Predict(reversed)));
    }

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void Predict_WithoutAnInputColumn_IsRefusedNamingIt(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task);
        var model = TrainerCases.Make(trainer).Fit(data, target);

        var e = Assert.Throws<KeelLearnException>(() => model.Predict(data.Select(data.Schema.Names.Where(n => n != "tenure"))));

        Assert.Contains("column 'tenure' is missing", e.Message);
    }

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void Predict_UnseenCategoryAndMissingValues_GivesValidOutputs(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task);
        var model = TrainerCases.Make(trainer).Fit(data, target);
        var rows = data.Take([0, 1, 2]);
        var strange = rows.WithColumn(CategoricalColumn.FromStrings("PaymentMethod", ["Carrier pigeon", null, "Carrier pigeon"]))
                          .WithColumn(new NumericColumn("tenure", [double.NaN, 5, double.NaN]));

        var p = model.Predict(strange);

        Assert.All(Outputs(p), v => Assert.True(double.IsFinite(v)));
        if (p.Probabilities is { } probs)
            for (var i = 0; i < p.Rows; i++)
                Assert.Equal(1.0, Enumerable.Range(0, p.Classes.Count).Sum(c => probs[i * p.Classes.Count + c]), 9);
    }

    [Theory]
    [MemberData(nameof(TrainerCases.All), MemberType = typeof(TrainerCases))]
    public void Fit_LearnsMoreThanTheTrivialModel(string trainer, TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task, 1500);
        var train = data.Take(Enumerable.Range(0, 1000).ToArray());
        var test = data.Take(Enumerable.Range(1000, 500).ToArray());

        var result = Keel.Learn.Evaluation.Evaluator.Evaluate(TrainerCases.Make(trainer).Fit(train, target), test, resamples: 0);

        switch (task)
        {
            case TaskKind.Binary:
                Assert.True(result["roc_auc"] > 0.75, $"ROC AUC {result["roc_auc"]}");
                break;
            case TaskKind.Multiclass:
                // The majority class (month-to-month) is 55 % of these rows; log loss of the class shares is about 0.98.
                Assert.True(result["accuracy"] > 0.65, $"accuracy {result["accuracy"]}");
                Assert.True(result["log_loss"] < 0.8, $"log loss {result["log_loss"]}");
                break;
            default:
                Assert.True(result["r2"] > 0.8, $"R² {result["r2"]}");
                break;
        }
    }

    [Fact]
    public void Fit_BadOptions_AreRefusedAllAtOnce()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 200);

        var e = Assert.Throws<KeelLearnException>(() => new LightGbmTrainer { Iterations = 0, LearningRate = 2 }.Fit(data, target));

        Assert.Contains("Iterations must be between 1 and 100,000; it is 0.", e.Message);
        Assert.Contains("LearningRate must be in (0, 1]; it is 2.", e.Message);
        Assert.Throws<KeelLearnException>(() => new FastTreeTrainer { Leaves = 1 }.Fit(data, target));
        Assert.Throws<KeelLearnException>(() => new FastForestTrainer { Trees = 0 }.Fit(data, target));
        Assert.Throws<KeelLearnException>(() => new LinearTrainer { L2 = -1 }.Fit(data, target));
    }

    [Fact]
    public void Fit_MulticlassOnFastTree_IsRefusedWithTheReason()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Multiclass, 200);

        var e = Assert.Throws<KeelLearnException>(() => new FastTreeTrainer().Fit(data, target));

        Assert.Contains("does not support multiclass", e.Message);
    }

    [Fact]
    public void Fit_AllMissingFeature_IsRefusedNamingIt()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 200);
        var bad = data.WithColumn(new NumericColumn("empty", Enumerable.Repeat(double.NaN, data.RowCount).ToArray()));

        var e = Assert.Throws<KeelLearnException>(() => new LinearTrainer().Fit(bad, target));

        Assert.Contains("Column 'empty' has no values", e.Message);
    }
}

/// <summary>A minimal bundle around a model, for round-trip tests.</summary>
public static class BundleFactory
{
    public static ModelBundle For(Model model, Table data, byte[]? onnx = null) => new()
    {
        Manifest = BundleManifest.For(model, "test", model.Trainer,
            new TrainingData("test", DataFingerprint.Compute(data), data.RowCount, data.RowCount, 0), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Model = model,
        Profile = DataProfile.Build(data),
        Onnx = onnx,
    };
}
