using System.Globalization;
using Keel.Learn.Bundles;
using Keel.Learn.Selection;
using Keel.Store;
using Keel.Tuning.Studies;
using Keel.Tuning.Validation;

namespace Keel.Cli.Commands;

/// <summary>Records trainings, AutoML runs and tunings in the store, one run each (with child runs for candidates and leaderboard entries).</summary>
internal static class RunLogger
{
    public static Run LogTraining(IKeelStore store, ModelBundle bundle, SelectionOptions selection, double testFraction, string bundlePath, string reportPath)
    {
        var m = bundle.Manifest;
        var run = store.StartRun(m.Name, $"train {m.Trainer}");
        var parameters = new Dictionary<string, string>
        {
            ["label"] = m.Label,
            ["task"] = m.Task.ToString().ToLowerInvariant(),
            ["trainer"] = m.Trainer,
            ["seed"] = m.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_fraction"] = testFraction.ToString(CultureInfo.InvariantCulture),
            ["folds"] = selection.Folds.ToString(CultureInfo.InvariantCulture),
            ["time_budget"] = selection.TimeBudget.ToString(),
        };
        foreach (var (k, v) in m.Parameters) parameters[$"trainer.{k}"] = v;
        var metrics = WithIntervals(m.Metrics);
        var tags = BundleTags(bundle);
        store.LogBatch(run.Id, parameters, metrics, tags);
        foreach (var candidate in bundle.Selection?.Candidates ?? [])
        {
            var child = store.StartRun(m.Name, $"candidate {candidate.Trainer}", run.Id);
            var folds = candidate.FoldScores.Select((s, i) => new MetricPoint($"cv_{candidate.Metric}", s, i + 1)).ToList();
            if (candidate.FoldScores.Length > 0) folds.Add(new MetricPoint($"cv_{candidate.Metric}_mean", candidate.Mean));
            store.LogBatch(child.Id, candidate.Parameters, folds, new Dictionary<string, string>
            {
                ["status"] = candidate.Status.ToString().ToLowerInvariant(),
                ["chosen"] = (candidate.Trainer == bundle.Selection!.Best.Trainer).ToString().ToLowerInvariant(),
                ["seconds"] = candidate.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                ["note"] = candidate.Note ?? "",
            });
            store.EndRun(child.Id, candidate.Status == CandidateStatus.Failed ? RunStatus.Failed : RunStatus.Finished);
        }
        store.PutArtifact(run.Id, "model.keel", File.ReadAllBytes(bundlePath));
        store.PutArtifact(run.Id, "report.html", File.ReadAllBytes(reportPath));
        store.EndRun(run.Id);
        return run;
    }
    /// <summary>Records an AutoML run: one run with the chosen model, one child run per leaderboard entry.</summary>
    public static Run LogAutoMl(IKeelStore store, ModelBundle bundle, Keel.Tuning.AutoMl.AutoMlOutcome outcome, Keel.Tuning.AutoMl.AutoMlOptions options, string bundlePath, string reportPath)
    {
        var m = bundle.Manifest;
        var run = store.StartRun(m.Name, "automl");
        var parameters = new Dictionary<string, string>
        {
            ["label"] = m.Label,
            ["task"] = m.Task.ToString().ToLowerInvariant(),
            ["trainer"] = m.Trainer,
            ["seed"] = m.Seed.ToString(CultureInfo.InvariantCulture),
            ["folds"] = options.Folds.ToString(CultureInfo.InvariantCulture),
            ["time_budget"] = options.TimeBudget.ToString(),
            ["ensemble_option"] = options.Ensemble,
            ["chosen"] = outcome.Chosen.Name,
        };
        foreach (var (k, v) in m.Parameters) parameters[$"automl.{k}"] = v;
        var metrics = WithIntervals(m.Metrics);
        metrics.Add(new MetricPoint($"oof_{outcome.Metric}", outcome.Chosen.OutOfFold));
        store.LogBatch(run.Id, parameters, metrics, BundleTags(bundle));
        foreach (var entry in outcome.Leaderboard)
        {
            var child = store.StartRun(m.Name, $"{entry.Kind} {entry.Name}", run.Id);
            store.LogBatch(child.Id, entry.Parameters,
                [new MetricPoint($"oof_{outcome.Metric}", entry.OutOfFold), new MetricPoint($"heldout_{outcome.Metric}", entry.HeldOut)],
                new Dictionary<string, string> { ["chosen"] = entry.Chosen.ToString().ToLowerInvariant(), ["trainer"] = entry.Trainer });
            store.EndRun(child.Id);
        }
        store.PutArtifact(run.Id, "model.keel", File.ReadAllBytes(bundlePath));
        store.PutArtifact(run.Id, "report.html", File.ReadAllBytes(reportPath));
        store.EndRun(run.Id);
        return run;
    }

