using System.Diagnostics;
using System.Globalization;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Fairness.Mitigation;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Learn.Onnx;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Spectre.Console;
using Table = Keel.Data.Table;

namespace Keel.Cli.Commands;

/// <summary>Runs <c>keel mitigate</c>: split, baseline, mitigation, the before/after table, the bundle.</summary>
internal static class MitigationRunner
{
    public static void Run(Output output, MitigationRequest request, Table data, Table? testData, CancellationToken ct)
    {
        var baseBundle = request.ModelPath is null ? null : ModelBundle.Load(request.ModelPath);
        var labelName = baseBundle?.Manifest.Label ?? TrainCommand.ResolveLabel(data, request.Label);
        if (baseBundle is not null && labelName != TrainCommand.ResolveLabel(data, request.Label))
            throw new KeelDataException($"--model predicts '{baseBundle.Manifest.Label}' but --label is '{request.Label}'.");
        var target = baseBundle?.Model.Target ?? Target.Detect(data, labelName, TaskKind.Binary, request.Positive);
        var sensitive = request.SensitiveColumn;
        if (!data.Schema.Contains(sensitive))
            throw new KeelDataException($"The sensitive column '{sensitive}' does not exist. The columns are: {string.Join(", ", data.Schema.Names)}.");
        data = data.WithRole(labelName, ColumnRole.Label).WithRole(sensitive, ColumnRole.Sensitive);
        var (train, test) = Split(data, testData, target, labelName, sensitive, request);
        output.Info($"{train.RowCount:N0} rows to train on, {test.RowCount:N0} to compare on; groups of '{sensitive}'.");

        var trainer = Trainer(request.Trainer);
        var context = new TrainingContext { Seed = request.Seed, Threads = request.Threads, CancellationToken = ct };
        var clock = Stopwatch.StartNew();
        Model baseline;
        if (baseBundle is not null) baseline = baseBundle.Model;
        else
        {
            output.Info($"Training the baseline ({trainer.Name}).");
            baseline = trainer.Fit(train, target, context);
        }
        var baselineSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var (mitigated, parameters, details) = Mitigate(output, request, train, target, trainer, context, baseline);
        var mitigationSeconds = clock.Elapsed.TotalSeconds;

        var before = MitigationMeasures.Of(baseline, test, sensitive);
        var after = MitigationMeasures.Of(mitigated, test, sensitive);
        output.Heading($"Before and after on {test.RowCount:N0} held-out rows");
        output.Table(Comparison(before, after));
        output.Info(string.Create(CultureInfo.InvariantCulture, $"Baseline training {baselineSeconds:0.0} s; mitigation {mitigationSeconds:0.0} s."));

        var bundle = Bundle(mitigated, request, data, train, test, trainer, parameters);
        var saved = bundle.Save(request.OutPath);
        output.Success($"Wrote {Path.GetFullPath(request.OutPath)} (SHA-256 {saved.FileSha256![..16]}…).");
        if (mitigated.PostProcessor is not null)
            output.Info($"The model reads '{sensitive}' at prediction time: requests and files to score must carry it.");
        output.Result(new
        {
            model = Path.GetFullPath(request.OutPath),
            sha256 = saved.FileSha256,
            method = request.Method.ToString(),
            constraint = request.Method == MitigationMethod.Reweighing ? "demographic_parity" : MitigationConstraints.Name(request.ParsedConstraint),
            sensitive,
            trainer = mitigated.Trainer,
            before,
            after,
            baseline_seconds = baselineSeconds,
            mitigation_seconds = mitigationSeconds,
            details,
        });
    }

    private static (Table Train, Table Test) Split(Table data, Table? testData, Target target, string label, string sensitive, MitigationRequest request)
    {
        if (testData is not null)
        {
            if (!testData.Schema.Contains(label)) throw new KeelDataException($"--test has no label column '{label}'.");
            if (!testData.Schema.Contains(sensitive)) throw new KeelDataException($"--test has no sensitive column '{sensitive}'. Its columns are: {string.Join(", ", testData.Schema.Names)}.");
            return (data, testData.WithRole(label, ColumnRole.Label).WithRole(sensitive, ColumnRole.Sensitive));
        }
        var labels = target.Encode(data);
        var labelled = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
        if (labelled.Length < labels.Length) data = data.Take(labelled);
        var (trainRows, testRows) = DataSplit.TrainTest(labelled.Select(i => labels[i]).ToArray(), TaskKind.Binary, request.TestFraction, request.Seed);
        return (data.Take(trainRows), data.Take(testRows));
    }

