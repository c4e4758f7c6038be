using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Training;
using Keel.Learn.Trainers;

namespace Keel.Learn.Anomaly;

/// <summary>
/// Training an anomaly detector, what <see cref="TrainingJob"/> does for <c>--task anomaly</c>. Without a label the
/// detector learns from every row and there is no evaluation. With a label (never a feature), a stratified share of
/// rows is held out, the detector learns from the rest without looking at the label, and the held-out rows evaluate
/// its score (ROC AUC, average precision) and its flags (precision, recall, F1). No model selection: without labels
/// there is nothing to select by; the detector is <see cref="TrainingJobOptions.Detector"/>.
/// </summary>
public static class AnomalyTrainingJob
{
    public static TrainingOutcome Run(Table data, TrainingJobOptions options, IProgress<TrainingStep>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        var labelled = options.Label.Length > 0;
        var target = Target.Anomaly(data, labelled ? options.Label : null, options.PositiveClass);
        Table train = data, test = data.Take([]);
        if (labelled)
        {
            if (data.Schema[options.Label].Role is ColumnRole.Id or ColumnRole.Ignore)
                throw new KeelLearnException($"Column '{options.Label}' looks like an identifier or free text (every value distinct), not a label. Check --label.");
            data = data.WithRole(options.Label, ColumnRole.Label);
            var labels = target.Encode(data);
            var known = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
            if (known.Length < labels.Length)
            {
                progress?.Report(new TrainingStep("data", $"{labels.Length - known.Length} rows have no label and are left out."));
                data = data.Take(known);
                labels = known.Select(i => labels[i]).ToArray();
            }
            var (trainRows, testRows) = Selection.DataSplit.TrainTest(labels, TaskKind.Anomaly, options.TestFraction, options.Seed);
            train = data.Take(trainRows);
            test = data.Take(testRows);
            progress?.Report(new TrainingStep("split", $"{train.RowCount} rows to learn from (their labels unused), {test.RowCount} held out to evaluate the detector."));
        }
        else
        {
            progress?.Report(new TrainingStep("split", $"No label: the detector learns from all {train.RowCount} rows; there is nothing to evaluate against."));
        }
        var fingerprint = DataFingerprint.Compute(data);

        var detector = options.Detector;
        progress?.Report(new TrainingStep("fit", $"Training {detector.Name} on {train.RowCount} rows."));
        var fit = detector.FitScored(train, target, new TrainingContext
        {
            Seed = options.Seed,
            Threads = options.Selection.Threads,
            CancellationToken = cancellationToken,
            Progress = new ImmediateProgress<double>(f => progress?.Report(new TrainingStep("fit", detector.Name, Fraction: f))),
        });
        var model = fit.Model;
        var flagged = fit.TrainingScores.Count(s => s > model.Threshold);
        progress?.Report(new TrainingStep("fit", $"{flagged} of {train.RowCount} training rows score above the threshold {model.Threshold:G6}."));

        EvaluationResult? evaluation = null;
        if (test.RowCount > 0)
        {
            progress?.Report(new TrainingStep("evaluate", $"Evaluating on {test.RowCount} held-out rows."));
            evaluation = Evaluator.Evaluate(model, test, options.BootstrapResamples, options.Seed);
        }
        var profile = DataProfile.Build(train);
        var manifest = BundleManifest.For(model, options.Name, detector.Name,
            new TrainingData(options.Source, fingerprint, data.RowCount, train.RowCount, test.RowCount), clock.GetUtcNow()) with
        {
            Metrics = evaluation?.Metrics ?? [],
            Parameters = detector.Parameters,
            Seed = options.Seed,
            Parent = options.Parent,
        };
        var bundle = new ModelBundle { Manifest = manifest, Model = model, Profile = profile, Evaluation = evaluation };
        return new TrainingOutcome(bundle, train, test);
    }
}
