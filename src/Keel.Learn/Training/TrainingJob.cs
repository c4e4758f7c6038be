using System.Reflection;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Onnx;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Learn.Training;

/// <summary>
/// The whole of training a model from a table: find the task, hold out a stratified test split, select a trainer by
/// cross-validation on the rest, refit it on all training rows, evaluate it on the held-out rows with bootstrap
/// intervals, profile the training data, and assemble the bundle (with its ONNX export).
/// </summary>
public static class TrainingJob
{
    public static TrainingOutcome Run(Table data, TrainingJobOptions options, IProgress<TrainingStep>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        if (options.Task == TaskKind.Anomaly && options.Value is not null)
            throw new KeelLearnException("A KPI (cost/benefit of decisions) applies to binary classifiers, not anomaly detectors: set the detector's threshold with --threshold or --contamination instead.");
        if (options.Task == TaskKind.Anomaly) return Anomaly.AnomalyTrainingJob.Run(data, options, progress, clock, cancellationToken);
        var labelSchema = data.Schema.TryIndexOf(options.Label) is var li and >= 0 ? data.Schema[li] : null;
        var target = Target.Detect(data, options.Label, options.Task, options.PositiveClass);
        if (options.Value is { } kpi)
        {
            if (target.Task != TaskKind.Binary)
                throw new KeelLearnException($"A KPI (cost/benefit of decisions) applies to binary classifiers; '{options.Label}' makes this a {target.Task.ToString().ToLowerInvariant()} task. Train without --kpi.");
            if (kpi.Problems() is { } problems) throw new KeelLearnException($"The KPI is not valid: {problems}");
        }
        if (labelSchema is { Role: ColumnRole.Id or ColumnRole.Ignore })
            throw new KeelLearnException($"Column '{options.Label}' looks like an identifier or free text (every value distinct), not a label. Check --label.");
        data = data.WithRole(options.Label, ColumnRole.Label);

        var labels = target.Encode(data);
        var labelled = target.LabelledRows(labels);
        if (labelled.Length < labels.Length)
        {
            progress?.Report(new TrainingStep("data", $"{labels.Length - labelled.Length} rows have no label and are left out."));
            data = data.Take(labelled);
            labels = labelled.Select(i => labels[i]).ToArray();
        }
        var fingerprint = DataFingerprint.Compute(data);
        var (trainRows, testRows) = DataSplit.TrainTest(labels, target.Task, options.TestFraction, options.Seed);
        var train = data.Take(trainRows);
        var test = data.Take(testRows);
        progress?.Report(new TrainingStep("split", $"{train.RowCount} rows to train on, {test.RowCount} held out for the final evaluation."));

        var selectionOptions = options.Selection with { Seed = options.Seed };
        SelectionResult? selection = null;
        var trainer = options.Trainer;
        if (trainer is null)
        {
            selection = ModelSelector.Select(train, target, selectionOptions,
                new ImmediateProgress<SelectionProgress>(p => progress?.Report(new TrainingStep("select", p.Trainer, p))), clock, cancellationToken);
            trainer = (selectionOptions.Candidates ?? SelectionOptions.BuiltInTrainers()).First(t => t.Name == selection.Best.Trainer);
        }

        progress?.Report(new TrainingStep("fit", $"Training {trainer.Name} on all {train.RowCount} training rows."));
        var model = trainer.Fit(train, target, new TrainingContext
        {
            Seed = options.Seed,
            Threads = selectionOptions.Threads,
            CancellationToken = cancellationToken,
            Progress = new ImmediateProgress<double>(f => progress?.Report(new TrainingStep("fit", trainer.Name, Fraction: f))),
        });

        Decisions.ThresholdChoice? decision = null;
        if (options.Value is { } value)
        {
            decision = ThresholdSelection.Choose(trainer, train, target, value, selectionOptions.Folds, options.Seed, selectionOptions.Threads, progress, cancellationToken);
            model = model with { Threshold = decision.Threshold };
            progress?.Report(new TrainingStep("threshold", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Threshold {decision.Threshold:0.####} maximises {value.Name} on out-of-fold scores: {value.Format(decision.Chosen.PerDecision)} per decision (0.5 gives {value.Format(decision.AtDefault.PerDecision)}).")));
        }

        progress?.Report(new TrainingStep("evaluate", $"Evaluating on {test.RowCount} held-out rows."));
        var evaluation = Evaluator.Evaluate(model, test, options.BootstrapResamples, options.Seed, options.Value);
        var recipe = TrainingRecipe.Create(options, trainer.Name, trainer.Parameters, target, data.Schema, fingerprint) with
        {
            Threads = selectionOptions.Threads,
            Featurization = (trainer as FeaturizedTrainer)?.Featurization,
            Selection = selection is null ? null : new SelectionSettings(selectionOptions.Folds, selection.Metric,
                (selectionOptions.Candidates ?? SelectionOptions.BuiltInTrainers()).Select(t => t.Name).ToArray(), selectionOptions.TimeBudget.TotalSeconds),
        };
        var bundle = Package(model, trainer.Name, trainer.Parameters, fingerprint, data.RowCount, train, test, evaluation, options, clock.GetUtcNow(),
            note => progress?.Report(new TrainingStep("onnx", $"No ONNX export: {note}")), recipe) with { Selection = selection, Decision = decision?.Thinned() };
        return new TrainingOutcome(bundle, train, test);
    }

    /// <summary>
    /// A bundle of a model trained on <paramref name="train"/> and evaluated on <paramref name="test"/>: manifest
    /// (name, source, fingerprint, row counts, metrics, parameters, seed, parent from <paramref name="options"/>),
    /// the training rows' profile, the evaluation, reference predictions for monitoring, the ONNX form where one
    /// exists (<paramref name="onnxSkipped"/> hears why not), for a model without exact SHAP values a seeded sample of
    /// training rows' features to explain it against (<see cref="ExplanationBackground"/>), and the training
    /// <paramref name="recipe"/> (null: one built from <paramref name="options"/>, which records a trainer that is not
    /// built in as not retrainable).
    /// </summary>
    public static ModelBundle Package(Model model, string trainer, IReadOnlyDictionary<string, string> parameters, string fingerprint, int dataRows,
        Table train, Table test, EvaluationResult evaluation, TrainingJobOptions options, DateTimeOffset trainedAt, Action<string>? onnxSkipped = null,
        TrainingRecipe? recipe = null)
    {
        var onnx = OnnxExporter.TryExport(model, out var onnxNote);
        if (onnx is null) onnxSkipped?.Invoke(onnxNote ?? "");
        var manifest = BundleManifest.For(model, options.Name, trainer,
            new TrainingData(options.Source, fingerprint, dataRows, train.RowCount, test.RowCount), trainedAt) with
        {
            Metrics = evaluation.Metrics,
            Parameters = parameters,
            Seed = options.Seed,
            Parent = options.Parent,
        };
        return new ModelBundle
        {
            Manifest = manifest, Model = model, Profile = DataProfile.Build(train), Evaluation = evaluation, Onnx = onnx,
            Reference = Reference(model, model.Target, test),
            Background = ExplanationBackground.For(model, train, options.Seed),
            Recipe = recipe ?? TrainingRecipe.Create(options, trainer, parameters, model.Target, train.Schema, fingerprint),
        };
    }

    /// <summary>Labels and scores of up to <see cref="ReferencePredictions.MaxRows"/> held-out rows (binary and regression models).</summary>
    private static ReferencePredictions? Reference(Model model, Target target, Table test)
    {
        if (target.Task == TaskKind.Multiclass || test.RowCount == 0) return null;
        var rows = test.RowCount <= ReferencePredictions.MaxRows ? test : test.Take(Enumerable.Range(0, ReferencePredictions.MaxRows).ToArray());
        var predictions = model.Predict(rows);
        var scores = target.Task == TaskKind.Binary ? predictions.PositiveProbabilities() : predictions.Values!;
        return new ReferencePredictions(target.Encode(rows), scores);
    }

    /// <summary>The version of the Keel.Learn assembly.</summary>
    public static string KeelVersion { get; } =
        typeof(TrainingJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

/// <summary>The result of a training job: the bundle, and the rows it was trained and tested on.</summary>
public sealed record TrainingOutcome(ModelBundle Bundle, Table Train, Table Test);