    /// <summary>Records a tuning: one run with the study's settings, the best parameters, each complete trial's score by trial number, and the held-out metrics.</summary>
    public static Run LogTuning(IKeelStore store, TuningOutcome outcome, ModelBundle bundle, TrainerTuningOptions options, string bundlePath, string reportPath)
    {
        var m = bundle.Manifest;
        var run = store.StartRun(m.Name, $"tune {options.Trainer}");
        var trials = outcome.Study.Trials;
        var parameters = new Dictionary<string, string>
        {
            ["study"] = outcome.Study.Name,
            ["trainer"] = options.Trainer,
            ["label"] = m.Label,
            ["task"] = m.Task.ToString().ToLowerInvariant(),
            ["metric"] = outcome.Metric,
            ["sampler"] = options.Sampler,
            ["pruner"] = options.Pruner,
            ["folds"] = options.Folds.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_fraction"] = options.TestFraction.ToString(CultureInfo.InvariantCulture),
            ["workers"] = options.Optimize.Workers.ToString(CultureInfo.InvariantCulture),
            ["trials"] = trials.Count.ToString(CultureInfo.InvariantCulture),
            ["best_trial"] = outcome.Best.Number.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in outcome.Best.Params) parameters[$"best.{k}"] = v.ToString();
        var metrics = new List<MetricPoint> { new($"cv_{outcome.Metric}_best", outcome.Best.Value!.Value) };
        foreach (var t in trials.Where(t => t.State == TrialState.Complete)) metrics.Add(new MetricPoint($"cv_{outcome.Metric}", t.Value!.Value, t.Number));
        metrics.AddRange(WithIntervals(m.Metrics));
        if (outcome.DefaultsHeldOut?.Metrics.FirstOrDefault(x => x.Name == outcome.Metric) is { } defaults)
            metrics.Add(new MetricPoint($"defaults.{outcome.Metric}", defaults.Value));
        foreach (var p in outcome.Importance.Parameters) metrics.Add(new MetricPoint($"importance.{p.Name}", p.Importance));
        store.LogBatch(run.Id, parameters, metrics, new Dictionary<string, string>(BundleTags(bundle))
        {
            ["trials.complete"] = trials.Count(t => t.State == TrialState.Complete).ToString(CultureInfo.InvariantCulture),
            ["trials.pruned"] = trials.Count(t => t.State == TrialState.Pruned).ToString(CultureInfo.InvariantCulture),
            ["trials.failed"] = trials.Count(t => t.State == TrialState.Failed).ToString(CultureInfo.InvariantCulture),
        });
        store.PutArtifact(run.Id, "model.keel", File.ReadAllBytes(bundlePath));
        store.PutArtifact(run.Id, "report.html", File.ReadAllBytes(reportPath));
        store.EndRun(run.Id);
        return run;
    }

    /// <summary>Each metric's value, and its interval's bounds as "NAME.ci_lower" and "NAME.ci_upper" where it has one.</summary>
    private static List<MetricPoint> WithIntervals(IEnumerable<Keel.Learn.Evaluation.MetricValue> values)
    {
        var metrics = new List<MetricPoint>();
        foreach (var metric in values)
        {
            metrics.Add(new MetricPoint(metric.Name, metric.Value));
            if (metric.Lower is { } lo) metrics.Add(new MetricPoint($"{metric.Name}.ci_lower", lo));
            if (metric.Upper is { } hi) metrics.Add(new MetricPoint($"{metric.Name}.ci_upper", hi));
        }
        return metrics;
    }

    /// <summary>Where a run's model came from: the data's source and fingerprint, the bundle's SHA-256, Keel's version.</summary>
    private static Dictionary<string, string> BundleTags(ModelBundle bundle) => new()
    {
        ["data.source"] = bundle.Manifest.TrainingData.Source,
        ["data.fingerprint"] = bundle.Manifest.TrainingData.Fingerprint,
        ["bundle.sha256"] = bundle.FileSha256 ?? "",
        ["keel.version"] = bundle.Manifest.KeelVersion,
    };
}
