using Keel.Learn.Anomaly;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Metrics;
using Keel.Learn.Training;

namespace Keel.Learn.Tests.Anomaly;

public class AnomalyTrainingJobTests
{
    [Fact]
    public void Run_WithALabel_HoldsOutRowsAndEvaluatesTheScoreAndTheFlags()
    {
        var outcome = TrainingJob.Run(AnomalyFixture.Train, new TrainingJobOptions { Label = "outlier", Task = TaskKind.Anomaly, BootstrapResamples = 50 });
        var bundle = outcome.Bundle;

        Assert.Equal(84, outcome.Test.RowCount);
        Assert.Equal(4, AnomalyFixture.Labels(outcome.Test).Sum());
        Assert.Equal([MetricNames.RocAuc, MetricNames.AveragePrecision, MetricNames.Precision, MetricNames.Recall, MetricNames.F1], bundle.Evaluation!.Metrics.Select(m => m.Name));
        var predictions = bundle.Model.Predict(outcome.Test);
        var y = AnomalyFixture.Labels(outcome.Test);
        Assert.Equal(BinaryMetrics.RocAuc(y, predictions.Values!), bundle.Evaluation[MetricNames.RocAuc], 12);
        Assert.Equal(TaskKind.Anomaly, bundle.Manifest.Task);
        Assert.Equal("outlier", bundle.Manifest.Label);
        Assert.Equal(["score", "is_anomaly"], bundle.Manifest.Outputs.Select(o => o.Name));
        Assert.Equal("IsolationForest", bundle.Manifest.Trainer);
        Assert.Equal("auto", bundle.Manifest.Parameters["contamination"]);
        Assert.Null(bundle.Onnx);
    }

    [Fact]
    public void Run_WithoutALabel_LearnsFromEveryRowAndHasNoEvaluation()
    {
        var data = AnomalyFixture.Features(AnomalyFixture.Train);
        var outcome = TrainingJob.Run(data, new TrainingJobOptions
        {
            Label = "", Task = TaskKind.Anomaly, Detector = new LocalOutlierFactorTrainer { Contamination = 0.05 },
        });

        Assert.Equal(420, outcome.Train.RowCount);
        Assert.Null(outcome.Bundle.Evaluation);
        Assert.Empty(outcome.Bundle.Manifest.Metrics);
        Assert.Equal("", outcome.Bundle.Manifest.Label);
        Assert.Equal("0.05", outcome.Bundle.Manifest.Parameters["contamination"]);
    }

    [Fact]
    public void Bundle_SavedAndLoaded_KeepsTheTaskAndTheScores()
    {
        var outcome = TrainingJob.Run(AnomalyFixture.Train, new TrainingJobOptions { Label = "outlier", Task = TaskKind.Anomaly, BootstrapResamples = 0 });
        var path = Path.Combine(Path.GetTempPath(), $"keel-anomaly-{Guid.NewGuid():N}.keel");
        try
        {
            outcome.Bundle.Save(path);
            var loaded = ModelBundle.Load(path);

            Assert.Equal(TaskKind.Anomaly, loaded.Model.Target.Task);
            Assert.Equal(outcome.Bundle.Model.Predict(AnomalyFixture.Query).Values, loaded.Model.Predict(AnomalyFixture.Query).Values);
            Assert.Equal(outcome.Bundle.Evaluation![MetricNames.RocAuc], loaded.Evaluation![MetricNames.RocAuc]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Evaluate_AnUnlabelledDetector_AsksForTheLabelColumn()
    {
        var model = new IsolationForestTrainer().Fit(AnomalyFixture.Features(AnomalyFixture.Train), new Target("", TaskKind.Anomaly, []));

        var e = Assert.Throws<KeelLearnException>(() => Evaluator.Evaluate(model, AnomalyFixture.Query));

        Assert.Contains("--label", e.Message);
    }

    [Fact]
    public void Evaluate_WithTheLabelGivenLater_ScoresTheDetector()
    {
        var model = new IsolationForestTrainer().Fit(AnomalyFixture.Features(AnomalyFixture.Train), new Target("", TaskKind.Anomaly, []));
        var labelled = model with { Target = Target.Anomaly(AnomalyFixture.Query, "outlier") };

        var result = Evaluator.Evaluate(labelled, AnomalyFixture.Query, resamples: 0);

        Assert.InRange(result[MetricNames.RocAuc], 0.9, 1.0);
        Assert.Equal(2, result.ConfusionMatrix.Length);
        Assert.NotNull(result.Roc);
    }
}