    private static (Model Model, Dictionary<string, string> Parameters, object Details) Mitigate(Output output, MitigationRequest request, Table train, Target target,
        ITrainer trainer, TrainingContext context, Model baseline)
    {
        var sensitive = request.SensitiveColumn;
        var parameters = new Dictionary<string, string>(trainer.Parameters) { ["sensitive"] = sensitive };
        switch (request.Method)
        {
            case MitigationMethod.Reweighing:
            {
                output.Info($"Reweighing the training rows by '{sensitive}' and the label (Kamiran & Calders).");
                var weights = Reweighing.Fit(train, target, sensitive);
                foreach (var f in weights.Factors)
                    output.Info(string.Create(CultureInfo.InvariantCulture, $"  {f.Group} / {f.Class}: {f.Rows:N0} rows, weight {f.Weight:0.0000}"));
                var model = trainer.Fit(train, target, context with { Weights = weights.Weights });
                parameters["mitigation"] = "reweighing";
                return (model with { Trainer = $"Reweighing({trainer.Name})" }, parameters, new { factors = weights.Factors });
            }
            case MitigationMethod.ExponentiatedGradient:
            {
                var options = new ExponentiatedGradientOptions
                {
                    Constraint = request.ParsedConstraint, Eps = request.Eps, DifferenceBound = request.Eps, MaxIterations = request.MaxIterations, Seed = request.Seed,
                };
                output.Info(string.Create(CultureInfo.InvariantCulture, $"Exponentiated gradient ({MitigationConstraints.Name(options.Constraint)}, eps {options.Eps}, at most {options.MaxIterations} iterations) around {trainer.Name}."));
                var progress = new Keel.Data.ImmediateProgress<ExponentiatedGradientStep>(s => output.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  iteration {s.Iteration + 1}/{s.MaxIterations}: gap {s.Gap:0.00000} (stops below {s.Nu:0.00000}), {s.Classifiers} classifiers, {s.OracleCalls} training calls")));
                var result = ExponentiatedGradient.Fit(train, target, sensitive, trainer, options, context, progress);
                output.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Mixture of {result.Weights.Count(w => w > 0)} of {result.Classifiers} classifiers (best gap {result.BestGap:0.00000} at iteration {result.BestIteration + 1}); training disparity {result.Disparity:0.0000}, error {result.Error:0.0000}."));
                parameters["mitigation"] = "exponentiated_gradient";
                parameters["constraint"] = MitigationConstraints.Name(options.Constraint);
                parameters["eps"] = options.Eps.ToString(CultureInfo.InvariantCulture);
                parameters["max_iter"] = options.MaxIterations.ToString(CultureInfo.InvariantCulture);
                return (result.Model, parameters, new
                {
                    best_gap = result.BestGap, best_iter = result.BestIteration, last_iter = result.LastIteration, n_oracle_calls = result.OracleCalls,
                    classifiers = result.Classifiers, weights = result.Weights, training_disparity = result.Disparity, training_error = result.Error,
                });
            }
            default:
            {
                var options = new ThresholdOptimizerOptions { Constraint = request.ParsedConstraint, Seed = request.Seed };
                output.Info($"Threshold optimizer ({MitigationConstraints.Name(options.Constraint)}, objective accuracy) on the training rows.");
                var result = ThresholdOptimizer.Fit(baseline, train, sensitive, options);
                foreach (var g in result.Thresholds.Groups)
                    output.Info(string.Create(CultureInfo.InvariantCulture,
                        $"  {g.Group}: {g.P0:0.000} × {g.Operation0} + {g.P1:0.000} × {g.Operation1}{(g.PIgnore > 0 ? $", constant {g.PredictionConstant:0.000} with probability {g.PIgnore:0.000}" : "")}"));
                parameters["mitigation"] = "threshold_optimizer";
                parameters["constraint"] = MitigationConstraints.Name(options.Constraint);
                return (result.Model, parameters, new { thresholds = result.Thresholds.Groups, objective = result.Objective, rate = result.X });
            }
        }
    }

    private static Spectre.Console.Table Comparison(MitigationMeasures before, MitigationMeasures after)
    {
        var table = new Spectre.Console.Table().AddColumns("", "before", "after");
        static string F(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
        table.AddRow("accuracy", F(before.Accuracy), F(after.Accuracy));
        table.AddRow("demographic parity difference", F(before.DemographicParityDifference), F(after.DemographicParityDifference));
        table.AddRow("equalized odds difference", F(before.EqualizedOddsDifference), F(after.EqualizedOddsDifference));
        table.AddRow("equal opportunity difference", F(before.EqualOpportunityDifference), F(after.EqualOpportunityDifference));
        foreach (var (b, a) in before.Groups.Zip(after.Groups))
            table.AddRow(Markup.Escape($"selection rate: {b.Group} ({b.Rows:N0} rows)"), F(b.SelectionRate), F(a.SelectionRate));
        return table;
    }

    private static ModelBundle Bundle(Model model, MitigationRequest request, Table data, Table train, Table test, ITrainer trainer, Dictionary<string, string> parameters)
    {
        var evaluation = Evaluator.Evaluate(model, test, seed: request.Seed);
        var source = Path.GetFileName(request.DataPath);
        var manifest = BundleManifest.For(model, request.Name ?? Path.GetFileNameWithoutExtension(request.OutPath), model.Trainer,
            new TrainingData(source, DataFingerprint.Compute(data), data.RowCount, train.RowCount, test.RowCount), TimeProvider.System.GetUtcNow()) with
        {
            Metrics = evaluation.Metrics,
            Parameters = parameters,
            Seed = request.Seed,
        };
        var reference = test.RowCount <= ReferencePredictions.MaxRows ? test : test.Take(Enumerable.Range(0, ReferencePredictions.MaxRows).ToArray());
        return new ModelBundle
        {
            Manifest = manifest,
            Model = model,
            Profile = DataProfile.Build(train),
            Evaluation = evaluation,
            Onnx = OnnxExporter.TryExport(model, out _),
            Reference = new ReferencePredictions(model.Target.Encode(reference), model.Predict(reference).PositiveProbabilities()),
            Background = ExplanationBackground.For(model, train, request.Seed),
        };
    }

    private static ITrainer Trainer(string name) => name.ToLowerInvariant() switch
    {
        "fasttree" => new FastTreeTrainer(),
        "fastforest" => new FastForestTrainer(),
        "linear" => new LinearTrainer(),
        _ => new LightGbmTrainer(),
    };
}
